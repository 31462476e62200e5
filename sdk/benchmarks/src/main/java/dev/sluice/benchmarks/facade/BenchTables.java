package dev.sluice.benchmarks.facade;

import dev.sluice.benchmarks.shared.BenchQuery;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@link FacadeBench}'s Markdown tables: throughput of F1–F4 (medians of the query's wall time,
 * input events per second of it, the CPU time the JVM used meanwhile, the JVM's wall time from
 * start to exit; peak heap; and the ratios the targets are stated in — throughput over
 * Spark's and over the hand-written Beam pipeline's — by wall time and by CPU time), F5's
 * latencies, and the result digests. Runs that failed or timed out show why instead of figures.
 *
 * <pre>{@code
 * System.out.println(BenchTables.throughput(rows));
 * }</pre>
 */
final class BenchTables {
  private BenchTables() {}

  static String throughput(List<FacadeBench.Row> rows) {
    StringBuilder t = new StringBuilder();
    t.append(
        "| events | query | engine | query s | rows/s | CPU s | JVM s | peak heap MB | × Spark"
            + " | × Spark (CPU) | of Beam | of Beam (CPU) |\n");
    t.append("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (FacadeBench.Row r : rows) {
      if (r.query() == BenchQuery.F5) {
        continue;
      }
      if (r.results().isEmpty()) {
        t.append(
            String.format(
                Locale.ROOT,
                "| %,d | %s | %s | %s | – | – | – | – | – | – | – | – |%n",
                r.events(),
                r.query(),
                r.engine().label(),
                r.failure()));
        continue;
      }
      double s = median(r, "seconds");
      double cpu = median(r, "cpuSeconds");
      Optional<FacadeBench.Row> spark = find(rows, r, Engine.SPARK);
      Optional<FacadeBench.Row> beam = find(rows, r, Engine.BEAM);
      t.append(
          String.format(
              Locale.ROOT,
              "| %,d | %s | %s | %.2f | %,.0f | %.2f | %.2f | %d | %s | %s | %s | %s |%n",
              r.events(),
              r.query(),
              r.engine().label(),
              s,
              r.events() / s,
              cpu,
              medianOf(r.wallSeconds()),
              Collections.max(r.peakHeapMb()),
              spark.map(x -> ratio(median(x, "seconds") / s)).orElse("–"),
              spark.map(x -> ratio(median(x, "cpuSeconds") / cpu)).orElse("–"),
              beam.map(x -> percent(median(x, "seconds") / s)).orElse("–"),
              beam.map(x -> percent(median(x, "cpuSeconds") / cpu)).orElse("–")));
    }
    return t.toString();
  }

  private static String ratio(double r) {
    return String.format(Locale.ROOT, "%.2f", r);
  }

  private static String percent(double r) {
    return String.format(Locale.ROOT, "%.0f%%", 100 * r);
  }

  static String latency(List<FacadeBench.Row> rows) {
    StringBuilder t = new StringBuilder();
    t.append("| F5 engine | rows measured | p50 ms | p99 ms | max ms | peak heap MB |\n");
    t.append("|---|---:|---:|---:|---:|---:|\n");
    boolean any = false;
    for (FacadeBench.Row r : rows) {
      if (r.query() != BenchQuery.F5) {
        continue;
      }
      any = true;
      if (r.results().isEmpty()) {
        t.append(
            String.format(
                Locale.ROOT, "| %s | %s | – | – | – | – |%n", r.engine().label(), r.failure()));
        continue;
      }
      t.append(
          String.format(
              Locale.ROOT,
              "| %s | %,.0f | %.2f | %.2f | %.2f | %d |%n",
              r.engine().label(),
              median(r, "measuredRows"),
              median(r, "p50Ms"),
              median(r, "p99Ms"),
              median(r, "maxMs"),
              Collections.max(r.peakHeapMb())));
    }
    return any ? t.toString() : "";
  }

  static String digests(List<FacadeBench.Row> rows) {
    StringBuilder t = new StringBuilder();
    t.append("| events | query | engine | result rows:digest | equal across engines |\n");
    t.append("|---:|---|---|---|---|\n");
    for (FacadeBench.Row r : rows) {
      t.append(
          String.format(
              Locale.ROOT,
              "| %,d | %s | %s | %s | %s |%n",
              r.events(),
              r.query(),
              r.engine().label(),
              r.digest() == null ? r.failure() : r.digest(),
              r.digest() == null ? "–" : r.agreed() ? "yes" : "NO"));
    }
    return t.toString();
  }

  private static Optional<FacadeBench.Row> find(
      List<FacadeBench.Row> rows, FacadeBench.Row like, Engine engine) {
    return rows.stream()
        .filter(
            x -> x.query() == like.query() && x.events() == like.events() && x.engine() == engine)
        .findFirst();
  }

  static double median(FacadeBench.Row r, String field) {
    List<Double> values = new ArrayList<>();
    r.results().forEach(m -> values.add(Double.parseDouble(m.get(field))));
    return medianOf(values);
  }

  static double medianOf(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
