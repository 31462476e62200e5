package dev.sluice.io.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.coders.ByteCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StructuredCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * The coder of {@link Batched}: a tag byte, the batch number, then the record (with the record
 * coder) or the end marker.
 *
 * <pre>{@code
 * PCollection<Batched<Row>> out = ...;
 * out.setCoder(BatchedCoder.of(RowCoder.of(schema)));
 * }</pre>
 *
 * @param <T> the record type
 */
public final class BatchedCoder<T> extends StructuredCoder<Batched<T>> {
  private static final byte RECORD = 0;
  private static final byte END = 1;
  private static final Coder<BatchEnd> END_CODER = SerializableCoder.of(BatchEnd.class);

  private final Coder<T> recordCoder;

  private BatchedCoder(Coder<T> recordCoder) {
    this.recordCoder = recordCoder;
  }

  public static <T> BatchedCoder<T> of(Coder<T> recordCoder) {
    return new BatchedCoder<>(recordCoder);
  }

  public Coder<T> recordCoder() {
    return recordCoder;
  }

  @Override
  public void encode(Batched<T> value, OutputStream out) throws IOException {
    if (value.isRecord()) {
      ByteCoder.of().encode(RECORD, out);
      VarLongCoder.of().encode(value.batch(), out);
      recordCoder.encode(value.record(), out);
    } else {
      ByteCoder.of().encode(END, out);
      VarLongCoder.of().encode(value.batch(), out);
      END_CODER.encode(value.end(), out);
    }
  }

  @Override
  public Batched<T> decode(InputStream in) throws IOException {
    byte tag = ByteCoder.of().decode(in);
    long batch = VarLongCoder.of().decode(in);
    switch (tag) {
      case RECORD:
        return Batched.record(batch, recordCoder.decode(in));
      case END:
        return Batched.end(END_CODER.decode(in));
      default:
        throw new CoderException("Unknown Batched tag " + tag + " (corrupt input?)");
    }
  }

  @Override
  public List<? extends Coder<?>> getCoderArguments() {
    return Collections.singletonList(recordCoder);
  }

  @Override
  public void verifyDeterministic() throws NonDeterministicException {
    throw new NonDeterministicException(this, "BatchEnd is Java-serialized");
  }
}
