package dev.sluice.io.state;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.KV;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link TypedStateStore}. */
@RunWith(JUnit4.class)
public class TypedStateStoreTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void typedValuesSurviveARestart() throws Exception {
    String dir = tmp.getRoot().toPath().resolve("state/0/0").toString();
    try (StateStoreProvider provider = StateStoreProvider.open(dir, StateStoreConf.defaults())) {
      TypedStateStore<String, Long> counts =
          TypedStateStore.of(provider.getStore(0), StringUtf8Coder.of(), VarLongCoder.of());
      counts.put("b", 2L);
      counts.put("a", 1L);
      counts.put("gone", 0L);
      counts.remove("gone");
      assertThat(counts.commit(), is(1L));
    }
    try (StateStoreProvider provider = StateStoreProvider.open(dir, StateStoreConf.defaults())) {
      TypedStateStore<String, Long> counts =
          TypedStateStore.of(
              provider.getStore(provider.latestVersion()), StringUtf8Coder.of(), VarLongCoder.of());
      assertThat(counts.get("a"), is(1L));
      assertThat(counts.get("gone"), is(nullValue()));
      List<KV<String, Long>> all = new ArrayList<>();
      counts.iterator().forEachRemaining(all::add);
      assertThat(all, is(List.of(KV.of("a", 1L), KV.of("b", 2L))));
      assertThat(counts.metrics().numRowsTotal(), is(2L));
      counts.abort();
    }
  }

  @Test
  public void nonDeterministicKeyCodersAreRejected() throws Exception {
    String dir = tmp.getRoot().toPath().resolve("s").toString();
    try (StateStoreProvider provider = StateStoreProvider.open(dir, StateStoreConf.defaults())) {
      StateStore store = provider.getStore(0);
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> TypedStateStore.of(store, DoubleCoder.of(), VarLongCoder.of()));
      assertThat(e.getMessage(), containsString("State keys need a deterministic coder"));
      store.abort();
    }
  }
}
