package dev.sluice.io.file;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.schema.DdlSchema;
import dev.sluice.io.stream.BatchTrigger;
import dev.sluice.io.stream.Batched;
import dev.sluice.io.stream.BatchedResults;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link FileSink}. */
@RunWith(JUnit4.class)
public class FileSinkTest {
  private static final Schema EVENTS =
      DdlSchema.parse(
          "id STRING, n INT, ts TIMESTAMP, tags ARRAY<STRING>, w STRUCT<start: TIMESTAMP>");

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static Row event(String id, Integer n) {
    Schema w = EVENTS.getField("w").getType().getRowSchema();
    return Row.withSchema(EVENTS)
        .addValues(
            id,
            n,
            Instant.parse("2018-03-02T10:02:33Z"),
            List.of("a", "b"),
            Row.withSchema(w).addValue(Instant.parse("2018-03-02T10:00:00Z")).build())
        .build();
  }

  private static List<Path> dataFiles(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith("part-"))
          .collect(Collectors.toList());
    }
  }

  @Test
  public void jsonBatchesAreWrittenThenCommittedAndReplaysAreSkipped() throws Exception {
    Path out = tmp.getRoot().toPath().resolve("out");
    FileSink sink = FileSink.json(out.toString());
    sink.addBatch(0, EVENTS, List.of(event("phone1", 1), event("phone2", null)));

    List<Path> files = dataFiles(out);
    assertThat(files.size(), is(1));
    assertThat(files.get(0).getFileName().toString(), startsWith("part-00000-"));
    assertThat(
        Files.readAllLines(files.get(0)),
        contains(
            "{\"id\":\"phone1\",\"n\":1,\"ts\":\"2018-03-02T10:02:33.000Z\",\"tags\":[\"a\",\"b\"],"
                + "\"w\":{\"start\":\"2018-03-02T10:00:00.000Z\"}}",
            "{\"id\":\"phone2\",\"ts\":\"2018-03-02T10:02:33.000Z\",\"tags\":[\"a\",\"b\"],"
                + "\"w\":{\"start\":\"2018-03-02T10:00:00.000Z\"}}"));
    List<String> log = Files.readAllLines(out.resolve("_spark_metadata/0"));
    assertThat(log.get(0), is("v1"));
    assertThat(log.size(), is(2));
    assertThat(log.get(1), containsString("\"path\":\"" + files.get(0).toUri() + "\""));
    assertThat(log.get(1), containsString("\"size\":" + Files.size(files.get(0))));
    assertThat(log.get(1), containsString("\"action\":\"add\""));

    sink.addBatch(0, EVENTS, List.of(event("again", 9))); // replay: skipped
    assertThat(dataFiles(out).size(), is(1));

    sink.addBatch(1, EVENTS, List.of()); // empty: committed, no data file
    assertThat(dataFiles(out).size(), is(1));
    assertThat(Files.readAllLines(out.resolve("_spark_metadata/1")), contains("v1"));
    assertThat(sink.description(), is("FileSink[" + out + "]"));
  }

  @Test
  public void withStableNamesARerunBatchReplacesTheFilesOfItsKilledAttempt() throws Exception {
    Path out = tmp.getRoot().toPath().resolve("stable");
    FileSink sink = FileSink.json(out.toString()).withStableNames("query-1").withPartitionBy("id");
    sink.addBatch(0, EVENTS, List.of(event("a", 1)));
    // batch 1 wrote its files, then the process died before the commit
    Path killed = out.resolve("_spark_metadata/1");
    sink.addBatch(1, EVENTS, List.of(event("a", 2), event("b", 3)));
    Files.delete(killed);
    List<Path> before;
    try (Stream<Path> files = Files.walk(out)) {
      before =
          files
              .filter(f -> f.getFileName().toString().startsWith("part-"))
              .sorted()
              .collect(Collectors.toList());
    }
    FileSink restarted =
        FileSink.json(out.toString()).withStableNames("query-1").withPartitionBy("id");
    restarted.addBatch(1, EVENTS, List.of(event("a", 2), event("b", 3)));
    try (Stream<Path> files = Files.walk(out)) {
      assertThat(
          files
              .filter(f -> f.getFileName().toString().startsWith("part-"))
              .sorted()
              .collect(Collectors.toList()),
          is(before)); // same names, replaced: no file beside them
    }
    assertThat(before.size(), is(3)); // id=a for batches 0 and 1, id=b for batch 1
  }

  @Test
  public void temporaryFilesOfKilledBatchesAreDeletedWhenTheSinkStarts() throws Exception {
    Path out = tmp.getRoot().toPath().resolve("killed");
    FileSink.json(out.toString()).addBatch(0, EVENTS, List.of(event("a", 1)));
    // A run killed in batch 1 (data file half written) and in batch 2 (log entry half written).
    Files.writeString(out.resolve(".part-00000-0b1c.json.tmp"), "{\"id\":", StandardCharsets.UTF_8);
    Files.writeString(out.resolve("_spark_metadata/.2.5e6f.tmp"), "v1", StandardCharsets.UTF_8);
    Files.writeString(out.resolve(".hidden-by-user"), "kept", StandardCharsets.UTF_8);

    FileSink restarted = FileSink.json(out.toString());
    restarted.addBatch(0, EVENTS, List.of(event("replayed", 1))); // committed: skipped
    restarted.addBatch(1, EVENTS, List.of(event("b", 2)));
    try (Stream<Path> files = Files.list(out)) {
      assertThat(
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.startsWith("."))
              .collect(Collectors.toList()),
          contains(".hidden-by-user"));
    }
    try (Stream<Path> files = Files.list(out.resolve("_spark_metadata"))) {
      assertThat(
          files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList()),
          contains("0", "1"));
    }
    assertThat(dataFiles(out).size(), is(2));
    assertThat(Files.readAllLines(out.resolve("_spark_metadata/1")).get(0), is("v1"));
  }

  @Test
  public void timeZoneOptionChangesTheTimestamps() throws Exception {
    Path out = tmp.getRoot().toPath().resolve("tz");
    FileSink.json(out.toString())
        .withOption("timeZone", "+01:00")
        .addBatch(0, EVENTS, List.of(event("x", 1)));
    assertThat(
        Files.readAllLines(dataFiles(out).get(0)).get(0),
        containsString("\"ts\":\"2018-03-02T11:02:33.000+01:00\""));
  }

  @Test
  public void csvWithHeaderAndSeparatorQuotesWhereNeeded() throws Exception {
    Schema schema = DdlSchema.parse("name STRING, age INT, ts TIMESTAMP");
    Path out = tmp.getRoot().toPath().resolve("csv");
    FileSink sink = FileSink.csv(out.toString()).withOptions(Map.of("header", "true", "sep", ";"));
    sink.addBatch(
        0,
        schema,
        List.of(
            Row.withSchema(schema).addValues("ann", 31, new Instant(0)).build(),
            Row.withSchema(schema).addValues("a;\"b\"", null, null).build(),
            Row.withSchema(schema).addValues("", 1, null).build()));
    assertThat(
        Files.readAllLines(dataFiles(out).get(0)),
        contains("name;age;ts", "ann;31;1970-01-01T00:00:00.000Z", "\"a;\\\"b\\\"\";;", "\"\";1;"));
    // and the CSV source reads it back
    List<Batched<Row>> back =
        BatchedResults.readAll(
            FileStreamSource.csv(schema, out.toString())
                .withOptions(Map.of("header", "true", "sep", ";"))
                .withTrigger(BatchTrigger.once())
                .unboundedSource(),
            0,
            BatchedResults.HANG_GUARD_MILLIS);
    assertThat(back.get(1).record().getString("name"), is("a;\"b\""));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> sink.addBatch(1, EVENTS, List.of()));
    assertThat(e.getMessage(), containsString("cannot write column 'tags'"));
  }

  @Test
  public void textWritesOneStringColumnOnly() throws Exception {
    Path out = tmp.getRoot().toPath().resolve("txt");
    Schema value = DdlSchema.parse("value STRING");
    FileSink sink = FileSink.text(out.toString());
    sink.addBatch(0, value, List.of(Row.withSchema(value).addValue("hello").build()));
    Path file = dataFiles(out).get(0);
    assertThat(file.toString().endsWith(".txt"), is(true));
    assertThat(Files.readString(file, StandardCharsets.UTF_8), is("hello\n"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> sink.addBatch(1, EVENTS, List.of()));
    assertThat(e.getMessage(), containsString("exactly one STRING column"));
  }

  @Test
  public void theFileSourceReadsASinkDirectoryThroughItsCommitLogOnly() throws Exception {
    Path out = tmp.getRoot().toPath().resolve("committed");
    FileSink sink = FileSink.json(out.toString());
    sink.addBatch(0, EVENTS, List.of(event("one", 1)));
    sink.addBatch(1, EVENTS, List.of(event("two", 2)));
    // a file of a batch that failed before its commit
    Files.writeString(out.resolve("part-00000-orphan.json"), "{\"id\":\"orphan\"}\n");

    List<Batched<Row>> read =
        BatchedResults.readAll(
            FileStreamSource.json(EVENTS, out.toString())
                .withTrigger(BatchTrigger.once())
                .unboundedSource(),
            0,
            BatchedResults.HANG_GUARD_MILLIS);
    List<String> ids = new ArrayList<>();
    read.stream().filter(Batched::isRecord).forEach(e -> ids.add(e.record().getString("id")));
    assertThat(ids, containsInAnyOrder("one", "two"));
    // the rows read back equal the rows written (the two files may share a modification time, so
    // their order is not fixed)
    assertThat(
        read.stream().filter(Batched::isRecord).map(Batched::record).collect(Collectors.toList()),
        containsInAnyOrder(event("one", 1), event("two", 2)));
  }
}
