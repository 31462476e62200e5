package dev.sluice.structured.internal.state;

import dev.sluice.io.checkpoint.CheckpointLayout;
import dev.sluice.io.state.StateStoreConf;
import java.io.Serializable;

/**
 * Where and how a stateful operator of a query with a checkpoint location keeps its shards' state:
 * shard {@code s} of operator {@code i} in {@code <checkpoint>/state/<i>/<s>}, with the state store
 * the session's configuration picks ({@link StateStoreConf}), resuming after the query's last
 * committed batch. It travels with the operator's function in the compiled pipeline (no JVM-wide
 * registry), so any worker of any runner that can reach the checkpoint's file system can open the
 * shard.
 *
 * <pre>{@code
 * StateLocation at = new StateLocation("/tmp/cp", 0, 41, StateStoreConf.defaults());
 * at.shardDirectory(3);   // /tmp/cp/state/0/3
 * }</pre>
 */
public final class StateLocation implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String checkpointRoot;
  private final int operator;
  private final long resumeAfter;
  private final StateStoreConf conf;

  /**
   * @param checkpointRoot the query's checkpoint location (a path or a Beam file system URI)
   * @param operator the operator's index among the query's stateful operators
   * @param resumeAfter the logical batch the previous run committed last, or -1 for a fresh start
   * @param conf which state store, and its snapshot and retention settings
   */
  public StateLocation(String checkpointRoot, int operator, long resumeAfter, StateStoreConf conf) {
    this.checkpointRoot = checkpointRoot;
    this.operator = operator;
    this.resumeAfter = resumeAfter;
    this.conf = conf;
  }

  /** The directory of shard {@code shard}'s state files. */
  public String shardDirectory(int shard) {
    return CheckpointLayout.of(checkpointRoot).state(operator, shard);
  }

  public String checkpointRoot() {
    return checkpointRoot;
  }

  public int operator() {
    return operator;
  }

  public long resumeAfter() {
    return resumeAfter;
  }

  public StateStoreConf conf() {
    return conf;
  }
}
