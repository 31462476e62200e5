package dev.sluice.examples.structured;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.sluice.examples.Run;
import java.io.File;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** {@code kafka}: with no cluster given, a local broker, the sample events, the counts topic. */
@RunWith(JUnit4.class)
public class KafkaCountsTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void countsTheSampleEventsThroughALocalBroker() throws Exception {
    File checkpoint = tmp.newFolder("checkpoint");
    Run run = Run.of("kafka", "--checkpoint-location", checkpoint.toString());
    assertThat(run.toString(), run.code, equalTo(0));
    assertThat(run.err, containsString("wrote 10 events to events"));
    // one batch of all ten events: the mobile seed's final counts, as text lines in the topic
    assertThat(run.out, containsString("action-counts (5 records):\n"));
    for (String line :
        new String[] {
          "2018-03-02 10:00:00 close 3",
          "2018-03-02 10:00:00 open 4",
          "2018-03-02 10:10:00 open 1",
          "2018-03-02 11:00:00 crash 1",
          "2018-03-02 11:10:00 swipe 1"
        }) {
      assertThat(run.out, containsString(line + "\n"));
    }
  }
}
