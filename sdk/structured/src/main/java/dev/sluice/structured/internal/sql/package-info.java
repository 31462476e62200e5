/**
 * Spark SQL text to expressions and plans (internal): the lexer, the recursive-descent parser of
 * expressions ({@code expr}, {@code selectExpr}, string filters) and of {@code SELECT} statements,
 * and {@code SqlQueries}, which runs {@code session.sql(..)} over temp views and memory tables.
 *
 * <pre>{@code
 * Expression e = SqlParser.parseExpression("count(*) AS n");
 * }</pre>
 */
package dev.sluice.structured.internal.sql;
