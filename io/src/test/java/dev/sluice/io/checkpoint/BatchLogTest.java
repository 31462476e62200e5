package dev.sluice.io.checkpoint;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

/**
 * Tests for {@link BatchLog}, on local files through NIO and through Beam's FileSystems (the path
 * {@code gs://} checkpoints take).
 */
@RunWith(Parameterized.class)
public class BatchLogTest {
  @Parameters(name = "{0}")
  public static Iterable<Object[]> kinds() {
    return Arrays.asList(new Object[][] {{"local"}, {"beam"}});
  }

  @Parameter public String kind;

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private Path dir() {
    return tmp.getRoot().toPath().resolve("offsets");
  }

  private CheckpointFiles files() {
    String location = dir().toString();
    return kind.equals("local")
        ? CheckpointFiles.of(location)
        : CheckpointFiles.viaBeamFileSystems(location);
  }

  private <T> BatchLog<T> open(LogCodec<T> codec) throws Exception {
    return BatchLog.open(files(), codec);
  }

  private List<String> names() throws Exception {
    try (Stream<Path> s = Files.list(dir())) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  @Test
  public void addWritesVersionLineThenValueAndKeepsTheFirstEntry() throws Exception {
    BatchLog<List<String>> log = open(LogCodec.lines());
    assertThat(log.add(0, List.of("{\"a\":1}", "{\"b\":2}")), is(true));
    assertThat(log.add(0, List.of("other")), is(false));
    assertThat(
        Files.readString(dir().resolve("0"), StandardCharsets.UTF_8),
        is("v1\n{\"a\":1}\n{\"b\":2}"));
    assertThat(log.get(0), is(Optional.of(List.of("{\"a\":1}", "{\"b\":2}"))));
    assertThat(log.get(1), is(Optional.empty()));
    assertThat(names(), contains("0")); // no temporary file left
  }

  @Test
  public void putReplacesAnEntryAndDeleteAfterDropsLaterOnes() throws Exception {
    BatchLog<List<String>> log = open(LogCodec.lines());
    log.put(0, List.of("first"));
    log.put(0, List.of("second"));
    assertThat(log.get(0), is(Optional.of(List.of("second"))));
    log.put(1, List.of("one"));
    log.put(2, List.of("two"));
    assertThat(log.deleteAfter(0), is(2));
    assertThat(log.batchIds(), contains(0L));
    assertThat(names(), contains("0")); // no temporary file left
  }

  @Test
  public void latestRangeAndPurge() throws Exception {
    BatchLog<List<String>> log = open(LogCodec.lines());
    assertThat(log.latest(), is(Optional.empty()));
    for (long id : new long[] {0, 1, 2, 5, 10, 11}) {
      log.add(id, List.of("batch " + id));
    }
    assertThat(log.batchIds(), contains(0L, 1L, 2L, 5L, 10L, 11L));
    assertThat(log.latest().get(), is(new BatchLog.Entry<>(11, List.of("batch 11"))));
    assertThat(
        log.getRange(2L, 10L).stream().map(BatchLog.Entry::batchId).collect(Collectors.toList()),
        contains(2L, 5L, 10L));
    assertThat(log.getRange(null, 1L).size(), is(2));
    assertThat(log.getRange(6L, null).size(), is(2));
    assertThat(log.purge(4), is(2));
    assertThat(log.batchIds(), contains(2L, 5L, 10L, 11L));
    assertThat(log.purgeBefore(10), is(2));
    assertThat(log.batchIds(), contains(10L, 11L));
    assertThrows(IllegalArgumentException.class, () -> log.purge(0));
  }

  @Test
  public void jsonCodecWritesOneLineAndReadsItBack() throws Exception {
    BatchLog<Map> log = open(LogCodec.json(Map.class));
    log.add(3, Map.of("nextBatchWatermarkMs", 5000));
    assertThat(
        Files.readString(dir().resolve("3"), StandardCharsets.UTF_8),
        is("v1\n{\"nextBatchWatermarkMs\":5000}"));
    assertThat(log.get(3).get().get("nextBatchWatermarkMs"), is(5000));
  }

  @Test
  public void openDeletesTemporaryFilesOfKilledWriters() throws Exception {
    Files.createDirectories(dir());
    Files.writeString(dir().resolve(".4.2b1f0c.tmp"), "v1\nhalf", StandardCharsets.UTF_8);
    Files.writeString(dir().resolve("3"), "v1\ndone", StandardCharsets.UTF_8);
    BatchLog<List<String>> log = open(LogCodec.lines());
    assertThat(names(), contains("3"));
    assertThat(log.latest().get().batchId(), is(3L));
  }

  @Test
  public void newerVersionIsRefusedNamingTheFileAndTheFix() throws Exception {
    Files.createDirectories(dir());
    Files.writeString(dir().resolve("7"), "v3\n{}", StandardCharsets.UTF_8);
    BatchLog<List<String>> log = open(LogCodec.lines());
    CheckpointFileException e = assertThrows(CheckpointFileException.class, () -> log.get(7));
    assertThat(e.getMessage(), containsString(dir().resolve("7").toString()));
    assertThat(
        e.getMessage(),
        containsString(
            "written by a newer Sluice (v3); this build reads up to v1: upgrade Sluice or start a"
                + " new checkpoint location"));
  }

  @Test
  public void corruptFilesAreRefusedNamingTheFile() throws Exception {
    Files.createDirectories(dir());
    Files.writeString(dir().resolve("1"), "", StandardCharsets.UTF_8);
    Files.writeString(dir().resolve("2"), "{\"no\":\"version\"}", StandardCharsets.UTF_8);
    Files.writeString(dir().resolve("3"), "v1\n{not json", StandardCharsets.UTF_8);
    BatchLog<List<String>> lines = open(LogCodec.lines());
    BatchLog<Map> json = open(LogCodec.json(Map.class));
    CheckpointFileException empty = assertThrows(CheckpointFileException.class, () -> lines.get(1));
    assertThat(empty.getMessage(), containsString("1 is corrupt: it is empty"));
    CheckpointFileException noVersion =
        assertThrows(CheckpointFileException.class, () -> lines.get(2));
    assertThat(noVersion.getMessage(), containsString("first line should be a version"));
    assertThat(noVersion.file(), is(files().describe("2")));
    CheckpointFileException badJson =
        assertThrows(CheckpointFileException.class, () -> json.get(3));
    assertThat(badJson.getMessage(), containsString("content cannot be read"));
    assertThat(badJson.getMessage(), containsString("delete it (its batch then runs again)"));
  }

  @Test
  public void badInputIsRejected() throws Exception {
    BatchLog<List<String>> log = open(LogCodec.lines());
    assertThrows(IllegalArgumentException.class, () -> log.add(-1, List.of()));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> log.add(0, List.of("a\nb")));
    assertThat(e.getMessage(), containsString("line break"));
    assertThat(log.batchIds(), is(empty()));
  }

  @Test
  public void aReadOnlyLogDeletesNothingAndRefusesWrites() throws Exception {
    BatchLog<List<String>> writer = open(LogCodec.lines());
    writer.add(0, List.of("a"));
    Files.writeString(dir().resolve(".1.77aa.tmp"), "v1\nb", StandardCharsets.UTF_8);
    BatchLog<List<String>> reader = BatchLog.openReadOnly(dir().toString(), LogCodec.lines());
    assertThat(reader.get(0), is(Optional.of(List.of("a"))));
    assertThat(names(), contains(".1.77aa.tmp", "0")); // a live writer's file stays
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> reader.add(1, List.of("b")));
    assertThat(e.getMessage(), containsString("opened read-only: add needs open()"));
    assertThrows(IllegalStateException.class, () -> reader.purge(1));
  }

  @Test
  public void emptyValueIsTheVersionLineAlone() throws Exception {
    BatchLog<List<String>> log = open(LogCodec.lines());
    log.add(0, new ArrayList<>());
    assertThat(Files.readString(dir().resolve("0"), StandardCharsets.UTF_8), is("v1"));
    assertThat(log.get(0).get(), is(empty()));
  }
}
