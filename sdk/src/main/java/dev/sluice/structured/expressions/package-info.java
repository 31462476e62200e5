/**
 * Spark SQL expressions under the Structured Streaming facade: the expression tree behind {@code
 * Column}, its resolution against Beam schemas ({@link
 * dev.sluice.structured.expressions.Expression#bind}), and the row-level operators the facade's
 * Beam transforms run: {@link dev.sluice.structured.expressions.Projection} (select, withColumn,
 * explode), {@link dev.sluice.structured.expressions.Predicate} (filter), {@link
 * dev.sluice.structured.expressions.Aggregation} (groupBy/agg with windows, accumulators as Beam
 * rows), {@link dev.sluice.structured.expressions.RowOrdering} (orderBy) and {@link
 * dev.sluice.structured.expressions.SqlParser} (expr, selectExpr, sql).
 *
 * <pre>{@code
 * Schema schema = DdlSchema.parse("value STRING, ts TIMESTAMP");
 * Projection words = Projection.of(schema,
 *     List.of(explode(split(col("value"), " ")).as("word"), col("ts")));
 * Aggregation counts = Aggregation.of(words.outputSchema(),
 *     List.of(window(col("ts"), "10 minutes", "5 minutes"), col("word")),
 *     List.of(count("*").as("count")));
 * }</pre>
 *
 * <p>Evaluation follows Spark's non-ANSI mode: bad input (a string that is not a number, a division
 * by zero) gives null, never an exception. Values are held as Beam {@link
 * org.apache.beam.sdk.values.Row} values (timestamps as Joda instants with millisecond precision).
 */
package dev.sluice.structured.expressions;
