package dev.sluice.io.file;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.context.RunContext;
import dev.sluice.io.format.MalformedRecordException;
import dev.sluice.io.schema.DdlSchema;
import dev.sluice.io.stream.BatchEnd;
import dev.sluice.io.stream.BatchTrigger;
import dev.sluice.io.stream.Batched;
import dev.sluice.io.stream.BatchedResults;
import dev.sluice.io.stream.BatchedResults.ByBatch;
import dev.sluice.io.stream.BatchingReader;
import dev.sluice.io.stream.SourceStatus;
import dev.sluice.io.stream.StatusKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link FileStreamSource}: readers by hand and pipelines on the DirectRunner. */
@RunWith(JUnit4.class)
public class FileStreamSourceTest {
  public static final Schema MOBILE = DdlSchema.parse("id STRING, action STRING, ts TIMESTAMP");
  static final List<String> MOBILE_FILES =
      List.of("file1.json", "file2.json", "file3.json", "newaction.json");

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();
  private Path mobile;

  /** Copies the mobile files to a fresh directory, modified one second apart in seed order. */
  public static Path copyMobile(Path dir) throws Exception {
    Files.createDirectories(dir);
    long t = System.currentTimeMillis() - 60_000;
    for (String name : MOBILE_FILES) {
      Path target = dir.resolve(name);
      Files.copy(
          Paths.get(FileStreamSourceTest.class.getResource("/mobile/" + name).toURI()), target);
      Files.setLastModifiedTime(target, FileTime.fromMillis(t));
      t += 1_000;
    }
    return dir;
  }

  @Before
  public void setUp() throws Exception {
    mobile = copyMobile(tmp.getRoot().toPath().resolve("mobile"));
  }

  private static List<String> ids(List<Row> rows) {
    return rows.stream().map(r -> r.getString("id")).collect(Collectors.toList());
  }

  static Pipeline directPipeline() {
    return Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
  }

  @Test
  public void availableNowWithOneFilePerTriggerGivesFourBatchesAndANoDataMarker() {
    String key = BatchedResults.newKey();
    Pipeline p = directPipeline();
    p.apply(
            FileStreamSource.json(MOBILE, mobile.toString())
                .withMaxFilesPerTrigger(1)
                .withTrigger(BatchTrigger.availableNow()))
        .apply(BatchedResults.collectInto(key));
    p.run().waitUntilFinish();

    ByBatch<Row> batches = new ByBatch<>(BatchedResults.collected(key));
    assertThat(batches.ends.keySet(), contains(0L, 1L, 2L, 3L, 4L));
    // The DirectRunner may deliver the bundles of one batch in any order.
    assertThat(ids(batches.of(0)), containsInAnyOrder("phone1", "phone2", "phone3", "phone1"));
    assertThat(ids(batches.of(1)).size(), is(2));
    assertThat(ids(batches.of(2)).size(), is(2));
    assertThat(ids(batches.of(3)).size(), is(2));
    assertThat(batches.of(4), is(empty()));
    assertThat(batches.ends.get(3L).numInputRows(), is(2L));
    assertThat(batches.ends.get(4L).hasData(), is(false));
    assertThat(batches.ends.get(0L).startOffset(), is(nullValue()));
    assertThat(batches.ends.get(0L).endOffset(), is("{\"logOffset\":0}"));
    assertThat(batches.ends.get(3L).startOffset(), is("{\"logOffset\":2}"));
    assertThat(batches.ends.get(4L).endOffset(), is("{\"logOffset\":3}"));
    assertThat(
        batches.ends.get(0L).description(),
        is("FileStreamSource[file:" + mobile.toAbsolutePath() + "]"));
    // The batches follow the files' modification order: newaction.json is the last batch.
    assertThat(
        batches.of(3).stream().map(r -> r.getString("action")).collect(Collectors.toList()),
        containsInAnyOrder("crash", "swipe"));
    assertThat(
        batches.of(0),
        hasItem(
            Row.withSchema(MOBILE)
                .addValues("phone1", "open", Instant.parse("2018-03-02T10:02:33Z"))
                .build()));
  }

