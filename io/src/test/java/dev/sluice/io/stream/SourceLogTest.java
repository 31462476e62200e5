package dev.sluice.io.stream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.checkpoint.CheckpointFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SourceLogTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  /**
   * A checkpoint at batch {@code batch}, open or after its end, with source state {@code files}.
   */
  private static BatchCheckpoint at(long batch, boolean open, String files) {
    BatchProgress p = new BatchProgress();
    p.nextBatch = open ? batch : batch + 1;
    p.batchOpen = open;
    p.endOffset = files;
    return new BatchCheckpoint(p, new ArrayList<>(List.of(files.split(","))));
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  @Test
  public void aFirstRunStartsFromTheBeginning() throws Exception {
    assertThat(SourceLog.at(tmp.getRoot() + "/s", -1).resumePoint(), nullValue());
  }

  @Test
  public void aPlannedBatchAfterTheLastCommitRunsAgainAsPlanned() throws Exception {
    String dir = tmp.getRoot() + "/s";
    SourceLog run1 = SourceLog.at(dir, -1);
    run1.planned(0, at(0, true, "a"));
    run1.ended(0, at(0, false, "a"));
    run1.planned(1, at(1, true, "a,b"));
    run1.ended(1, at(1, false, "a,b"));
    run1.ended(2, at(2, false, "a,b")); // a no-data batch
    // the query committed batch 0 only: batch 1 runs again reading exactly what it planned
    BatchCheckpoint from = SourceLog.at(dir, 0).resumePoint();
    assertThat(from.nextBatch(), equalTo(1L));
    assertThat(from.batchOpen(), equalTo(true));
    assertThat(from.sourceState(), equalTo(new ArrayList<>(List.of("a", "b"))));
    // what came after it is forgotten: it will be redone
    assertThat(names(Path.of(dir, "ends")), equalTo(List.of("0")));
    assertThat(names(Path.of(dir, "planned")), equalTo(List.of("0", "1")));
  }

  @Test
  public void withoutAPlannedBatchItContinuesAfterTheLastCommittedOne() throws Exception {
    String dir = tmp.getRoot() + "/s";
    SourceLog run1 = SourceLog.at(dir, -1);
    run1.planned(0, at(0, true, "a"));
    run1.ended(0, at(0, false, "a"));
    run1.ended(1, at(1, false, "a")); // a no-data batch, not committed
    BatchCheckpoint from = SourceLog.at(dir, 0).resumePoint();
    assertThat(from.nextBatch(), equalTo(1L));
    assertThat(from.batchOpen(), equalTo(false));
    assertThat(names(Path.of(dir, "ends")), equalTo(List.of("0")));
  }

  @Test
  public void aRedoneBatchReplacesTheEntryOfTheKilledRun() throws Exception {
    String dir = tmp.getRoot() + "/s";
    SourceLog log = SourceLog.at(dir, -1);
    log.ended(3, at(3, false, "a"));
    log.ended(3, at(3, false, "a,b"));
    assertThat(
        SourceLog.at(dir, 3).resumePoint().sourceState(),
        equalTo(new ArrayList<>(List.of("a", "b"))));
  }

  @Test
  public void entriesAreVersionedAndACorruptOneIsNamed() throws Exception {
    String dir = tmp.getRoot() + "/s";
    SourceLog.at(dir, -1).ended(0, at(0, false, "a"));
    Path entry = Path.of(dir, "ends", "0");
    List<String> lines = Files.readAllLines(entry);
    assertThat(lines.get(0), equalTo("v1"));
    assertThat(lines.get(1), equalTo("{\"batch\":1,\"open\":false,\"offset\":\"a\"}"));
    Files.writeString(entry, "v1\n{}\nnot base64!\n");
    CheckpointFileException e =
        assertThrows(CheckpointFileException.class, () -> SourceLog.at(dir, 0).resumePoint());
    assertThat(e.getMessage(), containsString(entry.toString()));
  }
}
