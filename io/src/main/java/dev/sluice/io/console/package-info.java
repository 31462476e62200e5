/**
 * The console sink's output format: {@link dev.sluice.io.console.ConsoleTable} prints rows the way
 * Spark's {@code Dataset.show()} and {@code format("console")} do; {@link
 * dev.sluice.io.console.ConsoleSink} is the console sink that prints each batch with it.
 *
 * <pre>{@code
 * System.out.print(ConsoleTable.of(schema).withTruncate(false).batch(0, rows));
 * }</pre>
 */
package dev.sluice.io.console;
