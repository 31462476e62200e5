package dev.sluice.io.stream;

import com.google.auto.value.AutoValue;
import java.io.Serializable;
import javax.annotation.Nullable;

/**
 * The marker a source emits after the last record of one of its batches: what the batch read, for
 * Spark-style progress reports, and whether it read anything at all.
 *
 * <pre>{@code
 * BatchEnd.builder().setBatch(0).setHasData(true).setNumInputRows(4)
 *     .setDescription("FileStreamSource[file:/data/in]")
 *     .setStartOffset(null).setEndOffset("{\"logOffset\":0}")
 *     .setTriggerTimeMillis(System.currentTimeMillis()).build();
 * }</pre>
 */
@AutoValue
public abstract class BatchEnd implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The source's batch number, counting from 0; the marker is timestamped with it. */
  public abstract long batch();

  /**
   * False for a no-data marker: the trigger fired and found nothing new. A facade decides whether
   * such a batch runs (Spark runs one when the watermark moved and a stateful operator needs it).
   */
  public abstract boolean hasData();

  /** Records the batch emitted (after dropping malformed ones). */
  public abstract long numInputRows();

  /** Records dropped as malformed in this batch ({@code mode=DROPMALFORMED}). */
  public abstract long numDroppedMalformed();

  /** The source as Spark's progress names it, e.g. {@code FileStreamSource[file:/data/in]}. */
  public abstract String description();

  /** JSON offset before the batch (Spark's {@code startOffset}); null for the first batch. */
  @Nullable
  public abstract String startOffset();

  /** JSON offset after the batch (Spark's {@code endOffset}). */
  @Nullable
  public abstract String endOffset();

  /** Processing time (epoch millis) at which the source closed the batch. */
  public abstract long triggerTimeMillis();

  // Declared so Beam's SerializableCoder sees value equality (AutoValue implements them).
  @Override
  public abstract boolean equals(Object o);

  @Override
  public abstract int hashCode();

  /** A builder; {@code numDroppedMalformed} defaults to 0. */
  public static Builder builder() {
    return new AutoValue_BatchEnd.Builder().setNumDroppedMalformed(0);
  }

  /** Builder of {@link BatchEnd}. */
  @AutoValue.Builder
  public abstract static class Builder {
    public abstract Builder setBatch(long batch);

    public abstract Builder setHasData(boolean hasData);

    public abstract Builder setNumInputRows(long numInputRows);

    public abstract Builder setNumDroppedMalformed(long numDroppedMalformed);

    public abstract Builder setDescription(String description);

    public abstract Builder setStartOffset(@Nullable String startOffset);

    public abstract Builder setEndOffset(@Nullable String endOffset);

    public abstract Builder setTriggerTimeMillis(long triggerTimeMillis);

    public abstract BatchEnd build();
  }
}
