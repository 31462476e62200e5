package dev.sluice.structured;

import static dev.sluice.structured.Functions.avg;
import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.count;
import static dev.sluice.structured.Functions.cume_dist;
import static dev.sluice.structured.Functions.dense_rank;
import static dev.sluice.structured.Functions.first;
import static dev.sluice.structured.Functions.lag;
import static dev.sluice.structured.Functions.lead;
import static dev.sluice.structured.Functions.max;
import static dev.sluice.structured.Functions.min;
import static dev.sluice.structured.Functions.ntile;
import static dev.sluice.structured.Functions.percent_rank;
import static dev.sluice.structured.Functions.rank;
import static dev.sluice.structured.Functions.row_number;
import static dev.sluice.structured.Functions.sum;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.memory.MemoryStream;
import dev.sluice.io.schema.DdlSchema;
import dev.sluice.structured.types.DataTypes;
import dev.sluice.structured.types.StructType;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.Test;

/** Window functions over static frames, with Spark's frames and errors; refused on streams. */
public class WindowFunctionsTest {
  private final StreamingSession session = StreamingSession.builder().getOrCreate();

  /** Scores per player; ties at 20 for b. */
  private DataFrame scores() {
    return session.createDataFrame(
        List.of(
            RowFactory.create("a", 1, 10L),
            RowFactory.create("a", 2, 30L),
            RowFactory.create("a", 3, 20L),
            RowFactory.create("b", 1, 20L),
            RowFactory.create("b", 2, 20L),
            RowFactory.create("b", 3, 5L),
            RowFactory.create("c", 1, null)),
        new StructType()
            .add("player", DataTypes.StringType)
            .add("round", DataTypes.IntegerType)
            .add("score", DataTypes.LongType));
  }

  private static List<String> values(DataFrame df) {
    return df.collectAsList().stream()
        .map(r -> r.getValues().toString())
        .collect(Collectors.toList());
  }

  @Test
  public void rankingFunctions() {
    WindowSpec w = Window.partitionBy("player").orderBy(col("score").desc());
    DataFrame ranked =
        scores()
            .select(
                col("player"),
                col("score"),
                row_number().over(w).as("rn"),
                rank().over(w).as("rank"),
                dense_rank().over(w).as("dense"),
                percent_rank().over(w).as("pct"),
                cume_dist().over(w).as("cume"),
                ntile(2).over(w).as("half"));
    assertThat(
        values(ranked),
        equalTo(
            List.of(
                "[a, 30, 1, 1, 1, 0.0, 0.3333333333333333, 1]",
                "[a, 20, 2, 2, 2, 0.5, 0.6666666666666666, 1]",
                "[a, 10, 3, 3, 3, 1.0, 1.0, 2]",
                "[b, 20, 1, 1, 1, 0.0, 0.6666666666666666, 1]",
                "[b, 20, 2, 1, 1, 0.0, 0.6666666666666666, 1]",
                "[b, 5, 3, 3, 2, 1.0, 1.0, 2]",
                "[c, null, 1, 1, 1, 0.0, 1.0, 1]")));
    assertThat(
        ranked.schema().simpleString(),
        equalTo(
            "struct<player:string,score:bigint,rn:int,rank:int,dense:int,pct:double,cume:double,"
                + "half:int>"));
  }

  @Test
  public void lagAndLeadWithOffsetsAndDefaults() {
    WindowSpec w = Window.partitionBy("player").orderBy("round");
    DataFrame shifted =
        scores()
            .withColumn("prev", lag(col("score"), 1).over(w))
            .withColumn("prev2", lag("score", 2, 0).over(w))
            .withColumn("next", lead(col("score")).over(w))
            .withColumn("back", lead("score", -1).over(w));
    assertThat(
        values(shifted),
        equalTo(
            List.of(
                "[a, 1, 10, null, 0, 30, null]",
                "[a, 2, 30, 10, 0, 20, 10]",
                "[a, 3, 20, 30, 10, null, 30]",
                "[b, 1, 20, null, 0, 20, null]",
                "[b, 2, 20, 20, 0, 5, 20]",
                "[b, 3, 5, 20, 20, null, 20]",
                "[c, 1, null, null, 0, null, null]")));
    // the default takes the value's type: lag("score", 2, 0) is a bigint
    assertThat(shifted.schema().apply("prev2").dataType(), equalTo(DataTypes.LongType));
  }

  @Test
  public void aggregatesOverDefaultAndExplicitFrames() {
    WindowSpec byRound = Window.partitionBy("player").orderBy("round");
    DataFrame running =
        scores()
            .select(
                col("player"),
                col("round"),
                sum("score").over(byRound).as("running"),
                sum("score").over(Window.partitionBy("player")).as("total"),
                avg("score").over(byRound.rowsBetween(-1, Window.currentRow())).as("moving"),
                count("*").over(byRound.rowsBetween(Window.currentRow(), 1)).as("pair"),
                max("score")
                    .over(
                        byRound.rowsBetween(
                            Window.unboundedPreceding(), Window.unboundedFollowing()))
                    .as("best"),
                min("score").over(byRound.rangeBetween(-1, 0)).as("low"),
                first("score").over(byRound).as("first"),
                count("score").over().as("all"));
    assertThat(
        values(running),
        equalTo(
            List.of(
                "[a, 1, 10, 60, 10.0, 2, 30, 10, 10, 6]",
                "[a, 2, 40, 60, 20.0, 2, 30, 10, 10, 6]",
                "[a, 3, 60, 60, 25.0, 1, 30, 20, 10, 6]",
                "[b, 1, 20, 45, 20.0, 2, 20, 20, 20, 6]",
                "[b, 2, 40, 45, 20.0, 2, 20, 20, 20, 6]",
                "[b, 3, 45, 45, 12.5, 1, 20, 5, 20, 6]",
                "[c, 1, null, null, null, 1, null, null, null, 6]")));
  }

