package dev.sluice.examples.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --trigger available-now|processing-time} and {@code --follow}: how an example that reads
 * files decides when to run batches and when to stop. By default it processes the files there now
 * and exits ({@code available-now}); {@code --follow} keeps watching the input for new files until
 * interrupted, one batch every {@code --batch-interval} ({@code processing-time}).
 *
 * <pre>{@code
 * @Mixin TriggerOptions trigger;
 * ...
 * if (trigger.follows()) { ... run until interrupted ... } else { ... process what is there ... }
 * }</pre>
 */
public final class TriggerOptions {
  /** Spark's trigger names. */
  public enum Trigger {
    AVAILABLE_NOW("available-now"),
    PROCESSING_TIME("processing-time");

    private final String cliName;

    Trigger(String cliName) {
      this.cliName = cliName;
    }

    @Override
    public String toString() {
      return cliName;
    }

    static Trigger parse(String value) {
      for (Trigger t : values()) {
        if (t.cliName.equals(value)) {
          return t;
        }
      }
      throw new picocli.CommandLine.TypeConversionException(
          "'" + value + "' is not a trigger; use available-now or processing-time");
    }
  }

  @Spec(Spec.Target.MIXEE)
  private CommandSpec spec;

  private Trigger trigger;
  private boolean follow;

  @Option(
      names = "--trigger",
      paramLabel = "TRIGGER",
      converter = TriggerConverter.class,
      description =
          "available-now: process the input there now, then exit (the default); processing-time:"
              + " a batch every --batch-interval until interrupted.")
  void setTrigger(Trigger trigger) {
    this.trigger = trigger;
    check();
  }

  @Option(
      names = "--follow",
      description = "Keep watching the input for new files (implies --trigger processing-time).")
  void setFollow(boolean follow) {
    this.follow = follow;
    check();
  }

  private void check() {
    if (follow && trigger == Trigger.AVAILABLE_NOW) {
      throw new ParameterException(
          spec.commandLine(),
          "--follow keeps watching the input but --trigger available-now stops when it is"
              + " consumed; give one of them");
    }
  }

  /** The trigger: as given, else processing-time with {@code --follow}, else available-now. */
  public Trigger trigger() {
    if (trigger != null) {
      return trigger;
    }
    return follow ? Trigger.PROCESSING_TIME : Trigger.AVAILABLE_NOW;
  }

  /** True if the example should keep running and watch for new input until interrupted. */
  public boolean follows() {
    return trigger() == Trigger.PROCESSING_TIME;
  }

  /**
   * The Structured Streaming trigger: {@code Trigger.AvailableNow()}, or with {@code --follow} /
   * {@code --trigger processing-time} {@code Trigger.ProcessingTime(interval)}.
   */
  public dev.sluice.structured.Trigger structured(java.time.Duration interval) {
    return follows()
        ? dev.sluice.structured.Trigger.ProcessingTime(interval.toMillis())
        : dev.sluice.structured.Trigger.AvailableNow();
  }

  /** Converts {@code available-now} and {@code processing-time}. */
  public static final class TriggerConverter
      implements picocli.CommandLine.ITypeConverter<Trigger> {
    @Override
    public Trigger convert(String value) {
      return Trigger.parse(value);
    }
  }
}
