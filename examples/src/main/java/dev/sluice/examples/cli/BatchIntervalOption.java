package dev.sluice.examples.cli;

import dev.sluice.dstream.Durations;
import dev.sluice.io.time.DurationText;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --batch-interval}: the time between micro-batches, written as Spark writes durations
 * ({@code "1 second"}, {@code "500 milliseconds"}) or short ({@code 1s}, {@code 500ms}, {@code
 * 2min}). Each example has its own default.
 *
 * <pre>{@code
 * @Mixin BatchIntervalOption batch;
 * ...
 * new StreamingContext(options, batch.orDStream(Duration.ofSeconds(1)));
 * }</pre>
 */
public final class BatchIntervalOption {
  @Option(
      names = "--batch-interval",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Time between micro-batches, e.g. 1s, 500ms, \"2 seconds\" (default: 1s).")
  Duration interval;

  /** The interval given, or {@code otherwise}. */
  public Duration or(Duration otherwise) {
    return interval != null ? interval : otherwise;
  }

  /** As {@link #or}, as a DStream facade duration. */
  public dev.sluice.dstream.Duration orDStream(Duration otherwise) {
    return Durations.milliseconds(or(otherwise).toMillis());
  }

  /**
   * Parses {@code 500ms}, {@code 1s}, {@code 2min}, {@code 1h}, or Spark's long forms ({@code "10
   * seconds"}, {@code "1 minute"}); the amount must be a positive whole number.
   */
  public static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      long millis;
      try {
        millis = DurationText.parseOptionMillis(value, "duration", null);
      } catch (IllegalArgumentException e) {
        millis = 0;
      }
      if (millis <= 0) {
        throw new TypeConversionException(
            "'"
                + value
                + "' is not a positive duration; write it like 500ms, 1s, 2min, 1h or"
                + " \"10 seconds\"");
      }
      return Duration.ofMillis(millis);
    }
  }
}
