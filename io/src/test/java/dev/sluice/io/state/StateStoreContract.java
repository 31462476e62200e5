package dev.sluice.io.state;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.checkpoint.CheckpointFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The contract every {@link StateStoreProvider} passes; one subclass per implementation. Real files
 * in a temporary directory; "a fresh instance" is a new provider on the same directory, as after a
 * restart.
 */
public abstract class StateStoreContract {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private final List<StateStoreProvider> opened = new ArrayList<>();

  /** The configuration of the implementation under test. */
  abstract StateStoreConf conf() throws IOException;

  /** The file kind of the per-version change file ({@code delta}, {@code changelog}). */
  abstract String changeKind();

  /** The file kind of snapshots. */
  abstract String snapshotKind();

  Path stateDir() {
    return tmp.getRoot().toPath().resolve("state/0/0");
  }

  StateStoreProvider provider(StateStoreConf conf) throws IOException {
    StateStoreProvider p = StateStoreProvider.open(stateDir().toString(), conf);
    opened.add(p);
    return p;
  }

  StateStoreProvider provider() throws IOException {
    return provider(conf());
  }

  @After
  public void closeProviders() throws IOException {
    for (StateStoreProvider p : opened) {
      p.close();
    }
  }

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String s(byte[] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  static Map<String, String> contents(StateStore store) {
    Map<String, String> out = new TreeMap<>();
    for (Iterator<StateEntry> it = store.iterator(); it.hasNext(); ) {
      StateEntry e = it.next();
      out.put(s(e.key()), s(e.value()));
    }
    return out;
  }

  List<String> files() throws IOException {
    try (Stream<Path> list = Files.list(stateDir())) {
      return list.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  @Test
  public void putGetRemoveAndIterateInKeyOrder() throws IOException {
    StateStoreProvider provider = provider();
    assertThat(provider.latestVersion(), is(0L));
    StateStore store = provider.getStore(0);
    store.put(b("b"), b("2"));
    store.put(b("a"), b("1"));
    store.put(b("ab"), b("12"));
    store.put(b("c"), b("3"));
    store.put(b("a"), b("one"));
    store.remove(b("c"));
    store.remove(b("missing"));
    assertThat(s(store.get(b("a"))), is("one"));
    assertThat(store.get(b("c")), is(nullValue()));
    List<String> keys = new ArrayList<>();
    store.iterator().forEachRemaining(e -> keys.add(s(e.key())));
    assertThat(keys, is(List.of("a", "ab", "b")));
    List<String> prefixed = new ArrayList<>();
    store.prefixScan(b("a")).forEachRemaining(e -> prefixed.add(s(e.key())));
    assertThat(prefixed, is(List.of("a", "ab")));
    assertThat(store.prefixScan(b("z")).hasNext(), is(false));
    StateStoreMetrics m = store.metrics();
    assertThat(m.numRowsTotal(), is(3L));
    assertThat(m.numRowsUpdated(), is(5L));
    assertThat(m.numRowsRemoved(), is(1L));
    assertThat(store.commit(), is(1L));
    assertThat(store.metrics().numRowsTotal(), is(3L));
  }

  @Test
  public void removingWhileIteratingIsAllowed() throws IOException {
    StateStoreProvider provider = provider();
    StateStore store = provider.getStore(0);
    for (int i = 0; i < 100; i++) {
      store.put(b(String.format("k%03d", i)), b("v" + i));
    }
    for (Iterator<StateEntry> it = store.iterator(); it.hasNext(); ) {
      StateEntry e = it.next();
      if (s(e.key()).compareTo("k050") < 0) {
        store.remove(e.key()); // expire, as watermark eviction does
      }
    }
    assertThat(contents(store).size(), is(50));
    store.commit();
    assertThat(contents(provider.getStore(1)).size(), is(50));
  }

  @Test
  public void commitMakesTheNextVersionAndAbortRollsBack() throws IOException {
    StateStoreProvider provider = provider();
    StateStore first = provider.getStore(0);
    first.put(b("a"), b("1"));
    assertThat(first.commit(), is(1L));
    assertThat(first.hasCommitted(), is(true));
    assertThrows(IllegalStateException.class, () -> first.put(b("x"), b("y")));

    StateStore second = provider.getStore(1);
    IllegalStateException twoOpen =
        assertThrows(IllegalStateException.class, () -> provider.getStore(1));
    assertThat(twoOpen.getMessage(), containsString("commit or abort it"));
    second.put(b("a"), b("changed"));
    second.put(b("b"), b("new"));
    second.remove(b("a"));
    second.abort();
    assertThat(second.hasCommitted(), is(false));

    StateStore third = provider.getStore(1);
    assertThat(contents(third), is(Map.of("a", "1")));
    assertThat(third.metrics().numRowsTotal(), is(1L));
    third.abort();
    assertThat(provider.latestVersion(), is(1L));
    assertThat(files().contains("2." + changeKind()), is(false));
  }

  @Test
  public void everyRetainedVersionReloadsInAFreshInstance() throws IOException {
    StateStoreConf conf = conf().withMinDeltasForSnapshot(3).withMinBatchesToRetain(5);
    StateStoreProvider writer = provider(conf);
    Random random = new Random(42);
    Map<String, String> model = new TreeMap<>();
    List<Map<String, String>> versions = new ArrayList<>();
    versions.add(Map.copyOf(model));
    for (int v = 1; v <= 20; v++) {
      StateStore store = writer.getStore(v - 1);
      for (int i = 0; i < 30; i++) {
        String key = "k" + random.nextInt(40);
        if (random.nextInt(4) == 0) {
          store.remove(b(key));
          model.remove(key);
        } else {
          String value = "v" + v + "-" + i;
          store.put(b(key), b(value));
          model.put(key, value);
        }
      }
      assertThat(store.commit(), is((long) v));
      assertThat(store.metrics().numRowsTotal(), is((long) model.size()));
      versions.add(Map.copyOf(model));
    }
    writer.close();
    StateStoreProvider fresh = provider(conf);
    assertThat(fresh.latestVersion(), is(20L));
    for (int v = 20; v >= 16; v--) { // the newest minBatchesToRetain versions
      StateStore store = fresh.getStore(v);
      assertThat("version " + v, contents(store), is(versions.get(v)));
      assertThat(store.metrics().numRowsTotal(), is((long) versions.get(v).size()));
      store.abort();
    }
    CheckpointFileException purged =
        assertThrows(CheckpointFileException.class, () -> fresh.getStore(2));
    assertThat(purged.getMessage(), containsString("is missing"));
    assertThat(purged.getMessage(), containsString("minBatchesToRetain=5"));
    assertThat(files().contains("1." + changeKind()), is(false));
    assertThat(files().contains("18." + snapshotKind()), is(true));
  }

  @Test
  public void aVersionWritesOnlyTheKeysItChanged() throws IOException {
    StateStoreProvider provider = provider(conf().withMinDeltasForSnapshot(1000));
    StateStore load = provider.getStore(0);
    for (int i = 0; i < 10_000; i++) {
      load.put(b("key-" + i), b("value-" + i));
    }
    load.commit();
    long all = load.metrics().checkpointBytesWritten();
    StateStore batch = provider.getStore(1);
    for (int i = 0; i < 100; i++) { // 1% of the keys
      batch.put(b("key-" + i * 100), b("updated-" + i));
    }
    batch.commit();
    long onePercent = batch.metrics().checkpointBytesWritten();
    assertThat(onePercent, lessThan(all / 50));
    assertThat(Files.size(stateDir().resolve("2." + changeKind())), is(onePercent));
  }

  @Test
  public void aBatchRunAgainReplacesTheFilesOfTheRunThatWasCutShort() throws IOException {
    StateStoreConf conf = conf().withMinDeltasForSnapshot(3);
    StateStoreProvider first = provider(conf);
    for (int v = 1; v <= 5; v++) {
      StateStore store = first.getStore(v - 1);
      store.put(b("k"), b("first-" + v));
      store.commit();
    }
    first.close();
    assertThat(files().contains("3." + snapshotKind()), is(true));
    // Restart: the query had committed batch 1 only (state version 2); batch 2 runs again.
    StateStoreProvider restarted = provider(conf);
    StateStore rerun = restarted.getStore(2);
    assertThat(s(rerun.get(b("k"))), is("first-2"));
    rerun.put(b("k"), b("second-3"));
    assertThat(rerun.commit(), is(3L));
    assertThat(restarted.latestVersion(), is(3L));
    restarted.close();
    StateStore reloaded = provider(conf).getStore(3);
    assertThat(contents(reloaded), is(Map.of("k", "second-3")));
  }

  @Test
  public void temporaryFilesOfAKilledWriterAreIgnoredAndCleaned() throws IOException {
    StateStoreProvider provider = provider(conf().withMinDeltasForSnapshot(2));
    for (int v = 1; v <= 2; v++) {
      StateStore store = provider.getStore(v - 1);
      store.put(b("k" + v), b("v" + v));
      store.commit();
    }
    provider.close();
    // Killed while writing version 3's change file and version 4's snapshot.
    Files.write(stateDir().resolve(".3." + changeKind() + ".1b2c.tmp"), b("half a file"));
    Files.write(stateDir().resolve(".4." + snapshotKind() + ".3d4e.tmp"), new byte[] {1, 2});
    StateStoreProvider restarted = provider();
    assertThat(files().stream().anyMatch(n -> n.endsWith(".tmp")), is(false));
    assertThat(restarted.latestVersion(), is(2L));
    assertThat(contents(restarted.getStore(2)), is(Map.of("k1", "v1", "k2", "v2")));
  }

  @Test
  public void aCorruptChangeFileIsReportedWithItsName() throws IOException {
    StateStoreProvider provider = provider();
    for (int v = 1; v <= 2; v++) {
      StateStore store = provider.getStore(v - 1);
      store.put(b("key" + v), b("value" + v));
      store.commit();
    }
    provider.close();
    Path file = stateDir().resolve("2." + changeKind());
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 12] ^= 0x20; // a flipped bit in the last record
    Files.write(file, bytes);
    StateStoreProvider restarted = provider();
    CheckpointFileException e =
        assertThrows(CheckpointFileException.class, () -> restarted.getStore(2));
    assertThat(e.getMessage(), containsString(file.toString()));
    assertThat(e.getMessage(), containsString("is corrupt"));
    assertThat(e.getMessage(), containsString("start a new checkpoint location"));
    // Version 1 still loads: the error does not poison the provider.
    assertThat(contents(restarted.getStore(1)), is(Map.of("key1", "value1")));
  }

  @Test
  public void aTruncatedSnapshotIsReportedWithItsName() throws IOException {
    StateStoreProvider provider = provider(conf().withMinDeltasForSnapshot(1));
    StateStore store = provider.getStore(0);
    for (int i = 0; i < 200; i++) {
      store.put(b("key" + i), b("value" + i));
    }
    store.commit();
    provider.close();
    Path file = stateDir().resolve("1." + snapshotKind());
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    CheckpointFileException e =
        assertThrows(CheckpointFileException.class, () -> provider().getStore(1));
    assertThat(e.getMessage(), containsString(file.toString()));
    assertThat(e.getMessage(), containsString("is corrupt"));
  }

  @Test
  public void aVersionNewerThanTheCheckpointIsRefused() throws IOException {
    CheckpointFileException e =
        assertThrows(CheckpointFileException.class, () -> provider().getStore(3));
    assertThat(e.getMessage(), containsString("State version 3"));
    assertThat(e.getMessage(), containsString("does not exist (the newest is 0)"));
  }

  @Test
  public void closeLeavesOnlyTheCheckpointFiles() throws IOException {
    StateStoreProvider provider = provider();
    StateStore store = provider.getStore(0);
    store.put(b("a"), b("1"));
    store.commit();
    provider.close();
    assertThat(files(), is(List.of("1." + changeKind())));
    assertThat(
        files().stream().filter(n -> n.startsWith(".")).collect(Collectors.toList()), is(empty()));
  }
}
