package dev.sluice.io.checkpoint;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link CheckpointLayout}. */
@RunWith(JUnit4.class)
public class CheckpointLayoutTest {
  @Test
  public void namesSparksLayout() {
    CheckpointLayout cp = CheckpointLayout.of("gs://bucket/q1/");
    assertThat(cp.root(), is("gs://bucket/q1"));
    assertThat(cp.metadata(), is("gs://bucket/q1/metadata"));
    assertThat(cp.offsets(), is("gs://bucket/q1/offsets"));
    assertThat(cp.commits(), is("gs://bucket/q1/commits"));
    assertThat(cp.state(2, 7), is("gs://bucket/q1/state/2/7"));
    assertThat(cp.sources(0), is("gs://bucket/q1/sources/0"));
    assertThat(CheckpointLayout.of("/tmp/cp").offsets(), is("/tmp/cp/offsets"));
  }

  @Test
  public void badInputIsRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CheckpointLayout.of(""));
    assertThat(
        e.getMessage(),
        is("A checkpoint location is needed: set option checkpointLocation to a directory"));
    assertThrows(IllegalArgumentException.class, () -> CheckpointLayout.of("/x").state(-1, 0));
    assertThrows(IllegalArgumentException.class, () -> CheckpointLayout.of("/x").sources(-1));
  }
}
