package dev.sluice.runners.microbatch.execute;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.emptyIterable;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.beam.runners.core.ReadyCheckingSideInputReader;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollectionView;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link ViewStore}. */
@RunWith(JUnit4.class)
public class ViewStoreTest {
  private final AtomicReference<Instant> watermark =
      new AtomicReference<>(BoundedWindow.TIMESTAMP_MIN_VALUE);
  private final ViewStore store = new ViewStore(pc -> watermark.get());
  private final IntervalWindow window = new IntervalWindow(new Instant(0), new Instant(10));

  private PCollectionView<Iterable<Integer>> iterableView() {
    Pipeline p =
        Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=MicroBatchRunner").create());
    return p.apply(Create.of(1))
        .apply(Window.into(FixedWindows.of(Duration.millis(10))))
        .apply(View.asIterable());
  }

  @Test
  public void aWindowIsReadyOnceWrittenOrOnceTheWatermarkPassedIt() {
    PCollectionView<Iterable<Integer>> view = iterableView();
    ReadyCheckingSideInputReader reader = store.readerFor(List.of(view));
    assertThat(reader.isReady(view, window), is(false));

    watermark.set(window.maxTimestamp());
    assertThat(reader.isReady(view, window), is(true));
    assertThat(reader.get(view, window), is(emptyIterable()));
  }

  @Test
  public void laterPanesReplaceEarlierOnesAndTheSamePaneExtends() {
    PCollectionView<Iterable<Integer>> view = iterableView();
    ReadyCheckingSideInputReader reader = store.readerFor(List.of(view));
    store.write(view, window, 0, List.of(1, 2));
    assertThat(reader.get(view, window), contains(1, 2));
    store.write(view, window, 1, List.of(3));
    assertThat(reader.get(view, window), contains(3));
    store.write(view, window, 1, List.of(4));
    assertThat(reader.get(view, window), contains(3, 4));
    store.write(view, window, 0, List.of(9));
    assertThat(reader.get(view, window), contains(3, 4));
  }
}
