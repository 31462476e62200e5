package dev.sluice.structured.internal.expr;

import java.io.Serializable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * An {@link Expression} resolved against an input {@link Schema}: its column names found, its
 * implicit casts chosen, its result type known. Evaluating it never fails on data (Spark's non-ANSI
 * mode): bad input gives null.
 *
 * <pre>{@code
 * Bound b = SqlParser.expression("upper(action)").bind(schema);
 * b.type();                        // STRING (nullable)
 * b.name();                        // "upper(action)"
 * b.eval(row, EvalContext.utc());  // "OPEN"
 * }</pre>
 */
public interface Bound extends Serializable {
  /** The Beam type of the values {@link #eval} returns; nullable unless a null is impossible. */
  org.apache.beam.sdk.schemas.Schema.FieldType type();

  /** The column name Spark gives this expression's result. */
  String name();

  /** The value for one input row, as the Java object a Beam {@link Row} of {@link #type} holds. */
  Object eval(Row row, EvalContext ctx);
}
