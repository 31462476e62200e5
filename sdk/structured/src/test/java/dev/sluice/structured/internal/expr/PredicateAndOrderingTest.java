package dev.sluice.structured.internal.expr;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.sum;
import static dev.sluice.structured.internal.expr.Fixtures.EVENTS;
import static dev.sluice.structured.internal.expr.Fixtures.UTC;
import static dev.sluice.structured.internal.expr.Fixtures.e;
import static dev.sluice.structured.internal.expr.Fixtures.es;
import static dev.sluice.structured.internal.expr.Fixtures.event;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.sluice.structured.AnalysisException;
import dev.sluice.structured.internal.sql.SqlParser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

public class PredicateAndOrderingTest {
  private final Row open = event(1, "open", 150.0, "2024-01-15T10:00:00Z");
  private final Row close = event(2, "close", 50.0, "2024-01-15T10:01:00Z");
  private final Row unknown = event(3, null, 10.0, null);

  @Test
  public void predicateKeepsOnlyTrue() {
    Predicate p =
        Predicate.of(EVENTS, e(col("action").equalTo("open").or(col("action").equalTo("close"))));
    assertTrue(p.test(open, UTC));
    assertTrue(p.test(close, UTC));
    assertFalse(p.test(unknown, UTC)); // null is not true
    Predicate big = Predicate.of(EVENTS, e(SqlParser.expression("value > 100")));
    assertTrue(big.test(open, UTC));
    assertFalse(big.test(close, UTC));
  }

  @Test
  public void predicateMustBeBoolean() {
    AnalysisException e =
        assertThrows(AnalysisException.class, () -> Predicate.of(EVENTS, e(col("value").plus(1))));
    assertTrue(e.getMessage(), e.getMessage().contains("of type double is not a boolean"));
    assertThrows(AnalysisException.class, () -> Predicate.of(EVENTS, e(sum("value").gt(1))));
  }

  @Test
  public void orderingPutsNullsFirstAscendingAndLastDescending() {
    List<Row> rows = new ArrayList<>(Arrays.asList(open, unknown, close));
    rows.sort(RowOrdering.of(EVENTS, es(col("action"))));
    assertEquals(Arrays.asList(3, 2, 1), ids(rows));
    rows.sort(RowOrdering.of(EVENTS, es(col("action").desc())));
    assertEquals(Arrays.asList(1, 2, 3), ids(rows));
    rows.sort(RowOrdering.of(EVENTS, es(col("action").asc_nulls_last())));
    assertEquals(Arrays.asList(2, 1, 3), ids(rows));
    rows.sort(RowOrdering.of(EVENTS, es(col("value").desc())));
    assertEquals(Arrays.asList(1, 2, 3), ids(rows));
  }

  @Test
  public void orderingUsesLaterKeysForTies() {
    Row a = event(1, "x", 1.0, "2024-01-15T10:00:00Z");
    Row b = event(2, "x", 2.0, "2024-01-15T10:00:00Z");
    List<Row> rows = new ArrayList<>(Arrays.asList(a, b));
    rows.sort(RowOrdering.of(EVENTS, es(col("action"), col("value").desc())));
    assertEquals(Arrays.asList(2, 1), ids(rows));
  }

  private static List<Integer> ids(List<Row> rows) {
    return rows.stream().map(r -> r.getInt32("id")).collect(Collectors.toList());
  }
}
