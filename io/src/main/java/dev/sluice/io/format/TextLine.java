package dev.sluice.io.format;

import com.google.auto.value.AutoValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * One line of a text file, with where it came from: the input of {@link ParseRows}.
 *
 * <p>{@link #lineNumber()} counts from 1. Parsers use it for the header of a CSV file (line 1) and,
 * with {@link #file()}, to name a malformed record's place in errors. {@link TextLineCoder} is its
 * default coder, so a {@code PCollection<TextLine>} needs no coder set by hand.
 *
 * <pre>{@code
 * TextLine line = TextLine.of("input/file1.json", 3, "{\"id\":\"phone3\"}");
 * line.location();   // "input/file1.json:3"
 * }</pre>
 */
@DefaultCoder(TextLine.TextLineCoder.class)
@AutoValue
public abstract class TextLine {
  /** The file (or other source) the line was read from. */
  public abstract String file();

  /** The line's number in its file, counting from 1. */
  public abstract long lineNumber();

  /** The line's text, without its line terminator. */
  public abstract String text();

  /**
   * A line of {@code file}.
   *
   * @throws IllegalArgumentException if {@code lineNumber < 1}
   * @throws NullPointerException if {@code file} or {@code text} is null
   */
  public static TextLine of(String file, long lineNumber, String text) {
    if (lineNumber < 1) {
      throw new IllegalArgumentException(
          "Line numbers count from 1, but line " + lineNumber + " of " + file + " was given");
    }
    return new AutoValue_TextLine(file, lineNumber, text);
  }

  /** {@code file:lineNumber}, as used in error messages. */
  public String location() {
    return file() + ":" + lineNumber();
  }

  /**
   * The coder of {@link TextLine}: file name, line number and text, deterministic.
   *
   * <pre>{@code
   * PCollection<TextLine> lines = p.apply(Create.of(TextLine.of("a.json", 1, "{}")));
   * // uses TextLineCoder.of() without being told
   * }</pre>
   */
  public static final class TextLineCoder extends AtomicCoder<TextLine> {
    private static final long serialVersionUID = 1L;
    private static final TextLineCoder INSTANCE = new TextLineCoder();

    private TextLineCoder() {}

    /** The coder. */
    public static TextLineCoder of() {
      return INSTANCE;
    }

    /** Lets {@link DefaultCoder} find this coder for {@link TextLine}. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(TextLine.class), INSTANCE);
    }

    @Override
    public void encode(TextLine line, OutputStream out) throws IOException {
      StringUtf8Coder.of().encode(line.file(), out);
      VarLongCoder.of().encode(line.lineNumber(), out);
      StringUtf8Coder.of().encode(line.text(), out);
    }

    @Override
    public TextLine decode(InputStream in) throws IOException {
      String file = StringUtf8Coder.of().decode(in);
      long lineNumber = VarLongCoder.of().decode(in);
      return TextLine.of(file, lineNumber, StringUtf8Coder.of().decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
