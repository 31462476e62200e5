package dev.sluice.structured;

import static dev.sluice.structured.Functions.col;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.sluice.io.memory.MemoryStream;
import dev.sluice.io.schema.DdlSchema;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/**
 * A query's life: rounds of {@code addData} / {@code processAllAvailable}, progress numbers, the
 * triggers, {@code awaitTermination(timeout)} and {@code stop()}, on both runners.
 */
@RunWith(Parameterized.class)
public class QueryLifecycleTest {
  @Parameterized.Parameters(name = "{0}")
  public static List<Object[]> runners() {
    return Arrays.asList(new Object[][] {{"MicroBatchRunner"}, {"DirectRunner"}});
  }

  private final String runner;

  public QueryLifecycleTest(String runner) {
    this.runner = runner;
  }

  private StreamingSession session() {
    StreamingSession session = StreamingSession.builder().getOrCreate();
    session.conf().set("sluice.runner", runner);
    return session;
  }

  private static List<String> values(DataFrame frame) {
    return frame.collectAsList().stream()
        .map(r -> r.getValues().toString())
        .sorted()
        .collect(Collectors.toList());
  }

  @Test
  public void roundsOfDataProgressAndStop() {
    StreamingSession session = session();
    MemoryStream in = MemoryStream.of(DdlSchema.parse("v STRING"));
    String table = "lifecycle_" + System.nanoTime();
    StreamingQuery q =
        session
            .readStream()
            .memory(in)
            .groupBy("v")
            .count()
            .writeStream()
            .format("memory")
            .queryName(table)
            .outputMode("update")
            .trigger(Trigger.ProcessingTime("100 milliseconds"))
            .start();
    assertThat(q.isActive(), equalTo(true));
    assertThat(q.name(), equalTo(table));
    assertThat(List.of(session.streams().active()), hasItem(q));
    assertThat(session.streams().get(q.id()), equalTo(q));

    in.addValues("a", "b", "a");
    q.processAllAvailable();
    assertThat(values(session.table(table)), equalTo(List.of("[a, 2]", "[b, 1]")));
    in.addValues("b");
    q.processAllAvailable();
    assertThat(values(session.table(table)), equalTo(List.of("[a, 2]", "[b, 1]", "[b, 2]")));
    q.processAllAvailable(); // nothing new: returns once the source has looked again
    assertThat(q.recentProgress().size(), equalTo(2));

    StreamingQueryProgress first = q.recentProgress().get(0);
    StreamingQueryProgress last = q.lastProgress();
    assertThat(first.batchId(), equalTo(0L));
    assertThat(first.numInputRows(), equalTo(3L));
    assertThat(first.sources().get(0).numInputRows(), equalTo(3L));
    assertThat(first.sources().get(0).endOffset(), equalTo("0"));
    assertThat(first.sink().numOutputRows(), equalTo(2L));
    assertThat(last.batchId(), equalTo(1L));
    assertThat(last.numInputRows(), equalTo(1L));
    // Spark names a MemoryStream by its attributes with their ids: MemoryStream[value#1]
    assertThat(last.sources().get(0).description(), startsWith("MemoryStream[v#"));
    assertThat(last.sources().get(0).startOffset(), equalTo("0"));
    assertThat(last.sources().get(0).endOffset(), equalTo("1"));
    assertThat(last.stateOperators().get(0).numRowsTotal(), equalTo(2L));
    assertThat(last.stateOperators().get(0).numRowsUpdated(), equalTo(1L));
    assertThat(last.id(), equalTo(q.id().toString()));
    assertThat(last.name(), equalTo(table));

    assertThat(q.awaitTermination(50), equalTo(false)); // still running
    assertThat(q.status().message(), equalTo("Waiting for data to arrive"));
    assertThat(q.status().isTriggerActive(), equalTo(false));
    q.stop();
    assertThat(q.isActive(), equalTo(false));
    assertThat(q.awaitTermination(0), equalTo(true));
    q.awaitTermination();
    assertThat(q.exception().isPresent(), equalTo(false));
    assertThat(List.of(session.streams().active()), not(hasItem(q)));
    assertThat(q.status().message(), equalTo("Stopped"));
    q.stop(); // stopping twice is harmless
  }

  @Test
  public void onceRunsOneBatchOfWhatIsThereAndEnds() {
    StreamingSession session = session();
    MemoryStream in = MemoryStream.of(DdlSchema.parse("v STRING"));
    in.addValues("x", "y");
    in.addValues("z");
    String table = "once_" + System.nanoTime();
    StreamingQuery q =
        session
            .readStream()
            .memory(in)
            .filter(col("v").notEqual("y"))
            .writeStream()
            .format("memory")
            .queryName(table)
            .trigger(Trigger.Once())
            .start();
    assertThat(q.awaitTermination(HangGuard.MILLIS), equalTo(true));
    assertThat(q.exception().isPresent(), equalTo(false));
    assertThat(values(session.table(table)), equalTo(List.of("[x]", "[z]")));
    assertThat(q.recentProgress().size(), equalTo(1));
    assertThat(q.lastProgress().numInputRows(), equalTo(3L));
    assertThat(q.lastProgress().sources().get(0).endOffset(), equalTo("1"));
    // a stopped query's processAllAvailable returns at once
    q.processAllAvailable();
  }

  @Test
  public void stopWithoutDataEndsTheQuery() {
    StreamingSession session = session();
    MemoryStream in = MemoryStream.of(DdlSchema.parse("v STRING"));
    StreamingQuery q = session.readStream().memory(in).writeStream().format("noop").start();
    q.processAllAvailable();
    assertThat(q.lastProgress(), equalTo(null)); // no batch has run
    q.stop();
    assertThat(q.isActive(), equalTo(false));
    assertThat(q.exception().isPresent(), equalTo(false));
  }
}
