/**
 * The logical plan (internal): what a {@code DataFrame} is. A sealed tree of nodes (source,
 * project, filter, watermark, aggregate, deduplicate, join, union, sort, limit, local relation,
 * subquery alias, window), walked by one {@code PlanVisitor}; {@code Validation} applies Spark's
 * start-time checks (output modes, unsupported operations) to it. {@code PlanColumns} keeps the
 * columns as the user knows them (names that may repeat, alias qualifiers, ids) and {@code
 * Resolver} resolves qualified and {@code df.col} references against them.
 *
 * <pre>{@code
 * LogicalPlan plan = dataFrame.plan();
 * Validation.check(plan, OutputMode.Append());
 * }</pre>
 */
package dev.sluice.structured.internal.plan;
