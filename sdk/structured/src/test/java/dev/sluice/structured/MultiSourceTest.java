package dev.sluice.structured;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.testing.StreamTest.row;

import dev.sluice.io.memory.MemoryStream;
import dev.sluice.io.schema.DdlSchema;
import dev.sluice.structured.testing.StreamTest;
import org.apache.beam.sdk.schemas.Schema;
import org.junit.Test;

/**
 * Queries over several live sources: batches of all sources line up on a shared clock, so an idle
 * source never holds the others back.
 */
public class MultiSourceTest {
  private static final Schema WORDS = DdlSchema.parse("word STRING");

  @Test
  public void aUnionProgressesWhileOneSideIsIdle() {
    StreamingSession session = StreamingSession.builder().getOrCreate();
    session.conf().set("sluice.runner", "MicroBatchRunner");
    MemoryStream left = MemoryStream.of(WORDS);
    MemoryStream right = MemoryStream.of(WORDS);
    DataFrame both = session.readStream().memory(left).union(session.readStream().memory(right));
    StreamTest test =
        StreamTest.of(both.select(col("word")), OutputMode.Append())
            .addData(left, row("a"), row("b"))
            .checkNewAnswer(row("a"), row("b"))
            .addData(left, row("c"))
            .checkNewAnswer(row("c"))
            .addData(right, row("x"))
            .checkNewAnswer(row("x"))
            .addData(left, row("d"))
            .addData(right, row("y"))
            .checkNewAnswer(row("d"), row("y"));
    test.stop();
  }

  @Test
  public void aStreamJoinMatchesRowsArrivingInDifferentBatches() {
    StreamingSession session = StreamingSession.builder().getOrCreate();
    session.conf().set("sluice.runner", "MicroBatchRunner");
    MemoryStream ads = MemoryStream.of(DdlSchema.parse("ad STRING"));
    MemoryStream clicks = MemoryStream.of(DdlSchema.parse("clicked STRING"));
    DataFrame joined =
        session
            .readStream()
            .memory(ads)
            .join(session.readStream().memory(clicks), col("ad").equalTo(col("clicked")));
    StreamTest test =
        StreamTest.of(joined, OutputMode.Append())
            .addData(ads, row("ad1"), row("ad2"))
            .checkNewAnswer()
            .addData(clicks, row("ad2"))
            .checkNewAnswer(row("ad2", "ad2"))
            .addData(ads, row("ad3"))
            .addData(clicks, row("ad3"), row("ad1"))
            .checkNewAnswer(row("ad1", "ad1"), row("ad3", "ad3"));
    test.stop();
  }
}
