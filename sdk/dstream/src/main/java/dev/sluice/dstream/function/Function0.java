package dev.sluice.dstream.function;

import java.io.Serializable;

/**
 * A function of no arguments, as Spark's {@code Function0}: the factory of {@code
 * StreamingContext.getOrCreate}.
 * <!-- given: String checkpointDir; abstract StreamingContext createContext(String checkpointDir); -->
 *
 * <pre>{@code
 * Function0<StreamingContext> factory = () -> createContext(checkpointDir);
 * }</pre>
 */
@FunctionalInterface
public interface Function0<R> extends Serializable {
  /** Computes the result. */
  R call() throws Exception;
}
