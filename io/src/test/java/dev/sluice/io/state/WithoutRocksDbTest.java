package dev.sluice.io.state;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * rocksdbjni is optional: with the test class path minus rocksdbjni (what a user who keeps the
 * default gets), the heap store works and picking rocksdb fails naming the artifact.
 */
@RunWith(JUnit4.class)
public class WithoutRocksDbTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static URLClassLoader withoutRocksDb() throws Exception {
    String path =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<URL> urls = new ArrayList<>();
    for (String entry : path.split(File.pathSeparator)) {
      if (!entry.isEmpty() && !new File(entry).getName().startsWith("rocksdbjni")) {
        urls.add(new File(entry).toURI().toURL());
      }
    }
    return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
  }

  private static Object open(ClassLoader loader, String dir, String provider) throws Throwable {
    Class<?> confClass = loader.loadClass(StateStoreConf.class.getName());
    Object conf = confClass.getMethod("defaults").invoke(null);
    conf = confClass.getMethod("withProvider", String.class).invoke(conf, provider);
    Method open =
        loader
            .loadClass(StateStoreProvider.class.getName())
            .getMethod("open", String.class, confClass);
    try {
      return open.invoke(null, dir, conf);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Test
  public void theHeapStoreWorksAndRocksDbIsNamedWhenMissing() throws Throwable {
    try (URLClassLoader loader = withoutRocksDb()) {
      assertThrows(ClassNotFoundException.class, () -> loader.loadClass("org.rocksdb.RocksDB"));

      Object provider = open(loader, tmp.newFolder("heap").toString(), "heap");
      Class<?> providerClass = loader.loadClass(StateStoreProvider.class.getName());
      Class<?> storeClass = loader.loadClass(StateStore.class.getName());
      Object store = providerClass.getMethod("getStore", long.class).invoke(provider, 0L);
      byte[] key = "k".getBytes(StandardCharsets.UTF_8);
      storeClass.getMethod("put", byte[].class, byte[].class).invoke(store, key, key);
      assertThat(storeClass.getMethod("commit").invoke(store), is(1L));
      providerClass.getMethod("close").invoke(provider);

      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> open(loader, tmp.newFolder("rocks").toString(), "rocksdb"));
      assertThat(
          e.getMessage(),
          containsString("needs org.rocksdb:rocksdbjni:10.10.1.1 on the class path"));

      Class<?> confClass = loader.loadClass(StateStoreConf.class.getName());
      Object rocks =
          confClass
              .getMethod("withProvider", String.class)
              .invoke(confClass.getMethod("defaults").invoke(null), "rocksdb");
      InvocationTargetException early =
          assertThrows(
              InvocationTargetException.class,
              () -> confClass.getMethod("checkAvailable").invoke(rocks));
      assertThat(early.getCause().getMessage(), containsString("rocksdbjni:10.10.1.1"));
    }
  }
}
