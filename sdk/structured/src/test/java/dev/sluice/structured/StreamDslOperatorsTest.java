package dev.sluice.structured;

import static dev.sluice.structured.Functions.avg;
import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.count;
import static dev.sluice.structured.Functions.countDistinct;
import static dev.sluice.structured.Functions.explode;
import static dev.sluice.structured.Functions.lit;
import static dev.sluice.structured.Functions.max;
import static dev.sluice.structured.Functions.min;
import static dev.sluice.structured.Functions.split;
import static dev.sluice.structured.Functions.sum;
import static dev.sluice.structured.Functions.upper;
import static dev.sluice.structured.testing.StreamTest.row;

import dev.sluice.io.memory.MemoryStream;
import dev.sluice.io.schema.DdlSchema;
import dev.sluice.structured.testing.StreamTest;
import java.util.Arrays;
import java.util.List;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/**
 * Stateless operators and keyed aggregations driven by {@link MemoryStream} through the Spark-style
 * {@link StreamTest} DSL, batch by batch as Spark outputs them.
 */
@RunWith(Parameterized.class)
public class StreamDslOperatorsTest {
  @Parameterized.Parameters(name = "{0}")
  public static List<Object[]> runners() {
    return Arrays.asList(new Object[][] {{"MicroBatchRunner"}, {"DirectRunner"}});
  }

  private final String runner;
  private StreamingSession session;

  public StreamDslOperatorsTest(String runner) {
    this.runner = runner;
  }

  @Before
  public void setUp() {
    session = StreamingSession.builder().getOrCreate();
    session.conf().set("sluice.runner", runner);
  }

  private MemoryStream stream(String ddl) {
    return MemoryStream.of(DdlSchema.parse(ddl));
  }

  @Test
  public void selectFilterAndWithColumnOutputEachBatchsNewRows() {
    MemoryStream in = stream("name STRING, n INT");
    DataFrame df =
        session
            .readStream()
            .memory(in)
            .filter(col("n").gt(1))
            .withColumn("twice", col("n").multiply(2))
            .select(upper(col("name")).as("NAME"), col("twice"));
    StreamTest.of(df, OutputMode.Append())
        .addData(in, row("a", 1), row("b", 2))
        .checkNewAnswer(row("B", 4))
        .addData(in, row("c", 3), row("d", 0))
        .checkNewAnswer(row("C", 6))
        .checkAnswer(row("B", 4), row("C", 6))
        .stop();
  }

  @Test
  public void selectExprAndSqlFilterStrings() {
    MemoryStream in = stream("action STRING, n INT");
    DataFrame df =
        session
            .readStream()
            .memory(in)
            .where("action = 'open' AND n >= 2")
            .selectExpr("upper(action) AS a", "n + 1 AS m");
    StreamTest.of(df, OutputMode.Append())
        .addData(in, row("open", 1), row("open", 2), row("close", 5))
        .checkNewAnswer(row("OPEN", 3))
        .stop();
  }

  @Test
  public void explodeSplitsLinesIntoWords() {
    MemoryStream in = stream("value STRING");
    DataFrame words =
        session.readStream().memory(in).select(explode(split(col("value"), " ")).as("word"));
    StreamTest.of(words, OutputMode.Append())
        .addData(in, row("a b"), row("c"))
        .checkNewAnswer(row("a"), row("b"), row("c"))
        .addData(in, row("d d"))
        .checkNewAnswer(row("d"), row("d"))
        .stop();
  }

  @Test
  public void wordCountInCompleteAndUpdateMode() {
    MemoryStream in = stream("value STRING");
    DataFrame counts =
        session
            .readStream()
            .memory(in)
            .select(explode(split(col("value"), " ")).as("word"))
            .groupBy("word")
            .count();
    StreamTest.of(counts, OutputMode.Complete())
        .addData(in, row("a b a"))
        .checkAnswer(row("a", 2L), row("b", 1L))
        .addData(in, row("b c"))
        .checkAnswer(row("a", 2L), row("b", 2L), row("c", 1L))
        .stop();
    MemoryStream in2 = stream("value STRING");
    DataFrame counts2 =
        session
            .readStream()
            .memory(in2)
            .select(explode(split(col("value"), " ")).as("word"))
            .groupBy("word")
            .count();
    StreamTest.of(counts2, OutputMode.Update())
        .addData(in2, row("a b a"))
        .checkNewAnswer(row("a", 2L), row("b", 1L))
        .addData(in2, row("b c"))
        .checkNewAnswer(row("b", 2L), row("c", 1L)) // a did not change: not output
        .stop();
  }

  @Test
  public void groupByAggWithEveryAggregateFunction() {
    MemoryStream in = stream("k STRING, v INT, tag STRING");
    DataFrame agg =
        session
            .readStream()
            .memory(in)
            .groupBy("k")
            .agg(
                count(lit(1)).as("n"),
                sum(col("v")).as("total"),
                avg(col("v")).as("mean"),
                min(col("v")).as("lo"),
                max(col("v")).as("hi"),
                countDistinct(col("tag")).as("tags"));
    StreamTest.of(agg, OutputMode.Complete())
        .addData(in, row("x", 1, "p"), row("x", 3, "p"), row("y", 10, "q"))
        .checkAnswer(row("x", 2L, 4L, 2.0, 1, 3, 1L), row("y", 1L, 10L, 10.0, 10, 10, 1L))
        .addData(in, row("x", 8, "r"))
        .checkAnswer(row("x", 3L, 12L, 4.0, 1, 8, 2L), row("y", 1L, 10L, 10.0, 10, 10, 1L))
        .checkBatchCount(2)
        .stop();
  }

  @Test
  public void unionOfTwoStreams() {
    MemoryStream a = stream("v STRING");
    MemoryStream b = stream("w STRING");
    DataFrame both = session.readStream().memory(a).union(session.readStream().memory(b));
    StreamTest.of(both, OutputMode.Append())
        .addData(a, row("a1"))
        .addData(b, row("b1"), row("b2"))
        .checkNewAnswer(row("a1"), row("b1"), row("b2"))
        .addData(a, row("a2"))
        .addData(b, row("b3"))
        .checkNewAnswer(row("a2"), row("b3"))
        .stop();
  }

  @Test
  public void unionWhereOnlyOneStreamGetsNewData() {
    MemoryStream a = stream("v STRING");
    MemoryStream b = stream("w STRING");
    DataFrame both = session.readStream().memory(a).union(session.readStream().memory(b));
    StreamTest.of(both, OutputMode.Append())
        .addData(a, row("a1"))
        .addData(b, row("b1"))
        .checkNewAnswer(row("a1"), row("b1"))
        .addData(b, row("b2"))
        .checkNewAnswer(row("b2"))
        .stop();
  }

  @Test
  public void unionFeedsAnAggregation() {
    MemoryStream a = stream("v STRING");
    MemoryStream b = stream("v STRING");
    DataFrame counts =
        session.readStream().memory(a).union(session.readStream().memory(b)).groupBy("v").count();
    StreamTest.of(counts, OutputMode.Complete())
        .addData(a, row("x"))
        .addData(b, row("x"), row("y"))
        .checkAnswer(row("x", 2L), row("y", 1L))
        .stop();
  }
}
