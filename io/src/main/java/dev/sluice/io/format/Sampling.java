package dev.sluice.io.format;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Spark's {@code samplingRatio} for schema inference: each record is taken with that probability,
 * from a random sequence with a fixed seed (so the same input gives the same schema); above 0.99
 * every record is taken.
 */
final class Sampling {
  private final double ratio;
  private final Random random = new Random(1);

  private Sampling(double ratio) {
    this.ratio = ratio;
  }

  static Sampling of(Map<String, String> given) {
    Map<String, String> options = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    options.putAll(given);
    String value = options.get("samplingRatio");
    if (value == null) {
      return new Sampling(1.0);
    }
    double ratio;
    try {
      ratio = Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      ratio = Double.NaN;
    }
    if (!(ratio > 0 && ratio <= 1)) {
      throw new IllegalArgumentException(
          "samplingRatio (" + value + ") should be greater than 0 and at most 1, e.g. 0.1");
    }
    return new Sampling(ratio);
  }

  /** Whether to look at the next record. */
  boolean take() {
    return ratio > 0.99 || random.nextDouble() < ratio;
  }
}
