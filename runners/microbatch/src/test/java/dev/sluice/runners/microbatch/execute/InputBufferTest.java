package dev.sluice.runners.microbatch.execute;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.WindowedValues;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link InputBuffer}. */
@RunWith(JUnit4.class)
public class InputBufferTest {

  @Test
  public void keyedBufferPutsEveryValueOfAKeyInOnePartition() {
    InputBuffer buffer = InputBuffer.keyed(2, 3, StringUtf8Coder.of());
    for (int row = 0; row < 2; row++) {
      for (String key : List.of("a", "b", "c", "d", "e")) {
        buffer.writer(row).accept(WindowedValues.valueInGlobalWindow(KV.of(key, row)));
      }
    }
    Map<Object, Integer> partitionOfKey = new HashMap<>();
    int total = 0;
    for (int p = 0; p < 3; p++) {
      int partition = p;
      List<Object> keys = new ArrayList<>();
      buffer.drain(p, (key, value) -> keys.add(key));
      for (Object key : keys) {
        Integer previous = partitionOfKey.put(key, partition);
        if (previous != null) {
          assertThat(previous, is(partition));
        }
      }
      total += keys.size();
    }
    assertThat(total, is(10));
    assertThat(partitionOfKey.keySet(), containsInAnyOrder("a", "b", "c", "d", "e"));
    for (int p = 0; p < 3; p++) {
      assertThat(buffer.hasData(p), is(false));
    }
  }

  @Test
  public void unkeyedBufferKeepsEachProducersElementsInItsOwnPartition() {
    InputBuffer buffer = InputBuffer.unkeyed(2, 2);
    buffer.writer(0).accept(WindowedValues.valueInGlobalWindow("x"));
    buffer.writer(1).accept(WindowedValues.valueInGlobalWindow("y"));
    List<Object> zero = new ArrayList<>();
    List<Object> one = new ArrayList<>();
    buffer.drain(0, (key, value) -> zero.add(value.getValue()));
    buffer.drain(1, (key, value) -> one.add(value.getValue()));
    assertThat(zero, containsInAnyOrder("x"));
    assertThat(one, containsInAnyOrder("y"));
    List<Object> again = new ArrayList<>();
    buffer.drain(0, (key, value) -> again.add(value));
    assertThat(again, is(empty()));
  }

  @Test
  public void nullKeysShareOnePartition() {
    InputBuffer buffer = InputBuffer.keyed(1, 4, null);
    buffer.writer(0).accept(WindowedValues.valueInGlobalWindow(KV.of(null, 1)));
    buffer.writer(0).accept(WindowedValues.valueInGlobalWindow(KV.of(null, 2)));
    int p = InputBuffer.partitionOf(InputBuffer.NULL_KEY, 4);
    List<Object> values = new ArrayList<>();
    buffer.drain(p, (key, value) -> values.add(value.getValue()));
    assertThat(values.size(), is(2));
  }
}
