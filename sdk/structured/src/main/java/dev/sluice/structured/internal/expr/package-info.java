/**
 * Spark SQL expressions under the Structured Streaming facade (internal: users reach them through
 * {@code Column} and {@code Functions}): the expression tree, its resolution against Beam schemas
 * ({@code Expression.bind}), and the row-level operators the facade's Beam transforms run: {@code
 * Projection} (select, withColumn, explode), {@code Predicate} (filter), {@code Aggregation}
 * (groupBy/agg with windows, accumulators as Beam rows) and {@code RowOrdering} (orderBy).
 *
 * <pre>{@code
 * Schema schema = DdlSchema.parse("value STRING, ts TIMESTAMP");
 * Projection words = Projection.of(schema,
 *     List.of(explode(split(col("value"), " ")).as("word"), col("ts")));
 * }</pre>
 *
 * <p>Evaluation follows Spark's non-ANSI mode: bad input (a string that is not a number, a division
 * by zero) gives null, never an exception. Values are held as Beam {@code Row} values (timestamps
 * as Joda instants with millisecond precision).
 */
package dev.sluice.structured.internal.expr;
