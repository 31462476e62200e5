package dev.sluice.runners.microbatch.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * A Markdown table with padded columns, and the number formats the benchmark tables use.
 *
 * <pre>{@code
 * MarkdownTable t = new MarkdownTable("workload", "runner", "rows/s");
 * t.add("W1", "MicroBatchRunner", MarkdownTable.count(1_512_000));
 * System.out.print(t);
 * }</pre>
 */
public final class MarkdownTable {
  private final List<String[]> rows = new ArrayList<>();
  private final int columns;

  /** A table with these column headers. */
  public MarkdownTable(String... headers) {
    this.columns = headers.length;
    rows.add(headers.clone());
  }

  /** Adds a row; it must have one cell per column. */
  public MarkdownTable add(String... cells) {
    if (cells.length != columns) {
      throw new IllegalArgumentException(
          "Expected " + columns + " cells, got " + cells.length + ": " + String.join("|", cells));
    }
    rows.add(cells.clone());
    return this;
  }

  /** Rows added, headers not counted. */
  public int size() {
    return rows.size() - 1;
  }

  @Override
  public String toString() {
    int[] width = new int[columns];
    for (String[] row : rows) {
      for (int c = 0; c < columns; c++) {
        width[c] = Math.max(width[c], Math.max(3, row[c].length()));
      }
    }
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      line(out, rows.get(r), width);
      if (r == 0) {
        String[] rule = new String[columns];
        for (int c = 0; c < columns; c++) {
          rule[c] = "-".repeat(width[c]);
        }
        line(out, rule, width);
      }
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String[] cells, int[] width) {
    out.append('|');
    for (int c = 0; c < cells.length; c++) {
      out.append(' ').append(cells[c]).append(" ".repeat(width[c] - cells[c].length()));
      out.append(" |");
    }
    out.append('\n');
  }

  /** A whole number with thousands separators, e.g. {@code 1,512,000}. */
  public static String count(double value) {
    return String.format("%,d", Math.round(value));
  }

  /** A number with {@code decimals} decimals, or "—" if it is not finite. */
  public static String fixed(double value, int decimals) {
    return Double.isFinite(value) ? String.format("%." + decimals + "f", value) : "—";
  }

  /** Median of {@code values} (mean of the middle two for an even count); NaN if empty. */
  public static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
