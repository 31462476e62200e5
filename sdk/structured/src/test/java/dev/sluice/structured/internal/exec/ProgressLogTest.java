package dev.sluice.structured.internal.exec;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import dev.sluice.structured.StreamingQueryProgress;
import dev.sluice.structured.StreamingQueryProgress.SinkProgress;
import dev.sluice.structured.StreamingQueryProgress.SourceProgress;
import dev.sluice.structured.StreamingQueryProgress.StateOperatorProgress;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** {@link ProgressLog}: reports written by batch id come back whole and in order. */
@RunWith(JUnit4.class)
public class ProgressLogTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static StreamingQueryProgress report(long batchId, String endOffset) {
    return new StreamingQueryProgress(
        "3f4a1c2e-0000-0000-0000-000000000001",
        "3f4a1c2e-0000-0000-0000-000000000002",
        batchId % 2 == 0 ? "counts" : null,
        "2018-03-02T10:00:00.000Z",
        batchId,
        12,
        Map.of("addBatch", 3L, "triggerExecution", 12L),
        batchId == 0 ? Map.of() : Map.of("watermark", "2018-03-02T09:50:00.000Z"),
        List.of(new StateOperatorProgress("stateStoreSave", 4, 2, 5, 1, 6, 7, 1024, 0, 8)),
        List.of(
            new SourceProgress("FileStreamSource[file:/in]", null, endOffset, 2, 1.5, 20.0),
            new SourceProgress("MemoryStream[v#1]", "0", "1", 1, 0, 0)),
        new SinkProgress("MemorySink[counts]", 3));
  }

  @Test
  public void reportsRoundTripAsSparksJson() throws IOException {
    for (StreamingQueryProgress p :
        List.of(report(0, "{\"logOffset\":0}"), report(1, "plain text offset"))) {
      assertThat(ProgressLog.parse(p.json()).json(), equalTo(p.json()));
    }
    StreamingQueryProgress back = ProgressLog.parse(report(1, "{\"logOffset\":1}").json());
    assertThat(back.name(), nullValue());
    assertThat(back.sources().get(0).startOffset(), nullValue());
    assertThat(back.sources().get(0).endOffset(), equalTo("{\"logOffset\":1}"));
    assertThat(back.sources().get(1).endOffset(), equalTo("1"));
    assertThat(back.stateOperators().get(0).numRowsUpdated(), equalTo(2L));
    assertThat(back.durationMs().get("addBatch"), equalTo(3L));
    assertThrows(IOException.class, () -> ProgressLog.parse("{\"hello\":1}"));
  }

  @Test
  public void theDriverReadsTheBatchesAfterTheLastItHasAndARerunReplacesItsEntry()
      throws IOException {
    ProgressLog written = ProgressLog.at(tmp.getRoot().toString());
    ProgressLog read = ProgressLog.at(tmp.getRoot().toString());
    assertThat(read.after(-1).isEmpty(), equalTo(true));
    written.write(report(0, "0"));
    written.write(report(1, "1"));
    written.write(report(2, "2"));
    assertThat(ids(read.after(-1)), equalTo(List.of(0L, 1L, 2L)));
    assertThat(ids(read.after(1)), equalTo(List.of(2L)));
    written.write(report(2, "2b")); // batch 2 ran again after a restart
    assertThat(read.after(1).get(0).sources().get(0).endOffset(), equalTo("2b"));
  }

  private static List<Long> ids(List<StreamingQueryProgress> reports) {
    return reports.stream().map(StreamingQueryProgress::batchId).collect(Collectors.toList());
  }
}
