package dev.sluice.structured;

import dev.sluice.io.memory.MemoryTables;
import dev.sluice.structured.internal.ApiAccess;
import dev.sluice.structured.internal.expr.Expression;
import dev.sluice.structured.internal.plan.LogicalPlan;
import java.time.ZoneId;

/** The API package's side of {@link ApiAccess}: package-private members, opened to internals. */
final class InternalDoor implements ApiAccess.Door {
  @Override
  public Expression expression(Column column) {
    return column.expression();
  }

  @Override
  public Column column(Expression expression) {
    return new Column(expression);
  }

  @Override
  public LogicalPlan plan(DataFrame frame) {
    return frame.plan();
  }

  @Override
  public StreamingSession session(DataFrame frame) {
    return frame.session();
  }

  @Override
  public DataFrame dataFrame(StreamingSession session, LogicalPlan plan) {
    return new DataFrame(session, plan);
  }

  @Override
  public int shards(StreamingSession session) {
    return session.shards();
  }

  @Override
  public ZoneId zone(StreamingSession session) {
    return session.zone();
  }

  @Override
  public MemoryTables memoryTables(StreamingSession session) {
    return session.memoryTables();
  }

  @Override
  public void started(StreamingQueryManager manager, StreamingQuery query) {
    manager.started(query);
  }

  @Override
  public void progress(StreamingQueryManager manager, StreamingQueryProgress progress) {
    manager.progress(progress);
  }

  @Override
  public void terminated(
      StreamingQueryManager manager, StreamingQuery query, StreamingQueryException failure) {
    manager.terminated(query, failure);
  }
}
