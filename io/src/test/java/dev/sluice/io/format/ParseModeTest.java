package dev.sluice.io.format;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link ParseMode}. */
@RunWith(JUnit4.class)
public class ParseModeTest {
  @Test
  public void modesParseIgnoringCase() {
    assertThat(ParseMode.fromString("permissive"), is(ParseMode.PERMISSIVE));
    assertThat(ParseMode.fromString("DropMalformed"), is(ParseMode.DROPMALFORMED));
    assertThat(ParseMode.fromString(" FAILFAST "), is(ParseMode.FAILFAST));
  }

  @Test
  public void anUnknownModeIsAnErrorListingTheValidOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ParseMode.fromString("FAIL_FAST"));
    assertThat(e.getMessage(), containsString("Unknown parse mode 'FAIL_FAST'"));
    assertThat(e.getMessage(), containsString("PERMISSIVE"));
    assertThat(e.getMessage(), containsString("DROPMALFORMED"));
    assertThrows(IllegalArgumentException.class, () -> ParseMode.fromString(null));
  }
}
