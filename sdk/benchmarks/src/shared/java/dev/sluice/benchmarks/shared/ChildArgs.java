package dev.sluice.benchmarks.shared;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of one engine's child JVM, as {@code --name=value} pairs: {@code --queries=F1,F2}
 * (run one after the other in this JVM), {@code --events=DIR} (the JSON files), {@code
 * --users=FILE} (the users CSV), {@code --maxFilesPerTrigger=1}, {@code --shufflePartitions=2}
 * (Spark's {@code spark.sql.shuffle.partitions}, set on the facade too), {@code --f5Rows=60000},
 * {@code --f5WarmupRows=10000} (rows left out of the latency figures), {@code --f5Rate=1000}.
 *
 * <pre>{@code
 * ChildArgs a = ChildArgs.parse(new String[] {"--queries=F1", "--events=/tmp/in", "--users=/tmp/u.csv"});
 * a.queries(); // [F1]
 * }</pre>
 */
public record ChildArgs(
    List<BenchQuery> queries,
    String events,
    String users,
    int maxFilesPerTrigger,
    int shufflePartitions,
    int f5Rows,
    int f5WarmupRows,
    int f5Rate) {

  /** Parses {@code args}; unknown or malformed ones are rejected naming the accepted ones. */
  public static ChildArgs parse(String[] args) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("queries", "F1");
    m.put("events", "");
    m.put("users", "");
    m.put("maxFilesPerTrigger", "1");
    m.put("shufflePartitions", "2");
    m.put("f5Rows", "60000");
    m.put("f5WarmupRows", "10000");
    m.put("f5Rate", "1000");
    for (String a : args) {
      int eq = a.indexOf('=');
      String name = a.startsWith("--") && eq > 2 ? a.substring(2, eq) : null;
      if (name == null || !m.containsKey(name)) {
        throw new IllegalArgumentException(
            "Unknown argument '" + a + "': use --name=value with a name of " + m.keySet());
      }
      m.put(name, a.substring(eq + 1));
    }
    List<BenchQuery> queries = new ArrayList<>();
    for (String q : m.get("queries").split(",")) {
      queries.add(BenchQuery.parse(q));
    }
    ChildArgs parsed =
        new ChildArgs(
            List.copyOf(queries),
            m.get("events"),
            m.get("users"),
            positive(m, "maxFilesPerTrigger"),
            positive(m, "shufflePartitions"),
            positive(m, "f5Rows"),
            Integer.parseInt(m.get("f5WarmupRows")),
            positive(m, "f5Rate"));
    boolean files = queries.stream().anyMatch(BenchQuery::readsFiles);
    if (files && (parsed.events.isEmpty() || parsed.users.isEmpty())) {
      throw new IllegalArgumentException(
          "F1-F4 need --events=DIR and --users=FILE (written by BenchEvents)");
    }
    if (parsed.f5WarmupRows < 0 || parsed.f5WarmupRows >= parsed.f5Rows) {
      throw new IllegalArgumentException(
          "--f5WarmupRows must be between 0 and --f5Rows - 1, got " + parsed.f5WarmupRows);
    }
    return parsed;
  }

  private static int positive(Map<String, String> m, String name) {
    int v;
    try {
      v = Integer.parseInt(m.get(name));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--" + name + " must be a positive integer, got '" + m.get(name) + "'", e);
    }
    if (v < 1) {
      throw new IllegalArgumentException("--" + name + " must be a positive integer, got " + v);
    }
    return v;
  }

  /** These arguments as the command line they were parsed from. */
  public List<String> toArgs() {
    List<String> out = new ArrayList<>();
    out.add("--queries=" + String.join(",", queries.stream().map(Enum::name).toList()));
    out.add("--events=" + events);
    out.add("--users=" + users);
    out.add("--maxFilesPerTrigger=" + maxFilesPerTrigger);
    out.add("--shufflePartitions=" + shufflePartitions);
    out.add("--f5Rows=" + f5Rows);
    out.add("--f5WarmupRows=" + f5WarmupRows);
    out.add("--f5Rate=" + f5Rate);
    return out;
  }
}
