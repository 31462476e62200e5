package dev.sluice.structured.internal.state;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.state.StateStoreConf;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.beam.sdk.coders.BigEndianLongCoder;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A shard finds the version of the last committed batch when a run starts, follows the runner's
 * version afterwards, and writes its files where the checkpoint layout says.
 */
public class ShardStoresTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static final byte[] KEY = {StatefulOperatorFn.DATA, 7};

  /** A meta record saying the state is after {@code batch}, as the operators write it. */
  private static byte[] meta(long batch) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(1);
    BigEndianLongCoder.of().encode(batch, out);
    return out.toByteArray();
  }

  /** Commits batches {@code batches} in one run (a fresh start); the key holds the batch. */
  private void firstRun(String root, long... batches) throws IOException {
    StateLocation location = new StateLocation(root, 0, -1, StateStoreConf.defaults());
    try (ShardStores stores = new ShardStores(location)) {
      Long version = null;
      for (long batch : batches) {
        StoreShardState state = stores.open(1, version);
        state.put(KEY, new byte[] {(byte) batch});
        state.put(StatefulOperatorFn.META_KEY, meta(batch));
        state.commit();
        version = state.version() + 1;
      }
    }
  }

  @Test
  public void aRestartLoadsTheVersionOfTheLastCommittedBatch() throws IOException {
    String root = tmp.getRoot().toString();
    firstRun(root, 10, 20, 30, 40); // versions 1..4
    // the query committed batch 30 (batch 40's state was written, its commit was lost)
    try (ShardStores stores =
        new ShardStores(new StateLocation(root, 0, 30, StateStoreConf.defaults()))) {
      StoreShardState state = stores.open(1, null);
      assertThat(state.version(), equalTo(3L));
      assertThat(state.get(KEY)[0], equalTo((byte) 30));
      state.put(KEY, new byte[] {41});
      state.put(StatefulOperatorFn.META_KEY, meta(41));
      state.commit(); // version 4 again, replacing the run that was cut short
      assertThat(stores.open(1, 4L).get(KEY)[0], equalTo((byte) 41));
    }
    assertThat(new java.io.File(root, "state/0/1/4.delta").isFile(), equalTo(true));
  }

  @Test
  public void aFreshStartIgnoresFilesOfARunThatCommittedNothing() throws IOException {
    String root = tmp.getRoot().toString();
    firstRun(root, 0, 1);
    try (ShardStores stores =
        new ShardStores(new StateLocation(root, 0, -1, StateStoreConf.defaults()))) {
      StoreShardState state = stores.open(1, null);
      assertThat(state.version(), equalTo(0L));
      assertThat(state.get(KEY), nullValue());
      state.abort();
    }
  }

  @Test
  public void committedBatchesWithoutStateFilesAreAnError() {
    String root = tmp.getRoot().toString();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> {
              try (ShardStores stores =
                  new ShardStores(new StateLocation(root, 2, 5, StateStoreConf.defaults()))) {
                stores.open(0, null);
              }
            });
    assertThat(e.getMessage(), containsString("has no state for stateful operator 2 (shard 0"));
  }

  @Test
  public void theBatchOfAMetaRecordIsRead() throws IOException {
    assertThat(StatefulOperatorFn.batchOf(meta(1_796_174_826_498L)), equalTo(1_796_174_826_498L));
    byte[] newer = meta(1);
    newer[0] = 2;
    assertThat(
        assertThrows(IOException.class, () -> StatefulOperatorFn.batchOf(newer)).getMessage(),
        containsString("restart the query with a new checkpoint location"));
  }
}
