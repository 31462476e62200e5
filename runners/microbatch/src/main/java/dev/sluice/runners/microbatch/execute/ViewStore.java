package dev.sluice.runners.microbatch.execute;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.beam.runners.core.InMemoryMultimapSideInputView;
import org.apache.beam.runners.core.ReadyCheckingSideInputReader;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.transforms.Materializations;
import org.apache.beam.sdk.transforms.ViewFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * The materialized contents of every side input, per view and window.
 *
 * <p>Contents of a window are replaced by each later pane of the view's input (so a triggered side
 * input shows its latest firing) and extended by more values of the same pane. A window is
 * <em>ready</em> once it has contents or the watermark of the view's input has passed the end of
 * the window (then it is empty). View stages write; stages that read side inputs run after them in
 * each batch, so reads never race writes.
 *
 * <pre>{@code
 * ReadyCheckingSideInputReader reader = viewStore.readerFor(parDo.getSideInputs().values());
 * if (reader.isReady(view, window)) {
 *   Map<String, Long> lookup = reader.get(mapView, window);
 * }
 * }</pre>
 */
public final class ViewStore {
  private final Map<PCollectionView<?>, Map<BoundedWindow, Contents>> contents =
      new ConcurrentHashMap<>();
  private final Function<PCollection<?>, Instant> watermarks;

  /**
   * @param watermarks the current watermark of a collection
   */
  public ViewStore(Function<PCollection<?>, Instant> watermarks) {
    this.watermarks = watermarks;
  }

  /**
   * Records values of {@code view} in {@code window} from pane {@code paneIndex}: replaces older
   * panes' values, extends values of the same pane, ignores older panes.
   */
  public void write(
      PCollectionView<?> view, BoundedWindow window, long paneIndex, Collection<?> values) {
    Map<BoundedWindow, Contents> byWindow =
        contents.computeIfAbsent(view, v -> new ConcurrentHashMap<>());
    Contents existing = byWindow.get(window);
    if (existing == null || paneIndex > existing.paneIndex) {
      byWindow.put(window, new Contents(paneIndex, new ArrayList<>(values)));
    } else if (paneIndex == existing.paneIndex) {
      List<Object> merged = new ArrayList<>(existing.values);
      merged.addAll(values);
      byWindow.put(window, new Contents(paneIndex, merged));
    }
  }

  /** A reader over {@code views}. */
  public ReadyCheckingSideInputReader readerFor(Collection<PCollectionView<?>> views) {
    return new Reader(views);
  }

  private static final class Contents {
    final long paneIndex;
    final List<Object> values;
    volatile @Nullable Object viewValue;
    volatile boolean computed;

    Contents(long paneIndex, List<Object> values) {
      this.paneIndex = paneIndex;
      this.values = values;
    }
  }

  private static final Contents EMPTY = new Contents(-1, List.of());

  private final class Reader implements ReadyCheckingSideInputReader {
    private final Collection<PCollectionView<?>> views;

    Reader(Collection<PCollectionView<?>> views) {
      this.views = views;
    }

    private @Nullable Contents contentsOf(PCollectionView<?> view, BoundedWindow window) {
      Map<BoundedWindow, Contents> byWindow = contents.get(view);
      Contents found = byWindow == null ? null : byWindow.get(window);
      if (found != null) {
        return found;
      }
      Instant watermark = watermarks.apply(view.getPCollection());
      return watermark.isBefore(window.maxTimestamp()) ? null : EMPTY;
    }

    @Override
    public boolean isReady(PCollectionView<?> view, BoundedWindow window) {
      return contentsOf(view, window) != null;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> @Nullable T get(PCollectionView<T> view, BoundedWindow window) {
      Contents found = contentsOf(view, window);
      if (found == null) {
        throw new IllegalStateException(
            "Side input " + view + " is not ready in window " + window + " yet");
      }
      if (found == EMPTY) {
        return materialize(view, List.of());
      }
      if (!found.computed) {
        synchronized (found) {
          if (!found.computed) {
            found.viewValue = materialize(view, found.values);
            found.computed = true;
          }
        }
      }
      return (T) found.viewValue;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <T> T materialize(PCollectionView<T> view, List<Object> values) {
      String urn = view.getViewFn().getMaterialization().getUrn();
      switch (urn) {
        case Materializations.ITERABLE_MATERIALIZATION_URN:
          {
            ViewFn<Materializations.IterableView, T> fn =
                (ViewFn<Materializations.IterableView, T>) view.getViewFn();
            return fn.apply(() -> (Iterable) values);
          }
        case Materializations.MULTIMAP_MATERIALIZATION_URN:
          {
            ViewFn<Materializations.MultimapView, T> fn =
                (ViewFn<Materializations.MultimapView, T>) view.getViewFn();
            Coder<Object> keyCoder =
                (Coder<Object>) ((KvCoder<?, ?>) view.getCoderInternal()).getKeyCoder();
            return fn.apply(
                InMemoryMultimapSideInputView.fromIterable(
                    keyCoder, (Iterable<KV<Object, Object>>) (Iterable) values));
          }
        default:
          throw new IllegalStateException(
              "Unknown side input materialization '" + urn + "' for view " + view);
      }
    }

    @Override
    public <T> boolean contains(PCollectionView<T> view) {
      return views.contains(view);
    }

    @Override
    public boolean isEmpty() {
      return views.isEmpty();
    }
  }
}
