package dev.sluice.examples.support;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.sluice.dstream.Durations;
import dev.sluice.dstream.StreamingContext;
import dev.sluice.examples.Run;
import dev.sluice.io.memory.MemoryStream;
import dev.sluice.io.schema.DdlSchema;
import dev.sluice.structured.StreamingQuery;
import dev.sluice.structured.StreamingSession;
import dev.sluice.structured.Trigger;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * {@link RunFor}: a query or context runs until {@code --run-for}, its own end or an interrupt of
 * the waiting thread, and is stopped in every case; an interrupt is kept for the caller.
 */
@RunWith(JUnit4.class)
public class RunForTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static StreamingQuery endlessQuery() {
    MemoryStream input = MemoryStream.of(DdlSchema.parse("word STRING"));
    return StreamingSession.builder()
        .getOrCreate()
        .readStream()
        .memory(input)
        .writeStream()
        .format("memory")
        .queryName("run_for_" + System.nanoTime())
        .start();
  }

  /** Runs {@code await} on a thread, interrupts it, and says whether it kept the interrupt. */
  private static boolean interrupted(Runnable await) throws InterruptedException {
    AtomicBoolean kept = new AtomicBoolean();
    Thread waiter =
        new Thread(
            () -> {
              await.run();
              kept.set(Thread.currentThread().isInterrupted());
            });
    waiter.start();
    waiter.interrupt();
    waiter.join(Run.HANG_GUARD_MILLIS);
    assertThat("returned after the interrupt", waiter.isAlive(), equalTo(false));
    return kept.get();
  }

  @Test
  public void anInterruptStopsTheQueryAndIsKept() throws Exception {
    StreamingQuery query = endlessQuery();
    assertThat(interrupted(() -> RunFor.await(query, null)), equalTo(true));
    assertThat(query.isActive(), equalTo(false));
  }

  @Test
  public void runForStopsTheQuery() {
    StreamingQuery query = endlessQuery();
    RunFor.await(query, Duration.ofMillis(100));
    assertThat(query.isActive(), equalTo(false));
  }

  @Test
  public void aQueryThatEndsByItselfEndsTheWait() {
    MemoryStream input = MemoryStream.of(DdlSchema.parse("word STRING"));
    input.addValues("hello");
    StreamingQuery query =
        StreamingSession.builder()
            .getOrCreate()
            .readStream()
            .memory(input)
            .writeStream()
            .format("memory")
            .queryName("run_for_once_" + System.nanoTime())
            .trigger(Trigger.AvailableNow())
            .start();
    RunFor.await(query, null);
    assertThat(query.isActive(), equalTo(false));
  }

  @Test
  public void anInterruptStopsTheContextAndIsKept() throws Exception {
    StreamingContext ssc =
        new StreamingContext(
            StreamingContext.options("--runner=MicroBatchRunner"), Durations.milliseconds(200));
    ssc.printTo(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    ssc.textFileStream(tmp.newFolder().toString()).print();
    ssc.start();
    assertThat(interrupted(() -> RunFor.await(ssc, null)), equalTo(true));
    assertThat(ssc.awaitTerminationOrTimeout(Run.HANG_GUARD_MILLIS), equalTo(true));
  }
}
