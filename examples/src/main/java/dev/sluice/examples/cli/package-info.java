/**
 * The examples' command line: {@link dev.sluice.examples.cli.ExampleCommand} (one example), {@link
 * dev.sluice.examples.cli.Examples} (the registry, through {@code ServiceLoader}), and the option
 * mixins the examples share.
 *
 * <pre>{@code
 * @AutoService(ExampleCommand.class)
 * @Command(name = "my-example", description = "...")
 * public final class MyExample extends ExampleCommand {
 *   @Mixin RunnerOption runner;
 *   protected int run() { ... }
 * }
 * }</pre>
 */
package dev.sluice.examples.cli;
