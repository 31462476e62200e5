package dev.sluice.benchmarks.structured;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class BenchEventsTest {
  private static final Pattern EVENT =
      Pattern.compile(
          "\\{\"eid\":(\\d+),\"id\":\"phone(\\d+)\",\"action\":\"(\\w+)\","
              + "\"value\":(\\d+\\.\\d+),\"ts\":\"(\\d{4}-\\d\\d-\\d\\dT[\\d:]{8})\"}");

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void writesTheEventsOfEachFileInItsHourInNameAndModificationOrder() throws Exception {
    Path dir = tmp.getRoot().toPath().resolve("in");
    List<Path> files = BenchEvents.write(dir, 3, 200);

    assertEquals(3, files.size());
    long nextEid = 0;
    int duplicates = 0;
    for (int f = 0; f < files.size(); f++) {
      assertEquals(String.format("part-%02d.json", f), files.get(f).getFileName().toString());
      List<String> lines = Files.readAllLines(files.get(f), StandardCharsets.UTF_8);
      assertEquals(200, lines.size());
      List<String> originals = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = EVENT.matcher(lines.get(i));
        assertTrue(lines.get(i), m.matches());
        long eid = Long.parseLong(m.group(1));
        if (eid < nextEid) {
          // a redelivered event: an exact copy of one of the 64 original lines before it
          int from = Math.max(0, originals.size() - BenchEvents.DUPLICATE_WINDOW);
          assertTrue(
              lines.get(i), originals.subList(from, originals.size()).contains(lines.get(i)));
          duplicates++;
          continue;
        }
        assertEquals("eids number the original events from 0", nextEid++, eid);
        originals.add(lines.get(i));
        assertTrue(Integer.parseInt(m.group(2)) < BenchEvents.PHONES);
        assertTrue(m.group(3), BenchEvents.ACTIONS.contains(m.group(3)));
        double value = Double.parseDouble(m.group(4));
        assertTrue(value >= 0 && value < 100 && value * 4 == Math.floor(value * 4));
        // one line every 36 ms from 10:00 + f hours: line i is in second floor(i * 0.036)
        String expected = String.format("2018-03-02T%02d:00:%02d", 10 + f, i * 36 / 1000);
        assertEquals(expected, m.group(5));
      }
      if (f > 0) {
        assertTrue(
            Files.getLastModifiedTime(files.get(f - 1))
                    .compareTo(Files.getLastModifiedTime(files.get(f)))
                < 0);
      }
    }
    // one line in 20 is a duplicate: 30 expected of 600, far from 0 and from 100
    assertTrue("duplicates: " + duplicates, duplicates > 10 && duplicates < 60);
  }

  @Test
  public void writesTheUsersTableWithAFifthOfThePhonesMissing() throws Exception {
    Path file = BenchEvents.writeUsers(tmp.getRoot().toPath().resolve("t/users.csv"));

    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertEquals(BenchEvents.PHONES * 4 / 5, lines.size());
    assertEquals("phone0,br,0", lines.get(0));
    assertEquals("phone8,fr,1", lines.get(7)); // phone4 is missing
    assertTrue(lines.stream().noneMatch(l -> l.startsWith("phone4,") || l.startsWith("phone9,")));
  }

  @Test
  public void writesTheSameFilesEveryTime() throws Exception {
    Path a = tmp.getRoot().toPath().resolve("a");
    Path b = tmp.getRoot().toPath().resolve("b");
    List<Path> first = BenchEvents.write(a, 2, 50);
    List<Path> second = BenchEvents.write(b, 2, 50);
    for (int f = 0; f < 2; f++) {
      assertEquals(
          Files.readString(first.get(f), StandardCharsets.UTF_8),
          Files.readString(second.get(f), StandardCharsets.UTF_8));
    }
  }

  @Test
  public void copiesTheFirstFileAlone() throws Exception {
    Path dir = tmp.getRoot().toPath().resolve("in");
    BenchEvents.write(dir, 2, 10);
    Path copy = BenchEvents.copyFirst(dir, tmp.getRoot().toPath().resolve("in1"));

    try (Stream<Path> listed = Files.list(copy.getParent())) {
      assertEquals(List.of(copy), listed.toList());
    }
    assertEquals(
        Files.readString(dir.resolve("part-00.json"), StandardCharsets.UTF_8),
        Files.readString(copy, StandardCharsets.UTF_8));
  }

  @Test
  public void rejectsBadSizesAndAMissingInputWithTheFix() {
    Path dir = tmp.getRoot().toPath().resolve("in");
    IllegalArgumentException files =
        assertThrows(IllegalArgumentException.class, () -> BenchEvents.write(dir, 0, 10));
    assertThat(files.getMessage(), containsString("files must be between 1 and 100"));
    IllegalArgumentException events =
        assertThrows(IllegalArgumentException.class, () -> BenchEvents.write(dir, 1, 0));
    assertThat(events.getMessage(), containsString("eventsPerFile must be positive"));
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class, () -> BenchEvents.copyFirst(dir, dir.resolve("x")));
    assertThat(missing.getMessage(), containsString("write the input first"));
  }
}
