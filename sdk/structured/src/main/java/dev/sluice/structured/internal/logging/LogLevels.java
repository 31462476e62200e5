package dev.sluice.structured.internal.logging;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Spark's {@code SparkContext.setLogLevel}: sets the root logger's level of whichever SLF4J backend
 * the application uses, so loggers without a level of their own follow it (loggers configured with
 * their own level keep it, as with Spark's log4j root level).
 *
 * <p>Backends: {@code slf4j-simple} (the one Sluice's examples and tests use), Logback, Log4j 2 and
 * {@code java.util.logging} ({@code slf4j-jdk14}); they are reached by reflection, so none is a
 * dependency. With the NOP backend nothing is logged, and nothing needs to change.
 *
 * <pre>{@code
 * LogLevels.set("WARN");    // Beam's and Sluice's INFO lines stop
 * LogLevels.set("verbose"); // IllegalArgumentException naming ALL, DEBUG, ERROR, ... WARN
 * }</pre>
 */
public final class LogLevels {
  /** Spark's valid levels, in Spark's order. */
  public static final List<String> VALID =
      List.of("ALL", "DEBUG", "ERROR", "FATAL", "INFO", "OFF", "TRACE", "WARN");

  private LogLevels() {}

  /**
   * Sets the root log level.
   *
   * @throws IllegalArgumentException if {@code level} is not one of {@link #VALID} (any case)
   * @throws IllegalStateException if the SLF4J backend is one Sluice cannot change
   */
  public static void set(String level) {
    String upper = parse(level);
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    String backend = factory.getClass().getName();
    try {
      switch (backend) {
        case "org.slf4j.simple.SimpleLoggerFactory":
          setSimple(factory, upper);
          return;
        case "ch.qos.logback.classic.LoggerContext":
          setLogback(upper);
          return;
        case "org.apache.logging.slf4j.Log4jLoggerFactory":
          setLog4j(upper);
          return;
        case "org.slf4j.jul.JDK14LoggerFactory":
          setJul(upper);
          return;
        case "org.slf4j.helpers.NOPLoggerFactory":
        case "org.slf4j.helpers.SubstituteLoggerFactory":
          return; // nothing is logged
        default:
          throw new IllegalStateException(
              "setLogLevel(\""
                  + level
                  + "\"): the SLF4J backend "
                  + backend
                  + " is not one Sluice can change (slf4j-simple, Logback, Log4j 2,"
                  + " java.util.logging); set the level in that backend's own configuration");
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      if (e instanceof IllegalStateException) {
        throw (IllegalStateException) e;
      }
      throw new IllegalStateException(
          "setLogLevel(\"" + level + "\") could not change the levels of " + backend, e);
    }
  }

  /** The level in upper case, checked against Spark's list. */
  static String parse(String level) {
    String upper = level == null ? "" : level.trim().toUpperCase(Locale.ROOT);
    if (!VALID.contains(upper)) {
      throw new IllegalArgumentException(
          "Supplied level "
              + level
              + " did not match one of: "
              + String.join(",", VALID)
              + " (e.g. setLogLevel(\"WARN\"))");
    }
    return upper;
  }

  /**
   * slf4j-simple reads its levels once: the default of new loggers lives in its configuration, each
   * logger keeps its own copy. Both are set; loggers configured with {@code
   * org.slf4j.simpleLogger.log.<name>} keep their level.
   */
  private static void setSimple(ILoggerFactory factory, String level)
      throws ReflectiveOperationException {
    int value = simpleLevel(level);
    Class<?> loggerClass = Class.forName("org.slf4j.simple.SimpleLogger");
    Field configField = loggerClass.getDeclaredField("CONFIG_PARAMS");
    configField.setAccessible(true);
    Object config = configField.get(null);
    Field defaultLevel = config.getClass().getDeclaredField("defaultLogLevel");
    defaultLevel.setAccessible(true);
    defaultLevel.setInt(config, value);

    Field mapField = factory.getClass().getDeclaredField("loggerMap");
    mapField.setAccessible(true);
    Map<?, ?> loggers = (Map<?, ?>) mapField.get(factory);
    Field current = loggerClass.getDeclaredField("currentLogLevel");
    current.setAccessible(true);
    Method own = loggerClass.getDeclaredMethod("recursivelyComputeLevelString");
    own.setAccessible(true);
    for (Object logger : loggers.values()) {
      if (loggerClass.isInstance(logger) && own.invoke(logger) == null) {
        current.setInt(logger, value);
      }
    }
  }

  /** slf4j-simple's level numbers (TRACE 0 … ERROR 40, OFF 50). */
  private static int simpleLevel(String level) {
    switch (level) {
      case "ALL":
      case "TRACE":
        return 0;
      case "DEBUG":
        return 10;
      case "INFO":
        return 20;
      case "WARN":
        return 30;
      case "ERROR":
      case "FATAL":
        return 40;
      default:
        return 50; // OFF
    }
  }

  private static void setLogback(String level) throws ReflectiveOperationException {
    Object root = LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Class<?> levelClass = Class.forName("ch.qos.logback.classic.Level");
    Object value =
        levelClass
            .getMethod("toLevel", String.class)
            .invoke(null, level.equals("FATAL") ? "ERROR" : level);
    root.getClass().getMethod("setLevel", levelClass).invoke(root, value);
  }

  private static void setLog4j(String level) throws ReflectiveOperationException {
    Class<?> levelClass = Class.forName("org.apache.logging.log4j.Level");
    Object value = levelClass.getMethod("toLevel", String.class).invoke(null, level);
    Class.forName("org.apache.logging.log4j.core.config.Configurator")
        .getMethod("setRootLevel", levelClass)
        .invoke(null, value);
  }

  /** {@code java.util.logging}: the root logger and its handlers (which filter too). */
  static void setJul(String level) {
    Level value = julLevel(level);
    java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    root.setLevel(value);
    for (Handler h : root.getHandlers()) {
      h.setLevel(value);
    }
  }

  static Level julLevel(String level) {
    switch (level) {
      case "ALL":
        return Level.ALL;
      case "TRACE":
        return Level.FINEST;
      case "DEBUG":
        return Level.FINE;
      case "INFO":
        return Level.INFO;
      case "WARN":
        return Level.WARNING;
      case "ERROR":
      case "FATAL":
        return Level.SEVERE;
      default:
        return Level.OFF;
    }
  }
}
