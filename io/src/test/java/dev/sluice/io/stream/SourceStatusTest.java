package dev.sluice.io.stream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import dev.sluice.io.context.RunContext;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link SourceStatus}. */
@RunWith(JUnit4.class)
public class SourceStatusTest {
  @Test
  public void updateGetAndForgetWithTheRun() {
    long before = System.currentTimeMillis();
    StatusKey key;
    try (RunContext run = RunContext.open()) {
      key = StatusKey.of(run.runId(), "status-test");
      SourceStatus.update(key, 4, true);
      SourceStatus status = SourceStatus.get(run, "status-test");
      assertThat(status.lastEndedBatch(), is(4L));
      assertThat(status.caughtUp(), is(true));
      assertThat(status.updatedAtMillis() >= before, is(true));
      SourceStatus.update(key, 5, false);
      assertThat(status.lastEndedBatch(), is(4L)); // snapshots are immutable
      assertThat(SourceStatus.get(key).caughtUp(), is(false));
    }
    assertThat(SourceStatus.get(key), is(nullValue()));
    // a report for a run that is not open in this JVM (a worker's view) is dropped
    SourceStatus.update(key, 6, true);
    assertThat(SourceStatus.get(key), is(nullValue()));
  }

  @Test
  public void onlyAPollThatBeganAfterTheQuestionProvesTheSourceCaughtUp() {
    try (RunContext run = RunContext.open()) {
      StatusKey key = StatusKey.of(run.runId(), "status-since");
      long pollBegan = System.nanoTime();
      long askedAt = pollBegan + 1; // the question comes while the poll is under way
      SourceStatus.update(key, 3, true, false, pollBegan);
      // reported after the question, but the poll looked before it: proves nothing
      assertThat(SourceStatus.get(key).caughtUpSince(askedAt), is(false));
      SourceStatus.update(key, 3, true, false, askedAt + 1);
      assertThat(SourceStatus.get(key).caughtUpSince(askedAt), is(true));
      SourceStatus.update(key, 3, false, false, askedAt + 2);
      assertThat(SourceStatus.get(key).caughtUpSince(askedAt), is(false));
      SourceStatus.update(key, 3, true, false, SourceStatus.NEVER_POLLED);
      assertThat(SourceStatus.get(key).caughtUpSince(askedAt), is(false));
      SourceStatus.update(key, 4, false, true, SourceStatus.NEVER_POLLED);
      assertThat(SourceStatus.get(key).caughtUpSince(askedAt), is(true)); // ended
    }
  }

  @Test
  public void aStatusKeyNamesItsRunAndSource() {
    org.junit.Assert.assertThrows(IllegalArgumentException.class, () -> StatusKey.of("", "s"));
    org.junit.Assert.assertThrows(IllegalArgumentException.class, () -> StatusKey.of("r", null));
  }
}
