package dev.sluice.io.state;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link StateStoreConf}. */
@RunWith(JUnit4.class)
public class StateStoreConfTest {
  @Test
  public void defaultsAreSparks() {
    StateStoreConf conf = StateStoreConf.fromOptions(Map.of());
    assertThat(conf.provider(), is("heap"));
    assertThat(conf.minDeltasForSnapshot(), is(10));
    assertThat(conf.minBatchesToRetain(), is(100));
  }

  @Test
  public void sparkKeysAndClassNamesAreRead() {
    StateStoreConf conf =
        StateStoreConf.fromOptions(
            Map.of(
                StateStoreConf.PROVIDER_CLASS,
                "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider",
                StateStoreConf.MIN_DELTAS_FOR_SNAPSHOT,
                "5",
                StateStoreConf.MIN_BATCHES_TO_RETAIN,
                "20"));
    assertThat(conf, is(new StateStoreConf("rocksdb", 5, 20, null)));
    assertThat(
        StateStoreConf.defaults()
            .withProvider(
                "org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider")
            .provider(),
        is("heap"));
  }

  @Test
  public void badValuesAreRejectedNamingTheOption() {
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> StateStoreConf.fromOptions(Map.of(StateStoreConf.PROVIDER_CLASS, "redis")));
    assertThat(unknown.getMessage(), containsString("Unknown state store provider 'redis'"));
    assertThat(unknown.getMessage(), containsString("use heap (the default) or rocksdb"));
    IllegalArgumentException notANumber =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                StateStoreConf.fromOptions(Map.of(StateStoreConf.MIN_DELTAS_FOR_SNAPSHOT, "ten")));
    assertThat(
        notANumber.getMessage(),
        is(
            "spark.sql.streaming.stateStore.minDeltasForSnapshot must be a whole number, not 'ten'"));
    assertThrows(
        IllegalArgumentException.class, () -> StateStoreConf.defaults().withMinBatchesToRetain(0));
  }

  @Test
  public void theNamedArtifactIsTheOneTheBuildUses() throws Exception {
    java.net.URL jar =
        org.rocksdb.RocksDB.class.getProtectionDomain().getCodeSource().getLocation();
    String file = new java.io.File(jar.toURI()).getName(); // rocksdbjni-<version>.jar
    String version = StateStoreConf.ROCKSDB_ARTIFACT.substring("org.rocksdb:rocksdbjni:".length());
    assertThat(file, is("rocksdbjni-" + version + ".jar"));
  }

  @Test
  public void aMissingRocksDbLibraryIsNamed() {
    StateStoreConf.requireClass("org.rocksdb.RocksDB", StateStoreConf.ROCKSDB_ARTIFACT);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                StateStoreConf.requireClass(
                    "org.rocksdb.NotThere", StateStoreConf.ROCKSDB_ARTIFACT));
    assertThat(
        e.getMessage(), containsString("needs org.rocksdb:rocksdbjni:10.10.1.1 on the class path"));
    assertThat(e.getMessage(), containsString("or use the default heap store"));
  }

  @Test
  public void aConfTravelsWithTheFunctionsThatUseIt() {
    StateStoreConf conf =
        StateStoreConf.defaults().withProvider("rocksdb").withMinDeltasForSnapshot(3);
    assertThat(org.apache.beam.sdk.util.SerializableUtils.ensureSerializable(conf), is(conf));
  }

  @Test
  public void availabilityIsCheckedBeforeAnyStoreOpens() {
    StateStoreConf.defaults().checkAvailable();
    StateStoreConf.defaults().withProvider("rocksdb").checkAvailable(); // on this class path
  }
}
