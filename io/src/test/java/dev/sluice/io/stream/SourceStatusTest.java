package dev.sluice.io.stream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link SourceStatus}. */
@RunWith(JUnit4.class)
public class SourceStatusTest {
  @Test
  public void updateGetAndRemove() {
    long before = System.currentTimeMillis();
    SourceStatus.update("status-test", 4, true);
    SourceStatus status = SourceStatus.get("status-test");
    assertThat(status.lastEndedBatch(), is(4L));
    assertThat(status.caughtUp(), is(true));
    assertThat(status.updatedAtMillis() >= before, is(true));
    SourceStatus.update("status-test", 5, false);
    assertThat(status.lastEndedBatch(), is(4L)); // snapshots are immutable
    assertThat(SourceStatus.get("status-test").caughtUp(), is(false));
    SourceStatus.remove("status-test");
    assertThat(SourceStatus.get("status-test"), is(nullValue()));
  }

  @Test
  public void onlyAPollThatBeganAfterTheQuestionProvesTheSourceCaughtUp() {
    long pollBegan = System.nanoTime();
    long askedAt = pollBegan + 1; // the question comes while the poll is under way
    SourceStatus.update("status-since", 3, true, false, pollBegan);
    // reported after the question, but the poll looked before it: proves nothing
    assertThat(SourceStatus.get("status-since").caughtUpSince(askedAt), is(false));
    SourceStatus.update("status-since", 3, true, false, askedAt + 1);
    assertThat(SourceStatus.get("status-since").caughtUpSince(askedAt), is(true));
    SourceStatus.update("status-since", 3, false, false, askedAt + 2);
    assertThat(SourceStatus.get("status-since").caughtUpSince(askedAt), is(false));
    SourceStatus.update("status-since", 3, true, false, SourceStatus.NEVER_POLLED);
    assertThat(SourceStatus.get("status-since").caughtUpSince(askedAt), is(false));
    SourceStatus.update("status-since", 4, false, true, SourceStatus.NEVER_POLLED);
    assertThat(SourceStatus.get("status-since").caughtUpSince(askedAt), is(true)); // ended
    SourceStatus.remove("status-since");
  }
}