  @Test
  public void manyFilesOnTheDirectRunnerArriveExactlyOnceInTheirBatches() throws Exception {
    // ~1000 elements in bundles of at most 10: the DirectRunner closes and re-creates the reader
    // from its checkpoint now and then, which must neither lose nor repeat a line.
    Path in = tmp.newFolder("many").toPath();
    long t = System.currentTimeMillis() - 100_000;
    for (int f = 0; f < 20; f++) {
      StringBuilder text = new StringBuilder();
      for (int line = 0; line < 50; line++) {
        text.append(f * 50 + line).append('\n');
      }
      Path file = in.resolve(String.format("f%02d.txt", f));
      Files.writeString(file, text);
      Files.setLastModifiedTime(file, FileTime.fromMillis(t + f * 1000L));
    }
    String key = BatchedResults.newKey();
    Pipeline p = directPipeline();
    p.apply(
            FileStreamSource.text(in.toString())
                .withMaxFilesPerTrigger(3)
                .withTrigger(BatchTrigger.availableNow()))
        .apply(BatchedResults.collectInto(key));
    p.run().waitUntilFinish();

    ByBatch<Row> batches = new ByBatch<>(BatchedResults.collected(key));
    assertThat(batches.ends.keySet(), contains(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L));
    java.util.Set<Integer> values = new java.util.TreeSet<>();
    for (long b = 0; b < 7; b++) {
      List<Row> rows = batches.of(b);
      assertThat(batches.ends.get(b).numInputRows(), is((long) rows.size()));
      for (Row row : rows) {
        int v = Integer.parseInt(row.getString("value"));
        assertThat("value " + v + " twice", values.add(v), is(true));
        assertThat("value " + v + " in batch " + b, v / 150, is((int) b));
      }
    }
    assertThat(values.size(), is(1000));
    assertThat(batches.ends.get(7L).hasData(), is(false));
  }

  @Test
  public void readerRestartedFromItsCheckpointAfterEveryElementLosesAndRepeatsNothing()
      throws Exception {
    FileUnboundedSource source =
        FileStreamSource.json(MOBILE, mobile.toString())
            .withMaxFilesPerTrigger(3)
            .withTrigger(BatchTrigger.availableNow())
            .unboundedSource();
    List<Batched<Row>> straight =
        BatchedResults.readAll(source, 0, BatchedResults.HANG_GUARD_MILLIS);
    for (int every : new int[] {1, 2, 3}) {
      List<Batched<Row>> restarted =
          BatchedResults.readAll(source, every, BatchedResults.HANG_GUARD_MILLIS);
      assertThat(BatchedResults.describe(restarted), is(BatchedResults.describe(straight)));
    }
    ByBatch<Row> batches = new ByBatch<>(straight);
    assertThat(ids(batches.of(0)).size(), is(8));
    assertThat(ids(batches.of(1)).size(), is(2));
    assertThat(batches.ends.get(2L).hasData(), is(false));
    assertThat(straight.size(), is(10 + 3));
  }

  @Test
  public void onceReadsEverythingInOneBatchIgnoringTheRateLimit() throws Exception {
    List<Batched<Row>> out =
        BatchedResults.readAll(
            FileStreamSource.json(MOBILE, mobile.toString())
                .withMaxFilesPerTrigger(1)
                .withTrigger(BatchTrigger.once())
                .unboundedSource(),
            0,
            BatchedResults.HANG_GUARD_MILLIS);
    ByBatch<Row> batches = new ByBatch<>(out);
    assertThat(batches.ends.keySet(), contains(0L));
    assertThat(batches.of(0).size(), is(10));
    assertThat(batches.ends.get(0L).hasData(), is(true));
  }

  @Test
  public void onceOnAnEmptyDirectoryEndsWithoutABatch() throws Exception {
    Path empty = tmp.newFolder("empty").toPath();
    List<Batched<Row>> out =
        BatchedResults.readAll(
            FileStreamSource.json(MOBILE, empty.toString())
                .withTrigger(BatchTrigger.once())
                .unboundedSource(),
            0,
            BatchedResults.HANG_GUARD_MILLIS);
    assertThat(out, is(empty()));
  }

  @Test
  public void latestFirstReadsTheNewestFileFirst() throws Exception {
    List<Batched<Row>> out =
        BatchedResults.readAll(
            FileStreamSource.json(MOBILE, mobile.toString())
                .withMaxFilesPerTrigger(1)
                .withLatestFirst(true)
                .withTrigger(BatchTrigger.availableNow())
                .unboundedSource(),
            0,
            BatchedResults.HANG_GUARD_MILLIS);
    ByBatch<Row> batches = new ByBatch<>(out);
    assertThat(batches.of(0).get(0).getString("action"), is("crash"));
    assertThat(batches.of(3).size(), is(4));
  }

