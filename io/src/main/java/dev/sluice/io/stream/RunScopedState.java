package dev.sluice.io.stream;

import java.io.Serializable;

/**
 * Source state with parts that belong to one run of a query (e.g. the files a bounded trigger found
 * at its first poll): a restart from a checkpoint location keeps the positions and forgets those
 * parts, so the new run looks at its input afresh, as Spark's sources do on restart.
 *
 * <pre>{@code
 * final class MyState implements RunScopedState {
 *   List<String> foundAtStart;   // run-scoped
 *   public Serializable forNewRun() { MyState s = copy(); s.foundAtStart = null; return s; }
 * }
 * }</pre>
 */
public interface RunScopedState extends Serializable {
  /** A copy without the parts that belong to the run that wrote it. */
  Serializable forNewRun();
}
