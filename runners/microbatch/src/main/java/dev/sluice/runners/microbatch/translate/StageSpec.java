package dev.sluice.runners.microbatch.translate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A stage: one step that needs its input whole, keyed or waited for (a source, a {@code
 * GroupByKey}, a stateful or side-input {@code ParDo}, a splittable DoFn, a view) plus the chain of
 * fusable steps that run on its output in the same thread, without copies.
 *
 * <pre>{@code
 * for (StageSpec stage : plan.stages()) {
 *   stage.head();   // e.g. the GroupByKey step
 *   stage.chain();  // e.g. the ParDos after it, up to the next stage's input
 * }
 * }</pre>
 */
public final class StageSpec {
  /** How the stage takes its input. */
  public enum Kind {
    /** Reads a source; no input. */
    SOURCE,
    /** Input is hash-partitioned by key; state and timers are per key. */
    KEYED,
    /** Input is taken as produced, and waits for side inputs. */
    UNKEYED,
    /** Materializes a side input view. */
    VIEW
  }

  private final int id;
  private final Kind kind;
  private final Step head;
  private final @Nullable PCollection<?> input;
  final List<Step> chain = new ArrayList<>();
  final Set<StageSpec> upstream = new LinkedHashSet<>();
  final Set<StageSpec> downstream = new LinkedHashSet<>();

  StageSpec(int id, Kind kind, Step head, @Nullable PCollection<?> input) {
    this.id = id;
    this.kind = kind;
    this.head = head;
    this.input = input;
  }

  /** A number unique within the plan. */
  public int id() {
    return id;
  }

  /** How the stage takes its input. */
  public Kind kind() {
    return kind;
  }

  /** The step heading the stage. */
  public Step head() {
    return head;
  }

  /** The collection the stage reads; null for sources. */
  public @Nullable PCollection<?> input() {
    return input;
  }

  /** For a {@link Kind#VIEW} stage, the view it materializes. */
  public PCollectionView<?> view() {
    @SuppressWarnings("deprecation")
    PCollectionView<?> view = ((View.CreatePCollectionView<?, ?>) head.transform()).getView();
    return view;
  }

  /** The fused steps run on the head's output, producers before consumers. */
  public List<Step> chain() {
    return Collections.unmodifiableList(chain);
  }

  /** Stages this one reads from (including the views of its side inputs). */
  public Set<StageSpec> upstream() {
    return Collections.unmodifiableSet(upstream);
  }

  /** A short label for logs and errors. */
  public String label() {
    return "stage " + id + " (" + kind + ": " + head.name() + ")";
  }

  @Override
  public String toString() {
    return label();
  }
}
