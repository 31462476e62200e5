package dev.sluice.structured;

import static dev.sluice.structured.Functions.col;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.Assert.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.io.schema.DdlSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The state stores of stateful operators: incremental checkpoint files, the provider setting
 * (Spark's names, errors), progress numbers, and checkpoints a store cannot use.
 */
public class StateStoreTest {
  static final Schema KEYS = DdlSchema.parse("key STRING");
  private static final String PROVIDER = "spark.sql.streaming.stateStore.providerClass";

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private final StreamingSession session = StreamingSession.builder().getOrCreate();

  @After
  public void resetSession() {
    session.conf().unset(PROVIDER);
    session.conf().unset("spark.sql.shuffle.partitions");
    session.conf().set("sluice.runner", "MicroBatchRunner");
  }

  private static List<Row> keys(int from, int to) {
    List<Row> rows = new ArrayList<>();
    for (int i = from; i < to; i++) {
      rows.add(Row.withSchema(KEYS).addValues("key-" + i).build());
    }
    return rows;
  }

  /** Counts per key over {@code batches}, update mode, run to the end. */
  private StreamingQuery counts(List<List<Row>> batches, Optional<Path> checkpoint)
      throws Exception {
    StreamingQuery q = start(batches, checkpoint);
    assertThat(q.awaitTermination(HangGuard.MILLIS), equalTo(true));
    return q;
  }

  private StreamingQuery start(List<List<Row>> batches, Optional<Path> checkpoint) {
    DataStreamWriter writer =
        TestSources.scripted(session, KEYS, batches)
            .groupBy(col("key"))
            .count()
            .writeStream()
            .outputMode("update")
            .format("noop");
    if (checkpoint.isPresent()) {
      writer = writer.option("checkpointLocation", checkpoint.get().toString());
    }
    return writer.start();
  }

  /** The message of the failure {@code q} ends with. */
  private static String failure(StreamingQuery q) {
    return assertThrows(StreamingQueryException.class, () -> q.awaitTermination(HangGuard.MILLIS))
        .getMessage();
  }

  /** The bytes of the change files of {@code version} over all shards of operator 0. */
  private static long changeBytes(Path checkpoint, long version, String kind) throws IOException {
    long bytes = 0;
    try (Stream<Path> files = Files.walk(checkpoint.resolve("state/0"))) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (p.getFileName().toString().equals(version + "." + kind)) {
          bytes += Files.size(p);
        }
      }
    }
    return bytes;
  }

  @Test
  public void aBatchTouchingOnePercentOfTheKeysWritesAboutOnePercentOfTheState() throws Exception {
    session.conf().set("spark.sql.shuffle.partitions", "2");
    for (String provider : List.of("heap", "rocksdb")) {
      session.conf().set(PROVIDER, provider);
      Path checkpoint = tmp.newFolder(provider).toPath();
      // batch 0 creates 20,000 groups; batch 1 updates 200 of them (1%)
      StreamingQuery q = counts(List.of(keys(0, 20_000), keys(0, 200)), Optional.of(checkpoint));
      assertThat(q.exception().isPresent(), equalTo(false));
      String kind = provider.equals("heap") ? "delta" : "changelog";
      long all = changeBytes(checkpoint, 1, kind);
      long onePercent = changeBytes(checkpoint, 2, kind);
      assertThat(provider, all, greaterThan(200_000L)); // 20,000 keys, 10+ bytes each
      // about 1% of the state, with generous bounds for headers and the shards' meta records
      assertThat(provider, onePercent, allOf(greaterThan(all / 200), lessThan(all / 30)));
    }
  }

  @Test
  public void anUnknownProviderIsRefusedAtStart() {
    session.conf().set(PROVIDER, "com.example.MyStateStoreProvider");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> start(List.of(keys(0, 1)), Optional.of(tmp.getRoot().toPath())));
    assertThat(
        e.getMessage(),
        allOf(
            containsString("Unknown state store provider 'com.example.MyStateStoreProvider'"),
            containsString(PROVIDER),
            containsString("use heap (the default) or rocksdb")));
  }

  @Test
  public void sparksProviderClassNamesPickTheMatchingStore() throws Exception {
    session
        .conf()
        .set(PROVIDER, "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider");
    Path rocks = tmp.newFolder("rocks").toPath();
    counts(List.of(keys(0, 10)), Optional.of(rocks));
    assertThat(changeBytes(rocks, 1, "changelog"), greaterThan(0L));

    session
        .conf()
        .set(
            PROVIDER,
            "org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider");
    Path heap = tmp.newFolder("heap").toPath();
    counts(List.of(keys(0, 10)), Optional.of(heap));
    assertThat(changeBytes(heap, 1, "delta"), greaterThan(0L));
  }

  @Test
  public void progressReportsTheStateStoresNumbers() throws Exception {
    session.conf().set("spark.sql.shuffle.partitions", "2");
    for (Optional<Path> checkpoint :
        List.of(Optional.of(tmp.newFolder("cp").toPath()), Optional.<Path>empty())) {
      StreamingQuery q = counts(List.of(keys(0, 100), keys(0, 10)), checkpoint);
      StreamingQueryProgress second = q.recentProgress().get(1);
      StreamingQueryProgress.StateOperatorProgress op = second.stateOperators().get(0);
      assertThat(op.numRowsTotal(), equalTo(100L));
      assertThat(op.numRowsUpdated(), equalTo(10L));
      assertThat(op.memoryUsedBytes(), greaterThan(100L * 10));
      JsonNode json = new ObjectMapper().readTree(second.json()).get("stateOperators").get(0);
      for (String field :
          List.of(
              "numRowsTotal",
              "numRowsUpdated",
              "allUpdatesTimeMs",
              "numRowsRemoved",
              "allRemovalsTimeMs",
              "commitTimeMs",
              "memoryUsedBytes",
              "numRowsDroppedByWatermark")) {
        assertThat(field, json.has(field), equalTo(true));
      }
    }
  }

  @Test
  public void aCheckpointKeepsTheProviderItStartedWith() throws Exception {
    Path checkpoint = tmp.newFolder("cp").toPath();
    counts(List.of(keys(0, 10)), Optional.of(checkpoint));
    session.conf().set(PROVIDER, "rocksdb");
    assertThat(
        failure(start(List.of(keys(0, 10)), Optional.of(checkpoint))),
        allOf(
            containsString("files of the heap state store"),
            containsString("a checkpoint keeps the provider it started with")));
  }

  @Test
  public void aCheckpointWithoutItsStateFilesIsRefused() throws Exception {
    Path checkpoint = tmp.newFolder("cp").toPath();
    counts(List.of(keys(0, 10)), Optional.of(checkpoint));
    try (Stream<Path> walk = Files.walk(checkpoint.resolve("state/0"))) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    assertThat(
        failure(start(List.of(keys(0, 10)), Optional.of(checkpoint))),
        allOf(
            containsString("has no state for stateful operator 0"),
            containsString("Restart the query with a new checkpoint location")));
  }
}
