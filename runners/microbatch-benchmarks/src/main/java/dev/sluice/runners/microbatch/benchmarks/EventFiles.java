package dev.sluice.runners.microbatch.benchmarks;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The event files shared by W1, W3 and W4: generated on first use under a root directory and kept
 * there, so later runs (and later invocations) reuse them.
 *
 * <pre>{@code
 * EventFiles files = new EventFiles(Path.of("/tmp/sluice-benchmarks"), 4_000_000, 40, 42L);
 * String glob = files.glob(); // generates the files the first time
 * }</pre>
 */
public final class EventFiles {
  private final Path root;
  private final EventGenerator generator;
  private Path dir;

  /**
   * {@code events} events in {@code files} files under {@code root}, generated from {@code seed}.
   */
  public EventFiles(Path root, long events, int files, long seed) {
    this.root = root;
    this.generator = new EventGenerator(events, files, seed);
  }

  /** The number of events. */
  public long events() {
    return generator.events();
  }

  /** The number of files. */
  public int files() {
    return generator.files();
  }

  /** The directory holding the files, generating them if needed. */
  public synchronized Path dir() throws IOException {
    if (dir == null) {
      dir = generator.ensure(root);
    }
    return dir;
  }

  /** The glob matching the files, generating them if needed. */
  public String glob() throws IOException {
    return EventGenerator.glob(dir());
  }
}
