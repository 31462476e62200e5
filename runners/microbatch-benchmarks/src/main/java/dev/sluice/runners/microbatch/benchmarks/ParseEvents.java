package dev.sluice.runners.microbatch.benchmarks;

import com.fasterxml.jackson.databind.ObjectReader;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Instant;

/**
 * Reads {@link EventGenerator}'s files with {@code TextIO.read()} and parses each line with Jackson
 * into an {@link Event}, output as {@code KV(key, value)} with the event's time as its timestamp.
 * The key is the event's action or its user.
 *
 * <pre>{@code
 * PCollection<KV<String, Double>> byAction =
 *     p.apply(ParseEvents.from(EventGenerator.glob(dir), ParseEvents.KeyField.ACTION));
 * }</pre>
 */
public final class ParseEvents extends PTransform<PBegin, PCollection<KV<String, Double>>> {
  /**
   * Which field of the event becomes the key.
   *
   * <pre>{@code
   * p.apply(ParseEvents.from(glob, ParseEvents.KeyField.USER)); // KV(user, value)
   * }</pre>
   */
  public enum KeyField {
    /** {@link Event#action}. */
    ACTION,
    /** {@link Event#user}. */
    USER
  }

  private final String glob;
  private final KeyField key;

  private ParseEvents(String glob, KeyField key) {
    this.glob = glob;
    this.key = key;
  }

  /** Reads the files matching {@code glob}, keyed by {@code key}. */
  public static ParseEvents from(String glob, KeyField key) {
    return new ParseEvents(glob, key);
  }

  @Override
  public PCollection<KV<String, Double>> expand(PBegin input) {
    return input
        .apply("ReadLines", TextIO.read().from(glob))
        .apply("ParseJson", ParDo.of(new ParseFn(key)));
  }

  /** Parses one line and outputs it with its event time. */
  static final class ParseFn extends DoFn<String, KV<String, Double>> {
    private final KeyField key;
    private transient ObjectReader reader;

    ParseFn(KeyField key) {
      this.key = key;
    }

    @Setup
    public void setup() {
      reader = Event.reader();
    }

    @ProcessElement
    public void process(@Element String line, OutputReceiver<KV<String, Double>> out) {
      Event e = Event.parse(reader, line);
      out.outputWithTimestamp(
          KV.of(key == KeyField.ACTION ? e.action : e.user, e.value),
          new Instant(Event.timestampMillis(e.ts)));
    }
  }
}
