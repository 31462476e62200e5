package dev.sluice.structured;

import static dev.sluice.structured.Functions.col;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import dev.sluice.io.memory.MemoryStream;
import dev.sluice.io.schema.DdlSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * File sinks (json, csv) with a checkpoint location: one file set and one {@code _spark_metadata}
 * entry per batch, read back by the file source through that log.
 */
public class FileSinkTest {
  private static final String DDL = "id STRING, n INT, ts TIMESTAMP";
  private static final Schema SCHEMA = DdlSchema.parse(DDL);

  @Rule public TemporaryFolder tmp = new TemporaryFolder();
  private StreamingSession session;

  @Before
  public void setUp() {
    session = StreamingSession.builder().getOrCreate();
    session.conf().set("sluice.runner", "MicroBatchRunner");
  }

  private static Row row(String id, int n, String time) {
    return Row.withSchema(SCHEMA)
        .addValues(id, n, Instant.parse("2018-03-02T" + time + ":00Z"))
        .build();
  }

  private static List<Path> list(Path dir, String glob) throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files
          .filter(p -> p.getFileSystem().getPathMatcher("glob:" + glob).matches(p.getFileName()))
          .sorted()
          .forEach(out::add);
    }
    return out;
  }

  /** Writes two batches of {@code format} files under a new directory; returns it. */
  private Path writeTwoBatches(String format, String... options) throws Exception {
    Path out = tmp.newFolder(format).toPath();
    MemoryStream in = MemoryStream.of(SCHEMA);
    DataStreamWriter writer =
        session
            .readStream()
            .memory(in)
            .filter(col("n").gt(0))
            .writeStream()
            .format(format)
            .option("checkpointLocation", tmp.newFolder().getPath());
    for (int i = 0; i < options.length; i += 2) {
      writer = writer.option(options[i], options[i + 1]);
    }
    StreamingQuery q = writer.start(out.toString());
    try {
      in.addData(List.of(row("a", 1, "10:00"), row("b", 2, "10:01"), row("skip", 0, "10:02")));
      q.processAllAvailable();
      in.addData(List.of(row("c", 3, "10:03")));
      q.processAllAvailable();
      assertThat(q.recentProgress(), hasSize(2));
    } finally {
      q.stop();
    }
    return out;
  }

  /** Reads {@code dir} back with the file source; rows as "[id, n, ts]" strings, sorted. */
  private List<String> readBack(String format, Path dir, String... options) {
    DataStreamReader reader = session.readStream().schema(DDL);
    for (int i = 0; i < options.length; i += 2) {
      reader = reader.option(options[i], options[i + 1]);
    }
    String table = "read_back_" + System.nanoTime();
    StreamingQuery q =
        reader
            .format(format)
            .load(dir.toString())
            .writeStream()
            .format("memory")
            .queryName(table)
            .trigger(Trigger.AvailableNow())
            .start();
    assertThat(q.awaitTermination(HangGuard.MILLIS), equalTo(true));
    return session.table(table).collectAsList().stream()
        .map(r -> r.getValues().toString())
        .sorted()
        .collect(Collectors.toList());
  }

  private static final List<String> WRITTEN =
      List.of(
          "[a, 1, 2018-03-02T10:00:00.000Z]",
          "[b, 2, 2018-03-02T10:01:00.000Z]",
          "[c, 3, 2018-03-02T10:03:00.000Z]");

  @Test
  public void jsonSinkWritesOneFileSetAndOneLogEntryPerBatch() throws Exception {
    Path out = writeTwoBatches("json");
    List<Path> parts = list(out, "part-*.json");
    assertThat(parts, hasSize(2));
    List<String> lines = new ArrayList<>();
    for (Path p : parts) {
      lines.addAll(Files.readAllLines(p, StandardCharsets.UTF_8));
    }
    assertThat(
        lines.stream().sorted().collect(Collectors.toList()),
        equalTo(
            List.of(
                "{\"id\":\"a\",\"n\":1,\"ts\":\"2018-03-02T10:00:00.000Z\"}",
                "{\"id\":\"b\",\"n\":2,\"ts\":\"2018-03-02T10:01:00.000Z\"}",
                "{\"id\":\"c\",\"n\":3,\"ts\":\"2018-03-02T10:03:00.000Z\"}")));
    Path log = out.resolve("_spark_metadata");
    assertThat(list(log, "*"), equalTo(List.of(log.resolve("0"), log.resolve("1"))));
    for (String batch : List.of("0", "1")) {
      List<String> entry = Files.readAllLines(log.resolve(batch), StandardCharsets.UTF_8);
      assertThat(entry.get(0), equalTo("v1"));
      assertThat(entry, hasSize(2)); // one file per batch
      assertThat(entry.get(1), startsWith("{\"path\":\""));
    }
    assertThat(list(out, ".*"), equalTo(List.of())); // no temporary files left behind
    assertThat(readBack("json", out), equalTo(WRITTEN));
  }

  @Test
  public void csvSinkWritesAHeaderInEachFile() throws Exception {
    Path out = writeTwoBatches("csv", "header", "true", "sep", ";");
    List<Path> parts = list(out, "part-*.csv");
    assertThat(parts, hasSize(2));
    List<String> rows = new ArrayList<>();
    for (Path p : parts) {
      List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
      assertThat(lines.get(0), equalTo("id;n;ts"));
      rows.addAll(lines.subList(1, lines.size()));
    }
    assertThat(
        rows.stream().sorted().collect(Collectors.toList()),
        equalTo(
            List.of(
                "a;1;2018-03-02T10:00:00.000Z",
                "b;2;2018-03-02T10:01:00.000Z",
                "c;3;2018-03-02T10:03:00.000Z")));
    assertThat(list(out.resolve("_spark_metadata"), "*"), hasSize(2));
  }

  @Test
  public void csvSinkOutputReadsBack() throws Exception {
    Path out = writeTwoBatches("csv", "header", "true", "sep", ";");
    assertThat(readBack("csv", out, "header", "true", "sep", ";"), equalTo(WRITTEN));
  }

  @Test
  public void filesOutsideTheLogAreNotReadBack() throws Exception {
    Path out = writeTwoBatches("json");
    // a file a failed batch might leave behind: not in _spark_metadata, so readers skip it
    Files.writeString(out.resolve("part-99999-orphan.json"), "{\"id\":\"orphan\",\"n\":9}\n");
    assertThat(readBack("json", out), equalTo(WRITTEN));
  }
}
