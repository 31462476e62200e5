package dev.sluice.io.stream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import dev.sluice.io.context.RunContext;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.annotation.Nullable;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * Tests for {@link BatchingReader}'s batch sequence, with a source of numbers a test feeds by hand:
 * each poll takes at most {@code limit} of the numbers queued.
 */
@RunWith(JUnit4.class)
public class BatchingReaderTest {
  private static final Map<String, ConcurrentLinkedQueue<Long>> QUEUES = new ConcurrentHashMap<>();
  private static final Map<String, Boolean> CLOSED = new ConcurrentHashMap<>();

  /** The run the sources report their status to. */
  private final RunContext run = RunContext.open();

  @After
  public void closeRun() {
    run.close();
  }

  private StatusKey key(String source) {
    return StatusKey.of(run.runId(), source);
  }

  private SourceStatus status(String source) {
    return SourceStatus.get(run, source);
  }

  /** Numbers from a queue; {@code closed} ends the input. */
  static final class NumberSource extends BatchedSource<Long> {
    final String queue;
    final int limit;

    NumberSource(String queue, int limit, BatchTrigger trigger, @Nullable StatusKey key) {
      super(trigger, key, VarLongCoder.of());
      this.queue = queue;
      this.limit = limit;
      QUEUES.putIfAbsent(queue, new ConcurrentLinkedQueue<>());
    }

    @Override
    protected BatchingReader<Long> openReader(PipelineOptions o, @Nullable BatchCheckpoint c) {
      return new NumberReader(this, c);
    }
  }

  static final class State implements Serializable {
    long taken;
    ArrayList<Long> batch = new ArrayList<>();
    @Nullable ArrayList<Long> bounded;
  }

  static final class NumberReader extends BatchingReader<Long> {
    final NumberSource source;
    final State state;

    NumberReader(NumberSource source, @Nullable BatchCheckpoint c) {
      super(source, c);
      this.source = source;
      this.state = c == null ? new State() : (State) c.sourceState();
    }

    @Override
    protected boolean takeBatch(long now) {
      ConcurrentLinkedQueue<Long> q = QUEUES.get(source.queue);
      if (trigger().isBounded() && state.bounded == null) {
        state.bounded = new ArrayList<>(q);
        q.clear();
      }
      int n = trigger().kind() == BatchTrigger.Kind.ONCE ? Integer.MAX_VALUE : source.limit;
      while (state.batch.size() < n) {
        Long next =
            trigger().isBounded()
                ? (state.bounded.isEmpty() ? null : state.bounded.remove(0))
                : q.poll();
        if (next == null) {
          break;
        }
        state.batch.add(next);
        state.taken++;
      }
      return !state.batch.isEmpty();
    }

    @Override
    protected Long nextRecord() {
      return state.batch.isEmpty() ? null : state.batch.remove(0);
    }

    @Override
    protected boolean inputEnded() {
      return CLOSED.getOrDefault(source.queue, false) && QUEUES.get(source.queue).isEmpty();
    }

    @Override
    protected Serializable state() {
      return state;
    }

    @Override
    protected String offset() {
      return state.taken == 0 ? null : Long.toString(state.taken);
    }

    @Override
    protected String description() {
      return "Numbers";
    }

    @Override
    public void close() {}
  }

  private static String queue(long... values) {
    String name = "q" + System.nanoTime();
    QUEUES.put(name, new ConcurrentLinkedQueue<>());
    for (long v : values) {
      QUEUES.get(name).add(v);
    }
    return name;
  }

  private static List<String> show(List<Batched<Long>> elements) {
    List<String> out = new ArrayList<>();
    for (Batched<Long> e : elements) {
      out.add(
          e.isRecord()
              ? e.batch() + ":" + e.record()
              : e.batch() + (e.end().hasData() ? ":end" : ":idle"));
    }
    return out;
  }

  @Test
  public void onceTakesEverythingInOneBatch() throws Exception {
    NumberSource s = new NumberSource(queue(1, 2, 3), 1, BatchTrigger.once(), null);
    assertThat(
        show(BatchedResults.readAll(s, 0, BatchedResults.HANG_GUARD_MILLIS)),
        contains("0:1", "0:2", "0:3", "0:end"));
  }

  @Test
  public void availableNowSplitsByTheLimitThenEmitsOneNoDataMarker() throws Exception {
    for (int restartEvery : new int[] {0, 1}) {
      NumberSource s = new NumberSource(queue(1, 2, 3), 2, BatchTrigger.availableNow(), key("an"));
      assertThat(
          show(BatchedResults.readAll(s, restartEvery, BatchedResults.HANG_GUARD_MILLIS)),
          contains("0:1", "0:2", "0:end", "1:3", "1:end", "2:idle"));
      assertThat(status("an").lastEndedBatch(), is(2L));
      assertThat(status("an").caughtUp(), is(true));
    }
    NumberSource empty = new NumberSource(queue(), 2, BatchTrigger.availableNow(), null);
    assertThat(
        show(BatchedResults.readAll(empty, 0, BatchedResults.HANG_GUARD_MILLIS)),
        contains("0:idle"));
  }

