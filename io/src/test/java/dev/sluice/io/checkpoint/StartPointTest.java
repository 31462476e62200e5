package dev.sluice.io.checkpoint;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link StartPoint}: Spark's restart rule on real logs. */
@RunWith(JUnit4.class)
public class StartPointTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private BatchLog<List<String>> offsets;
  private BatchLog<List<String>> commits;

  @Before
  public void openLogs() throws Exception {
    CheckpointLayout cp = CheckpointLayout.of(tmp.getRoot().toString());
    offsets = BatchLog.open(cp.offsets(), LogCodec.lines());
    commits = BatchLog.open(cp.commits(), LogCodec.lines());
  }

  @Test
  public void aNewCheckpointStartsAtBatchZeroFromTheBeginning() throws Exception {
    assertThat(StartPoint.of(offsets, commits), is(new StartPoint<>(0, false, null, null)));
  }

  @Test
  public void aCommittedBatchIsFollowedByTheNextOne() throws Exception {
    offsets.add(0, List.of("o0"));
    commits.add(0, List.of());
    offsets.add(1, List.of("o1"));
    commits.add(1, List.of());
    assertThat(
        StartPoint.of(offsets, commits), is(new StartPoint<>(2, false, List.of("o1"), null)));
  }

  @Test
  public void aPlannedBatchThatWasNotCommittedRunsAgainWithTheSameOffsets() throws Exception {
    offsets.add(0, List.of("o0"));
    assertThat(StartPoint.of(offsets, commits), is(new StartPoint<>(0, true, null, List.of("o0"))));
    commits.add(0, List.of());
    offsets.add(1, List.of("o1"));
    assertThat(
        StartPoint.of(offsets, commits),
        is(new StartPoint<>(1, true, List.of("o0"), List.of("o1"))));
  }

  @Test
  public void logsThatDisagreeAreRefused() throws Exception {
    commits.add(0, List.of());
    IllegalStateException none =
        assertThrows(IllegalStateException.class, () -> StartPoint.of(offsets, commits));
    assertThat(none.getMessage(), containsString("no offsets but commits up to batch 0"));
    offsets.add(0, List.of("o0"));
    offsets.add(3, List.of("o3"));
    IllegalStateException gap =
        assertThrows(IllegalStateException.class, () -> StartPoint.of(offsets, commits));
    assertThat(gap.getMessage(), containsString("offsets end at batch 3 but commits at 0"));
    assertThat(gap.getMessage(), containsString("start a new checkpoint location"));
  }
}
