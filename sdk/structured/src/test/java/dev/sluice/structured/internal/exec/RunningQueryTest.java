package dev.sluice.structured.internal.exec;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import dev.sluice.io.memory.MemoryTables;
import dev.sluice.io.stream.SourceStatus;
import dev.sluice.io.stream.StatusKey;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * {@link RunningQuery#processAllAvailable()} against the status its source reports: Spark's
 * contract is that it returns once everything available <em>when it was called</em> is processed,
 * so a caught-up report from a poll that began before the call must not end the wait, however late
 * it is reported (on a loaded machine a poll that looked before the caller's file was written may
 * report after the call).
 */
@RunWith(JUnit4.class)
public class RunningQueryTest {
  private static final long HANG_GUARD_MINUTES = 10;
  private final QueryContext context =
      QueryContext.open(UUID.randomUUID().toString(), new MemoryTables(), null);
  private final StatusKey key = StatusKey.of(context.runId(), "source0");

  @After
  public void closeContext() {
    context.close();
  }

  private RunningQuery query() {
    return new RunningQuery(null, UUID.randomUUID(), context, "q", List.of(key), "plan", null, -1);
  }

  @Test
  public void aPollThatBeganBeforeTheCallDoesNotEndProcessAllAvailable() throws Exception {
    RunningQuery query = query();
    long pollBegan = System.nanoTime();
    Thread caller = new Thread(query::processAllAvailable, "processAllAvailable");
    caller.setDaemon(true);
    caller.start();
    try {
      // the caller is waiting: its question is asked after pollBegan
      while (caller.getState() != Thread.State.TIMED_WAITING
          && caller.getState() != Thread.State.TERMINATED) {
        Thread.sleep(1);
      }
      // two caught-up reports after the call, both about the poll that began before it (a late
      // report, then the same status again, as a reader restored from a checkpoint would send)
      SourceStatus.update(key, -1, true, false, pollBegan);
      Thread.sleep(5);
      SourceStatus.update(key, -1, true, false, pollBegan);
      caller.join(200);
      assertThat("returned on a poll that began before the call", caller.isAlive(), is(true));

      SourceStatus.update(key, -1, true, false, System.nanoTime());
      caller.join(TimeUnit.MINUTES.toMillis(HANG_GUARD_MINUTES));
      assertThat(
          "still waiting after a poll that began after the call", caller.isAlive(), is(false));
    } finally {
      caller.interrupt();
    }
  }

  @Test
  public void anEndedSourceIsCaughtUpOnceItsLastBatchIsProcessed() {
    RunningQuery query = query();
    SourceStatus.update(key, -1, true, true, SourceStatus.NEVER_POLLED);
    query.processAllAvailable(); // returns: nothing was ended that the sink has not finished
  }
}