  @Test
  public void processingTimeEmitsOneNoDataMarkerPerIdlePeriodAndEndsWhenInputEnds()
      throws Exception {
    String q = queue(1, 2);
    NumberSource s = new NumberSource(q, 10, BatchTrigger.processingTime(0), key("pt"));
    List<Batched<Long>> out = new ArrayList<>();
    BatchingReader<Long> reader =
        BatchedResults.readUntil(s, 0, BatchedResults.HANG_GUARD_MILLIS, out, l -> l.size() == 4);
    assertThat(show(out), contains("0:1", "0:2", "0:end", "1:idle"));
    Thread.sleep(30);
    assertThat(reader.advance(), is(false));
    assertThat(status("pt").caughtUp(), is(true));

    QUEUES.get(q).add(3L);
    CLOSED.put(q, true);
    List<Batched<Long>> rest = new ArrayList<>();
    long deadline = System.currentTimeMillis() + BatchedResults.HANG_GUARD_MILLIS;
    while (reader.getWatermark().isBefore(BoundedWindow.TIMESTAMP_MAX_VALUE)
        && System.currentTimeMillis() < deadline) {
      if (reader.advance()) {
        rest.add(reader.getCurrent());
      }
    }
    assertThat(show(rest), contains("2:3", "2:end", "3:idle"));
    assertThat(reader.advance(), is(false));
  }

  @Test
  public void processingTimeTriggersAlignToTheInterval() throws Exception {
    String q = queue(1);
    NumberSource s = new NumberSource(q, 10, BatchTrigger.processingTime(200), null);
    BatchingReader<Long> reader = s.createReader(PipelineOptionsFactory.create(), null);
    assertThat(reader.start(), is(true)); // the first trigger is at once
    assertThat(reader.advance(), is(true)); // end of batch 0
    long endOfFirst = reader.getCurrent().end().triggerTimeMillis();
    QUEUES.get(q).add(2L);
    List<Batched<Long>> out = new ArrayList<>();
    long deadline = System.currentTimeMillis() + BatchedResults.HANG_GUARD_MILLIS;
    while (out.isEmpty() && System.currentTimeMillis() < deadline) {
      if (reader.advance()) {
        out.add(reader.getCurrent());
      }
    }
    assertThat(show(out), contains("1:2"));
    long next = endOfFirst / 200 * 200 + 200;
    assertThat(System.currentTimeMillis() >= next, is(true));
    reader.close();
  }

  @Test
  public void onceWithoutInputEndsWithNoBatch() throws Exception {
    NumberSource s = new NumberSource(queue(), 1, BatchTrigger.once(), null);
    assertThat(BatchedResults.readAll(s, 0, BatchedResults.HANG_GUARD_MILLIS), is(empty()));
  }

  @Test
  public void checkpointsAreIndependentOfTheReader() throws Exception {
    NumberSource s = new NumberSource(queue(1, 2, 3), 3, BatchTrigger.availableNow(), null);
    BatchingReader<Long> reader = s.createReader(PipelineOptionsFactory.create(), null);
    reader.start();
    BatchCheckpoint mark = reader.getCheckpointMark();
    reader.advance();
    reader.advance();
    assertThat(mark.batchOpen(), is(true));
    assertThat(((State) mark.sourceState()).batch, contains(2L, 3L));
    BatchingReader<Long> resumed = s.createReader(PipelineOptionsFactory.create(), mark);
    assertThat(resumed.start(), is(true));
    assertThat(resumed.getCurrent(), is(Batched.record(0, 2L)));
    assertThat(resumed.getWatermark(), is(Batched.timestampOf(0)));
  }

  @Test
  public void statusTellsWhenTheLastPollBeganAndARestoredReaderHasNotPolled() throws Exception {
    String q = queue(1);
    NumberSource s = new NumberSource(q, 10, BatchTrigger.processingTime(0), key("polled"));
    BatchingReader<Long> reader = s.createReader(PipelineOptionsFactory.create(), null);
    long beforeFirstPoll = System.nanoTime();
    assertThat(reader.start(), is(true)); // the first poll takes 1
    assertThat(reader.advance(), is(true)); // end of batch 0
    assertThat(status("polled").caughtUp(), is(false));
    long polled = status("polled").polledAtNanos();
    assertThat(polled - beforeFirstPoll > 0, is(true));
    // poll until one finds nothing: the no-data marker of batch 1
    while (!reader.advance()) {
      Thread.sleep(2);
    }
    assertThat(reader.getCurrent().isEnd(), is(true));
    SourceStatus caughtUp = status("polled");
    assertThat(caughtUp.caughtUp(), is(true));
    assertThat(caughtUp.polledAtNanos() - polled > 0, is(true));
    assertThat(caughtUp.caughtUpSince(beforeFirstPoll), is(true));
    assertThat(caughtUp.caughtUpSince(caughtUp.polledAtNanos()), is(false));

    // the checkpoint says "caught up"; the new reader reports either that it has not polled yet
    // or a poll of its own, never the previous reader's
    long beforeRestart = System.nanoTime();
    BatchingReader<Long> restored = BatchedResults.restart(s, reader);
    assertThat(restored.start(), is(false));
    long restoredPoll = status("polled").polledAtNanos();
    assertThat(
        "polled at " + restoredPoll + ", restarted at " + beforeRestart,
        restoredPoll == SourceStatus.NEVER_POLLED || restoredPoll - beforeRestart > 0,
        is(true));
    restored.close();
  }
}