  @Test
  public void processingTimeReadsNewFilesAndEmitsOneNoDataMarkerWhenIdle() throws Exception {
    Path in = tmp.newFolder("in").toPath();
    RunContext run = RunContext.open();
    StatusKey key = StatusKey.of(run.runId(), "file-test");
    FileUnboundedSource source =
        FileStreamSource.text(in.toString())
            .withTrigger(BatchTrigger.processingTime(0))
            .withStatusKey(key)
            .unboundedSource();
    Files.writeString(in.resolve("a.txt"), "a1\na2\n");
    // hidden and in-progress files are never read
    Files.writeString(in.resolve(".hidden.txt"), "h\n");
    Files.writeString(in.resolve("_tmp.txt"), "h\n");
    Files.writeString(in.resolve("b.txt._COPYING_"), "h\n");

    List<Batched<Row>> out = new ArrayList<>();
    BatchingReader<Row> reader =
        BatchedResults.readUntil(
            source, 0, BatchedResults.HANG_GUARD_MILLIS, out, l -> l.size() == 4);
    // batch 0 (2 rows + end), then the no-data marker of batch 1
    assertThat(BatchedResults.describe(out).get(2), is("0:end(true,2,null,{\"logOffset\":0})"));
    assertThat(
        BatchedResults.describe(out).get(3),
        is("1:end(false,0,{\"logOffset\":0},{\"logOffset\":0})"));
    // idle: no more markers
    Thread.sleep(50);
    for (int i = 0; i < 20; i++) {
      assertThat(reader.advance(), is(false));
      Thread.sleep(2);
    }
    assertThat(SourceStatus.get(key).caughtUp(), is(true));
    assertThat(SourceStatus.get(key).lastEndedBatch(), is(1L));
    assertThat(reader.getWatermark(), is(Batched.timestampOf(2)));

    Files.writeString(in.resolve("c.txt"), "c1\n");
    List<Batched<Row>> more = new ArrayList<>();
    long deadline = System.currentTimeMillis() + BatchedResults.HANG_GUARD_MILLIS;
    while (more.size() < 3 && System.currentTimeMillis() < deadline) {
      if (reader.advance()) {
        more.add(reader.getCurrent());
      } else {
        Thread.sleep(2);
      }
    }
    assertThat(
        BatchedResults.describe(more),
        contains(
            "2:[c1]",
            "2:end(true,1,{\"logOffset\":0},{\"logOffset\":1})",
            "3:end(false,0,{\"logOffset\":1},{\"logOffset\":1})"));
    reader.close();
    run.close();
    assertThat(SourceStatus.get(key), is(org.hamcrest.Matchers.nullValue()));
  }

  @Test
  public void dropMalformedCountsTheDroppedRecordsInTheBatchEnd() throws Exception {
    Path in = tmp.newFolder("bad").toPath();
    Files.writeString(
        in.resolve("x.json"),
        "{\"id\":\"a\",\"ts\":\"2018-03-02T10:00:00\"}\n{\"id\":\n{\"id\":\"b\",\"ts\":\"noon\"}\n");
    List<Batched<Row>> out =
        BatchedResults.readAll(
            FileStreamSource.json(MOBILE, in.toString())
                .withOption("mode", "DROPMALFORMED")
                .withTrigger(BatchTrigger.once())
                .unboundedSource(),
            0,
            BatchedResults.HANG_GUARD_MILLIS);
    ByBatch<Row> batches = new ByBatch<>(out);
    assertThat(ids(batches.of(0)), contains("a"));
    BatchEnd end = batches.ends.get(0L);
    assertThat(end.numInputRows(), is(1L));
    assertThat(end.numDroppedMalformed(), is(2L));
  }

  @Test
  public void permissiveKeepsTheRawTextInTheCorruptRecordColumn() throws Exception {
    Path in = tmp.newFolder("perm").toPath();
    Files.writeString(in.resolve("x.json"), "{\"id\":\"a\"}\nnot json\n");
    Schema schema = DdlSchema.parse("id STRING, _corrupt_record STRING");
    List<Batched<Row>> out =
        BatchedResults.readAll(
            FileStreamSource.json(schema, in.toString())
                .withTrigger(BatchTrigger.once())
                .unboundedSource(),
            0,
            BatchedResults.HANG_GUARD_MILLIS);
    ByBatch<Row> batches = new ByBatch<>(out);
    assertThat(batches.of(0).size(), is(2));
    assertThat(batches.of(0).get(1).getString("_corrupt_record"), is("not json"));
    assertThat(batches.ends.get(0L).numDroppedMalformed(), is(0L));
  }

