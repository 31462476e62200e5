package dev.sluice.runners.microbatch.execute;

import dev.sluice.runners.microbatch.state.KeyState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.beam.runners.core.SystemReduceFn;
import org.apache.beam.runners.core.TimerInternals.TimerData;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.PCollectionViews;
import org.apache.beam.sdk.values.WindowedValue;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Materializes a side input view into the {@link ViewStore}.
 *
 * <p>Singleton views take each element as it comes (so a triggered singleton shows its latest
 * pane); other views group all values of a window with the input's windowing strategy and store
 * each fired pane.
 *
 * <pre>{@code
 * StageProcessor writer = ViewProcessor.create(context, view, stepName);
 * }</pre>
 */
final class ViewProcessor {
  private ViewProcessor() {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  static StageProcessor create(ExecutionContext context, PCollectionView<?> view, String name) {
    ViewStore store = context.views();
    if (view.getViewFn() instanceof PCollectionViews.IsSingletonView) {
      return new Singleton(store, view);
    }
    PCollection<?> input = view.getPCollection();
    return new GroupByKeyProcessor<Void, Object, Iterable<Object>>(
        new StepScope(context, name),
        input.getWindowingStrategy(),
        (SystemReduceFn) SystemReduceFn.buffering((Coder) input.getCoder()),
        pane -> {
          for (BoundedWindow window : pane.getWindows()) {
            List<Object> values = new ArrayList<>();
            pane.getValue().getValue().forEach(values::add);
            store.write(view, window, pane.getPaneInfo().getIndex(), values);
          }
        },
        context.options());
  }

  private static final class Singleton implements StageProcessor {
    private final ViewStore store;
    private final PCollectionView<?> view;

    Singleton(ViewStore store, PCollectionView<?> view) {
      this.store = store;
      this.view = view;
    }

    @Override
    public void process(
        @Nullable KeyState<?> key,
        List<WindowedValue<?>> elements,
        List<WindowedValue<?>> pushedBack) {
      for (WindowedValue<?> element : elements) {
        Object value = ((KV<?, ?>) element.getValue()).getValue();
        for (BoundedWindow window : element.getWindows()) {
          store.write(
              view, window, element.getPaneInfo().getIndex(), Collections.singletonList(value));
        }
      }
    }

    @Override
    public void onTimer(KeyState<?> key, TimerData timer) {}
  }
}
