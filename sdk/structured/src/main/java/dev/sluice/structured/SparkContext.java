package dev.sluice.structured;

import dev.sluice.structured.internal.logging.LogLevels;

/**
 * What Spark's {@code spark.sparkContext()} offers a Structured Streaming program that Sluice
 * supports: the log level, the application name and the version. (Sluice has no RDDs; queries run
 * on Beam runners.)
 *
 * <pre>{@code
 * session.sparkContext().setLogLevel("WARN");   // as spark.sparkContext.setLogLevel("WARN")
 * session.sparkContext().appName();             // "sluice" unless the builder named it
 * }</pre>
 */
public final class SparkContext {
  private final StreamingSession session;

  SparkContext(StreamingSession session) {
    this.session = session;
  }

  /**
   * Sets the root log level of the application's SLF4J backend, as Spark's {@code setLogLevel}: one
   * of {@code ALL, DEBUG, ERROR, FATAL, INFO, OFF, TRACE, WARN} (any case). Loggers configured with
   * a level of their own keep it.
   *
   * @throws IllegalArgumentException for any other level, naming the valid ones
   * @throws IllegalStateException if the backend is not slf4j-simple, Logback, Log4j 2 or
   *     java.util.logging
   */
  public void setLogLevel(String logLevel) {
    LogLevels.set(logLevel);
  }

  /** The session's application name. */
  public String appName() {
    return session.appName();
  }

  /** Same as {@link StreamingSession#version()}. */
  public String version() {
    return session.version();
  }
}
