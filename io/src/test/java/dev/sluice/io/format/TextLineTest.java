package dev.sluice.io.format;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.testing.CoderProperties;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link TextLine}. */
@RunWith(JUnit4.class)
public class TextLineTest {
  @Test
  public void locationIsFileColonLine() {
    assertThat(TextLine.of("in/a.json", 3, "{}").location(), is("in/a.json:3"));
  }

  @Test
  public void lineNumbersCountFromOne() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TextLine.of("a.csv", 0, "x"));
    assertThat(e.getMessage(), containsString("Line numbers count from 1"));
  }

  @Test
  public void theDefaultCoderRoundTripsAndIsDeterministic() throws Exception {
    assertThat(
        CoderRegistry.createDefault().getCoder(TextLine.class),
        instanceOf(TextLine.TextLineCoder.class));
    TextLine line = TextLine.of("f", 1234567890123L, "text, with \"quotes\" and ünïcödé");
    CoderProperties.coderDecodeEncodeEqual(TextLine.TextLineCoder.of(), line);
    CoderProperties.coderDeterministic(TextLine.TextLineCoder.of(), line, line);
    CoderProperties.coderSerializable(TextLine.TextLineCoder.of());
  }
}