  @Test
  public void rangeFrameWithPeersAndDescendingOrder() {
    // RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW includes the current row's peers
    WindowSpec byScore = Window.partitionBy("player").orderBy(col("score").desc());
    assertThat(
        values(scores().filter("player = 'b'").select(col("score"), sum("score").over(byScore))),
        equalTo(List.of("[20, 40]", "[20, 40]", "[5, 45]")));
    // value offsets follow the ordering's direction: 10 "preceding" a descending 20 is 30
    assertThat(
        values(
            scores()
                .filter("player = 'a'")
                .select(
                    col("score"),
                    count("*").over(Window.orderBy(col("score").desc()).rangeBetween(-10, 0)))),
        equalTo(List.of("[30, 1]", "[20, 2]", "[10, 2]")));
  }

  @Test
  public void windowExpressionsInsideOtherExpressionsAndTheirNames() {
    WindowSpec w = Window.partitionBy("player").orderBy("round");
    DataFrame diff = scores().select(col("score").minus(lag(col("score"), 1).over(w)).as("delta"));
    assertThat(
        values(diff),
        equalTo(List.of("[null]", "[20]", "[-10]", "[null]", "[0]", "[-15]", "[null]")));
    assertThat(
        scores().select(row_number().over(w)).columns()[0],
        equalTo(
            "row_number() OVER (PARTITION BY player ORDER BY round ASC NULLS FIRST ROWS BETWEEN"
                + " UNBOUNDED PRECEDING AND CURRENT ROW)"));
  }

  @Test
  public void badWindowsAreRefusedAsSpark() {
    AnalysisException unordered =
        assertThrows(
            AnalysisException.class,
            () -> scores().select(row_number().over(Window.partitionBy("player"))));
    assertThat(unordered.getMessage(), containsString("requires window to be ordered"));
    AnalysisException noOver = assertThrows(AnalysisException.class, () -> scores().select(rank()));
    assertThat(noOver.getMessage(), containsString("requires an OVER clause"));
    AnalysisException notWindowable =
        assertThrows(AnalysisException.class, () -> col("score").over(Window.orderBy("round")));
    assertThat(
        notWindowable.getMessage(), containsString("not supported within a window function"));
    AnalysisException frame =
        assertThrows(
            AnalysisException.class,
            () -> scores().select(row_number().over(Window.orderBy("round").rowsBetween(-1, 1))));
    assertThat(frame.getMessage(), containsString("must match the required frame"));
    assertThrows(AnalysisException.class, () -> Window.orderBy("round").rowsBetween(1, -1));
    AnalysisException range =
        assertThrows(
            AnalysisException.class,
            () ->
                scores()
                    .select(sum("score").over(Window.partitionBy("player").rangeBetween(-1, 1))));
    assertThat(range.getMessage(), containsString("unordered window specification"));
    AnalysisException where =
        assertThrows(
            AnalysisException.class,
            () -> scores().filter(row_number().over(Window.orderBy("round")).equalTo(1)));
    assertThat(where.getMessage(), containsString("can only be used in select(..) or withColumn"));
    assertThrows(AnalysisException.class, () -> ntile(0));
  }

  @Test
  public void streamsRefuseNonTimeWindowsWhenTheQueryStarts() {
    MemoryStream in = MemoryStream.of(DdlSchema.parse("user_id STRING, ts TIMESTAMP"));
    DataFrame numbered =
        session
            .readStream()
            .memory(in)
            .withColumn("n", row_number().over(Window.partitionBy("user_id").orderBy("ts")));
    AnalysisException e =
        assertThrows(
            AnalysisException.class, () -> numbered.writeStream().format("console").start());
    assertThat(
        e.getMessage(),
        startsWith("Non-time-based windows are not supported on streaming DataFrames/Datasets"));
  }

  @Test
  public void aStaticWindowedFrameJoinsAStream() {
    DataFrame best =
        scores()
            .withColumn(
                "r", row_number().over(Window.partitionBy("player").orderBy(col("score").desc())))
            .filter("r = 1")
            .select(col("player").as("p"), col("score").as("best"));
    MemoryStream in = MemoryStream.of(DdlSchema.parse("player STRING, ts TIMESTAMP"));
    DataFrame joined =
        session
            .readStream()
            .memory(in)
            .join(best, col("player").equalTo(col("p")))
            .select("player", "best");
    dev.sluice.structured.testing.StreamTest.of(joined, OutputMode.Append())
        .addData(
            in,
            dev.sluice.structured.testing.StreamTest.row("b", StreamDslWindowsTest.ts("10:00")),
            dev.sluice.structured.testing.StreamTest.row("a", StreamDslWindowsTest.ts("10:01")))
        .checkNewAnswer(
            dev.sluice.structured.testing.StreamTest.row("b", 20L),
            dev.sluice.structured.testing.StreamTest.row("a", 30L))
        .stop();
  }
}
