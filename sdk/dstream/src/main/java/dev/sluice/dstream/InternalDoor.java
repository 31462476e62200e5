package dev.sluice.dstream;

import dev.sluice.dstream.function.Function3;
import dev.sluice.dstream.internal.ApiAccess;
import dev.sluice.dstream.internal.Checkpointing;
import java.util.Optional;
import org.apache.beam.sdk.values.PCollection;

/** The API package's side of {@link ApiAccess}: package-private members, opened to internals. */
final class InternalDoor implements ApiAccess.Door {
  @Override
  public <S> State<S> state(S value, boolean exists, boolean timingOut) {
    return new State<>(value, exists, timingOut);
  }

  @Override
  public boolean changed(State<?> state) {
    return state.changed();
  }

  @Override
  public <K, V, S, R> Function3<K, Optional<V>, State<S>, R> mappingFunction(
      StateSpec<K, V, S, R> spec) {
    return spec.mappingFunction();
  }

  @Override
  public Duration idleTimeout(StateSpec<?, ?, ?, ?> spec) {
    return spec.idleTimeout();
  }

  @Override
  public PCollection<Long> ticks(StreamingContext ssc, Duration slide, long lastBatch) {
    return ssc.ticks(slide, lastBatch);
  }

  @Override
  public String name(StreamingContext ssc, String base) {
    return ssc.name(base);
  }

  @Override
  public Checkpointing checkpointing(StreamingContext ssc) {
    return ssc.checkpointing();
  }
}
