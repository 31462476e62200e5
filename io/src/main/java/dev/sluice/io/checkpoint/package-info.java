/**
 * A query's checkpoint: {@link dev.sluice.io.checkpoint.BatchLog}, the versioned, atomic,
 * file-per-batch log of Spark's offset, commit and file sink logs; {@link
 * dev.sluice.io.checkpoint.CheckpointLayout}, where each part of a checkpoint lives and how a
 * restart uses them; {@link dev.sluice.io.checkpoint.StartPoint}, where a restart starts (Spark's
 * rule, from the offset and commit logs); {@link dev.sluice.io.checkpoint.CheckpointFiles}, atomic
 * whole-file writes on local disks (with fsync) and on any Beam file system ({@code gs://}, {@code
 * s3://}, ...).
 *
 * <pre>{@code
 * CheckpointLayout cp = CheckpointLayout.of("/tmp/q1");
 * BatchLog<List<String>> commits = BatchLog.open(cp.commits(), LogCodec.lines());
 * commits.add(0, List.of("{\"nextBatchWatermarkMs\":0}"));
 * }</pre>
 */
package dev.sluice.io.checkpoint;
