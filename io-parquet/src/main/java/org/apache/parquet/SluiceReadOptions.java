package org.apache.parquet;

import java.util.Map;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;

/**
 * Sluice's bridge to parquet-java's read options without Hadoop: {@link ParquetReadOptions}'s
 * public builder always creates parquet-hadoop's {@code CodecFactory}, which cannot be loaded
 * without Hadoop's compression classes, so this class (in parquet's package, for its
 * package-private constructor) builds the options with Sluice's own codec factory instead. It is
 * the only class of io-parquet in a parquet package; it must be revisited when the parquet version
 * changes (the compiler checks the constructor).
 *
 * <pre>{@code
 * ParquetReadOptions options = SluiceReadOptions.create(ParquetCodecs.factory());
 * }</pre>
 */
public final class SluiceReadOptions {
  /** Parquet's default for the largest buffer allocated when reading. */
  private static final int MAX_ALLOCATION = 8 * 1024 * 1024;

  private SluiceReadOptions() {}

  /** Read options with parquet's defaults, no filter, and {@code codecs} for decompression. */
  public static ParquetReadOptions create(CompressionCodecFactory codecs) {
    return new ParquetReadOptions(
        false, // signed string min/max: parquet's default
        true, // statistics filter
        true, // dictionary filter
        true, // record filter
        true, // column index filter
        false, // page checksum verification
        true, // bloom filter
        false, // off-heap decrypt buffer
        false, // Hadoop vectored IO
        FilterCompat.NOOP,
        ParquetMetadataConverter.NO_FILTER,
        codecs,
        new HeapByteBufferAllocator(),
        MAX_ALLOCATION,
        Map.of(),
        null,
        null,
        new PlainParquetConfiguration());
  }
}
