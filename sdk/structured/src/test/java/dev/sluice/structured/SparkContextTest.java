package dev.sluice.structured;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.After;
import org.junit.Test;
import org.slf4j.LoggerFactory;

/** {@code session.version()}, {@code setLogLevel} from the session and its {@code sparkContext}. */
public class SparkContextTest {
  private final StreamingSession session = StreamingSession.builder().getOrCreate();

  @After
  public void backToTheBuildsLevel() {
    session.setLogLevel("WARN");
  }

  @Test
  public void versionIsTheSparkReleaseFollowed() {
    assertEquals("4.0.1", session.version());
    assertEquals(session.version(), session.sparkContext().version());
    assertEquals(session.appName(), session.sparkContext().appName());
  }

  @Test
  public void setLogLevelFromTheSessionChangesLevels() {
    org.slf4j.Logger beam = LoggerFactory.getLogger("org.apache.beam.sdk.Pipeline");
    assertFalse(beam.isInfoEnabled());
    session.sparkContext().setLogLevel("INFO");
    assertTrue(beam.isInfoEnabled());
    session.setLogLevel("warn");
    assertFalse(beam.isInfoEnabled());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> session.setLogLevel("NOTICE"));
    assertTrue(
        e.getMessage(), e.getMessage().contains("ALL,DEBUG,ERROR,FATAL,INFO,OFF,TRACE,WARN"));
  }
}
