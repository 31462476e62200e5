package dev.sluice.examples.structured;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The {@code Batch: N} tables a console sink printed, parsed for tests: for each batch, its rows as
 * the cells of each line joined by {@code |} and trimmed ({@code "1|Event_1|100.0"}).
 *
 * <pre>{@code
 * Map<Integer, List<String>> batches = ConsoleTables.rows(run.out);
 * assertThat(batches.get(0), equalTo(List.of("close|1", "open|3")));
 * }</pre>
 */
final class ConsoleTables {
  private ConsoleTables() {}

  /** The rows of each batch, in the order printed. */
  static SortedMap<Integer, List<String>> rows(String out) {
    TreeMap<Integer, List<String>> batches = new TreeMap<>();
    List<String> current = null;
    int rules = 0;
    for (String line : out.lines().collect(Collectors.toList())) {
      if (line.startsWith("Batch: ")) {
        current = new ArrayList<>();
        batches.put(Integer.parseInt(line.substring(7).trim()), current);
        rules = 0;
      } else if (current != null && line.startsWith("+")) {
        rules++;
      } else if (current != null && rules == 2 && line.startsWith("|")) {
        String[] cells = line.substring(1, line.length() - 1).split("\\|", -1);
        List<String> trimmed = new ArrayList<>();
        for (String cell : cells) {
          trimmed.add(cell.trim());
        }
        current.add(String.join("|", trimmed));
      }
    }
    return batches;
  }

  /** The rows of each batch, sorted (for sinks whose order within a batch is not defined). */
  static SortedMap<Integer, List<String>> sortedRows(String out) {
    SortedMap<Integer, List<String>> batches = rows(out);
    batches.values().forEach(rows -> rows.sort(null));
    return batches;
  }
}
