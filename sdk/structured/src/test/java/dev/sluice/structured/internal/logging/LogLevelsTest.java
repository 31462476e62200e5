package dev.sluice.structured.internal.logging;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.logging.Level;
import org.junit.After;
import org.junit.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Levels really change in the tests' backend (slf4j-simple) and in java.util.logging. */
public class LogLevelsTest {
  @After
  public void backToTheBuildsLevel() {
    LogLevels.set("WARN"); // the level the pom gives the tests
  }

  @Test
  public void changesExistingAndNewLoggersOfSlf4jSimple() {
    Logger before = LoggerFactory.getLogger("dev.sluice.test.levels.before");
    assertFalse(before.isInfoEnabled());
    LogLevels.set("info");
    assertTrue(before.isInfoEnabled());
    assertFalse(before.isDebugEnabled());
    Logger after = LoggerFactory.getLogger("dev.sluice.test.levels.after");
    assertTrue(after.isInfoEnabled());
    LogLevels.set("ERROR");
    assertFalse(before.isWarnEnabled());
    assertTrue(before.isErrorEnabled());
    LogLevels.set("OFF");
    assertFalse(before.isErrorEnabled());
    LogLevels.set("ALL");
    assertTrue(after.isTraceEnabled());
  }

  @Test
  public void loggersWithTheirOwnLevelKeepIt() {
    System.setProperty("org.slf4j.simpleLogger.log.dev.sluice.test.own", "error");
    try {
      Logger own = LoggerFactory.getLogger("dev.sluice.test.own.x");
      LogLevels.set("DEBUG");
      assertFalse(own.isWarnEnabled());
      assertTrue(LoggerFactory.getLogger("dev.sluice.test.other").isDebugEnabled());
    } finally {
      System.clearProperty("org.slf4j.simpleLogger.log.dev.sluice.test.own");
    }
  }

  @Test
  public void unknownLevelNamesTheValidOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LogLevels.set("verbose"));
    assertEquals(
        "Supplied level verbose did not match one of:"
            + " ALL,DEBUG,ERROR,FATAL,INFO,OFF,TRACE,WARN (e.g. setLogLevel(\"WARN\"))",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LogLevels.set(null));
  }

  @Test
  public void javaUtilLoggingRootAndHandlers() {
    java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    Level saved = root.getLevel();
    try {
      LogLevels.setJul("DEBUG");
      assertEquals(Level.FINE, root.getLevel());
      for (java.util.logging.Handler h : root.getHandlers()) {
        assertEquals(Level.FINE, h.getLevel());
      }
      assertEquals(Level.SEVERE, LogLevels.julLevel("FATAL"));
      assertEquals(Level.OFF, LogLevels.julLevel("OFF"));
    } finally {
      LogLevels.setJul("INFO");
      root.setLevel(saved);
    }
  }
}
