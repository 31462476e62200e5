package dev.sluice.examples.support;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.sluice.examples.Run;
import dev.sluice.io.memory.MemoryStream;
import dev.sluice.io.schema.DdlSchema;
import dev.sluice.structured.StreamingQuery;
import dev.sluice.structured.StreamingSession;
import dev.sluice.structured.Trigger;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** {@link ConsoleOutput}: a query's console sink prints to the stream given, not System.out. */
@RunWith(JUnit4.class)
public class ConsoleOutputTest {
  @Test
  public void printsTheBatchesToTheStreamGiven() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    MemoryStream input = MemoryStream.of(DdlSchema.parse("word STRING"));
    input.addValues("hello");
    StreamingSession spark = StreamingSession.builder().getOrCreate();
    try (ConsoleOutput console =
        ConsoleOutput.to(new PrintStream(captured, true, StandardCharsets.UTF_8))) {
      StreamingQuery query =
          console
              .writeStream(spark.readStream().memory(input))
              .trigger(Trigger.AvailableNow())
              .start();
      assertThat(query.awaitTermination(Run.HANG_GUARD_MILLIS), equalTo(true));
    }
    assertThat(
        captured.toString(StandardCharsets.UTF_8),
        equalTo(
            "-------------------------------------------\n"
                + "Batch: 0\n"
                + "-------------------------------------------\n"
                + "+-----+\n"
                + "| word|\n"
                + "+-----+\n"
                + "|hello|\n"
                + "+-----+\n\n"));
  }
}
