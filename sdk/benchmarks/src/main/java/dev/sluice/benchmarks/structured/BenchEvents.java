package dev.sluice.benchmarks.structured;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes the facade benchmarks' input ({@link StructuredBench}, {@code FacadeBench}): {@code files}
 * JSON-lines files of {@code eventsPerFile} mobile-style events each, e.g. {@code
 * {"eid":17,"id":"phone17","action":"open","value":12.25,"ts":"2018-03-02T10:00:00"}}. File {@code
 * f} covers the hour from 10:00 + f hours on 2018-03-02, one event every 36 ms; ids come from 5,000
 * phones, actions from five, values are multiples of 0.25 below 100 (so sums and averages are exact
 * in {@code double} whatever the order of addition), all drawn from a fixed seed (the same files
 * every time). {@code eid} numbers the events from 0 across the files; one line in twenty (after
 * the first of a file) is instead an exact copy of one of the 64 lines before it (a redelivered
 * event, a few seconds late), for {@code dropDuplicates}. The files get modification times in name
 * order, one second apart, since the file source reads the oldest first. A second directory holds a
 * copy of the first file alone, for the slow DirectRunner. {@link #writeUsers} writes the static
 * table the stream–static join reads.
 *
 * <pre>{@code
 * BenchEvents.write(Paths.get("/tmp/bench/in"), 10, 100_000);  // part-00.json ... part-09.json
 * BenchEvents.copyFirst(Paths.get("/tmp/bench/in"), Paths.get("/tmp/bench/in1"));
 * }</pre>
 *
 * <p>From the command line, {@code main} takes the directory, the number of files and the events
 * per file (defaults {@code /tmp/bench/in}, 10 and 100,000) and writes the copy beside it, into the
 * same path with {@code 1} appended ({@code /tmp/bench/in1}).
 */
public final class BenchEvents {
  /** The actions events are drawn from. */
  static final List<String> ACTIONS = List.of("open", "close", "swipe", "crash", "tap");

  /** The number of distinct phone ids. */
  static final int PHONES = 5000;

  /** The countries of the users table, by phone number modulo their count. */
  static final List<String> COUNTRIES = List.of("br", "de", "fr", "in", "jp", "us");

  /**
   * One line in {@code DUPLICATE_EVERY} is a copy of one of the {@link #DUPLICATE_WINDOW} before.
   */
  static final int DUPLICATE_EVERY = 20;

  static final int DUPLICATE_WINDOW = 64;

  private static final LocalDateTime BASE = LocalDateTime.of(2018, 3, 2, 10, 0, 0);
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
  private static final long SEED = 1;

  private BenchEvents() {}

  /** Writes the files and the one-file copy; arguments: directory, files, events per file. */
  public static void main(String[] args) throws IOException {
    Path dir = Paths.get(args.length > 0 ? args[0] : "/tmp/bench/in");
    int files = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int eventsPerFile = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
    List<Path> written = write(dir, files, eventsPerFile);
    Path one = dir.resolveSibling(dir.getFileName() + "1");
    copyFirst(dir, one);
    System.out.printf(
        "%d files x %d events in %s; the first file alone in %s%n",
        written.size(), eventsPerFile, dir, one);
  }

  /**
   * Writes {@code files} files {@code part-NN.json} of {@code eventsPerFile} events into {@code
   * dir} (created if missing; files of the same names are replaced) and returns them in name order.
   *
   * @throws IllegalArgumentException if {@code files} is not in 1..100 or {@code eventsPerFile} is
   *     not positive
   */
  public static List<Path> write(Path dir, int files, int eventsPerFile) throws IOException {
    if (files < 1 || files > 100) {
      throw new IllegalArgumentException(
          "files must be between 1 and 100 (names are part-00 to part-99), got " + files);
    }
    if (eventsPerFile < 1) {
      throw new IllegalArgumentException("eventsPerFile must be positive, got " + eventsPerFile);
    }
    Files.createDirectories(dir);
    SplittableRandom random = new SplittableRandom(SEED);
    List<Path> written = new ArrayList<>();
    long firstModified = System.currentTimeMillis() - files * 1000L;
    long eid = 0;
    String[] recent = new String[DUPLICATE_WINDOW];
    for (int f = 0; f < files; f++) {
      Path file = dir.resolve(String.format("part-%02d.json", f));
      try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        int inFile = 0; // original events of this file so far
        for (int i = 0; i < eventsPerFile; i++) {
          String line;
          if (inFile > 0 && random.nextInt(DUPLICATE_EVERY) == 0) {
            line =
                recent[
                    (inFile - 1 - random.nextInt(Math.min(inFile, DUPLICATE_WINDOW)))
                        % DUPLICATE_WINDOW];
          } else {
            LocalDateTime ts = BASE.plusHours(f).plusNanos(i * 36_000_000L);
            line =
                "{\"eid\":"
                    + eid++
                    + ",\"id\":\"phone"
                    + random.nextInt(PHONES)
                    + "\",\"action\":\""
                    + ACTIONS.get(random.nextInt(ACTIONS.size()))
                    + "\",\"value\":"
                    + random.nextInt(400) * 0.25
                    + ",\"ts\":\""
                    + TS.format(ts)
                    + "\"}";
            recent[inFile % DUPLICATE_WINDOW] = line;
            inFile++;
          }
          out.write(line);
          out.write('\n');
        }
      }
      Files.setLastModifiedTime(file, FileTime.fromMillis(firstModified + f * 1000L));
      written.add(file);
    }
    return written;
  }

  /**
   * Writes the users table of the stream–static join to {@code file} as CSV without a header, one
   * line {@code id,country,tier} per phone whose number is not 4 modulo 5 (so a fifth of the events
   * find no user): {@code phoneN,COUNTRIES[N mod 6],(N / 7) mod 3}, e.g. {@code phone8,fr,1}.
   */
  public static Path writeUsers(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int n = 0; n < PHONES; n++) {
        if (n % 5 != 4) {
          out.write("phone" + n + "," + COUNTRIES.get(n % COUNTRIES.size()) + "," + (n / 7) % 3);
          out.write('\n');
        }
      }
    }
    return file;
  }

  /** Copies {@code dir}'s {@code part-00.json} alone into {@code target} (created if missing). */
  public static Path copyFirst(Path dir, Path target) throws IOException {
    Path first = dir.resolve("part-00.json");
    if (!Files.isRegularFile(first)) {
      throw new IllegalArgumentException(
          first
              + " does not exist: write the input first with BenchEvents.write("
              + dir
              + ", ...)");
    }
    Files.createDirectories(target);
    return Files.copy(first, target.resolve("part-00.json"), StandardCopyOption.REPLACE_EXISTING);
  }
}
