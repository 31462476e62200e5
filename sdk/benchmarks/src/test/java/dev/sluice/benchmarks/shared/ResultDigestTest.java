package dev.sluice.benchmarks.shared;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class ResultDigestTest {
  private static String digest(List<String> lines) {
    ResultDigest d = new ResultDigest();
    lines.forEach(d::add);
    return d.toString();
  }

  @Test
  public void isTheSameInAnyOrderAndFromSeveralThreads() {
    List<String> lines = new ArrayList<>();
    IntStream.range(0, 10_000).forEach(i -> lines.add("line " + i));
    String sequential = digest(lines);
    List<String> reversed = new ArrayList<>(lines);
    java.util.Collections.reverse(reversed);
    assertEquals(sequential, digest(reversed));

    ResultDigest parallel = new ResultDigest();
    lines.parallelStream().forEach(parallel::add);
    assertEquals(sequential, parallel.toString());
    assertEquals(10_000, parallel.rows());
  }

  @Test
  public void tellsMultisetsApart() {
    assertNotEquals(digest(List.of("a", "b")), digest(List.of("a", "c")));
    assertNotEquals(digest(List.of("a", "b")), digest(List.of("a", "b", "b")));
    assertNotEquals(digest(List.of("a", "a")), digest(List.of("b", "b")));
    assertEquals(digest(List.of("a", "b", "a")), digest(List.of("a", "a", "b")));
    assertEquals("0:0000000000000000:0000000000000000", digest(List.of()));
  }
}
