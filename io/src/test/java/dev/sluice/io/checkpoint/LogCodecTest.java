package dev.sluice.io.checkpoint;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link LogCodec}. */
@RunWith(JUnit4.class)
public class LogCodecTest {
  /** A record written and read by the JSON codec. */
  public record Commit(long nextBatchWatermarkMs) {}

  @Test
  public void linesRoundTripAndRefuseLineBreaks() throws Exception {
    LogCodec<List<String>> codec = LogCodec.lines();
    assertThat(codec.version(), is(1));
    assertThat(codec.decode(1, codec.encode(List.of("a", "b"))), is(List.of("a", "b")));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> codec.encode(List.of("a\r")));
    assertThat(e.getMessage(), containsString("must not contain a line break"));
  }

  @Test
  public void jsonRoundTripsRecordsAndMaps() throws Exception {
    LogCodec<Commit> codec = LogCodec.json(Commit.class);
    assertThat(codec.encode(new Commit(7)), is(List.of("{\"nextBatchWatermarkMs\":7}")));
    assertThat(codec.decode(1, List.of("{\"nextBatchWatermarkMs\":7}")), is(new Commit(7)));
    LogCodec<Map> maps = LogCodec.json(Map.class);
    assertThat(maps.decode(1, maps.encode(Map.of("k", "v"))), is(Map.of("k", "v")));
  }

  @Test
  public void jsonRefusesAnythingButOneLine() {
    LogCodec<Commit> codec = LogCodec.json(Commit.class);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> codec.decode(1, List.of("{}", "{}")));
    assertThat(e.getMessage(), containsString("expected one JSON line"));
  }
}
