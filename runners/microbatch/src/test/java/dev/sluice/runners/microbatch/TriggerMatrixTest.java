package dev.sluice.runners.microbatch;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.lessThan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.DefaultTrigger;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.transforms.windowing.PaneInfo.Timing;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.Sessions;
import org.apache.beam.sdk.transforms.windowing.SlidingWindows;
import org.apache.beam.sdk.transforms.windowing.Trigger;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.transforms.windowing.WindowFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/**
 * Windowing and triggering on {@link MicroBatchRunner}, as a matrix of {@link TestStream}-driven
 * pipelines: window fn {fixed 10 min, sliding 10 min every 5 min, sessions with a 10 min gap} ×
 * trigger {the default trigger (fire when the watermark passes the end of the window, then once per
 * late element), {@code AfterWatermark.pastEndOfWindow()} with early and late firings after every
 * element, {@code Repeatedly.forever(AfterPane.elementCountAtLeast(2))}} × allowed lateness {0, 5
 * min} × {discarding, accumulating} fired panes: 36 cases. (A bare {@code
 * AfterWatermark.pastEndOfWindow()} finishes, and Beam rejects it with allowed lateness.)
 *
 * <p>Every case replays the same {@link #SCRIPT} on one key and sums the values per window with
 * {@code Sum.longsPerKey()}: three on-time elements, the watermark past the end of the first
 * windows, a late element that is within 5 minutes of allowed lateness, the watermark far past it,
 * an element too late for any allowed lateness (it must never show up), then the end of time.
 *
 * <p>The expected panes are not tabulated: {@link Model} derives them by replaying the script
 * against Beam's windowing model (as Beam's {@code ReduceFnRunner} implements it, and Beam's
 * DirectRunner runs it): expired windows drop their elements; the trigger state machines decide
 * when a pane fires; merged sessions add up their contents and element counts; accumulating panes
 * keep what was fired; a pane's timing is EARLY before the input watermark passes the end of the
 * window, ON_TIME for the first pane after it unless the output watermark (held by buffered
 * elements, watermark holds and pending timers) is already past the end of the window, LATE after
 * that; the end-of-window pane is emitted even when empty; the garbage collection firing (end of
 * window plus allowed lateness) emits the final pane if it has new data. Each case then checks, per
 * window, the whole window, its early, on-time, late and final panes with {@link PAssert}, and the
 * exact list of (window, timing, last, sum) panes.
 */
@RunWith(Parameterized.class)
public class TriggerMatrixTest {
  private static final long MINUTE = 60_000L;
  private static final long END_OF_TIME = BoundedWindow.TIMESTAMP_MAX_VALUE.getMillis();
  private static final String KEY = "k";
  private static final long TOO_LATE = 1000L;

  /** One step of the script: an element {@code value} at {@code minute}, or a watermark move. */
  private record Step(Long value, long minute) {
    boolean isWatermark() {
      return value == null;
    }
  }

  private static final List<Step> SCRIPT =
      List.of(
          new Step(1L, 1), // on time, first windows
          new Step(2L, 3), // on time, first windows (merges sessions)
          new Step(4L, 22), // on time, later windows
          new Step(null, 13), // watermark past the end of the first windows
          new Step(8L, 2), // late, within 5 min of allowed lateness of [0, 10) and its session
          new Step(null, 30), // watermark past the end of every first window + 5 min
          new Step(TOO_LATE, 4), // beyond any allowed lateness: must be dropped
          new Step(null, END_OF_TIME));

  enum Windowing {
    FIXED,
    SLIDING,
    SESSIONS
  }

  enum Triggering {
    DEFAULT,
    EARLY_AND_LATE,
    EVERY_TWO
  }

  /** A pane the model predicts. */
  record Pane(IntervalWindow window, Timing timing, boolean last, long sum) {
    @Override
    public String toString() {
      return describe(window, timing, last, sum);
    }
  }

  @Parameters(name = "{0}/{1}/lateness={2}m/{3}")
  public static Collection<Object[]> cases() {
    List<Object[]> cases = new ArrayList<>();
    for (Windowing w : Windowing.values()) {
      for (Triggering t : Triggering.values()) {
        for (long lateness : new long[] {0, 5}) {
          for (String mode : new String[] {"discarding", "accumulating"}) {
            cases.add(new Object[] {w, t, lateness, mode});
          }
        }
      }
    }
    return cases;
  }

  private final Windowing windowing;
  private final Triggering triggering;
  private final long latenessMillis;
  private final boolean accumulating;

