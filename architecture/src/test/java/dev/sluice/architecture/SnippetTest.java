package dev.sluice.architecture;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.Test;

/**
 * Every {@code <pre>{@code ...}</pre>} example in the javadoc of the checked source files compiles
 * against the real classes, as a method body (or, for examples that declare members, as a class
 * body) in the documented class's package with its imports. Variables an example uses without
 * declaring them are named in an HTML comment before it: {@code <!-- given: Schema schema; -->}.
 *
 * <p>Checked: the public API packages of both facades and every file named in {@link #FILES}. The
 * javadoc of the other packages is not checked yet (README, "Not finished").
 */
public class SnippetTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  /** Packages (directories, not recursive) whose every example must compile. */
  private static final List<String> PACKAGES =
      List.of(
          "sdk/structured/src/main/java/dev/sluice/structured",
          "sdk/structured/src/main/java/dev/sluice/structured/testing",
          "sdk/structured/src/main/java/dev/sluice/structured/types",
          "sdk/dstream/src/main/java/dev/sluice/dstream",
          "sdk/dstream/src/main/java/dev/sluice/dstream/function",
          "io/src/main/java/dev/sluice/io/time",
          "io/src/main/java/dev/sluice/io/context");

  /** Single files whose examples must compile. */
  private static final List<String> FILES =
      List.of(
          "runners/microbatch/src/main/java/dev/sluice/runners/microbatch/execute/StageRuntime.java",
          "runners/microbatch/src/main/java/dev/sluice/runners/microbatch/execute/BatchExecutor.java",
          "sdk/structured/src/main/java/dev/sluice/structured/internal/exec/Sinks.java",
          "sdk/structured/src/main/java/dev/sluice/structured/internal/exec/QueryCompiler.java",
          "sdk/structured/src/main/java/dev/sluice/structured/internal/exec/QueryStarter.java",
          "sdk/structured/src/main/java/dev/sluice/structured/internal/plan/PlanVisitor.java");

  private static final String DEFAULT_IMPORTS =
      "import java.util.*;\n"
          + "import org.apache.beam.sdk.*;\n"
          + "import org.apache.beam.sdk.options.*;\n"
          + "import org.apache.beam.sdk.schemas.*;\n"
          + "import org.apache.beam.sdk.transforms.*;\n"
          + "import org.apache.beam.sdk.values.*;\n";

  /**
   * What examples may use without declaring, by package: the conventional names of the guides
   * ({@code session}, {@code events}, {@code counts}, {@code query}; {@code ssc}, {@code lines},
   * {@code pairs}), and the public API packages on demand.
   */
  private static final Map<String, String> CONVENTIONS =
      Map.of(
          "dev.sluice.structured",
          "import dev.sluice.structured.*;\n"
              + "import dev.sluice.io.schema.*;\n"
              + "import dev.sluice.io.memory.*;\n"
              + "@@StreamingSession session; DataFrame df, events, counts, words, lines, logs;"
              + " StreamingQuery query;",
          "dev.sluice.dstream",
          "import dev.sluice.dstream.*;\n"
              + "import dev.sluice.dstream.function.*;\n"
              + "@@StreamingContext ssc; DStream<String> lines, words;"
              + " PairDStream<String, Integer> pairs, counts, hashtagCounts;");

  @Test
  public void javadocExamplesCompile() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String dir : PACKAGES) {
      try (var list = Files.list(ROOT.resolve(dir))) {
        list.filter(f -> f.toString().endsWith(".java")).sorted().forEach(files::add);
      }
    }
    for (String file : FILES) {
      files.add(ROOT.resolve(file));
    }
    Map<String, Snippets.Snippet> snippets = new LinkedHashMap<>();
    for (Path file : files) {
      for (Snippets.Snippet s : Snippets.of(file)) {
        snippets.put("Snippet" + snippets.size(), s);
      }
    }
    assertTrue("found no examples under " + ROOT, snippets.size() > 20);

    Map<String, String> failures = compile(snippets, false);
    Map<String, Snippets.Snippet> retry = new LinkedHashMap<>();
    failures.keySet().forEach(name -> retry.put(name, snippets.get(name)));
    Map<String, String> still = compile(retry, true);
    if (!still.isEmpty()) {
      StringBuilder report = new StringBuilder();
      for (String name : still.keySet()) {
        Snippets.Snippet s = snippets.get(name);
        report
            .append("\n--- ")
            .append(ROOT.relativize(Path.of(s.where().replaceFirst(":\\d+$", ""))))
            .append(s.where().substring(s.where().lastIndexOf(':')))
            .append(":\n")
            .append(s.code().strip())
            .append("\n")
            .append(failures.get(name));
      }
      throw new AssertionError(
          still.size()
              + " of "
              + snippets.size()
              + " javadoc examples do not compile (declare free variables in"
              + " <!-- given: Type name; --> before the <pre>):"
              + report);
    }
  }

  /** Compiles each snippet; returns the ones that failed with their first errors. */
  private static Map<String, String> compile(
      Map<String, Snippets.Snippet> snippets, boolean asClassBody) throws IOException {
    Map<String, String> failures = new LinkedHashMap<>();
    if (snippets.isEmpty()) {
      return failures;
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<JavaFileObject> units = new ArrayList<>();
    Map<URI, String> names = new LinkedHashMap<>();
    for (Map.Entry<String, Snippets.Snippet> e : snippets.entrySet()) {
      JavaFileObject unit = source(e.getKey(), e.getValue(), asClassBody);
      units.add(unit);
      names.put(unit.toUri(), e.getKey());
    }
    Path out = Files.createTempDirectory("snippets");
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      List<String> options =
          List.of(
              "-proc:none",
              "--should-stop=ifError=FLOW",
              "-Xlint:none",
              "-nowarn",
              "-Xmaxerrs",
              "100000",
              "-classpath",
              System.getProperty("java.class.path"),
              "-d",
              out.toString());
      javac.getTask(null, files, diagnostics, options, null, units).call();
    } finally {
      delete(out);
    }
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() != Diagnostic.Kind.ERROR || d.getSource() == null) {
        continue;
      }
      String name = names.get(d.getSource().toUri());
      String message = "  line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT) + "\n";
      failures.merge(name, message, (a, b) -> a.length() > 600 ? a : a + b);
    }
    return failures;
  }

  private static JavaFileObject source(String name, Snippets.Snippet s, boolean asClassBody) {
    String code =
        s.code()
            .lines()
            .filter(l -> !l.strip().equals("...") && !l.startsWith("import "))
            .collect(Collectors.joining("\n"));
    String snippetImports =
        s.code().lines().filter(l -> l.startsWith("import ")).collect(Collectors.joining("\n"));
    StringBuilder src = new StringBuilder();
    if (!s.pkg().isEmpty()) {
      src.append("package ").append(s.pkg()).append(";\n");
    }
    src.append(DEFAULT_IMPORTS);
    s.imports().forEach(i -> src.append(i).append('\n'));
    src.append("import static dev.sluice.structured.Functions.*;\n");
    src.append(snippetImports).append('\n');
    String conventional = "";
    for (Map.Entry<String, String> c : CONVENTIONS.entrySet()) {
      if (s.pkg().startsWith(c.getKey())) {
        String[] parts = c.getValue().split("@@");
        src.append(parts[0]);
        conventional = parts[1];
      }
    }
    src.append("@SuppressWarnings(\"all\")\n");
    src.append("abstract class ").append(name).append("<K, V, T, W, S, R> {\n");
    src.append(conventional).append('\n');
    src.append(s.given()).append('\n');
    if (asClassBody) {
      src.append(code);
    } else {
      src.append("void example() throws Exception {\n").append(code).append("\n}\n");
    }
    src.append("}\n");
    String path = (s.pkg().replace('.', '/') + "/" + name + ".java").replaceFirst("^/", "");
    return new SimpleJavaFileObject(URI.create("string:///" + path), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return src;
      }
    };
  }

  private static void delete(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
