package dev.sluice.structured;

import static dev.sluice.structured.Functions.col;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.schema.DdlSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/** dropDuplicates, joins, union and failures, batch by batch, on both runners. */
@RunWith(Parameterized.class)
public class StatefulOperatorsTest {
  static final Schema EVENTS = DdlSchema.parse("id STRING, ts TIMESTAMP");
  static final Map<String, Map<Long, List<String>>> OUTPUT = new ConcurrentHashMap<>();

  @Parameterized.Parameters(name = "{0}")
  public static List<Object[]> runners() {
    return Arrays.asList(new Object[][] {{"MicroBatchRunner"}, {"DirectRunner"}});
  }

  private final String runner;

  public StatefulOperatorsTest(String runner) {
    this.runner = runner;
  }

  static Row event(String id, String time) {
    return Row.withSchema(EVENTS)
        .addValues(id, Instant.parse("2018-03-02T" + time + ":00Z"))
        .build();
  }

  private StreamingSession session() {
    StreamingSession session = StreamingSession.builder().getOrCreate();
    session.conf().set("sluice.runner", runner);
    return session;
  }

  /** Runs {@code frame} to the end in {@code mode}; each batch's rows as strings, sorted. */
  private Map<Long, List<String>> run(DataFrame frame, String mode) {
    String key = runner + System.nanoTime();
    OUTPUT.put(key, new TreeMap<>());
    StreamingQuery q =
        frame
            .writeStream()
            .outputMode(mode)
            .foreachBatch(
                (batch, id) ->
                    OUTPUT
                        .get(key)
                        .put(
                            id,
                            batch.collectAsList().stream()
                                .map(r -> r.getValues().toString())
                                .sorted()
                                .collect(Collectors.toList())))
            .start();
    assertThat(q.awaitTermination(HangGuard.MILLIS), equalTo(true));
    return OUTPUT.get(key);
  }

  @SafeVarargs
  private static List<List<Row>> script(List<Row>... batches) {
    return new ArrayList<>(Arrays.asList(batches));
  }

  @Test
  public void dropDuplicatesKeepsTheFirstRowOfEachKeyAcrossBatches() {
    DataFrame events =
        TestSources.scripted(
            session(),
            EVENTS,
            script(
                List.of(event("a", "10:00"), event("a", "10:01"), event("b", "10:02")),
                List.of(event("b", "10:03"), event("c", "10:04"))));
    Map<Long, List<String>> out = run(events.dropDuplicates("id"), "append");
    assertThat(
        out.get(0L),
        equalTo(List.of("[a, 2018-03-02T10:00:00.000Z]", "[b, 2018-03-02T10:02:00.000Z]")));
    assertThat(out.get(1L), equalTo(List.of("[c, 2018-03-02T10:04:00.000Z]")));
    assertThat(out.size(), equalTo(2));
  }

  @Test
  public void dropDuplicatesWithWatermarkDropsLateRowsAndForgetsOldKeys() {
    DataFrame events =
        TestSources.scripted(
            session(),
            EVENTS,
            script(
                List.of(event("a", "10:00"), event("b", "10:30")),
                // watermark now 10:20: a@10:00 is late (dropped), a@10:25 is a new key
                List.of(event("a", "10:00"), event("a", "10:25"), event("b", "10:30"))));
    Map<Long, List<String>> out =
        run(events.withWatermark("ts", "10 minutes").dropDuplicates("id", "ts"), "append");
    assertThat(
        out.get(0L),
        equalTo(List.of("[a, 2018-03-02T10:00:00.000Z]", "[b, 2018-03-02T10:30:00.000Z]")));
    assertThat(out.get(1L), equalTo(List.of("[a, 2018-03-02T10:25:00.000Z]")));
  }

  @Test
  public void streamStaticJoinEnrichesEachBatch() {
    StreamingSession session = session();
    Schema names = DdlSchema.parse("key STRING, name STRING");
    DataFrame lookup =
        session.createDataFrame(
            List.of(
                Row.withSchema(names).addValues("a", "Alpha").build(),
                Row.withSchema(names).addValues("b", "Beta").build()),
            names);
    DataFrame events =
        TestSources.scripted(
            session,
            EVENTS,
            script(
                List.of(event("a", "10:00"), event("z", "10:01")), List.of(event("b", "10:02"))));
    Map<Long, List<String>> inner =
        run(
            events.join(lookup, col("id").equalTo(col("key"))).select(col("id"), col("name")),
            "append");
    assertThat(inner.get(0L), equalTo(List.of("[a, Alpha]")));
    assertThat(inner.get(1L), equalTo(List.of("[b, Beta]")));
    Map<Long, List<String>> left =
        run(
            events
                .join(lookup, col("id").equalTo(col("key")), "left_outer")
                .select(col("id"), col("name")),
            "append");
    assertThat(left.get(0L), equalTo(List.of("[a, Alpha]", "[z, null]")));
  }

