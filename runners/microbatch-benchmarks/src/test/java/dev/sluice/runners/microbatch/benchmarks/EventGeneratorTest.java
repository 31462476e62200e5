package dev.sluice.runners.microbatch.benchmarks;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.ObjectReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class EventGeneratorTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void linesParseWithJacksonAndFollowTheSchedule() {
    ObjectReader reader = Event.reader();
    SplittableRandom random = new SplittableRandom(1);
    Set<String> actions = new HashSet<>();
    for (long i = 0; i < 50_000; i++) {
      StringBuilder line = new StringBuilder();
      EventGenerator.appendLine(line, i, random);
      Event e = Event.parse(reader, line.toString());
      long scheduled = EventGenerator.START_MILLIS + i * EventGenerator.SPACING_MILLIS;
      long ts = Event.timestampMillis(e.ts);
      assertThat(Math.abs(ts - scheduled), lessThanOrEqualTo(EventGenerator.DISORDER_MILLIS + 999));
      assertEquals(0, ts % 1000);
      int user = Integer.parseInt(e.user.substring(1));
      long hour = (scheduled - EventGenerator.START_MILLIS) / 3_600_000L;
      assertEquals("cohort of event " + i, hour % 10, user / 100);
      assertEquals(0.0, e.value * 4 % 1, 0.0);
      assertTrue(e.value >= 0 && e.value < 100);
      actions.add(e.action);
    }
    assertEquals(Set.copyOf(EventGenerator.ACTIONS), actions);
  }

  @Test
  public void timestampsParseLikeJavaTime() {
    assertEquals(1705312953000L, Event.timestampMillis("2024-01-15T10:02:33"));
    assertEquals(1705312920000L, Event.timestampMillis("2024-01-15T10:02"));
    assertEquals(0L, Event.timestampMillis("1970-01-01T00:00:00"));
  }

  @Test
  public void filesAreDeterministicAndComplete() throws Exception {
    Path a = new EventGenerator(1_001, 7, 5L).ensure(tmp.newFolder("a").toPath());
    Path b = new EventGenerator(1_001, 7, 5L).ensure(tmp.newFolder("b").toPath());
    List<Path> filesA = jsonl(a);
    List<Path> filesB = jsonl(b);
    assertEquals(7, filesA.size());
    long lines = 0;
    for (int i = 0; i < filesA.size(); i++) {
      assertEquals(filesA.get(i).getFileName(), filesB.get(i).getFileName());
      assertArrayEquals(Files.readAllBytes(filesA.get(i)), Files.readAllBytes(filesB.get(i)));
      lines += Files.readAllLines(filesA.get(i), StandardCharsets.UTF_8).size();
    }
    assertEquals(1_001, lines);
    Path c = new EventGenerator(1_001, 7, 6L).ensure(tmp.newFolder("c").toPath());
    assertThat(
        "another seed gives other data",
        Files.mismatch(filesA.get(0), jsonl(c).get(0)),
        greaterThan(-1L));
    assertThat(EventGenerator.glob(a), org.hamcrest.Matchers.endsWith("events-*.jsonl"));
    try (Stream<Path> files = Files.list(a)) {
      assertThat(
          files.map(p -> p.getFileName().toString()).collect(Collectors.toList()),
          hasItem("_COMPLETE"));
    }
  }

  private static List<Path> jsonl(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return new ArrayList<>(
          s.filter(p -> p.toString().endsWith(".jsonl")).sorted().collect(Collectors.toList()));
    }
  }
}
