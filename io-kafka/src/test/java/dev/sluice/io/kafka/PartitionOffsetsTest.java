package dev.sluice.io.kafka;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link PartitionOffsets}: Spark's offset JSON. */
@RunWith(JUnit4.class)
public class PartitionOffsetsTest {

  @Test
  public void parsesAndFormatsSparksJsonInTopicAndPartitionOrder() {
    Map<TopicPartition, Long> offsets =
        PartitionOffsets.parse("{\"b\":{\"10\":5,\"2\":-1},\"a\":{\"0\":-2}}", "startingOffsets");
    assertThat(offsets.get(new TopicPartition("b", 10)), is(5L));
    assertThat(offsets.get(new TopicPartition("b", 2)), is(PartitionOffsets.LATEST));
    assertThat(offsets.get(new TopicPartition("a", 0)), is(PartitionOffsets.EARLIEST));
    Map<TopicPartition, Long> unordered = new LinkedHashMap<>();
    unordered.put(new TopicPartition("b", 10), 5L);
    unordered.put(new TopicPartition("b", 2), 7L);
    unordered.put(new TopicPartition("a", 0), 1L);
    assertThat(
        PartitionOffsets.format(unordered), is("{\"a\":{\"0\":1},\"b\":{\"2\":7,\"10\":5}}"));
  }

  @Test
  public void parsesAssignLists() {
    assertThat(
        PartitionOffsets.parseAssign("{\"t\":[1,0],\"s\":[3]}"),
        contains(
            new TopicPartition("s", 3), new TopicPartition("t", 0), new TopicPartition("t", 1)));
  }

  @Test
  public void badJsonNamesTheOptionAndShowsTheForm() {
    for (String bad :
        new String[] {"{\"t\":{\"x\":1}}", "[1]", "{\"t\":5}", "{\"t\":{\"0\":1.5}}", "{"}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> PartitionOffsets.parse(bad, "endingOffsets"));
      assertThat(e.getMessage(), containsString("Option endingOffsets is not valid JSON"));
      assertThat(e.getMessage(), containsString("write it as {\"topicA\""));
    }
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> PartitionOffsets.parseAssign("{}"))
            .getMessage(),
        containsString("assign lists no partition"));
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> PartitionOffsets.parseAssign("{\"t\":[\"0\"]}"))
            .getMessage(),
        containsString("Option assign is not valid JSON"));
  }
}
