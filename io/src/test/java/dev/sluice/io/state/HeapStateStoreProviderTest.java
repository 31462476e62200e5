package dev.sluice.io.state;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertThrows;

import java.nio.file.Files;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** The {@link StateStoreContract} on {@link HeapStateStoreProvider}. */
@RunWith(JUnit4.class)
public class HeapStateStoreProviderTest extends StateStoreContract {
  @Override
  StateStoreConf conf() {
    return StateStoreConf.defaults();
  }

  @Override
  String changeKind() {
    return "delta";
  }

  @Override
  String snapshotKind() {
    return "snapshot";
  }

  @Test
  public void filesOfTheRocksDbStoreAreRefused() throws Exception {
    Files.createDirectories(stateDir());
    Files.write(stateDir().resolve("1.changelog"), b("x"));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> provider());
    assertThat(e.getMessage(), containsString("[changelog] files of the rocksdb state store"));
    assertThat(
        e.getMessage(), containsString("spark.sql.streaming.stateStore.providerClass=rocksdb"));
  }
}
