package dev.sluice.examples.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.sameInstance;
import static org.junit.Assert.assertThrows;

import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** {@link Examples}: fresh instances each load, named by their {@code @Command}. */
@RunWith(JUnit4.class)
public class ExamplesTest {
  static final class Nameless extends ExampleCommand {
    @Override
    protected int run() {
      return 0;
    }
  }

  @Test
  public void eachLoadGivesNewInstances() {
    List<ExampleCommand> first = Examples.load();
    List<ExampleCommand> second = Examples.load();
    assertThat(first.size(), equalTo(second.size()));
    assertThat(first.get(0), not(sameInstance(second.get(0))));
    assertThat(Examples.name(first.get(0)), equalTo(Examples.name(second.get(0))));
  }

  @Test
  public void aCommandWithoutANameIsRejectedWithTheFix() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Examples.name(new Nameless()));
    assertThat(e.getMessage(), containsString("@Command(name = \"the-example\""));
  }
}
