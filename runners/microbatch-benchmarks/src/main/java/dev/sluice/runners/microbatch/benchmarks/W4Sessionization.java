package dev.sluice.runners.microbatch.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.state.BagState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * W4, stateful: sessionization per user with a stateful {@code DoFn}: each event goes into a bag
 * and (if it is the user's latest so far) moves an event-time timer to its time plus the 30-minute
 * gap; when the timer fires, the bag is sorted by time, cut wherever two events are more than the
 * gap apart, and one row per session is output. Result rows: {@code
 * user,start,end,events,sumOfValues}.
 *
 * <pre>{@code
 * Workload w4 = new W4Sessionization(new EventFiles(root, 4_000_000, 40, 42L));
 * }</pre>
 */
public final class W4Sessionization extends EventFileWorkload {
  static final Duration GAP = Duration.standardMinutes(30);

  /** W4 over {@code files}. */
  public W4Sessionization(EventFiles files) {
    super(files, ParseEvents.KeyField.USER);
  }

  @Override
  public String name() {
    return "W4";
  }

  @Override
  public String description() {
    return String.format(
        "stateful sessionization per user (bag state + event-time timer, 30-min gap): %,d events",
        files.events());
  }

  @Override
  public void build(Pipeline p, String runId) {
    events(p)
        .apply("Sessionize", ParDo.of(new SessionFn()))
        .apply(
            "Digest",
            DigestSink.to(
                runId,
                (KV<String, String> kv, BoundedWindow w) -> kv.getKey() + "," + kv.getValue()));
  }

  /** Bag of the user's events plus a gap timer; outputs {@code KV(user, "start,end,n,sum")}. */
  static final class SessionFn extends DoFn<KV<String, Double>, KV<String, String>> {
    @StateId("events")
    private final StateSpec<BagState<TimestampedValue<Double>>> eventsSpec =
        StateSpecs.bag(TimestampedValue.TimestampedValueCoder.of(DoubleCoder.of()));

    @StateId("latest")
    private final StateSpec<ValueState<Long>> latestSpec = StateSpecs.value(VarLongCoder.of());

    @TimerId("gap")
    private final TimerSpec gapSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    @ProcessElement
    public void process(
        @Element KV<String, Double> event,
        @Timestamp Instant timestamp,
        @StateId("events") BagState<TimestampedValue<Double>> events,
        @StateId("latest") ValueState<Long> latest,
        @TimerId("gap") Timer gap) {
      events.add(TimestampedValue.of(event.getValue(), timestamp));
      Long last = latest.read();
      if (last == null || timestamp.getMillis() > last) {
        latest.write(timestamp.getMillis());
        gap.set(timestamp.plus(GAP));
      }
    }

    @OnTimer("gap")
    public void onGap(
        @Key String user,
        @StateId("events") BagState<TimestampedValue<Double>> events,
        @StateId("latest") ValueState<Long> latest,
        OutputReceiver<KV<String, String>> out) {
      List<TimestampedValue<Double>> all = new ArrayList<>();
      events.read().forEach(all::add);
      for (String session : sessions(all, GAP.getMillis())) {
        out.output(KV.of(user, session));
      }
      events.clear();
      latest.clear();
    }
  }

  /** Cuts events into sessions; each as {@code start,end,count,sum} (times in epoch millis). */
  static List<String> sessions(List<TimestampedValue<Double>> events, long gapMillis) {
    List<TimestampedValue<Double>> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparing(TimestampedValue::getTimestamp));
    List<String> sessions = new ArrayList<>();
    int begin = 0;
    for (int i = 1; i <= sorted.size(); i++) {
      if (i == sorted.size()
          || sorted.get(i).getTimestamp().getMillis() - sorted.get(i - 1).getTimestamp().getMillis()
              > gapMillis) {
        double sum = 0;
        for (int j = begin; j < i; j++) {
          sum += sorted.get(j).getValue();
        }
        sessions.add(
            sorted.get(begin).getTimestamp().getMillis()
                + ","
                + sorted.get(i - 1).getTimestamp().getMillis()
                + ","
                + (i - begin)
                + ","
                + sum);
        begin = i;
      }
    }
    return sessions;
  }
}
