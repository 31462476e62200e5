package dev.sluice.runners.microbatch.state;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import org.apache.beam.runners.core.StateNamespace;
import org.apache.beam.runners.core.StateNamespaces;
import org.apache.beam.runners.core.StateTags;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.TimestampCombiner;
import org.joda.time.Instant;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link PartitionTimers}. */
@RunWith(JUnit4.class)
public class PartitionTimersTest {
  private static final StateNamespace NS = StateNamespaces.global();

  private static void set(KeyState<?> key, String id, long ts, TimeDomain domain) {
    key.timerInternals().setTimer(NS, id, "", new Instant(ts), new Instant(ts), domain);
  }

  @Test
  public void eventTimersFireOnceTheWatermarkHasPassedThemInTimestampOrder() {
    PartitionTimers partition = new PartitionTimers(t -> false);
    KeyState<String> a = partition.keyState("a", "a");
    KeyState<String> b = partition.keyState("b", "b");
    set(a, "late", 20, TimeDomain.EVENT_TIME);
    set(b, "early", 10, TimeDomain.EVENT_TIME);

    partition.advanceInputWatermark(new Instant(10));
    assertThat(partition.pollDue(), nullValue());

    partition.advanceInputWatermark(new Instant(21));
    KeyedTimer<?> first = partition.pollDue();
    KeyedTimer<?> second = partition.pollDue();
    assertThat(first.data().getTimerId(), equalTo("early"));
    assertThat(first.keyState().key(), equalTo((Object) "b"));
    assertThat(second.data().getTimerId(), equalTo("late"));
    assertThat(partition.pollDue(), nullValue());
    assertThat(partition.hasTimers(), is(false));
  }

  @Test
  public void settingATimerAgainReplacesItAndDeletingRemovesIt() {
    PartitionTimers partition = new PartitionTimers(t -> false);
    KeyState<String> a = partition.keyState("a", "a");
    set(a, "t", 10, TimeDomain.EVENT_TIME);
    set(a, "t", 30, TimeDomain.EVENT_TIME);
    set(a, "gone", 5, TimeDomain.EVENT_TIME);
    a.timerInternals().deleteTimer(NS, "gone", "", TimeDomain.EVENT_TIME);

    partition.advanceInputWatermark(new Instant(20));
    assertThat(partition.pollDue(), nullValue());
    partition.advanceInputWatermark(new Instant(31));
    assertThat(partition.pollDue().data().getTimestamp(), equalTo(new Instant(30)));
    assertThat(partition.pollDue(), nullValue());
  }

  @Test
  public void processingTimersAreInclusiveOrStrictAsConfigured() {
    PartitionTimers inclusive = new PartitionTimers(t -> false, true);
    PartitionTimers strict = new PartitionTimers(t -> false, false);
    set(inclusive.keyState("k", "k"), "p", 100, TimeDomain.PROCESSING_TIME);
    set(strict.keyState("k", "k"), "p", 100, TimeDomain.PROCESSING_TIME);
    inclusive.advanceProcessingTime(new Instant(100));
    strict.advanceProcessingTime(new Instant(100));

    assertThat(inclusive.pollDue().data().getTimerId(), equalTo("p"));
    assertThat(strict.pollDue(), nullValue());
    strict.advanceProcessingTime(new Instant(101));
    assertThat(strict.pollDue().data().getTimerId(), equalTo("p"));
  }

  @Test
  public void processingTimersSetAfterTheMarkWaitForTheNextRound() {
    PartitionTimers partition = new PartitionTimers(t -> false);
    KeyState<String> k = partition.keyState("k", "k");
    partition.advanceProcessingTime(new Instant(100));
    long mark = partition.mark();
    set(k, "again", 100, TimeDomain.PROCESSING_TIME);
    assertThat(partition.pollDue(mark), nullValue());
    assertThat(partition.pollDue(partition.mark()).data().getTimerId(), equalTo("again"));
  }

  @Test
  public void holdsComeFromTimerOutputTimestampsAndState() {
    PartitionTimers partition = new PartitionTimers(t -> t.getTimerId().equals("user"));
    KeyState<String> k = partition.keyState("k", "k");
    set(k, "user", 50, TimeDomain.EVENT_TIME);
    set(k, "system", 10, TimeDomain.EVENT_TIME);
    assertThat(partition.earliestHold(), equalTo(new Instant(50)));

    k.stateInternals()
        .state(NS, StateTags.watermarkStateInternal("hold", TimestampCombiner.EARLIEST))
        .add(new Instant(40));
    partition.refreshStateHold(k);
    assertThat(partition.earliestHold(), equalTo(new Instant(40)));

    k.stateInternals()
        .state(NS, StateTags.watermarkStateInternal("hold", TimestampCombiner.EARLIEST))
        .clear();
    partition.refreshStateHold(k);
    partition.advanceInputWatermark(new Instant(51));
    partition.pollDue();
    partition.pollDue();
    assertThat(partition.earliestHold(), equalTo(BoundedWindow.TIMESTAMP_MAX_VALUE));
  }

  @Test
  public void aKeyWithoutStateOrTimersIsForgotten() {
    PartitionTimers partition = new PartitionTimers(t -> false);
    KeyState<String> k = partition.keyState("k", "k");
    k.stateInternals().state(NS, StateTags.value("v", VarLongCoder.of())).write(1L);
    partition.refreshStateHold(k);
    assertThat(partition.keyCount(), is(1));

    k.stateInternals().state(NS, StateTags.value("v", VarLongCoder.of())).clear();
    partition.refreshStateHold(k);
    assertThat(partition.keyCount(), is(0));
  }
}
