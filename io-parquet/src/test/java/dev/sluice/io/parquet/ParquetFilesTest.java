package dev.sluice.io.parquet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.file.FileSink;
import dev.sluice.io.schema.DdlSchema;
import dev.sluice.io.schema.SparkTypes;
import dev.sluice.io.stream.BatchTrigger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * Tests for {@link ParquetFiles}: the Parquet sink's directories read back by the Parquet source on
 * Beam's DirectRunner and on Sluice's MicroBatchRunner, partitions, new files picked up while a
 * query runs, corrupt files and schema mismatches.
 */
@RunWith(JUnit4.class)
public class ParquetFilesTest {
  private static final Schema EVENTS = DdlSchema.parse("id INT, day DATE, kind STRING, v DOUBLE");
  private static final long HANG_GUARD_MILLIS = 10 * 60_000;

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static Pipeline pipeline(String runner) {
    return Pipeline.create(
        PipelineOptionsFactory.fromArgs("--runner=" + runner, "--blockOnRun=false")
            .withoutStrictParsing()
            .create());
  }

  private static Row event(int id, LocalDate day, String kind, double v) {
    return Row.withSchema(EVENTS).addValues(id, day, kind, v).build();
  }

  private static List<Row> rowsOf(int batch) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int id = batch * 10 + i;
      rows.add(event(id, LocalDate.of(2024, 5, 1 + i % 2), i == 2 ? null : "k" + i, id * 0.5));
    }
    return rows;
  }

  private Path sinkThreeBatches(FileSink sink) throws Exception {
    for (int batch = 0; batch < 3; batch++) {
      sink.addBatch(batch, EVENTS, rowsOf(batch));
    }
    return Path.of(sink.path());
  }

  private static Collected readAvailableNow(String runner, Schema schema, String path) {
    String key = Collected.newKey();
    Pipeline p = pipeline(runner);
    p.apply(
            ParquetFiles.source(schema, path)
                .withMaxFilesPerTrigger(1)
                .withTrigger(BatchTrigger.availableNow()))
        .apply(Collected.into(key));
    assertThat(p.run().waitUntilFinish(), is(PipelineResult.State.DONE));
    return Collected.of(key);
  }

  @Test
  public void sinkBatchesAreReadBackBatchByBatchOnBothRunners() throws Exception {
    Path out = sinkThreeBatches(ParquetFiles.sink(tmp.getRoot() + "/out"));
    try (Stream<Path> files = Files.list(out)) {
      List<String> names =
          files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
      assertThat(names.size(), is(4));
      assertThat(names.get(0), is("_spark_metadata"));
      for (String name : names.subList(1, 4)) {
        assertThat(name, matchesPattern("part-00000-[0-9a-f-]{36}\\.snappy\\.parquet"));
      }
    }
    for (String runner : List.of("DirectRunner", "MicroBatchRunner")) {
      Collected batches = readAvailableNow(runner, EVENTS, out.toString());
      assertThat(runner, batches.ends.keySet(), contains(0L, 1L, 2L, 3L));
      // One sink batch per source batch; files committed in the same millisecond may come in
      // either order (ordered by modification time, then path), as in Spark.
      Set<Set<Row>> read = new HashSet<>();
      for (long batch = 0; batch < 3; batch++) {
        read.add(new HashSet<>(batches.of(batch)));
      }
      Set<Set<Row>> written = new HashSet<>();
      for (int batch = 0; batch < 3; batch++) {
        written.add(new HashSet<>(rowsOf(batch)));
      }
      assertThat(runner, read, is(written));
      assertThat(batches.ends.get(3L).hasData(), is(false));
      // Without a schema, the files' own schema is used (nullable, as Spark reads files).
      Collected inferred = readAvailableNow(runner, null, out.toString());
      assertThat(inferred.all().get(0).getSchema(), is(SparkTypes.asNullable(EVENTS)));
      assertThat(inferred.all().size(), is(9));
    }
  }

  @Test
  public void partitionByWritesHiveDirectoriesThatReadBackAsColumns() throws Exception {
    FileSink sink = ParquetFiles.sink(tmp.getRoot() + "/parts").withPartitionBy("day", "kind");
    List<Row> rows =
        List.of(
            event(1, LocalDate.of(2024, 5, 1), "a/b:c", 1.0),
            event(2, LocalDate.of(2024, 5, 1), null, 2.0),
            event(3, LocalDate.of(2024, 5, 2), "", 3.0),
            event(4, LocalDate.of(2024, 5, 1), "a/b:c", 4.0));
    sink.addBatch(0, EVENTS, rows);
    Path dir = Path.of(sink.path());
    Path escaped = dir.resolve("day=2024-05-01/kind=a%2Fb%3Ac");
    assertThat(Files.isDirectory(escaped), is(true));
    assertThat(
        Files.isDirectory(dir.resolve("day=2024-05-01/kind=__HIVE_DEFAULT_PARTITION__")), is(true));
    assertThat(
        Files.isDirectory(dir.resolve("day=2024-05-02/kind=__HIVE_DEFAULT_PARTITION__")), is(true));
    Path dataFile;
    try (Stream<Path> files = Files.list(escaped)) {
      dataFile = files.filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    // The data files hold the other columns only.
    assertThat(RowParquetReader.readSchema(dataFile).getFieldNames(), contains("id", "v"));
    assertThat(RowParquetReaderTest.readAll(dataFile, null).size(), is(2));
    // The commit log lists the three files of the batch.
    List<String> log = Files.readAllLines(dir.resolve("_spark_metadata/0"));
    assertThat(log.size(), is(4));

    Collected given = readAvailableNow("DirectRunner", EVENTS, dir.toString());
    // Spark reads "" and null partition values back as null.
    assertThat(
        given.all(),
        containsInAnyOrder(
            event(1, LocalDate.of(2024, 5, 1), "a/b:c", 1.0),
            event(2, LocalDate.of(2024, 5, 1), null, 2.0),
            event(3, LocalDate.of(2024, 5, 2), null, 3.0),
            event(4, LocalDate.of(2024, 5, 1), "a/b:c", 4.0)));
    // Inferred: the data columns, then the partition columns with inferred types.
    Schema inferred = ParquetFiles.inferSchema(dir.toString());
    assertThat(inferred, is(DdlSchema.parse("id INT, v DOUBLE, day DATE, kind STRING")));
    Collected read = readAvailableNow("MicroBatchRunner", null, dir.toString());
    assertThat(read.all().size(), is(4));
    assertThat(
        read.all().stream().map(r -> r.getString("kind")).collect(Collectors.toList()),
        containsInAnyOrder("a/b:c", null, null, "a/b:c"));
  }

  @Test
  public void theSourcePicksUpNewFilesInLaterBatchesWhileTheQueryRuns() throws Exception {
    Path in = tmp.newFolder("incoming").toPath();
    dropFile(in, "first.parquet", rowsOf(0));
    String key = Collected.newKey();
    Pipeline p = pipeline("MicroBatchRunner");
    p.apply(ParquetFiles.source(EVENTS, in.toString()).withTrigger(BatchTrigger.processingTime(0)))
        .apply(Collected.into(key));
    PipelineResult result = p.run();
    try {
      waitFor(() -> Collected.of(key).all().size() == 3);
      dropFile(in, "second.parquet", rowsOf(1));
      waitFor(() -> Collected.of(key).all().size() == 6);
      dropFile(in, "third.parquet", rowsOf(2));
      waitFor(() -> Collected.of(key).all().size() == 9);
    } finally {
      result.cancel();
    }
    Collected batches = Collected.of(key);
    List<Long> dataBatches = batches.records.keySet().stream().collect(Collectors.toList());
    assertThat(dataBatches.size(), is(3));
    for (int i = 0; i < 3; i++) {
      assertThat(batches.of(dataBatches.get(i)), containsInAnyOrder(rowsOf(i).toArray()));
    }
    assertThat(dataBatches.get(2), greaterThan(dataBatches.get(1)));
  }

  /** Writes a Parquet file under a hidden name and moves it in atomically, as producers should. */
  private static void dropFile(Path dir, String name, List<Row> rows) throws Exception {
    Path temp = dir.resolve("." + name + ".tmp");
    RowParquetWriter.write(temp, EVENTS, rows, CompressionCodecName.SNAPPY);
    Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + HANG_GUARD_MILLIS;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("Condition not reached within the hang guard");
      }
      Thread.sleep(10);
    }
  }

  private Path corruptDirectory() throws Exception {
    Path in = tmp.newFolder("corrupt").toPath();
    long t = System.currentTimeMillis() - 60_000;
    dropFile(in, "a.parquet", rowsOf(0));
    Files.writeString(in.resolve("b.parquet"), "not parquet at all\n");
    dropFile(in, "c.parquet", rowsOf(1));
    for (String name : List.of("a.parquet", "b.parquet", "c.parquet")) {
      Files.setLastModifiedTime(in.resolve(name), FileTime.fromMillis(t += 1000));
    }
    return in;
  }

  @Test
  public void corruptFilesFailTheQueryNamingTheFile() throws Exception {
    Path in = corruptDirectory();
    for (String runner : List.of("DirectRunner", "MicroBatchRunner")) {
      Pipeline p = pipeline(runner);
      p.apply(ParquetFiles.source(EVENTS, in.toString()).withTrigger(BatchTrigger.availableNow()))
          .apply(Collected.into(Collected.newKey()));
      Exception e = assertThrows(runner, Exception.class, () -> p.run().waitUntilFinish());
      assertThat(runner, causes(e), containsString("Corrupt file " + in.resolve("b.parquet")));
      assertThat(causes(e), containsString("ignoreCorruptFiles=true"));
    }
  }

  @Test
  public void ignoreCorruptFilesSkipsAndCountsThem() throws Exception {
    Path in = corruptDirectory();
    for (String runner : List.of("DirectRunner", "MicroBatchRunner")) {
      String key = Collected.newKey();
      Pipeline p = pipeline(runner);
      p.apply(
              ParquetFiles.source(EVENTS, in.toString())
                  .withOption("ignoreCorruptFiles", "true")
                  .withTrigger(BatchTrigger.once()))
          .apply(Collected.into(key));
      assertThat(p.run().waitUntilFinish(), is(PipelineResult.State.DONE));
      Collected batches = Collected.of(key);
      List<Row> expected = new ArrayList<>(rowsOf(0));
      expected.addAll(rowsOf(1));
      assertThat(runner, batches.of(0), containsInAnyOrder(expected.toArray()));
      assertThat(batches.ends.get(0L).numDroppedMalformed(), is(1L));
      assertThat(batches.ends.get(0L).numInputRows(), is(6L));
    }
  }

  @Test
  public void aSchemaMismatchFailsNamingFileColumnAndTypes() throws Exception {
    Path in = tmp.newFolder("mismatch").toPath();
    dropFile(in, "a.parquet", rowsOf(0));
    Pipeline p = pipeline("DirectRunner");
    p.apply(
            ParquetFiles.source(DdlSchema.parse("id INT, v STRING"), in.toString())
                .withOption("ignoreCorruptFiles", "true")
                .withTrigger(BatchTrigger.once()))
        .apply(Collected.into(Collected.newKey()));
    Exception e = assertThrows(Exception.class, () -> p.run().waitUntilFinish());
    assertThat(
        causes(e),
        containsString(
            "Parquet file "
                + in.resolve("a.parquet")
                + ": column v is double in the file but string in the given schema"));
  }

  @Test
  public void compressionOptionPicksTheCodecAndTheFileEnding() throws Exception {
    for (String codec : List.of("gzip", "zstd", "none")) {
      FileSink sink = ParquetFiles.sink(tmp.getRoot() + "/" + codec, Map.of("compression", codec));
      sink.addBatch(0, EVENTS, rowsOf(0));
      Path file;
      try (Stream<Path> files = Files.list(Path.of(sink.path()))) {
        file = files.filter(f -> f.toString().endsWith("parquet")).findFirst().orElseThrow();
      }
      String ending = codec.equals("none") ? "" : "\\." + codec;
      assertThat(
          file.getFileName().toString(),
          matchesPattern("part-00000-[0-9a-f-]{36}" + ending + "\\.parquet"));
      assertThat(RowParquetReaderTest.readAll(file, EVENTS), is(rowsOf(0)));
    }
    // The option set on the sink afterwards, as a facade passes Spark's options.
    FileSink zstd = ParquetFiles.sink(tmp.getRoot() + "/later").withOption("COMPRESSION", "zstd");
    zstd.addBatch(0, EVENTS, rowsOf(0));
    try (Stream<Path> files = Files.list(Path.of(zstd.path()))) {
      assertThat(files.anyMatch(f -> f.toString().endsWith(".zstd.parquet")), is(true));
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ParquetFiles.sink("x").withOption("compression", "lzo"));
    assertThat(e.getMessage(), containsString("snappy (default), gzip, zstd, none"));
  }

  @Test
  public void aBatchThatCannotBeWrittenLeavesNoFileAndNoCommit() throws Exception {
    Schema strict =
        Schema.builder().addInt32Field("id").addNullableField("s", Schema.FieldType.STRING).build();
    FileSink sink = ParquetFiles.sink(tmp.getRoot() + "/strict");
    Row bad = Row.withSchema(strict).attachValues(Arrays.asList(null, "x"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> sink.addBatch(0, strict, List.of(bad)));
    assertThat(e.getMessage(), containsString("Column id is not nullable but holds null"));
    try (Stream<Path> files = Files.walk(Path.of(sink.path()))) {
      assertThat(files.filter(Files::isRegularFile).collect(Collectors.toList()), is(empty()));
    }
  }

  @Test
  public void inferringASchemaNeedsAReadableFile() throws Exception {
    Path empty = tmp.newFolder("empty").toPath();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ParquetFiles.source(null, empty.toString()));
    assertThat(e.getMessage(), containsString("Unable to infer schema for Parquet at"));
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> ParquetFiles.source(null, tmp.getRoot() + "/nope"));
    assertThat(missing.getMessage(), containsString("mkdir -p"));
  }

  private static String causes(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      text.append(t.getMessage()).append('\n');
    }
    return text.toString();
  }
}
