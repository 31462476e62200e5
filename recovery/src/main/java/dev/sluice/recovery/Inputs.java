package dev.sluice.recovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * The harness's input: {@code files} JSON Lines files of {@code events} events each, the same for
 * the same arguments. Event times rise by 7 seconds per event; every 7th event is 12 minutes late
 * (so the windowed query drops some as late, depending on batch boundaries), actions cycle over
 * open, open, close. Files get modification times in name order, so the file source reads them in
 * that order.
 *
 * <pre>{@code
 * Inputs.write(Path.of("/tmp/in"), 20, 500);
 * }</pre>
 */
public final class Inputs {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final String[] ACTIONS = {"open", "open", "close"};

  private Inputs() {}

  /** Writes the input files into {@code dir} (created if missing). */
  public static void write(Path dir, int files, int events) throws IOException {
    Files.createDirectories(dir);
    long id = 0;
    for (int f = 0; f < files; f++) {
      StringBuilder text = new StringBuilder();
      for (int e = 0; e < events; e++, id++) {
        Instant ts = START.plusSeconds(id * 7);
        if (id % 7 == 6) {
          ts = ts.minusSeconds(12 * 60);
        }
        text.append("{\"id\":")
            .append(id)
            .append(",\"action\":\"")
            .append(ACTIONS[(int) (id % ACTIONS.length)])
            .append("\",\"ts\":\"")
            .append(ts)
            .append("\"}\n");
      }
      Path file = dir.resolve(String.format("part-%04d.json", f));
      Files.writeString(file, text, StandardCharsets.UTF_8);
      Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_000L + f * 1000L));
    }
  }
}
