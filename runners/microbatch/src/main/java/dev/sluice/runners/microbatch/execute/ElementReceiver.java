package dev.sluice.runners.microbatch.execute;

import java.util.List;
import org.apache.beam.sdk.values.WindowedValue;

/**
 * Takes the elements of one collection inside one worker's fused chain.
 *
 * <pre>{@code
 * ElementReceiver print = value -> System.out.println(value.getValue());
 * ElementReceiver both = ElementReceiver.fanOut(List.of(print, shuffleWriter));
 * }</pre>
 */
@FunctionalInterface
public interface ElementReceiver {
  /** A receiver that drops everything (a collection nobody reads). */
  ElementReceiver NONE = value -> {};

  /** Takes one element. */
  void accept(WindowedValue<?> value);

  /** A receiver that hands each element to every one of {@code receivers}, in order. */
  static ElementReceiver fanOut(List<ElementReceiver> receivers) {
    if (receivers.isEmpty()) {
      return NONE;
    } else if (receivers.size() == 1) {
      return receivers.get(0);
    }
    ElementReceiver[] all = receivers.toArray(new ElementReceiver[0]);
    return value -> {
      for (ElementReceiver receiver : all) {
        receiver.accept(value);
      }
    };
  }
}
