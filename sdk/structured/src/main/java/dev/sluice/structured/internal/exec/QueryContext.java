package dev.sluice.structured.internal.exec;

import dev.sluice.io.console.ConsoleSink;
import dev.sluice.io.context.RunContext;
import dev.sluice.io.memory.MemoryTables;
import dev.sluice.io.stream.SourceStatus;
import dev.sluice.io.stream.StatusKey;
import dev.sluice.structured.StreamingQueryProgress;
import java.io.PrintStream;
import javax.annotation.Nullable;

/**
 * The driver side of one run of a query, opened by {@link QueryStarter} before the pipeline is
 * built and closed when the query terminates: the run's {@link RunContext} (the one driver-JVM
 * lookup, by run id), holding the session's memory tables (for the memory sink), the {@code
 * MemoryStream}s the query reads, the console output of {@code DataStreamWriter.printTo}, the
 * sources' status reports (for {@code processAllAvailable()} and {@code status()}), socket
 * connections, and, on the in-JVM progress channel, the listener the sink step reports each batch
 * to. Closing it releases all of them, so nothing outlives the run.
 *
 * <p>The pipeline's steps reach it with {@link #find(String)}, which finds it only in the driver's
 * JVM: on a worker of a distributed runner the sink step finds no listener and reports progress
 * through the checkpoint's progress log instead ({@link ProgressLog}), and the driver-only features
 * fail naming themselves (see {@code docs/structured-streaming.md}).
 * <!-- given: String runId; MemoryTables tables; -->
 *
 * <pre>{@code
 * QueryContext context = QueryContext.open(runId, tables, null);
 * context.listenInJvm((batch, progress) -> System.out.println(progress));
 * QueryContext.find(runId).listener();   // the listener, in this JVM only
 * context.close();                       // QueryContext.find(runId) is null again
 * }</pre>
 */
public final class QueryContext implements AutoCloseable {
  private static final String NAME = "structured.query";

  /** Receives a query's batches as its sink step finishes them (the in-JVM progress channel). */
  public interface Listener {
    /**
     * Logical batch {@code batch} is done; {@code progress} is null if it did not run (a no-data
     * marker no operator needed).
     */
    void batchDone(long batch, @Nullable StreamingQueryProgress progress);
  }

  private final RunContext run;
  private final MemoryTables memoryTables;
  private final boolean consoleCaptured;
  @Nullable private volatile Listener listener;

  private QueryContext(RunContext run, MemoryTables memoryTables, boolean consoleCaptured) {
    this.run = run;
    this.memoryTables = memoryTables;
    this.consoleCaptured = consoleCaptured;
  }

  /**
   * Opens the context of run {@code runId}: memory sinks of the run write to {@code tables}, its
   * console sink prints to {@code consoleOut} if not null.
   */
  public static QueryContext open(
      String runId, MemoryTables tables, @Nullable PrintStream consoleOut) {
    RunContext run = RunContext.open(runId);
    QueryContext context = new QueryContext(run, tables, consoleOut != null);
    run.put(NAME, context);
    tables.attachTo(run);
    if (consoleOut != null) {
      ConsoleSink.setOutput(run, consoleOut);
    }
    return context;
  }

  /** The context of run {@code runId} if it is open in this JVM (the driver's), else null. */
  @Nullable
  public static QueryContext find(String runId) {
    RunContext run = RunContext.find(runId);
    return run == null ? null : run.get(NAME, QueryContext.class);
  }

  /** The run's id. */
  public String runId() {
    return run.runId();
  }

  /** The run's io context. */
  public RunContext run() {
    return run;
  }

  /** The session's memory tables, which the run's memory sinks write to. */
  public MemoryTables memoryTables() {
    return memoryTables;
  }

  /** True if the run's console sink prints to the stream given at start, not System.out. */
  public boolean consoleCaptured() {
    return consoleCaptured;
  }

  /** Makes the sink step report each batch to {@code listener} (the in-JVM progress channel). */
  public void listenInJvm(Listener listener) {
    this.listener = listener;
  }

  /** The in-JVM progress listener, or null (none registered: progress goes through files). */
  @Nullable
  public Listener listener() {
    return listener;
  }

  /** The last status the source {@code key} reported, or null. */
  @Nullable
  public SourceStatus sourceStatus(StatusKey key) {
    return SourceStatus.get(run, key.source());
  }

  /** Ends the run: the lookup forgets it and its resources are released. */
  @Override
  public void close() {
    listener = null;
    run.close();
  }
}
