package dev.sluice.io.file;

import dev.sluice.io.time.DurationText;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** The file stream source's own options, read from the option map (names case-insensitive). */
final class FileSourceOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Spark's default {@code maxFileAge}. */
  static final long DEFAULT_MAX_FILE_AGE_MILLIS = TimeUnit.DAYS.toMillis(7);

  /** Files per batch; 0 = no limit. */
  final int maxFilesPerTrigger;

  final boolean latestFirst;
  final long maxFileAgeMillis;

  /** Text format: one row per file instead of per line. */
  final boolean wholeText;

  /**
   * Spark's {@code ignoreCorruptFiles}: skip (and count) files a whole-file format cannot decode.
   */
  final boolean ignoreCorruptFiles;

  FileSourceOptions(Map<String, String> given) {
    Map<String, String> options = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    options.putAll(given);
    String max = options.get("maxFilesPerTrigger");
    if (max == null) {
      maxFilesPerTrigger = 0;
    } else {
      int parsed;
      try {
        parsed = Integer.parseInt(max.trim());
      } catch (NumberFormatException e) {
        parsed = -1;
      }
      if (parsed <= 0) {
        throw new IllegalArgumentException(
            "Option maxFilesPerTrigger must be a positive whole number (files per batch), but is '"
                + max
                + "'");
      }
      maxFilesPerTrigger = parsed;
    }
    latestFirst = bool(options, "latestFirst");
    wholeText = bool(options, "wholetext");
    ignoreCorruptFiles = bool(options, "ignoreCorruptFiles");
    String age = options.get("maxFileAge");
    maxFileAgeMillis =
        age == null
            ? DEFAULT_MAX_FILE_AGE_MILLIS
            : DurationText.parseOptionMillis(age, "maxFileAge", TimeUnit.MILLISECONDS);
    String clean = options.get("cleanSource");
    if (clean != null && !clean.trim().equalsIgnoreCase("off")) {
      throw new IllegalArgumentException(
          "Option cleanSource='"
              + clean
              + "' is not supported: Sluice's file source never deletes or moves its input; remove"
              + " the option (or set it to off)");
    }
  }

  /**
   * Spark ignores {@code maxFileAge} when {@code latestFirst} and {@code maxFilesPerTrigger} are
   * both set, so the newest files are never skipped for being old.
   */
  boolean ignoresMaxFileAge() {
    return latestFirst && maxFilesPerTrigger > 0;
  }

  private static boolean bool(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      return false;
    }
    if (value.trim().equalsIgnoreCase("true") || value.trim().equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value.trim());
    }
    throw new IllegalArgumentException(
        "Option " + name + " must be true or false, but is '" + value + "'");
  }
}