  @Rule
  public final transient TestPipeline pipeline =
      TestPipeline.fromOptions(
              PipelineOptionsFactory.fromArgs("--runner=MicroBatchRunner").create())
          .enableAbandonedNodeEnforcement(true);

  public TriggerMatrixTest(Windowing windowing, Triggering triggering, long lateness, String mode) {
    this.windowing = windowing;
    this.triggering = triggering;
    this.latenessMillis = lateness * MINUTE;
    this.accumulating = mode.equals("accumulating");
  }

  @Test
  public void panesFollowTheModel() {
    TestStream.Builder<KV<String, Long>> stream =
        TestStream.create(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
    for (Step step : SCRIPT) {
      if (!step.isWatermark()) {
        stream =
            stream.addElements(
                TimestampedValue.of(KV.of(KEY, step.value()), at(step.minute() * MINUTE)));
      } else if (step.minute() != END_OF_TIME) {
        stream = stream.advanceWatermarkTo(at(step.minute() * MINUTE));
      }
    }
    Window<KV<String, Long>> window =
        Window.<KV<String, Long>>into(windowFn())
            .triggering(trigger())
            .withAllowedLateness(Duration.millis(latenessMillis));
    window = accumulating ? window.accumulatingFiredPanes() : window.discardingFiredPanes();
    PCollection<KV<String, Long>> sums =
        pipeline.apply(stream.advanceWatermarkToInfinity()).apply(window).apply(Sum.longsPerKey());

    List<Pane> expected = new Model().run();
    Set<IntervalWindow> windows =
        expected.stream().map(Pane::window).collect(Collectors.toCollection(LinkedHashSet::new));
    for (IntervalWindow w : windows) {
      assertPanes(PAssert.that(sums).inWindow(w), expected, w, p -> true);
      assertPanes(PAssert.that(sums).inEarlyPane(w), expected, w, p -> p.timing() == Timing.EARLY);
      assertPanes(
          PAssert.that(sums).inOnTimePane(w), expected, w, p -> p.timing() == Timing.ON_TIME);
      assertPanes(PAssert.that(sums).inLatePane(w), expected, w, p -> p.timing() == Timing.LATE);
      assertPanes(PAssert.that(sums).inFinalPane(w), expected, w, Pane::last);
    }
    PAssert.that(sums.apply("DescribePanes", ParDo.of(new DescribePanes())))
        .containsInAnyOrder(expected.stream().map(Pane::toString).collect(Collectors.toList()));
    PAssert.that(sums)
        .satisfies(
            all -> {
              all.forEach(kv -> assertThat("too-late element", kv.getValue(), lessThan(TOO_LATE)));
              return null;
            });
    pipeline.run();
  }

  private WindowFn<Object, IntervalWindow> windowFn() {
    switch (windowing) {
      case FIXED:
        return FixedWindows.of(Duration.standardMinutes(10));
      case SLIDING:
        return SlidingWindows.of(Duration.standardMinutes(10)).every(Duration.standardMinutes(5));
      default:
        return Sessions.withGapDuration(Duration.standardMinutes(10));
    }
  }

  private Trigger trigger() {
    switch (triggering) {
      case DEFAULT:
        return DefaultTrigger.of();
      case EARLY_AND_LATE:
        return AfterWatermark.pastEndOfWindow()
            .withEarlyFirings(AfterPane.elementCountAtLeast(1))
            .withLateFirings(AfterPane.elementCountAtLeast(1));
      default:
        return Repeatedly.forever(AfterPane.elementCountAtLeast(2));
    }
  }

  private static Instant at(long millis) {
    return new Instant(millis);
  }

  /** Asserts that the panes of {@code window} selected by {@code which} have the given sums. */
  private static void assertPanes(
      PAssert.IterableAssert<KV<String, Long>> assertion,
      List<Pane> panes,
      IntervalWindow window,
      Predicate<Pane> which) {
    List<KV<String, Long>> sums =
        panes.stream()
            .filter(p -> p.window().equals(window) && which.test(p))
            .map(p -> KV.of(KEY, p.sum()))
            .collect(Collectors.toList());
    if (sums.isEmpty()) {
      assertion.empty();
    } else {
      assertion.containsInAnyOrder(sums);
    }
  }

  private static String describe(IntervalWindow w, Timing timing, boolean last, long sum) {
    return String.format(
        "[%dm,%dm) %s%s sum=%d",
        w.start().getMillis() / MINUTE,
        w.end().getMillis() / MINUTE,
        timing,
        last ? " last" : "",
        sum);
  }

  /** Renders each output pane as its window, timing, last-ness and sum. */
  private static class DescribePanes extends DoFn<KV<String, Long>, String> {
    @ProcessElement
    public void process(
        @Element KV<String, Long> kv, BoundedWindow w, PaneInfo pane, OutputReceiver<String> out) {
      out.output(describe((IntervalWindow) w, pane.getTiming(), pane.isLast(), kv.getValue()));
    }
  }

  /** The state the model keeps per window of the key. */
  private static final class WindowState {
    final IntervalWindow window;
    long sum; // the buffered values
    int sincePane; // elements since the last pane: none means the pane is empty
    int count; // elements counted by the early (or only) AfterPane trigger
    int lateCount; // elements counted by the late AfterPane trigger
    boolean pastOnTime; // the on-time pane of an early-and-late trigger has fired
    Timing previous; // the last pane's timing; a window merged into a new one has none
    Long elementHold; // watermark hold of on-time data, at the end of the window
    Long extraHold; // watermark hold at garbage collection time
    final TreeSet<Long> timers = new TreeSet<>();

    WindowState(IntervalWindow window) {
      this.window = window;
    }

    long maxTimestamp() {
      return window.maxTimestamp().getMillis();
    }
  }

  /** Replays {@link #SCRIPT} against Beam's windowing and triggering model. */
  private final class Model {
    final Map<IntervalWindow, WindowState> windows = new LinkedHashMap<>();
    final List<Pane> panes = new ArrayList<>();
    long inputWatermark = BoundedWindow.TIMESTAMP_MIN_VALUE.getMillis();
    long outputWatermark = inputWatermark;

    List<Pane> run() {
      for (Step step : SCRIPT) {
        if (step.isWatermark()) {
          advance(step.minute() == END_OF_TIME ? END_OF_TIME : step.minute() * MINUTE);
        } else {
          element(step.value(), step.minute() * MINUTE);
        }
      }
      return panes;
    }

    WindowState state(IntervalWindow w) {
      return windows.computeIfAbsent(w, WindowState::new);
    }

    long gcTime(IntervalWindow w) {
      return w.maxTimestamp().getMillis() + latenessMillis;
    }

    boolean endOfWindowReached(WindowState s) {
      return inputWatermark > s.maxTimestamp();
    }

    /** Output watermark: input watermark held by watermark holds and pending timers. */
    void refreshOutputWatermark() {
      long min = inputWatermark;
      for (WindowState s : windows.values()) {
        min = s.elementHold == null ? min : Math.min(min, s.elementHold);
        min = s.extraHold == null ? min : Math.min(min, s.extraHold);
        min = s.timers.isEmpty() ? min : Math.min(min, s.timers.first());
      }
      outputWatermark = Math.max(outputWatermark, min);
    }

    List<IntervalWindow> assign(long ts) {
      long size = 10 * MINUTE;
      List<IntervalWindow> result = new ArrayList<>();
      switch (windowing) {
        case FIXED:
          result.add(new IntervalWindow(at(ts - ts % size), at(ts - ts % size + size)));
          break;
        case SLIDING:
          for (long start = ts - ts % (5 * MINUTE); start > ts - size; start -= 5 * MINUTE) {
            result.add(new IntervalWindow(at(start), at(start + size)));
          }
          break;
        default:
          result.add(new IntervalWindow(at(ts), at(ts + size)));
      }
      return result;
    }

    void element(long value, long ts) {
      refreshOutputWatermark();
      Set<WindowState> targets = new LinkedHashSet<>();
      for (IntervalWindow w : assign(ts)) {
        if (gcTime(w) >= inputWatermark) { // otherwise the window expired: drop
          targets.add(state(windowing == Windowing.SESSIONS ? merge(w) : w));
        }
      }
      for (WindowState s : targets) {
        s.sincePane++;
        s.timers.add(gcTime(s.window));
        addHolds(s);
        s.sum += value;
        if (triggering != Triggering.EVERY_TWO && !endOfWindowReached(s)) {
          s.timers.add(s.maxTimestamp());
        }
        if (triggering == Triggering.EARLY_AND_LATE && s.pastOnTime) {
          s.lateCount++;
        } else {
          s.count++;
        }
      }
      for (WindowState s : targets) {
        if (shouldFire(s)) {
          emit(s);
        }
      }
    }

    void addHolds(WindowState s) {
      if (s.maxTimestamp() >= outputWatermark && s.maxTimestamp() >= inputWatermark) {
        s.elementHold = s.maxTimestamp();
      } else if (gcTime(s.window) >= inputWatermark) {
        s.extraHold =
            s.extraHold == null ? gcTime(s.window) : Math.min(s.extraHold, gcTime(s.window));
      }
    }

    /** Merges a new session into the active sessions it overlaps; returns the merged window. */
    IntervalWindow merge(IntervalWindow proto) {
      IntervalWindow result = proto;
      List<WindowState> merging = new ArrayList<>();
      for (boolean grew = true; grew; ) {
        grew = false;
        for (WindowState s : windows.values()) {
          if (!merging.contains(s) && s.window.intersects(result)) {
            merging.add(s);
            result = result.span(s.window);
            grew = true;
          }
        }
      }
      if (merging.isEmpty()) {
        return proto;
      }
      WindowState r = state(result);
      long sum = 0;
      int sincePane = 0, count = 0, lateCount = 0;
      boolean allPastOnTime = true, anyPastOnTime = false;
      for (WindowState s : merging) {
        sum += s.sum;
        sincePane += s.sincePane;
        count += s.count;
        lateCount += s.lateCount;
        allPastOnTime &= s.pastOnTime;
        anyPastOnTime |= s.pastOnTime;
        if (s != r) { // merged away: its timers are cancelled, its pane info forgotten
          windows.remove(s.window);
        }
      }
      r.sum = sum;
      r.sincePane = sincePane;
      if (allPastOnTime && endOfWindowReached(r)) {
        r.pastOnTime = true;
        r.lateCount = lateCount;
      } else {
        r.pastOnTime = false;
        r.count = anyPastOnTime ? 0 : count;
        r.lateCount = 0;
      }
      // End-of-window holds are recomputed for the merged window, plus a garbage collection hold.
      boolean onTime = r.maxTimestamp() >= outputWatermark && r.maxTimestamp() >= inputWatermark;
      r.elementHold = onTime ? Long.valueOf(r.maxTimestamp()) : null;
      r.extraHold = gcTime(result) >= inputWatermark ? Long.valueOf(gcTime(result)) : null;
      return result;
    }

    boolean shouldFire(WindowState s) {
      switch (triggering) {
        case DEFAULT:
          return endOfWindowReached(s);
        case EARLY_AND_LATE:
          return s.pastOnTime ? s.lateCount >= 1 : s.count >= 1 || endOfWindowReached(s);
        default:
          return s.count >= 2;
      }
    }

    /** Fires a pane; none of the matrix's triggers ever finishes. */
    void emit(WindowState s) {
      if (triggering == Triggering.EARLY_AND_LATE && endOfWindowReached(s)) {
        s.pastOnTime = true; // the early sub-trigger is done, the late one takes over
      }
      s.count = 0;
      s.lateCount = 0;
      onTrigger(s, false);
      s.sincePane = 0;
      if (!accumulating) {
        s.sum = 0;
      }
    }

    void onTrigger(WindowState s, boolean isFinished) {
      s.elementHold = null;
      s.extraHold = null;
      Timing timing;
      boolean onlyEarlySoFar = s.previous == null || s.previous == Timing.EARLY;
      if (s.maxTimestamp() < outputWatermark || !onlyEarlySoFar) {
        timing = Timing.LATE;
      } else if (!endOfWindowReached(s)) {
        timing = Timing.EARLY;
      } else {
        timing = Timing.ON_TIME;
      }
      if (s.sincePane > 0 || timing == Timing.ON_TIME) { // the on-time pane fires even if empty
        panes.add(new Pane(s.window, timing, isFinished, s.sum));
        if (!isFinished) {
          s.previous = timing;
        }
      }
    }

    /** Moves the input watermark and fires due timers, round by round, as a runner would. */
    void advance(long to) {
      inputWatermark = to;
      while (true) {
        List<WindowState> due =
            windows.values().stream()
                .filter(s -> !s.timers.isEmpty() && s.timers.first() < inputWatermark)
                .collect(Collectors.toList());
        if (due.isEmpty()) {
          return;
        }
        refreshOutputWatermark();
        for (WindowState s : due) {
          s.timers.headSet(inputWatermark).clear();
          if (inputWatermark > gcTime(s.window)) { // garbage collection: the final pane
            onTrigger(s, true);
            windows.remove(s.window);
          } else if (shouldFire(s)) {
            emit(s);
          }
        }
      }
    }
  }
}
