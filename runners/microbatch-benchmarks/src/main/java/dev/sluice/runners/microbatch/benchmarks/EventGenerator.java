package dev.sluice.runners.microbatch.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Writes the JSON-lines events read by W1, W3 and W4, deterministically from a seed.
 *
 * <p>Event {@code i} (counting from 0) happens at {@link #START} plus {@code i × 100 ms} (10 events
 * per second of event time), moved by a uniform disorder of up to ±2 minutes and truncated to the
 * second. Its action is one of the 8 {@link #ACTIONS}, its value a multiple of 0.25 in [0, 100) (so
 * sums and means are exact in {@code double}, whatever the order of addition), and its user one of
 * 1,000: users come in 10 cohorts of 100 and cohort {@code h mod 10} is the one active in hour
 * {@code h} of event time, so every user has sessions (an active hour, then 9 quiet hours). Events
 * are split into {@code files} files of consecutive events, like rotated logs. A line looks like:
 *
 * <pre>{@code
 * {"user":"u123","action":"open","value":12.5,"ts":"2024-01-15T10:02:33"}
 * }</pre>
 *
 * <p>Usage:
 *
 * <pre>{@code
 * Path dir = new EventGenerator(4_000_000, 40, 42L).ensure(Path.of("/tmp/sluice-benchmarks"));
 * p.apply(TextIO.read().from(dir.resolve("*.jsonl").toString()));
 * }</pre>
 */
public final class EventGenerator {
  /** Event time of event 0. */
  public static final long START_MILLIS =
      LocalDateTime.of(2024, 1, 15, 0, 0).toInstant(ZoneOffset.UTC).toEpochMilli();

  /** {@link #START_MILLIS} as text. */
  public static final String START = "2024-01-15T00:00:00Z";

  /** Event-time distance between consecutive events before disorder: 10 events per second. */
  public static final long SPACING_MILLIS = 100;

  /** Largest disorder, either way: 2 minutes. */
  public static final long DISORDER_MILLIS = 120_000;

  /** The 8 actions. */
  public static final List<String> ACTIONS =
      List.of("open", "view", "click", "scroll", "search", "share", "purchase", "close");

  /** Number of users. */
  public static final int USERS = 1000;

  private static final int COHORTS = 10;
  private static final int COHORT_SIZE = USERS / COHORTS;
  private static final long HOUR_MILLIS = 3_600_000L;
  private static final String COMPLETE = "_COMPLETE";

  private final long events;
  private final int files;
  private final long seed;

  /**
   * A generator of {@code events} events in {@code files} files (at least 1), from {@code seed}.
   */
  public EventGenerator(long events, int files, long seed) {
    if (events < 1 || files < 1) {
      throw new IllegalArgumentException("events and files must be at least 1");
    }
    this.events = events;
    this.files = (int) Math.min(files, events);
    this.seed = seed;
  }

  /** The number of events. */
  public long events() {
    return events;
  }

  /** The number of files. */
  public int files() {
    return files;
  }

  /**
   * Returns {@code root/events-<events>-<files>-<seed>}, first writing the files into it unless a
   * previous call completed them.
   */
  public Path ensure(Path root) throws IOException {
    Path dir = root.resolve("events-" + events + "-" + files + "-" + seed);
    if (Files.exists(dir.resolve(COMPLETE))) {
      return dir;
    }
    if (Files.exists(dir)) {
      try (Stream<Path> old = Files.walk(dir)) {
        old.sorted(Comparator.reverseOrder()).forEach(EventGenerator::delete);
      }
    }
    Files.createDirectories(dir);
    try {
      IntStream.range(0, files).parallel().forEach(file -> writeFile(dir, file));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    Files.createFile(dir.resolve(COMPLETE));
    return dir;
  }

  /** The glob matching the event files of {@code dir}. */
  public static String glob(Path dir) {
    return dir.resolve("events-*.jsonl").toString();
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** First event of file {@code file}. */
  long firstEvent(int file) {
    return events * file / files;
  }

  private void writeFile(Path dir, int file) {
    Path path = dir.resolve(String.format("events-%05d-of-%05d.jsonl", file, files));
    SplittableRandom random = random(file);
    StringBuilder line = new StringBuilder(96);
    try (BufferedWriter out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
      for (long i = firstEvent(file); i < firstEvent(file + 1); i++) {
        line.setLength(0);
        appendLine(line, i, random);
        out.append(line).append('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The random numbers of file {@code file}: lines depend only on seed, file and position. */
  SplittableRandom random(int file) {
    return new SplittableRandom(seed * 1_000_003L + file);
  }

  /** Appends event {@code index}'s JSON line (without newline), drawing from {@code random}. */
  static void appendLine(StringBuilder out, long index, SplittableRandom random) {
    long base = START_MILLIS + index * SPACING_MILLIS;
    long cohort = ((base - START_MILLIS) / HOUR_MILLIS) % COHORTS;
    long user = cohort * COHORT_SIZE + random.nextInt(COHORT_SIZE);
    String action = ACTIONS.get(random.nextInt(ACTIONS.size()));
    double value = random.nextInt(400) / 4.0;
    long millis = base + random.nextLong(-DISORDER_MILLIS, DISORDER_MILLIS + 1);
    out.append("{\"user\":\"u").append(user);
    out.append("\",\"action\":\"").append(action);
    out.append("\",\"value\":").append(value);
    out.append(",\"ts\":\"");
    appendTimestamp(out, Math.floorDiv(millis, 1000L));
    out.append("\"}");
  }

  private static void appendTimestamp(StringBuilder out, long epochSecond) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
    out.append(t.getYear()).append('-');
    pad2(out, t.getMonthValue()).append('-');
    pad2(out, t.getDayOfMonth()).append('T');
    pad2(out, t.getHour()).append(':');
    pad2(out, t.getMinute()).append(':');
    pad2(out, t.getSecond());
  }

  private static StringBuilder pad2(StringBuilder out, int value) {
    return (value < 10 ? out.append('0') : out).append(value);
  }
}
