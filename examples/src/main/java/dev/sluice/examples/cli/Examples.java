package dev.sluice.examples.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import picocli.CommandLine.Command;

/**
 * The registry of examples: every {@link ExampleCommand} listed in {@code
 * META-INF/services/dev.sluice.examples.cli.ExampleCommand} (which {@code @AutoService} writes),
 * sorted by name. Each call returns fresh instances, since a command keeps the options it parsed.
 *
 * <pre>{@code
 * for (ExampleCommand example : Examples.load()) {
 *   commandLine.addSubcommand(Examples.name(example), example);
 * }
 * }</pre>
 */
public final class Examples {
  private Examples() {}

  /**
   * New instances of every registered example, sorted by name.
   *
   * @throws IllegalStateException if a class has no {@code @Command} name or two share a name
   */
  public static List<ExampleCommand> load() {
    List<ExampleCommand> examples = new ArrayList<>();
    ServiceLoader.load(ExampleCommand.class, Examples.class.getClassLoader())
        .forEach(examples::add);
    Map<String, String> classByName = new HashMap<>();
    for (ExampleCommand example : examples) {
      String previous = classByName.put(name(example), example.getClass().getName());
      if (previous != null) {
        throw new IllegalStateException(
            "Examples "
                + previous
                + " and "
                + example.getClass().getName()
                + " are both named '"
                + name(example)
                + "'; rename one in its @Command(name = ...)");
      }
    }
    examples.sort((a, b) -> name(a).compareTo(name(b)));
    return examples;
  }

  /** The name in {@code example}'s {@code @Command} annotation. */
  public static String name(ExampleCommand example) {
    Command command = example.getClass().getAnnotation(Command.class);
    if (command == null || command.name().isEmpty() || command.name().startsWith("<")) {
      throw new IllegalStateException(
          example.getClass().getName()
              + " has no name: annotate it with @Command(name = \"the-example\", ...)");
    }
    return command.name();
  }
}
