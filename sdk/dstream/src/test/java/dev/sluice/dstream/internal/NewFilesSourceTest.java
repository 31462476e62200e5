package dev.sluice.dstream.internal;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import dev.sluice.dstream.Jobs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.UnboundedSource.CheckpointMark;
import org.apache.beam.sdk.io.UnboundedSource.UnboundedReader;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.values.KV;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The reader of {@code textFileStream}: files in the done set and hidden files are skipped, each
 * file is a marker then its lines, all with one stamp, and a reader restored from its Beam
 * checkpoint continues where it stopped.
 */
public class NewFilesSourceTest {
  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private final PipelineOptions options = PipelineOptionsFactory.create();

  private static List<KV<String, String>> drain(UnboundedReader<KV<String, String>> reader, int n)
      throws Exception {
    List<KV<String, String>> records = new ArrayList<>();
    long deadline = System.currentTimeMillis() + Jobs.HANG_GUARD_MILLIS;
    boolean available = reader.start();
    while (records.size() < n) {
      if (available) {
        records.add(reader.getCurrent());
      } else {
        assertThat(
            "records within the hang guard", System.currentTimeMillis() < deadline, is(true));
        Thread.sleep(10);
      }
      if (records.size() < n) {
        available = reader.advance();
      }
    }
    return records;
  }

  @Test
  public void eachNewFileIsAMarkerThenItsLinesWithOneStamp() throws Exception {
    Path dir = temp.newFolder().toPath();
    Files.write(dir.resolve("done.txt"), "old\n".getBytes(StandardCharsets.UTF_8));
    Files.write(dir.resolve(".hidden"), "no\n".getBytes(StandardCharsets.UTF_8));
    Files.write(dir.resolve("a.txt"), "one\ntwo\n".getBytes(StandardCharsets.UTF_8));
    NewFilesSource source = NewFilesSource.watching(dir, List.of("done.txt"));
    assertThat(NewFilesSource.list(dir), contains("a.txt", "done.txt"));

    UnboundedReader<KV<String, String>> reader = source.createReader(options, null);
    List<KV<String, String>> first = drain(reader, 2);
    assertThat(first, contains(KV.of("a.txt", null), KV.of(null, "one")));
    long stamp = reader.getCurrentTimestamp().getMillis();
    assertThat(reader.getWatermark().getMillis() <= stamp, is(true));

    CheckpointMark mark = reader.getCheckpointMark();
    @SuppressWarnings("unchecked")
    UnboundedReader<KV<String, String>> resumed =
        source.createReader(options, (NewFilesSource.Position) mark);
    assertThat(drain(resumed, 1), contains(KV.of(null, "two")));
    assertThat(resumed.getCurrentTimestamp().getMillis(), is(stamp));

    Files.write(dir.resolve("b.txt"), "three".getBytes(StandardCharsets.UTF_8));
    List<KV<String, String>> next = new ArrayList<>();
    long deadline = System.currentTimeMillis() + Jobs.HANG_GUARD_MILLIS;
    while (next.size() < 2) {
      if (resumed.advance()) {
        next.add(resumed.getCurrent());
      } else {
        assertThat("b.txt within the hang guard", System.currentTimeMillis() < deadline, is(true));
        Thread.sleep(10);
      }
    }
    assertThat(next, contains(KV.of("b.txt", null), KV.of(null, "three")));
  }
}
