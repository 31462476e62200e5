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
}
