/**
 * Running a query (internal): {@code QueryStarter} turns a validated plan and a writer's settings
 * into a Beam pipeline ({@code QueryCompiler}), runs it, and wraps it in a {@code RunningQuery};
 * sinks, the per-batch step functions, checkpoints and the per-query context live here too. Static
 * plans are evaluated in memory by {@code LocalExecutor}.
 *
 * <pre>{@code
 * StreamingQuery q = new QueryStarter(session, plan, settings).start();
 * }</pre>
 */
package dev.sluice.structured.internal.exec;
