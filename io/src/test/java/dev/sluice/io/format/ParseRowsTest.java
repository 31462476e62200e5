package dev.sluice.io.format;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.schema.DdlSchema;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline.PipelineExecutionException;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Reify;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link ParseRows}, on Beam's DirectRunner. */
@RunWith(JUnit4.class)
public class ParseRowsTest {
  private static final Schema MOBILE = DdlSchema.parse("id STRING, action STRING, ts TIMESTAMP");

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static List<TextLine> mobileLines() throws Exception {
    List<TextLine> lines = new ArrayList<>();
    for (String file : List.of("file1.json", "file2.json", "file3.json", "newaction.json")) {
      List<String> text =
          Files.readAllLines(Paths.get(ParseRowsTest.class.getResource("/mobile/" + file).toURI()));
      for (int i = 0; i < text.size(); i++) {
        lines.add(TextLine.of(file, i + 1, text.get(i)));
      }
    }
    return lines;
  }

  private static Row event(String id, String action, String ts) {
    return Row.withSchema(MOBILE).addValues(id, action, Instant.parse(ts + "Z")).build();
  }

  @Test
  public void theMobileFilesBecomeRowsOfTheSchema() throws Exception {
    PCollection<Row> rows = p.apply(Create.of(mobileLines())).apply(ParseRows.json(MOBILE));
    assertThat(rows.getSchema(), is(MOBILE));
    PAssert.that(rows.apply(Count.globally())).containsInAnyOrder(10L);
    PAssert.that(rows)
        .satisfies(
            all -> {
              List<Row> list = new ArrayList<>();
              all.forEach(list::add);
              assertThat(list.contains(event("phone1", "open", "2018-03-02T10:02:33")), is(true));
              assertThat(list.contains(event("phone5", "swipe", "2018-03-02T11:17:29")), is(true));
              return null;
            });
    p.run();
  }

  @Test
  public void rowsKeepTheirLinesTimestamps() {
    PCollection<String> stamped =
        p.apply(
                Create.timestamped(
                    TimestampedValue.of(
                        TextLine.of("a.json", 1, "{\"id\":\"x\"}"), new Instant(1000)),
                    TimestampedValue.of(
                        TextLine.of("a.json", 2, "{\"id\":\"y\"}"), new Instant(2000))))
            .apply(ParseRows.json(MOBILE))
            .apply(Reify.timestamps())
            .apply(
                MapElements.into(TypeDescriptors.strings())
                    .via(t -> t.getValue().getString("id") + "@" + t.getTimestamp().getMillis()));
    PAssert.that(stamped).containsInAnyOrder("x@1000", "y@2000");
    p.run();
  }

  @Test
  public void droppedRecordsAreCountedInTheMalformedRecordsMetric() {
    PCollection<Row> rows =
        p.apply(
                Create.of(
                    TextLine.of("a.json", 1, "{\"id\":\"ok\"}"),
                    TextLine.of("a.json", 2, "{\"id\":"),
                    TextLine.of("a.json", 3, "{\"ts\":\"not a time\"}")))
            .apply(ParseRows.json(MOBILE).withMode(ParseMode.DROPMALFORMED));
    PAssert.that(rows)
        .containsInAnyOrder(Row.withSchema(MOBILE).addValues("ok", null, null).build());
    PipelineResult result = p.run();
    result.waitUntilFinish();
    MetricQueryResults metrics =
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(
                        MetricNameFilter.named(ParseRows.class, ParseRows.MALFORMED_RECORDS))
                    .build());
    long total = 0;
    for (MetricResult<Long> counter : metrics.getCounters()) {
      total += counter.getAttempted();
    }
    assertThat(total, is(2L));
  }

  @Test
  public void failFastStopsThePipelineNamingFileAndLine() {
    p.apply(
            Create.of(
                TextLine.of("in/events.json", 1, "{\"id\":\"ok\"}"),
                TextLine.of("in/events.json", 2, "{\"id\": 1, \"ts\": false}")))
        .apply(ParseRows.json(MOBILE).withOption("mode", "FAILFAST"));
    PipelineExecutionException e = assertThrows(PipelineExecutionException.class, p::run);
    assertThat(e.getCause(), instanceOf(MalformedRecordException.class));
    assertThat(
        e.getCause().getMessage(),
        containsString(
            "Malformed record at in/events.json:2: field 'ts': cannot convert the boolean false"
                + " to timestamp"));
  }

  @Test
  public void csvWithAHeaderPerFile() {
    Schema people = DdlSchema.parse("name STRING, age INT");
    PCollection<Row> rows =
        p.apply(
                Create.of(
                    TextLine.of("a.csv", 1, "name;age"),
                    TextLine.of("a.csv", 2, "Ann;42"),
                    TextLine.of("b.csv", 1, "name;age"),
                    TextLine.of("b.csv", 2, "Bob;7")))
            .apply(ParseRows.csv(people).withOption("header", "true").withOption("sep", ";"));
    PAssert.that(rows)
        .containsInAnyOrder(
            Row.withSchema(people).addValues("Ann", 42).build(),
            Row.withSchema(people).addValues("Bob", 7).build());
    p.run();
  }

  @Test
  public void withMethodsReturnModifiedCopies() {
    ParseRows json = ParseRows.json(MOBILE);
    ParseRows dropping = json.withMode(ParseMode.DROPMALFORMED);
    assertThat(json.parser().mode(), is(ParseMode.PERMISSIVE));
    assertThat(dropping.parser().mode(), is(ParseMode.DROPMALFORMED));
    assertThat(DisplayData.from(dropping).toString(), containsString("DROPMALFORMED"));
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> json.withMode(null)).getMessage(),
        containsString("withMode needs a mode"));
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> json.withOption("mode", "oops"))
            .getMessage(),
        containsString("Unknown parse mode 'oops'"));
  }
}
