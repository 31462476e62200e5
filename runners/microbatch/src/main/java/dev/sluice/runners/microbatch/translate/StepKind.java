package dev.sluice.runners.microbatch.translate;

/**
 * What a primitive transform is to the runner. Fusable kinds run inside the chain of the stage that
 * produces their input; the others start a stage of their own.
 */
public enum StepKind {
  /** {@code Impulse}: one empty byte array in the global window. */
  IMPULSE(false, true),
  /** A primitive read of a {@code BoundedSource}. */
  BOUNDED_READ(false, true),
  /** A primitive read of an {@code UnboundedSource}. */
  UNBOUNDED_READ(false, true),
  /** {@code TestStream}: a scripted source of elements, watermarks and processing time. */
  TEST_STREAM(false, true),
  /** A stateless {@code ParDo} without side inputs. */
  PAR_DO(true, false),
  /** A stateless {@code ParDo} with side inputs: waits for them, so it heads a stage. */
  SIDE_INPUT_PAR_DO(false, false),
  /** A {@code ParDo} with state or timers: keyed, heads a stage. */
  STATEFUL_PAR_DO(false, false),
  /** {@code GroupByKey}: keyed, heads a stage run by Beam's {@code ReduceFnRunner}. */
  GROUP_BY_KEY(false, false),
  /** Combiner lifting's merge of accumulators per key and window: keyed, heads a stage. */
  COMBINE_ACCUMULATORS(false, false),
  /** {@code Flatten.PCollections}: merges inputs inside each producer's chain. */
  FLATTEN(true, false),
  /** {@code Window.Assign}: assigns windows element by element. */
  WINDOW_ASSIGN(true, false),
  /** {@code View.CreatePCollectionView}: passes elements on and materializes the view. */
  CREATE_VIEW(true, false),
  /** The shuffle in front of a splittable DoFn's {@code ProcessElements}. */
  GBK_INTO_KEYED_WORK_ITEMS(true, false),
  /** A splittable DoFn's {@code ProcessElements}: keyed by element, heads a stage. */
  PROCESS_ELEMENTS(false, false);

  private final boolean fusable;
  private final boolean root;

  StepKind(boolean fusable, boolean root) {
    this.fusable = fusable;
    this.root = root;
  }

  /** True if the step runs inside the chain of the stage that produces its input. */
  public boolean isFusable() {
    return fusable;
  }

  /** True if the step has no input and reads a source. */
  public boolean isRoot() {
    return root;
  }
}
