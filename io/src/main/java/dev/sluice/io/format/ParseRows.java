package dev.sluice.io.format;

import com.google.auto.value.AutoValue;
import dev.sluice.io.schema.SparkTypes;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses lines of text into rows of a schema, as Spark's JSON and CSV data sources do: the step
 * between reading files and a DataFrame.
 *
 * <p>Each output row keeps its line's timestamp and window. Malformed records are handled by the
 * parse mode ({@link ParseMode}); each one, kept or dropped, adds 1 to the Beam counter {@value
 * #MALFORMED_RECORDS} in the namespace of this class. In {@code FAILFAST} mode the first one fails
 * the pipeline with a {@link MalformedRecordException} naming its file and line.
 *
 * <p>The output's schema is {@link RowParser#outputSchema()}: the given schema, all nullable.
 *
 * <pre>{@code
 * Schema schema = DdlSchema.parse("id STRING, action STRING, ts TIMESTAMP");
 * PCollection<TextLine> lines = ...;   // e.g. TextLine.of("file1.json", 1, "{\"id\": ...}")
 * PCollection<Row> events =
 *     lines.apply(ParseRows.json(schema).withMode(ParseMode.DROPMALFORMED));
 *
 * lines.apply(ParseRows.csv(DdlSchema.parse("name STRING, age INT"))
 *     .withOption("header", "true")
 *     .withOption("sep", ";"));
 * }</pre>
 */
@AutoValue
public abstract class ParseRows extends PTransform<PCollection<TextLine>, PCollection<Row>> {
  private static final long serialVersionUID = 1L;

  /** The name of the counter of malformed records. */
  public static final String MALFORMED_RECORDS = "malformedRecords";

  /** The parser applied to each line, with its schema and options. */
  public abstract RowParser parser();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setParser(RowParser parser);

    abstract ParseRows build();
  }

  /** Parses JSON Lines into rows of {@code schema}; see {@link JsonRowParser}. */
  public static ParseRows json(Schema schema) {
    return with(JsonRowParser.of(schema));
  }

  /** Parses CSV lines into rows of {@code schema}; see {@link CsvRowParser}. */
  public static ParseRows csv(Schema schema) {
    return with(CsvRowParser.of(schema));
  }

  /** Parses with a configured parser. */
  public static ParseRows with(RowParser parser) {
    if (parser == null) {
      throw new IllegalArgumentException(
          "ParseRows.with(parser) needs a parser, e.g. JsonRowParser.of(schema)");
    }
    return new AutoValue_ParseRows.Builder().setParser(parser).build();
  }

  /** A copy with the given parse mode (Spark's {@code mode} option). */
  public ParseRows withMode(ParseMode mode) {
    if (mode == null) {
      throw new IllegalArgumentException(
          "withMode needs a mode: PERMISSIVE, DROPMALFORMED or FAILFAST");
    }
    return toBuilder().setParser(parser().withMode(mode)).build();
  }

  /**
   * A copy with a Spark data source option set, e.g. {@code withOption("timestampFormat",
   * "yyyy-MM-dd HH:mm")}.
   *
   * @throws IllegalArgumentException if the value is invalid for a known option
   */
  public ParseRows withOption(String name, String value) {
    return toBuilder().setParser(parser().withOption(name, value)).build();
  }

  /** A copy with Spark data source options set; unknown names are ignored, as in Spark. */
  public ParseRows withOptions(Map<String, String> options) {
    return toBuilder().setParser(parser().withOptions(options)).build();
  }

  @Override
  public PCollection<Row> expand(PCollection<TextLine> input) {
    RowParser parser = parser();
    return input
        .apply("ParseLines", ParDo.of(new ParseFn(parser)))
        .setRowSchema(parser.outputSchema());
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("format", parser() instanceof CsvRowParser ? "csv" : "json"))
        .add(DisplayData.item("mode", parser().mode().name()))
        .add(DisplayData.item("schema", SparkTypes.simpleString(parser().schema())));
  }

  /** Applies the parser to each line and counts malformed records. */
  private static final class ParseFn extends DoFn<TextLine, Row> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ParseRows.class);

    private final RowParser parser;
    private final Counter malformed = Metrics.counter(ParseRows.class, MALFORMED_RECORDS);
    private transient boolean warned;

    ParseFn(RowParser parser) {
      this.parser = parser;
    }

    @ProcessElement
    public void processElement(@Element TextLine line, OutputReceiver<Row> out) {
      ParsedLine parsed = parser.parse(line);
      if (parsed.isMalformed()) {
        malformed.inc();
        if (!warned) {
          warned = true;
          LOG.warn(
              "Malformed record at {} ({} mode; counted in metric '{}', further ones logged at"
                  + " DEBUG): {}",
              line.location(),
              parser.mode(),
              MALFORMED_RECORDS,
              parsed.malformedReason());
        } else {
          LOG.debug("Malformed record at {}: {}", line.location(), parsed.malformedReason());
        }
      }
      for (Row row : parsed.rows()) {
        out.output(row);
      }
    }
  }
}
