package dev.sluice.io.context;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.sameInstance;
import static org.junit.Assert.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link RunContext}: findable from open to close, then everything released. */
@RunWith(JUnit4.class)
public class RunContextTest {
  @Test
  public void aContextIsFoundByItsRunIdFromOpenToClose() {
    RunContext run = RunContext.open();
    assertThat(RunContext.find(run.runId()), is(sameInstance(run)));
    assertThat(RunContext.require(run.runId(), "x"), is(sameInstance(run)));
    assertThat(run.isOpen(), is(true));
    run.close();
    assertThat(RunContext.find(run.runId()), is(nullValue()));
    assertThat(run.isOpen(), is(false));
    run.close(); // again: nothing
    assertThat(RunContext.find(null), is(nullValue()));
  }

  @Test
  public void objectsAreKeptByNameWithTheirTypeChecked() {
    try (RunContext run = RunContext.open()) {
      run.put("n", 3);
      assertThat(run.get("n", Integer.class), is(3));
      assertThat(run.get("missing", String.class), is(nullValue()));
      assertThat(run.computeIfAbsent("s", String.class, () -> "made"), is("made"));
      assertThat(run.computeIfAbsent("s", String.class, () -> "again"), is("made"));
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> run.get("n", String.class));
      assertThat(e.getMessage(), containsString("java.lang.Integer under 'n'"));
      run.remove("n");
      assertThat(run.get("n", Integer.class), is(nullValue()));
    }
  }

  @Test
  public void closingReleasesResourcesLastFirstAndReportsFailuresAfterTryingAll() throws Exception {
    List<String> closed = new ArrayList<>();
    RunContext run = RunContext.open();
    run.closeAtEnd(() -> closed.add("first"));
    run.closeAtEnd(
        () -> {
          closed.add("failing");
          throw new java.io.IOException("boom");
        });
    run.closeAtEnd(() -> closed.add("last"));
    IllegalStateException e = assertThrows(IllegalStateException.class, run::close);
    assertThat(e.getMessage(), containsString("boom"));
    assertThat(closed, contains("last", "failing", "first"));
    assertThat(RunContext.find(run.runId()), is(nullValue()));
    // a resource registered after the end is closed at once
    run.closeAtEnd(() -> closed.add("late"));
    assertThat(closed.get(closed.size() - 1), is("late"));
  }

  @Test
  public void aRunIsOpenedOnceAndRequireNamesTheFeatureThatNeedsTheDriver() {
    try (RunContext run = RunContext.open("run-once-" + System.nanoTime())) {
      assertThrows(IllegalStateException.class, () -> RunContext.open(run.runId()));
    }
    assertThrows(IllegalArgumentException.class, () -> RunContext.open(""));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> RunContext.require("gone", "The memory sink"));
    assertThat(e.getMessage(), containsString("The memory sink works only where"));
    assertThat(e.getMessage(), containsString("driver's JVM"));
  }
}