  @Test
  public void failFastFailsThePipelineNamingFileAndLine() throws Exception {
    Files.writeString(mobile.resolve("file2.json"), "{\"id\":\"phone5\"}\n{oops\n");
    Files.setLastModifiedTime(
        mobile.resolve("file2.json"), FileTime.fromMillis(System.currentTimeMillis() - 59_000));
    Pipeline p = directPipeline();
    String key = BatchedResults.newKey();
    p.apply(
            FileStreamSource.json(MOBILE, mobile.toString())
                .withMaxFilesPerTrigger(1)
                .withOption("mode", "FAILFAST")
                .withTrigger(BatchTrigger.availableNow()))
        .apply(BatchedResults.collectInto(key));
    Exception e = assertThrows(Exception.class, () -> p.run().waitUntilFinish());
    Throwable cause = e;
    while (cause != null && !(cause instanceof MalformedRecordException)) {
      cause = cause.getCause();
    }
    assertThat("cause of " + e, cause instanceof MalformedRecordException, is(true));
    assertThat(cause.getMessage(), containsString(mobile.resolve("file2.json") + ":2"));
  }

  @Test
  public void csvWithHeaderAndText() throws Exception {
    Path in = tmp.newFolder("csv").toPath();
    Files.writeString(in.resolve("p.csv"), "name;age\nann;31\nbob;\n");
    List<Batched<Row>> out =
        BatchedResults.readAll(
            FileStreamSource.csv(DdlSchema.parse("name STRING, age INT"), in.toString())
                .withOptions(java.util.Map.of("header", "true", "sep", ";"))
                .withTrigger(BatchTrigger.once())
                .unboundedSource(),
            0,
            BatchedResults.HANG_GUARD_MILLIS);
    assertThat(
        BatchedResults.describe(out).subList(0, 2), contains("0:[ann, 31]", "0:[bob, null]"));

    Files.writeString(in.resolve("w.txt"), "line one\nline two\n", StandardCharsets.UTF_8);
    List<Batched<Row>> whole =
        BatchedResults.readAll(
            FileStreamSource.text(in.resolve("*.txt").toString())
                .withOption("wholetext", "true")
                .withTrigger(BatchTrigger.once())
                .unboundedSource(),
            0,
            BatchedResults.HANG_GUARD_MILLIS);
    assertThat(BatchedResults.describe(whole).get(0), is("0:[line one\nline two\n]"));
  }

  @Test
  public void aMissingDirectoryFailsWithAMessageNamingIt() {
    String missing = tmp.getRoot().toPath().resolve("nope").toString();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> directPipeline().apply(FileStreamSource.json(MOBILE, missing)));
    assertThat(e.getMessage(), containsString("Path does not exist: file:" + missing));
    assertThat(e.getMessage(), containsString("mkdir -p"));
  }

  @Test
  public void badOptionsAreRejectedWithTheirName() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                FileStreamSource.json(MOBILE, mobile.toString())
                    .withOption("maxFilesPerTrigger", "0")
                    .unboundedSource());
    assertThat(e.getMessage(), containsString("maxFilesPerTrigger"));
    assertThrows(
        IllegalArgumentException.class,
        () -> FileStreamSource.format("parquet", MOBILE, mobile.toString()));
  }

  @Test
  public void maxFileAgeSkipsFilesMuchOlderThanTheNewestAfterTheFirstBatch() throws Exception {
    Path in = tmp.newFolder("age").toPath();
    long now = System.currentTimeMillis();
    Files.writeString(in.resolve("new.txt"), "new\n");
    Files.setLastModifiedTime(in.resolve("new.txt"), FileTime.fromMillis(now));
    FileUnboundedSource source =
        FileStreamSource.text(in.toString())
            .withMaxFileAge("1h")
            .withTrigger(BatchTrigger.processingTime(0))
            .unboundedSource();
    List<Batched<Row>> out = new ArrayList<>();
    BatchingReader<Row> reader =
        BatchedResults.readUntil(
            source, 0, BatchedResults.HANG_GUARD_MILLIS, out, l -> l.size() == 3);
    Files.writeString(in.resolve("old.txt"), "old\n");
    Files.setLastModifiedTime(in.resolve("old.txt"), FileTime.fromMillis(now - 7_200_000));
    Thread.sleep(30);
    for (int i = 0; i < 10; i++) {
      assertThat(reader.advance(), is(false));
    }
    reader.close();
  }
}
