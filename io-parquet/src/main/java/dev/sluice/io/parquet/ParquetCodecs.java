package dev.sluice.io.parquet;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Parquet page compression without Hadoop's codec classes: {@code snappy} (snappy-java, the default
 * as in Spark), {@code gzip} (the JDK's zlib), {@code zstd} (zstd-jni) and {@code none} (also
 * {@code uncompressed}). Other codecs (lz4, lzo, brotli) are refused with the list of those
 * supported, when writing as when reading a file that uses them.
 *
 * <pre>{@code
 * CompressionCodecName codec = ParquetCodecs.codec("zstd");   // ZSTD
 * String ending = ParquetCodecs.fileExtension(codec);        // zstd.parquet
 * }</pre>
 */
public final class ParquetCodecs implements CompressionCodecFactory {
  /** The codec names the {@code compression} option takes. */
  public static final String SUPPORTED = "snappy (default), gzip, zstd, none, uncompressed";

  private static final int ZSTD_LEVEL = 3;

  private static final boolean ZSTD_PRESENT = present("com.github.luben.zstd.Zstd");

  /** The one shared factory (it holds no state). */
  static final ParquetCodecs INSTANCE = new ParquetCodecs();

  /** The codec factory, for parquet-java's readers and writers. */
  public static CompressionCodecFactory factory() {
    return INSTANCE;
  }

  private ParquetCodecs() {}

  /**
   * The codec the {@code compression} option names (Spark's names, case-insensitive).
   *
   * @throws IllegalArgumentException for any other name, listing the supported ones
   */
  public static CompressionCodecName codec(String name) {
    switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
      case "snappy":
        return CompressionCodecName.SNAPPY;
      case "gzip":
        return CompressionCodecName.GZIP;
      case "zstd":
        return CompressionCodecName.ZSTD;
      case "none":
      case "uncompressed":
        return CompressionCodecName.UNCOMPRESSED;
      default:
        throw new IllegalArgumentException(
            "Parquet compression '" + name + "' is not supported; use one of: " + SUPPORTED);
    }
  }

  /** The data file ending Spark uses for the codec, e.g. {@code snappy.parquet}. */
  public static String fileExtension(CompressionCodecName codec) {
    return codec == CompressionCodecName.UNCOMPRESSED
        ? "parquet"
        : codec.name().toLowerCase(Locale.ROOT) + ".parquet";
  }

  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codec) {
    check(codec);
    return new BytesInputCompressor() {
      @Override
      public BytesInput compress(BytesInput bytes) throws IOException {
        return BytesInput.from(ParquetCodecs.compress(codec, bytes.toByteArray()));
      }

      @Override
      public CompressionCodecName getCodecName() {
        return codec;
      }

      @Override
      public void release() {}
    };
  }

  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
    check(codec);
    return new BytesInputDecompressor() {
      @Override
      public BytesInput decompress(BytesInput bytes, int size) throws IOException {
        return BytesInput.from(ParquetCodecs.decompress(codec, bytes.toByteArray(), size));
      }

      @Override
      public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int size)
          throws IOException {
        byte[] in = new byte[compressedSize];
        input.duplicate().get(in);
        output.put(ParquetCodecs.decompress(codec, in, size));
      }

      @Override
      public void release() {}
    };
  }

  @Override
  public void release() {}

  private static void check(CompressionCodecName codec) {
    switch (codec) {
      case UNCOMPRESSED:
      case SNAPPY:
      case GZIP:
        return;
      case ZSTD:
        if (!ZSTD_PRESENT) {
          throw new UnsupportedOperationException(
              "Parquet codec ZSTD needs com.github.luben:zstd-jni on the class path (it was"
                  + " excluded); add it back, or use snappy or gzip");
        }
        return;
      default:
        throw new UnsupportedOperationException(
            "Parquet codec "
                + codec
                + " is not supported by Sluice (supported: "
                + SUPPORTED
                + "); rewrite the file with one of those");
    }
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, ParquetCodecs.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  static byte[] compress(CompressionCodecName codec, byte[] data) throws IOException {
    switch (codec) {
      case SNAPPY:
        return Snappy.compress(data);
      case GZIP:
        {
          ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 32);
          try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
          }
          return out.toByteArray();
        }
      case ZSTD:
        return Zstd.compress(data, ZSTD_LEVEL);
      default:
        return data;
    }
  }

  static byte[] decompress(CompressionCodecName codec, byte[] data, int size) throws IOException {
    byte[] out;
    switch (codec) {
      case SNAPPY:
        out = new byte[size];
        int n = Snappy.uncompress(data, 0, data.length, out, 0);
        if (n != size) {
          throw new IOException("Snappy page holds " + n + " bytes, the header says " + size);
        }
        return out;
      case GZIP:
        try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(data))) {
          out = gzip.readNBytes(size);
        }
        if (out.length != size) {
          throw new IOException(
              "Gzip page holds " + out.length + " bytes, the header says " + size);
        }
        return out;
      case ZSTD:
        return Zstd.decompress(data, size);
      default:
        return data;
    }
  }
}
