package dev.sluice.io.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * How a {@link BatchLog} turns its values into text lines and back. The log writes the version line
 * ({@code v<version()>}) itself; the codec writes and reads the lines after it. A codec reads every
 * version up to {@link #version()} (older files after an upgrade) and writes {@link #version()}.
 * Lines must not contain line breaks.
 *
 * <pre>{@code
 * LogCodec<List<String>> lines = LogCodec.lines();               // v1, then the lines as given
 * LogCodec<CommitEntry> commits = LogCodec.json(CommitEntry.class); // v1, then one JSON object
 * }</pre>
 *
 * @param <T> the type of one batch's value
 */
public interface LogCodec<T> {
  /** The format version written, and the newest one read. */
  int version();

  /** The lines that represent {@code value} (without the version line). */
  List<String> encode(T value) throws Exception;

  /**
   * The value represented by {@code lines}, written in format {@code version} (at most {@link
   * #version()}). Any exception marks the file as corrupt.
   */
  T decode(int version, List<String> lines) throws Exception;

  /** Values that are lists of lines, kept as they are (Spark's file sink log entries). */
  static LogCodec<List<String>> lines() {
    return new LogCodec<>() {
      @Override
      public int version() {
        return 1;
      }

      @Override
      public List<String> encode(List<String> value) {
        for (String line : value) {
          if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(
                "A batch log line must not contain a line break: " + line);
          }
        }
        return value;
      }

      @Override
      public List<String> decode(int version, List<String> lines) {
        return List.copyOf(lines);
      }
    };
  }

  /**
   * Values written as one line of JSON by Jackson (Spark's commit log form: {@code v1} then {@code
   * {"nextBatchWatermarkMs":0}}). {@code type} must be a type Jackson can write and read back (a
   * record, a bean, a {@code Map}).
   */
  static <T> LogCodec<T> json(Class<T> type) {
    ObjectMapper mapper = new ObjectMapper();
    return new LogCodec<>() {
      @Override
      public int version() {
        return 1;
      }

      @Override
      public List<String> encode(T value) throws JsonProcessingException {
        return List.of(mapper.writeValueAsString(value));
      }

      @Override
      public T decode(int version, List<String> lines) throws JsonProcessingException {
        if (lines.size() != 1) {
          throw new IllegalArgumentException(
              "expected one JSON line after the version, found " + lines.size() + " lines");
        }
        return mapper.readValue(lines.get(0), type);
      }
    };
  }
}
