package dev.sluice.dstream.internal;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.values.KV;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Checkpoint files: round trip, the newest three kept, an unreadable newest file skipped. */
public class CheckpointStoreTest {
  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  @Test
  public void roundTripKeepsTheNewestThree() throws Exception {
    Path dir = temp.newFolder().toPath();
    assertThat(CheckpointStore.latest(dir), nullValue());
    List<String> graph = List.of("updateStateByKey#1 step 1000 ms", "textFileStream#2 /in");
    for (long time = 1000; time <= 5000; time += 1000) {
      CheckpointStore.write(
          dir,
          time,
          graph,
          Map.of(
              "updateStateByKey#1", List.of(KV.of("a", time)), "textFileStream#2", List.of("f")));
    }
    assertThat(names(dir), contains("checkpoint-3000", "checkpoint-4000", "checkpoint-5000"));
    CheckpointStore.Checkpoint last = CheckpointStore.latest(dir);
    assertThat(last.time(), is(5000L));
    assertThat(last.graph(), equalTo(graph));
    assertThat(last.records("updateStateByKey#1"), equalTo(List.of(KV.of("a", 5000L))));
    assertThat(last.records("textFileStream#2"), equalTo(List.of("f")));
    assertThat(last.records("mapWithState#3"), equalTo(List.of()));
  }

  @Test
  public void unreadableNewestFileIsSkippedAndClearRemovesAll() throws Exception {
    Path dir = temp.newFolder().toPath();
    CheckpointStore.write(dir, 1000, List.of("g"), Map.of());
    Files.write(dir.resolve("checkpoint-2000"), new byte[] {7, 7, 7});
    Files.write(dir.resolve("notes.txt"), new byte[] {1});
    assertThat(CheckpointStore.latest(dir).time(), is(1000L));
    CheckpointStore.clear(dir);
    assertThat(names(dir), contains("notes.txt"));
  }
}
