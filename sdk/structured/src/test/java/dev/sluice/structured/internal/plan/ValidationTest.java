package dev.sluice.structured.internal.plan;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.window;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.schema.DdlSchema;
import dev.sluice.structured.AnalysisException;
import dev.sluice.structured.DataFrame;
import dev.sluice.structured.DataStreamWriter;
import dev.sluice.structured.Functions;
import dev.sluice.structured.HangGuard;
import dev.sluice.structured.StreamingQuery;
import dev.sluice.structured.StreamingSession;
import dev.sluice.structured.TestSources;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.junit.Test;

/** What Spark refuses at start(), refused with Spark's reasons before any pipeline runs. */
public class ValidationTest {
  private static final Schema SCHEMA = DdlSchema.parse("action STRING, ts TIMESTAMP");

  private DataFrame stream() {
    return TestSources.scripted(StreamingSession.builder().getOrCreate(), SCHEMA, List.of());
  }

  private static String failure(DataStreamWriter writer) {
    return assertThrows(AnalysisException.class, writer::start).getMessage();
  }

  @Test
  public void completeModeNeedsAnAggregation() {
    assertThat(
        failure(stream().writeStream().outputMode("complete").format("noop")),
        containsString(
            "Complete output mode not supported when there are no streaming aggregations"));
  }

  @Test
  public void appendModeOnAnAggregationNeedsAWatermark() {
    assertThat(
        failure(stream().groupBy(col("action")).count().writeStream().format("noop")),
        containsString("Append output mode not supported when there are streaming aggregations"));
  }

  @Test
  public void appendModeWorksWithAWatermarkedWindow() {
    StreamingQuery q =
        stream()
            .withWatermark("ts", "1 minute")
            .groupBy(window(col("ts"), "10 minutes"))
            .count()
            .writeStream()
            .format("noop")
            .start();
    q.awaitTermination(HangGuard.MILLIS);
  }

  @Test
  public void sortingNeedsAnAggregationInCompleteMode() {
    assertThat(
        failure(stream().orderBy(col("action")).writeStream().format("noop")),
        containsString("Sorting is not supported on streaming DataFrames/Datasets"));
    assertThat(
        failure(
            stream()
                .groupBy(col("action"))
                .count()
                .orderBy(col("count").desc())
                .writeStream()
                .outputMode("update")
                .format("noop")),
        containsString("unless it is on aggregated DataFrame/Dataset in Complete output mode"));
  }

  @Test
  public void limitIsRefusedInUpdateMode() {
    assertThat(
        failure(
            stream()
                .groupBy(col("action"))
                .count()
                .limit(3)
                .writeStream()
                .outputMode("update")
                .format("noop")),
        containsString(
            "Limits are not supported on streaming DataFrames/Datasets in Update output mode"));
  }

  @Test
  public void twoAggregationsAreRefusedOutsideCompleteMode() {
    assertThat(
        failure(
            stream()
                .groupBy(col("action"))
                .count()
                .groupBy(col("count"))
                .agg(Functions.count("*").as("n"))
                .writeStream()
                .outputMode("update")
                .format("noop")),
        containsString("Multiple streaming aggregations are not supported"));
  }

  @Test
  public void staticFramesCannotBeWrittenAsStreams() {
    DataFrame fixed = StreamingSession.builder().getOrCreate().createDataFrame(List.of(), SCHEMA);
    assertThat(
        assertThrows(AnalysisException.class, fixed::writeStream).getMessage(),
        containsString("'writeStream' can be called only on streaming Dataset/DataFrame"));
    assertThat(
        assertThrows(AnalysisException.class, () -> stream().collectAsList()).getMessage(),
        containsString("Queries with streaming sources must be executed with writeStream.start()"));
  }

  @Test
  public void watermarkNeedsATimestampColumn() {
    assertThat(
        assertThrows(AnalysisException.class, () -> stream().withWatermark("action", "1 minute"))
            .getMessage(),
        containsString("Event time must be defined on a window or a timestamp"));
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> stream().withWatermark("ts", "soon"))
            .getMessage(),
        containsString("The provided interval (soon) is not a valid interval string"));
  }
}
