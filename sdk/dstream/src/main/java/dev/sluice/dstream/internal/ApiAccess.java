package dev.sluice.dstream.internal;

import dev.sluice.dstream.Duration;
import dev.sluice.dstream.State;
import dev.sluice.dstream.StateSpec;
import dev.sluice.dstream.StreamingContext;
import dev.sluice.dstream.function.Function3;
import java.util.Optional;
import org.apache.beam.sdk.values.PCollection;

/**
 * The internal package's door into members the DStream API keeps package-private (a {@link State}'s
 * constructor and change flag, a {@link StateSpec}'s function and timeout, a context's batch ticks
 * and step names), so they stay out of users' view. The API package installs the one {@link Door}
 * when {@link StreamingContext} loads (the JDK's {@code SharedSecrets} pattern).
 *
 * <pre>{@code
 * State<Integer> view = ApiAccess.state(current, true, false);
 * String step = ApiAccess.name(ssc, "checkpointTicks");
 * }</pre>
 */
public final class ApiAccess {
  /** What the API package implements; one instance, installed once. */
  public interface Door {
    <S> State<S> state(S value, boolean exists, boolean timingOut);

    boolean changed(State<?> state);

    <K, V, S, R> Function3<K, Optional<V>, State<S>, R> mappingFunction(StateSpec<K, V, S, R> spec);

    Duration idleTimeout(StateSpec<?, ?, ?, ?> spec);

    PCollection<Long> ticks(StreamingContext ssc, Duration slide, long lastBatch);

    String name(StreamingContext ssc, String base);

    Checkpointing checkpointing(StreamingContext ssc);
  }

  private static volatile Door door;

  private ApiAccess() {}

  /**
   * Installs the API package's door; called once from its static initializer.
   *
   * @throws IllegalStateException if a door is already installed
   */
  public static synchronized void install(Door api) {
    if (door != null) {
      throw new IllegalStateException("ApiAccess is installed once, by dev.sluice.dstream");
    }
    door = api;
  }

  private static Door door() {
    Door d = door;
    if (d == null) {
      try {
        // StreamingContext's static initializer installs the door.
        Class.forName(
            StreamingContext.class.getName(), true, StreamingContext.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      d = door;
    }
    return d;
  }

  public static <S> State<S> state(S value, boolean exists, boolean timingOut) {
    return door().state(value, exists, timingOut);
  }

  public static boolean changed(State<?> state) {
    return door().changed(state);
  }

  public static <K, V, S, R> Function3<K, Optional<V>, State<S>, R> mappingFunction(
      StateSpec<K, V, S, R> spec) {
    return door().mappingFunction(spec);
  }

  public static Duration idleTimeout(StateSpec<?, ?, ?, ?> spec) {
    return door().idleTimeout(spec);
  }

  public static PCollection<Long> ticks(StreamingContext ssc, Duration slide, long lastBatch) {
    return door().ticks(ssc, slide, lastBatch);
  }

  public static String name(StreamingContext ssc, String base) {
    return door().name(ssc, base);
  }

  public static Checkpointing checkpointing(StreamingContext ssc) {
    return door().checkpointing(ssc);
  }
}
