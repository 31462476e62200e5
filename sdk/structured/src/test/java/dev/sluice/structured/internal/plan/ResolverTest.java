package dev.sluice.structured.internal.plan;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.sluice.io.schema.DdlSchema;
import dev.sluice.structured.AnalysisException;
import dev.sluice.structured.internal.expr.Attribute;
import dev.sluice.structured.internal.expr.Expression;
import dev.sluice.structured.internal.expr.Predicate;
import dev.sluice.structured.internal.sql.SqlParser;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.junit.Test;

/** Qualifiers, ids and repeated names: {@link PlanColumns} and {@link Resolver}. */
public class ResolverTest {
  private static final Schema CLICKS = DdlSchema.parse("id INT, event_time TIMESTAMP");

  private static LogicalPlan relation() {
    return new LocalRelation(CLICKS, List.of());
  }

  private static Join join(LogicalPlan left, LogicalPlan right) {
    Schema joined = JoinRewrites.joinedSchema(left.schema(), right.schema());
    Expression condition = SqlParser.expression("true");
    return new Join(
        left,
        right,
        Predicate.of(joined, condition),
        condition,
        Join.Type.INNER,
        joined,
        List.of(),
        List.of());
  }

  @Test
  public void joinKeepsRepeatedNamesWithUniqueFields() {
    Join j = join(new SubqueryAlias(relation(), "a"), new SubqueryAlias(relation(), "b"));
    assertEquals(List.of("id", "event_time", "id#1", "event_time#1"), j.schema().getFieldNames());
    assertEquals(List.of("id", "event_time", "id", "event_time"), j.columns().names());
    assertEquals("b", j.columns().qualifier(3));
    assertEquals("`b`.`event_time`", j.columns().get(3).quoted());
    assertTrue(j.columns().differFrom(j.schema()));
  }

  @Test
  public void qualifiedAndIdReferencesResolveToTheirField() {
    LogicalPlan left = relation();
    LogicalPlan right = relation();
    Join j = join(new SubqueryAlias(left, "a"), new SubqueryAlias(right, "b"));
    Attribute b = (Attribute) Resolver.resolve(j, Attribute.parse("b.event_time"));
    assertEquals("event_time#1", b.lastPart());
    assertEquals("event_time", b.sql());
    Attribute fromRight = Resolver.frameColumn(right, "event_time");
    assertNotEquals(0, fromRight.columnId());
    assertEquals("event_time#1", ((Attribute) Resolver.resolve(j, fromRight)).lastPart());
    assertEquals(3, Resolver.index(j, "b.event_time"));
    // a name that needs nothing is left for binding by name
    Expression plain = Attribute.parse("id");
    assertSame(plain, Resolver.resolve(left, plain));
  }

  @Test
  public void repeatedNamesAreAmbiguousAndUnknownQualifiersSaySo() {
    Join j = join(new SubqueryAlias(relation(), "a"), new SubqueryAlias(relation(), "b"));
    AnalysisException e =
        assertThrows(AnalysisException.class, () -> Resolver.resolve(j, Attribute.parse("id")));
    assertTrue(e.getMessage(), e.getMessage().contains("could be: [`a`.`id`, `b`.`id`]"));
    AnalysisException q =
        assertThrows(AnalysisException.class, () -> Resolver.resolve(j, Attribute.parse("c.id")));
    assertTrue(q.getMessage(), q.getMessage().contains("no frame is named `c`"));
  }

  @Test
  public void idsFollowColumnsThroughPassThroughOperators() {
    LogicalPlan r = relation();
    LogicalPlan filtered = new Filter(r, Predicate.of(CLICKS, SqlParser.expression("id > 1")));
    assertEquals(r.columns().get(0).id(), filtered.columns().get(0).id());
    assertSame(filtered.columns(), filtered.columns());
  }
}
