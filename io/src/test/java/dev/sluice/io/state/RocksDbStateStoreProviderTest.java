package dev.sluice.io.state;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** The {@link StateStoreContract} on {@link RocksDbStateStoreProvider}. */
@RunWith(JUnit4.class)
public class RocksDbStateStoreProviderTest extends StateStoreContract {
  private Path localDir() {
    return tmp.getRoot().toPath().resolve("rocksdb-work");
  }

  @Override
  StateStoreConf conf() {
    return StateStoreConf.defaults()
        .withProvider("rocksdb")
        .withRocksDbLocalDir(localDir().toString());
  }

  @Override
  String changeKind() {
    return "changelog";
  }

  @Override
  String snapshotKind() {
    return "zip";
  }

  @Test
  public void theWorkingDatabaseIsRemovedOnClose() throws IOException {
    StateStoreProvider provider = provider();
    StateStore store = provider.getStore(0);
    store.put(b("a"), b("1"));
    assertThat(store.metrics().memoryUsedBytes(), greaterThan(0L));
    store.commit();
    try (Stream<Path> work = Files.list(localDir())) {
      assertThat(work.count(), is(1L));
    }
    provider.close();
    try (Stream<Path> work = Files.list(localDir())) {
      assertThat(work.collect(Collectors.toList()), is(empty()));
    }
  }

  @Test
  public void filesOfTheHeapStoreAreRefused() throws Exception {
    Files.createDirectories(stateDir());
    Files.write(stateDir().resolve("1.delta"), b("x"));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> provider());
    assertThat(e.getMessage(), containsString("[delta] files of the heap state store"));
  }
}
