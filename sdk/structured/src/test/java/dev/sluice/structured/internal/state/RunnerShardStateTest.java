package dev.sluice.structured.internal.state;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.sluice.io.state.StateEntry;
import dev.sluice.io.state.StateStoreMetrics;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.beam.runners.core.InMemoryStateInternals;
import org.apache.beam.runners.core.StateNamespaces;
import org.apache.beam.runners.core.StateTags;
import org.apache.beam.sdk.io.range.ByteKey;
import org.apache.beam.sdk.state.MapState;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.junit.Test;

/** Runner-kept shard state: keys in a Beam map state, scans in key order, counts kept beside. */
public class RunnerShardStateTest {
  private final InMemoryStateInternals<Integer> internals = InMemoryStateInternals.forKey(0);
  private final MapState<ByteKey, byte[]> rows =
      internals.state(
          StateNamespaces.global(),
          StateTags.map(
              "rows",
              RunnerShardState.ByteKeyCoder.INSTANCE,
              org.apache.beam.sdk.coders.ByteArrayCoder.of()));
  private final ValueState<KV<Long, Long>> stats =
      internals.state(
          StateNamespaces.global(),
          StateTags.value(
              "stats",
              org.apache.beam.sdk.coders.KvCoder.of(
                  org.apache.beam.sdk.coders.VarLongCoder.of(),
                  org.apache.beam.sdk.coders.VarLongCoder.of())));

  @Test
  public void keysAreReadWrittenAndScannedInOrder() {
    RunnerShardState state = new RunnerShardState(rows, stats);
    state.put(new byte[] {1, 9}, new byte[] {90});
    state.put(new byte[] {1, 2}, new byte[] {20});
    state.put(new byte[] {2, 1}, new byte[] {10});
    state.put(new byte[] {1, 2}, new byte[] {21, 22});
    state.remove(new byte[] {2, 1});
    state.remove(new byte[] {3}); // absent
    assertThat(state.get(new byte[] {1, 2}), equalTo(new byte[] {21, 22}));
    assertThat(state.get(new byte[] {2, 1}), nullValue());
    List<Integer> seconds = new ArrayList<>();
    for (Iterator<StateEntry> it = state.scan(new byte[] {1}); it.hasNext(); ) {
      seconds.add((int) it.next().key()[1]);
    }
    assertThat(seconds, equalTo(List.of(2, 9)));
    StateStoreMetrics m = state.commit();
    assertThat(m.numRowsTotal(), equalTo(2L));
    assertThat(m.numRowsRemoved(), equalTo(1L));
    assertThat(m.memoryUsedBytes(), equalTo(2L + 2 + 2 + 1 + 2 * 80));

    // the next batch starts from the counts kept beside the map
    RunnerShardState next = new RunnerShardState(rows, stats);
    next.remove(new byte[] {1, 9});
    assertThat(next.commit().numRowsTotal(), equalTo(1L));
  }

  @Test
  public void theKeyCoderRoundTrips() throws Exception {
    ByteKey key = ByteKey.copyFrom(new byte[] {0, -1, 5});
    RunnerShardState.ByteKeyCoder coder = RunnerShardState.ByteKeyCoder.INSTANCE;
    assertThat(CoderUtils.clone(coder, key), equalTo(key));
    coder.verifyDeterministic();
  }
}