  @Test
  public void streamStreamInnerJoinEmitsEachPairOnceWhenItsLaterSideArrives() {
    StreamingSession session = session();
    Schema clicks = DdlSchema.parse("clickId STRING, clickTime TIMESTAMP");
    DataFrame impressions =
        TestSources.scripted(
            session,
            EVENTS,
            script(
                List.of(event("ad1", "10:00"), event("ad2", "10:01")),
                List.of(event("ad3", "10:05"))));
    DataFrame clickStream =
        TestSources.scripted(
            session,
            clicks,
            script(
                List.of(
                    Row.withSchema(clicks)
                        .addValues("ad1", Instant.parse("2018-03-02T10:02:00Z"))
                        .build()),
                List.of(
                    Row.withSchema(clicks)
                        .addValues("ad2", Instant.parse("2018-03-02T10:06:00Z"))
                        .build(),
                    Row.withSchema(clicks)
                        .addValues("ad3", Instant.parse("2018-03-02T10:07:00Z"))
                        .build())));
    Map<Long, List<String>> out =
        run(
            impressions
                .withWatermark("ts", "10 minutes")
                .join(
                    clickStream.withWatermark("clickTime", "20 minutes"),
                    col("id").equalTo(col("clickId")))
                .select(col("id"), col("clickId")),
            "append");
    assertThat(out.get(0L), equalTo(List.of("[ad1, ad1]")));
    assertThat(out.get(1L), equalTo(List.of("[ad2, ad2]", "[ad3, ad3]")));
  }

  @Test
  public void streamStreamLeftOuterJoinEmitsUnmatchedRowsOnceTheWatermarkPassesTheirRange() {
    StreamingSession session = session();
    Schema impressionSchema = DdlSchema.parse("adId STRING, impressionTime TIMESTAMP");
    Schema clickSchema = DdlSchema.parse("clickAdId STRING, clickTime TIMESTAMP");
    java.util.function.BiFunction<String, String, Row> imp =
        (id, t) ->
            Row.withSchema(impressionSchema)
                .addValues(id, Instant.parse("2018-03-02T" + t + ":00Z"))
                .build();
    java.util.function.BiFunction<String, String, Row> click =
        (id, t) ->
            Row.withSchema(clickSchema)
                .addValues(id, Instant.parse("2018-03-02T" + t + ":00Z"))
                .build();
    DataFrame impressions =
        TestSources.scripted(
            session,
            impressionSchema,
            script(
                List.of(imp.apply("ad1", "10:00"), imp.apply("ad2", "10:05")),
                List.of(imp.apply("ad3", "12:00"))));
    DataFrame clicks =
        TestSources.scripted(
            session,
            clickSchema,
            script(List.of(click.apply("ad1", "10:10")), List.of(click.apply("ad3", "12:05"))));
    DataFrame joined =
        impressions
            .withWatermark("impressionTime", "10 minutes")
            .join(
                clicks.withWatermark("clickTime", "20 minutes"),
                Functions.expr(
                    "clickAdId = adId AND clickTime >= impressionTime"
                        + " AND clickTime <= impressionTime + interval 1 hour"),
                "leftOuter")
            .select(col("adId"), col("clickAdId"));
    Map<Long, List<String>> out = run(joined, "append");
    // batch 0: ad1 matches. The watermark becomes min(10:05 - 10 min, 10:10 - 20 min) = 09:50.
    assertThat(out.get(0L), equalTo(List.of("[ad1, ad1]")));
    // batch 1: ad3 matches; the watermark becomes min(12:00 - 10, 12:05 - 20) = 11:45.
    assertThat(out.get(1L), equalTo(List.of("[ad3, ad3]")));
    // batch 2 (no data): impressions at or before 11:45 - 1 hour can no longer match; ad2 never
    // did, so it is emitted with nulls now.
    assertThat(out.get(2L), equalTo(List.of("[ad2, null]")));
    assertThat(out.size(), equalTo(3));
  }

  @Test
  public void outerStreamJoinsNeedATimeRange() {
    StreamingSession session = session();
    Schema clickSchema = DdlSchema.parse("clickAdId STRING, clickTime TIMESTAMP");
    DataFrame impressions = TestSources.scripted(session, EVENTS, script());
    DataFrame clicks = TestSources.scripted(session, clickSchema, script());
    DataStreamWriter writer =
        impressions
            .withWatermark("ts", "10 minutes")
            .join(
                clicks.withWatermark("clickTime", "10 minutes"),
                col("id").equalTo(col("clickAdId")),
                "left_outer")
            .writeStream()
            .format("noop");
    assertThat(
        assertThrows(AnalysisException.class, writer::start).getMessage(),
        containsString("LeftOuter join between two streaming DataFrame/Datasets is not supported"));
  }

  @Test
  public void aFailingUserFunctionStopsTheQueryWithItsCause() {
    DataFrame events =
        TestSources.scripted(session(), EVENTS, script(List.of(event("a", "10:00"))));
    StreamingQuery q =
        events
            .writeStream()
            .foreachBatch(
                (batch, id) -> {
                  throw new IllegalStateException("boom in batch " + id);
                })
            .start();
    StreamingQueryException e =
        assertThrows(StreamingQueryException.class, () -> q.awaitTermination(HangGuard.MILLIS));
    assertThat(e.getMessage(), containsString("boom in batch 0"));
    assertThat(e.getCause().getClass().getName(), equalTo(IllegalStateException.class.getName()));
    assertThat(q.exception().isPresent(), equalTo(true));
    assertThat(q.isActive(), equalTo(false));
  }
}
