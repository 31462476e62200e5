package dev.sluice.benchmarks.facade;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The benchmark's engines and how a child JVM of each is started: {@code facade} and {@code beam}
 * run {@link EngineRun} on this JVM's classpath; {@code spark} runs the Spark engine module's main
 * class on that module's classpath (its {@code target/classes} and {@code
 * target/spark-engine.classpath}) with the Java 17 flags its build wrote into {@code
 * spark-engine.properties}.
 *
 * <pre>{@code
 * List<String> cmd = Engine.SPARK.command(Path.of("sdk/benchmarks-spark"));
 * // [--add-opens=..., -cp, sdk/benchmarks-spark/target/classes:..., dev.sluice.benchmarks.spark.SparkEngine]
 * }</pre>
 */
public enum Engine {
  /** The Structured facade on MicroBatchRunner. */
  FACADE("facade"),
  /** The same logic as a hand-written Beam pipeline on MicroBatchRunner. */
  BEAM("beam"),
  /** Real Spark 4.0.1 Structured Streaming, local[2]. */
  SPARK("spark");

  private final String label;

  Engine(String label) {
    this.label = label;
  }

  /** The name in tables and on the command line. */
  public String label() {
    return label;
  }

  /** The engine named {@code name}, or an error listing the names. */
  public static Engine parse(String name) {
    for (Engine e : values()) {
      if (e.label.equalsIgnoreCase(name.trim())) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        "Unknown engine '" + name + "': use facade, beam, spark (comma-separated)");
  }

  /**
   * The JVM flags, classpath and main class of this engine's child (what follows {@code java} and
   * the shared JVM options); the engine's own arguments come after.
   *
   * @param sparkModule the directory of the Spark engine module (only read for {@link #SPARK})
   */
  public List<String> command(Path sparkModule) throws IOException {
    List<String> cmd = new ArrayList<>();
    if (this != SPARK) {
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add(EngineRun.class.getName());
      cmd.add(label);
      return cmd;
    }
    Path target = sparkModule.resolve("target");
    Path classpath = target.resolve("spark-engine.classpath");
    Path properties = target.resolve("classes/spark-engine.properties");
    if (!Files.isRegularFile(classpath) || !Files.isRegularFile(properties)) {
      throw new IllegalArgumentException(
          "The Spark engine is not built: "
              + classpath
              + " or "
              + properties
              + " is missing. Build it with `mvn -B -pl sdk/benchmarks-spark package -DskipTests`"
              + " from the repository root, or point --sparkModule at its directory");
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(properties)) {
      p.load(in);
    }
    cmd.addAll(Arrays.asList(p.getProperty("jvmFlags").trim().split("\\s+")));
    cmd.add("-cp");
    cmd.add(
        target.resolve("classes").toAbsolutePath()
            + java.io.File.pathSeparator
            + Files.readString(classpath, StandardCharsets.UTF_8).trim());
    cmd.add(p.getProperty("mainClass"));
    return cmd;
  }
}
