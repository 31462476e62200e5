/**
 * The driver side of a run: {@link dev.sluice.io.context.RunContext}, opened when a query (or a
 * DStream context) starts and closed when it stops, holds what a running pipeline may reach only in
 * the driver's JVM, and is found by run id through the one JVM-wide lookup, {@link
 * dev.sluice.io.context.RunContext#find}. What needs it, and what happens on a distributed runner,
 * is listed in {@code docs/structured-streaming.md} ("What needs the driver's JVM").
 *
 * <pre>{@code
 * try (RunContext run = RunContext.open()) {
 *   String id = run.runId();    // what serialized transforms carry
 *   RunContext.find(id);        // this context, in this JVM, until close()
 * }
 * }</pre>
 */
package dev.sluice.io.context;
