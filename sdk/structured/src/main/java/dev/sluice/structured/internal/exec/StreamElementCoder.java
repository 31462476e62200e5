package dev.sluice.structured.internal.exec;

import dev.sluice.io.stream.BatchEnd;
import dev.sluice.structured.internal.state.OperatorSummary;
import dev.sluice.structured.internal.watermark.EventTimeStats;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.beam.sdk.coders.BigEndianLongCoder;
import org.apache.beam.sdk.coders.ByteCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.schemas.Schema;

/**
 * The coder of {@link StreamElement}s whose rows have schema {@code rowSchema} and whose
 * accumulators (PARTIAL elements) have schema {@code accumulatorSchema}.
 *
 * <pre>{@code
 * pcollection.setCoder(StreamElementCoder.of(schema));
 * }</pre>
 */
public final class StreamElementCoder extends CustomCoder<StreamElement> {
  private static final Coder<BatchEnd> END = SerializableCoder.of(BatchEnd.class);
  private static final Coder<OperatorSummary> SUMMARY = SerializableCoder.of(OperatorSummary.class);
  private static final StreamElement.Kind[] KINDS = StreamElement.Kind.values();

  private final RowCoder rows;
  @Nullable private final RowCoder accumulators;

  private StreamElementCoder(Schema rowSchema, @Nullable Schema accumulatorSchema) {
    this.rows = RowCoder.of(rowSchema);
    this.accumulators = accumulatorSchema == null ? null : RowCoder.of(accumulatorSchema);
  }

  /** A coder for streams of rows of {@code rowSchema}. */
  public static StreamElementCoder of(Schema rowSchema) {
    return new StreamElementCoder(rowSchema, null);
  }

  /** A coder for streams of partial aggregates keyed by {@code keySchema}. */
  public static StreamElementCoder of(Schema keySchema, Schema accumulatorSchema) {
    return new StreamElementCoder(keySchema, accumulatorSchema);
  }

  @Override
  @SuppressWarnings("EnumOrdinal") // the kind's ordinal is the wire tag
  public void encode(StreamElement e, OutputStream out) throws IOException {
    ByteCoder.of().encode((byte) e.kind().ordinal(), out);
    VarLongCoder.of().encode(e.batch(), out);
    switch (e.kind()) {
      case ROW:
        rows.encode(e.row(), out);
        break;
      case END:
        StringUtf8Coder.of().encode(e.name(), out);
        END.encode(e.end(), out);
        break;
      case EVENT_TIME:
        StringUtf8Coder.of().encode(e.name(), out);
        EventTimeStats s = e.eventTimes();
        BigEndianLongCoder.of().encode(s.min(), out);
        BigEndianLongCoder.of().encode(s.max(), out);
        BigEndianLongCoder.of().encode(s.sum(), out);
        VarLongCoder.of().encode(s.count(), out);
        break;
      case PARTIAL:
        rows.encode(e.row(), out);
        accumulatorCoder().encode(e.accumulator(), out);
        VarLongCoder.of().encode(e.count(), out);
        break;
      case SUMMARY:
        SUMMARY.encode(e.summary(), out);
        break;
      default:
        throw new CoderException("Unknown element kind " + e.kind());
    }
  }

  @Override
  public StreamElement decode(InputStream in) throws IOException {
    int tag = ByteCoder.of().decode(in);
    if (tag < 0 || tag >= KINDS.length) {
      throw new CoderException("Unknown element kind " + tag + " (corrupt input?)");
    }
    StreamElement.Kind kind = KINDS[tag];
    long batch = VarLongCoder.of().decode(in);
    switch (kind) {
      case ROW:
        return StreamElement.row(batch, rows.decode(in));
      case END:
        String source = StringUtf8Coder.of().decode(in);
        return StreamElement.end(source, END.decode(in));
      case EVENT_TIME:
        String id = StringUtf8Coder.of().decode(in);
        long min = BigEndianLongCoder.of().decode(in);
        long max = BigEndianLongCoder.of().decode(in);
        long sum = BigEndianLongCoder.of().decode(in);
        long count = VarLongCoder.of().decode(in);
        return StreamElement.eventTime(batch, id, new EventTimeStats(min, max, sum, count));
      case PARTIAL:
        return StreamElement.partial(
            batch, rows.decode(in), accumulatorCoder().decode(in), VarLongCoder.of().decode(in));
      default:
        return StreamElement.summary(batch, SUMMARY.decode(in));
    }
  }

  private RowCoder accumulatorCoder() throws CoderException {
    if (accumulators == null) {
      throw new CoderException("This stream has no partial aggregates");
    }
    return accumulators;
  }

  @Override
  public List<? extends Coder<?>> getCoderArguments() {
    return accumulators == null ? Arrays.asList(rows) : Arrays.asList(rows, accumulators);
  }

  @Override
  public void verifyDeterministic() throws NonDeterministicException {
    throw new NonDeterministicException(this, "end markers are Java-serialized");
  }
}
