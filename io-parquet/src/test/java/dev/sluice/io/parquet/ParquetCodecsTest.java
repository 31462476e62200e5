package dev.sluice.io.parquet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.Assert.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link ParquetCodecs}. */
@RunWith(JUnit4.class)
public class ParquetCodecsTest {
  private static final byte[] DATA = "sluice ".repeat(500).getBytes(StandardCharsets.UTF_8);

  @Test
  public void everySupportedCodecRoundTripsBothWays() throws Exception {
    for (String name : List.of("snappy", "GZIP", "zstd", "none", "uncompressed")) {
      CompressionCodecName codec = ParquetCodecs.codec(name);
      BytesInputCompressor compressor = ParquetCodecs.INSTANCE.getCompressor(codec);
      byte[] compressed = compressor.compress(BytesInput.from(DATA)).toByteArray();
      if (codec != CompressionCodecName.UNCOMPRESSED) {
        assertThat(name, compressed.length, lessThan(DATA.length / 10));
      }
      byte[] back =
          ParquetCodecs.INSTANCE
              .getDecompressor(codec)
              .decompress(BytesInput.from(compressed), DATA.length)
              .toByteArray();
      assertThat(name, back, is(DATA));
      ByteBuffer out = ByteBuffer.allocate(DATA.length);
      ParquetCodecs.INSTANCE
          .getDecompressor(codec)
          .decompress(ByteBuffer.wrap(compressed), compressed.length, out, DATA.length);
      assertThat(out.array(), is(DATA));
    }
  }

  @Test
  public void fileEndingsAreSparks() {
    assertThat(ParquetCodecs.fileExtension(CompressionCodecName.SNAPPY), is("snappy.parquet"));
    assertThat(ParquetCodecs.fileExtension(CompressionCodecName.ZSTD), is("zstd.parquet"));
    assertThat(ParquetCodecs.fileExtension(CompressionCodecName.UNCOMPRESSED), is("parquet"));
  }

  @Test
  public void otherCodecsAreRefusedWithTheSupportedList() {
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> ParquetCodecs.codec("lz4")).getMessage(),
        containsString("use one of: snappy (default), gzip, zstd, none, uncompressed"));
    assertThat(
        assertThrows(
                UnsupportedOperationException.class,
                () -> ParquetCodecs.INSTANCE.getDecompressor(CompressionCodecName.BROTLI))
            .getMessage(),
        containsString("Parquet codec BROTLI is not supported"));
  }

  @Test
  public void aDamagedSnappyPageFails() throws Exception {
    byte[] compressed =
        ParquetCodecs.INSTANCE
            .getCompressor(CompressionCodecName.SNAPPY)
            .compress(BytesInput.from(DATA))
            .toByteArray();
    assertThrows(
        Exception.class,
        () ->
            ParquetCodecs.INSTANCE
                .getDecompressor(CompressionCodecName.SNAPPY)
                .decompress(BytesInput.from(compressed), DATA.length + 5)
                .toByteArray());
  }
}
