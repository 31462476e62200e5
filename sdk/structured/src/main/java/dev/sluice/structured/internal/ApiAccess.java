package dev.sluice.structured.internal;

import dev.sluice.io.memory.MemoryTables;
import dev.sluice.structured.Column;
import dev.sluice.structured.DataFrame;
import dev.sluice.structured.StreamingQuery;
import dev.sluice.structured.StreamingQueryException;
import dev.sluice.structured.StreamingQueryManager;
import dev.sluice.structured.StreamingQueryProgress;
import dev.sluice.structured.StreamingSession;
import dev.sluice.structured.internal.expr.Expression;
import dev.sluice.structured.internal.plan.LogicalPlan;
import java.time.ZoneId;

/**
 * The internal packages' door into members the public API keeps package-private: a {@link Column}'s
 * expression, a {@link DataFrame}'s plan and session, the query manager's events. Users never see
 * these members in a public signature; the internals reach them here. The API package installs the
 * one {@link Door} when its classes load (the JDK's {@code SharedSecrets} pattern).
 *
 * <pre>{@code
 * Expression e = ApiAccess.expression(col("ts"));
 * Column c = ApiAccess.column(e);
 * LogicalPlan plan = ApiAccess.plan(events);
 * }</pre>
 */
public final class ApiAccess {
  /** What the API package implements; one instance, installed once. */
  public interface Door {
    Expression expression(Column column);

    Column column(Expression expression);

    LogicalPlan plan(DataFrame frame);

    StreamingSession session(DataFrame frame);

    DataFrame dataFrame(StreamingSession session, LogicalPlan plan);

    int shards(StreamingSession session);

    ZoneId zone(StreamingSession session);

    MemoryTables memoryTables(StreamingSession session);

    void started(StreamingQueryManager manager, StreamingQuery query);

    void progress(StreamingQueryManager manager, StreamingQueryProgress progress);

    void terminated(
        StreamingQueryManager manager, StreamingQuery query, StreamingQueryException failure);
  }

  private static volatile Door door;

  private ApiAccess() {}

  /**
   * Installs the API package's door; called once from its static initializer.
   *
   * @throws IllegalStateException if a door is already installed
   */
  public static synchronized void install(Door api) {
    if (door != null) {
      throw new IllegalStateException("ApiAccess is installed once, by dev.sluice.structured");
    }
    door = api;
  }

  private static Door door() {
    Door d = door;
    if (d == null) {
      try {
        // Column's static initializer installs the door.
        Class.forName(Column.class.getName(), true, Column.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      d = door;
    }
    return d;
  }

  public static Expression expression(Column column) {
    return door().expression(column);
  }

  public static Column column(Expression expression) {
    return door().column(expression);
  }

  public static LogicalPlan plan(DataFrame frame) {
    return door().plan(frame);
  }

  public static StreamingSession session(DataFrame frame) {
    return door().session(frame);
  }

  public static DataFrame dataFrame(StreamingSession session, LogicalPlan plan) {
    return door().dataFrame(session, plan);
  }

  public static int shards(StreamingSession session) {
    return door().shards(session);
  }

  public static ZoneId zone(StreamingSession session) {
    return door().zone(session);
  }

  /** The session's memory-sink tables (Spark's in-memory tables, one catalog per session). */
  public static MemoryTables memoryTables(StreamingSession session) {
    return door().memoryTables(session);
  }

  public static void started(StreamingQueryManager manager, StreamingQuery query) {
    door().started(manager, query);
  }

  public static void progress(StreamingQueryManager manager, StreamingQueryProgress progress) {
    door().progress(manager, progress);
  }

  public static void terminated(
      StreamingQueryManager manager, StreamingQuery query, StreamingQueryException failure) {
    door().terminated(manager, query, failure);
  }
}
