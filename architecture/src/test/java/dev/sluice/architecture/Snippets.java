package dev.sluice.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code <pre>{@code ...}</pre>} examples of a source file, ready to compile: where each is,
 * its code with javadoc's escapes undone, the variables it takes as given, and the file's package
 * and imports.
 *
 * <p>An example names the variables it uses without declaring them in an HTML comment just before
 * it, which javadoc does not render: {@code <!-- given: Schema schema; DataFrame events; -->}.
 *
 * <pre>{@code
 * for (Snippets.Snippet s : Snippets.of(Path.of("src/main/java/Foo.java"))) {
 *   System.out.println(s.where() + ": " + s.code());
 * }
 * }</pre>
 */
final class Snippets {
  private static final Pattern PACKAGE =
      Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern IMPORT = Pattern.compile("^import\\s+[^;]+;", Pattern.MULTILINE);
  private static final Pattern GIVEN = Pattern.compile("<!--\\s*given:(.*?)-->", Pattern.DOTALL);

  /** One example. */
  record Snippet(String where, String pkg, List<String> imports, String given, String code) {}

  private Snippets() {}

  /** The examples of one Java source file. */
  static List<Snippet> of(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Matcher p = PACKAGE.matcher(text);
    String pkg = p.find() ? p.group(1) : "";
    List<String> imports = new ArrayList<>();
    Matcher i = IMPORT.matcher(text);
    while (i.find()) {
      imports.add(i.group());
    }
    List<Snippet> out = new ArrayList<>();
    int from = 0;
    while (true) {
      int start = text.indexOf("<pre>{@code", from);
      if (start < 0) {
        break;
      }
      int end = text.indexOf("}</pre>", start);
      if (end < 0) {
        break;
      }
      String body = text.substring(start + "<pre>{@code".length(), end);
      String given = "";
      int commentStart = text.lastIndexOf("<!--", start);
      int previousPre = text.lastIndexOf("</pre>", start);
      if (commentStart > previousPre && commentStart > text.lastIndexOf("*/", start)) {
        Matcher g = GIVEN.matcher(text.substring(commentStart, start));
        if (g.find()) {
          given = unstar(g.group(1));
        }
      }
      int line = (int) text.substring(0, start).chars().filter(c -> c == '\n').count() + 1;
      out.add(new Snippet(file + ":" + line, pkg, imports, given, unescape(unstar(body))));
      from = end;
    }
    return out;
  }

  /** Every Java source file under {@code root}. */
  static List<Path> javaFiles(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String unstar(String javadoc) {
    StringBuilder s = new StringBuilder();
    for (String line : javadoc.split("\n", -1)) {
      s.append(line.replaceFirst("^\\s*\\*( ?)", "")).append('\n');
    }
    return s.toString();
  }

  private static String unescape(String code) {
    return code.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#64;", "@")
        .replace("&#42;", "*")
        .replace("&#47;", "/")
        .replace("&amp;", "&");
  }
}
