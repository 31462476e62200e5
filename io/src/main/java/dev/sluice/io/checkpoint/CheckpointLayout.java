package dev.sluice.io.checkpoint;

/**
 * Where a query's checkpoint keeps what, named as in Spark's checkpoint directory:
 *
 * <pre>
 * &lt;root&gt;/metadata                                   the query's id, written once at its first start
 * &lt;root&gt;/offsets/&lt;batchId&gt;                          what batch N reads (planned, written BEFORE it runs)
 * &lt;root&gt;/commits/&lt;batchId&gt;                          batch N is done (written AFTER its output is durable)
 * &lt;root&gt;/state/&lt;operator&gt;/&lt;partition&gt;/&lt;version&gt;.delta|.snapshot   one state store shard
 * &lt;root&gt;/sources/&lt;i&gt;/...                           what source i needs of its own
 * &lt;root&gt;/progress/&lt;batchId&gt;                         batch N's progress report (beyond Spark: for a
 *                                                    driver that does not share the pipeline's JVM)
 * </pre>
 *
 * <p>{@code offsets} and {@code commits} are {@link BatchLog}s; a state shard's version {@code v}
 * is the state after batch {@code v - 1} (version 0 is the empty state), as in Spark.
 *
 * <p>Recovery, as Spark's {@code MicroBatchExecution.populateStartOffsets} ({@link StartPoint}
 * decides the first part from the two logs):
 *
 * <pre>
 * on start:
 *   if offsets is empty:                        first run
 *     next batch = 0, sources start from their configured starting position
 *   else:
 *     N = offsets.latestId()                    the last planned batch
 *     if commits has N:                         batch N finished: plan a new batch
 *       sources resume after offsets[N]; next batch = N + 1
 *     else:                                     batch N was cut short: run it again
 *       sources resume after offsets[N - 1] (or from the start if N = 0);
 *       re-run batch N reading exactly up to offsets[N] (same input, same batch id);
 *       state is loaded at version N (the state after batch N - 1), so the re-run rewrites
 *       version N + 1 and sinks, which skip batch ids already in their own log, stay exactly once
 * each batch N:
 *   offsets.add(N, end offsets of every source)     BEFORE reading: the plan survives a crash
 *   run the batch; state stores commit version N + 1; sinks write batch N
 *   commits.add(N, {nextBatchWatermarkMs})          AFTER the sinks are durable
 *   purge offsets and commits to minBatchesToRetain, state to the versions they still need
 * </pre>
 *
 * <pre>{@code
 * CheckpointLayout cp = CheckpointLayout.of("gs://bucket/queries/q1");
 * BatchLog<List<String>> offsets = BatchLog.open(cp.offsets(), LogCodec.lines());
 * String shard = cp.state(0, 3);     // gs://bucket/queries/q1/state/0/3
 * }</pre>
 */
public final class CheckpointLayout {
  private final String root;

  private CheckpointLayout(String root) {
    this.root = root;
  }

  /**
   * The layout under {@code root}: a local path or a URI of a Beam file system.
   *
   * @throws IllegalArgumentException if {@code root} is empty
   */
  public static CheckpointLayout of(String root) {
    if (root == null || root.isBlank()) {
      throw new IllegalArgumentException(
          "A checkpoint location is needed: set option checkpointLocation to a directory");
    }
    String trimmed = root;
    while (trimmed.length() > 1 && trimmed.endsWith("/") && !trimmed.endsWith("://")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return new CheckpointLayout(trimmed);
  }

  private String child(String path) {
    return root + "/" + path;
  }

  /** The checkpoint's root directory. */
  public String root() {
    return root;
  }

  /** The {@code metadata} file (a file, not a directory). */
  public String metadata() {
    return child("metadata");
  }

  /** The offset log's directory. */
  public String offsets() {
    return child("offsets");
  }

  /** The commit log's directory. */
  public String commits() {
    return child("commits");
  }

  /**
   * The progress log's directory: one JSON progress report per batch, written by the step that
   * hands the batch to the sink, read by a driver that does not share the pipeline's JVM.
   */
  public String progress() {
    return child("progress");
  }

  /** The directory of state shard {@code partition} of stateful operator {@code operator}. */
  public String state(int operator, int partition) {
    if (operator < 0 || partition < 0) {
      throw new IllegalArgumentException(
          "Operator and partition ids start at 0: " + operator + "/" + partition);
    }
    return child("state/" + operator + "/" + partition);
  }

  /** The directory of source {@code index} (the sources of a query numbered from 0). */
  public String sources(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("Source indexes start at 0: " + index);
    }
    return child("sources/" + index);
  }

  @Override
  public String toString() {
    return "CheckpointLayout[" + root + "]";
  }
}
