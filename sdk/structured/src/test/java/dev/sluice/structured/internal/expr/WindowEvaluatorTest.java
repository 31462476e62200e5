package dev.sluice.structured.internal.expr;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.sum;
import static dev.sluice.structured.internal.expr.Fixtures.UTC;
import static dev.sluice.structured.internal.expr.Fixtures.e;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.schema.DdlSchema;
import dev.sluice.structured.AnalysisException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

/** Frames and rankings of {@link WindowEvaluator}, on one partition of seven values. */
public class WindowEvaluatorTest {
  private static final Schema IN = DdlSchema.parse("k STRING, x INT");

  private static List<Row> rows(Integer... xs) {
    List<Row> out = new ArrayList<>();
    for (Integer x : xs) {
      out.add(Row.withSchema(IN).addValues("p", x).build());
    }
    return out;
  }

  private static List<Object> column(WindowExpression w, List<Row> rows) {
    WindowEvaluator eval = WindowEvaluator.of(IN, List.of(w), List.of("w"));
    List<Object> out = new ArrayList<>();
    for (Row r : eval.apply(rows, UTC)) {
      out.add(r.getValue("w"));
    }
    return out;
  }

  private static WindowDefinition byX() {
    return WindowDefinition.EMPTY.partitionBy(List.of(e(col("k")))).orderBy(List.of(e(col("x"))));
  }

  private static Expression sumX() {
    return e(sum(col("x")));
  }

  @Test
  public void rowsFramesSlideByPosition() {
    List<Row> in = rows(1, 2, 2, 4, 7);
    assertEquals(
        List.<Object>of(3L, 5L, 8L, 13L, 11L),
        column(new WindowExpression(sumX(), byX().rowsBetween(-1, 1)), in));
    // a frame wholly before the row: empty at the start
    List<Object> before = column(new WindowExpression(sumX(), byX().rowsBetween(-2, -1)), in);
    assertEquals(null, before.get(0));
    assertEquals(List.<Object>of(1L, 3L, 4L, 6L), before.subList(1, 5));
    assertEquals(
        List.<Object>of(16L, 15L, 13L, 11L, 7L),
        column(
            new WindowExpression(
                sumX(), byX().rowsBetween(0, WindowDefinition.UNBOUNDED_FOLLOWING)),
            in));
  }

  @Test
  public void rangeFramesUseTheOrderingValueAndPeers() {
    List<Row> in = rows(1, 2, 2, 4, 7);
    assertEquals(
        List.<Object>of(1L, 5L, 5L, 9L, 16L), column(new WindowExpression(sumX(), byX()), in));
    assertEquals(
        List.<Object>of(5L, 9L, 9L, 4L, 7L), // x in [v - 1, v + 2]
        column(new WindowExpression(sumX(), byX().rangeBetween(-1, 2)), in).subList(0, 5));
    // nulls are peers of each other only, first in ascending order
    List<Row> nulls = rows(null, null, 3);
    assertEquals(
        java.util.Arrays.asList(null, null, 3L),
        column(new WindowExpression(sumX(), byX().rangeBetween(0, 1)), nulls));
  }

  @Test
  public void rankingAndOffsets() {
    List<Row> in = rows(5, 5, 6, 9);
    assertEquals(
        List.<Object>of(1, 1, 3, 4),
        column(new WindowExpression(WindowFunctionCall.ranking("rank"), byX()), in));
    assertEquals(
        List.<Object>of(1, 1, 2, 2),
        column(new WindowExpression(WindowFunctionCall.ntile(2), byX()), in));
    assertEquals(
        java.util.Arrays.asList(6, 9, -1, -1),
        column(
            new WindowExpression(WindowFunctionCall.lead(e(col("x")), 2, Literal.of(-1)), byX()),
            in));
    // ntile spreads the remainder over the first buckets: 7 rows in 3 -> 3, 2, 2
    assertEquals(
        List.<Object>of(1, 1, 1, 2, 2, 3, 3),
        column(
            new WindowExpression(WindowFunctionCall.ntile(3), byX()), rows(1, 2, 3, 4, 5, 6, 7)));
  }

  @Test
  public void rangeOffsetsNeedOneNumericOrdering() {
    Schema s = DdlSchema.parse("k STRING, name STRING");
    WindowDefinition byName =
        WindowDefinition.EMPTY.orderBy(List.of(e(col("name")))).rangeBetween(-1, 0);
    AnalysisException e =
        assertThrows(
            AnalysisException.class,
            () ->
                WindowEvaluator.of(
                    s,
                    List.of(
                        new WindowExpression(
                            e(dev.sluice.structured.Functions.count("*")), byName)),
                    List.of("w")));
    assertEquals(true, e.getMessage().contains("needs a numeric ordering"));
  }
}
