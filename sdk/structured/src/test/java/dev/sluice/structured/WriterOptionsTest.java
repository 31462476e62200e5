package dev.sluice.structured;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.testing.StreamTest.row;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.sluice.io.memory.MemoryStream;
import dev.sluice.io.schema.DdlSchema;
import dev.sluice.structured.testing.StreamTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Writer settings beyond the basics: a streaming limit, the session-wide checkpoint root, a restart
 * that keeps the query id, the console sink's default layout, and the remaining triggers.
 */
public class WriterOptionsTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();
  private StreamingSession session;

  @Before
  public void setUp() {
    session = StreamingSession.builder().getOrCreate();
    session.conf().set("sluice.runner", "MicroBatchRunner");
  }

  @Test
  public void limitInAppendModeCountsRowsAcrossBatches() {
    // Spark: a streaming limit in append mode outputs the first n rows over the whole stream.
    MemoryStream in = MemoryStream.of(DdlSchema.parse("v STRING"));
    DataFrame firstThree = session.readStream().memory(in).limit(3);
    StreamTest.of(firstThree, OutputMode.Append())
        .addData(in, row("a"), row("b"))
        .checkNewAnswer(row("a"), row("b"))
        .addData(in, row("c"), row("d"))
        .checkNewAnswer(row("c"))
        .addData(in, row("e"))
        .checkNewAnswer()
        .stop();
  }

  @Test
  public void droppedAndRenamedColumnsOnAStream() {
    MemoryStream in = MemoryStream.of(DdlSchema.parse("a STRING, b INT, c STRING"));
    DataFrame df = session.readStream().memory(in).drop("c", "nope").withColumnRenamed("b", "n");
    assertThat(List.of(df.columns()), equalTo(List.of("a", "n")));
    StreamTest.of(df, OutputMode.Append())
        .addData(in, row("x", 1, "gone"))
        .checkAnswer(row("x", 1))
        .stop();
  }

  @Test
  public void sessionCheckpointRootAndRestartKeepTheQueryId() throws Exception {
    Path root = tmp.newFolder("checkpoints").toPath();
    session.conf().set("spark.sql.streaming.checkpointLocation", root.toString());
    try {
      Path out = tmp.newFolder("out").toPath();
      MemoryStream in = MemoryStream.of(DdlSchema.parse("v STRING"));
      String name = "restartable_" + System.nanoTime();
      // no checkpointLocation option: the file sink accepts the session's root
      StreamingQuery first =
          session
              .readStream()
              .memory(in)
              .writeStream()
              .format("json")
              .queryName(name)
              .start(out.toString());
      in.addValues("a");
      first.processAllAvailable();
      first.stop();
      assertThat(Files.isDirectory(root.resolve(name)), equalTo(true));
      StreamingQuery second =
          session
              .readStream()
              .memory(in)
              .writeStream()
              .format("json")
              .queryName(name)
              .start(out.toString());
      try {
        assertThat(second.id(), equalTo(first.id()));
        assertThat(second.runId(), not(equalTo(first.runId())));
      } finally {
        second.stop();
      }
    } finally {
      session.conf().unset("spark.sql.streaming.checkpointLocation");
    }
  }

  @Test
  public void consoleSinkDefaultLayoutTruncatesAndRightAligns() {
    MemoryStream in = MemoryStream.of(DdlSchema.parse("text STRING, n INT"));
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    StreamingQuery q =
        session
            .readStream()
            .memory(in)
            .writeStream()
            .format("console")
            .option("numRows", 1)
            .printTo(new PrintStream(captured, true, StandardCharsets.UTF_8))
            .start();
    try {
      in.addData(
          List.of(
              org.apache.beam.sdk.values.Row.withSchema(in.schema())
                  .addValues("a rather long line of text", 7)
                  .build(),
              org.apache.beam.sdk.values.Row.withSchema(in.schema()).addValues("x", 8).build()));
      q.processAllAvailable();
    } finally {
      q.stop();
    }
    assertThat(
        captured.toString(StandardCharsets.UTF_8),
        equalTo(
            "-------------------------------------------\n"
                + "Batch: 0\n"
                + "-------------------------------------------\n"
                + "+--------------------+---+\n"
                + "|                text|  n|\n"
                + "+--------------------+---+\n"
                + "|a rather long lin...|  7|\n"
                + "+--------------------+---+\n"
                + "only showing top 1 row\n"
                + "\n"));
  }

  @Test
  public void availableNowTakesWhatIsThereAndContinuousRunsLikeMicroBatches() {
    MemoryStream in = MemoryStream.of(DdlSchema.parse("v STRING"));
    in.addValues("a");
    in.addValues("b");
    String table = "available_now_" + System.nanoTime();
    StreamingQuery q =
        session
            .readStream()
            .memory(in)
            .writeStream()
            .format("memory")
            .queryName(table)
            .trigger(Trigger.AvailableNow())
            .start();
    assertThat(q.awaitTermination(HangGuard.MILLIS), equalTo(true));
    assertThat(values(session.table(table)), equalTo(List.of("[a]", "[b]")));

    MemoryStream in2 = MemoryStream.of(DdlSchema.parse("v STRING"));
    String table2 = "continuous_" + System.nanoTime();
    StreamingQuery c =
        session
            .readStream()
            .memory(in2)
            .filter(col("v").notEqual("skip"))
            .writeStream()
            .format("memory")
            .queryName(table2)
            .trigger(Trigger.Continuous("1 second"))
            .start();
    try {
      in2.addValues("x", "skip");
      c.processAllAvailable();
      assertThat(values(session.table(table2)), equalTo(List.of("[x]")));
    } finally {
      c.stop();
    }
  }

  @Test
  public void awaitAnyTerminationReturnsWhenAQueryEnds() {
    session.streams().resetTerminated();
    MemoryStream in = MemoryStream.of(DdlSchema.parse("v STRING"));
    in.addValues("a");
    StreamingQuery q =
        session
            .readStream()
            .memory(in)
            .writeStream()
            .format("noop")
            .trigger(Trigger.Once())
            .start();
    assertThat(session.streams().awaitAnyTermination(HangGuard.MILLIS), equalTo(true));
    q.awaitTermination();
    assertThat(q.explain(), containsString("MemoryStream"));
  }

  private static List<String> values(DataFrame frame) {
    return frame.collectAsList().stream()
        .map(r -> r.getValues().toString())
        .sorted()
        .collect(Collectors.toList());
  }
}
