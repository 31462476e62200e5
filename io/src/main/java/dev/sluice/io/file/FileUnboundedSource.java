package dev.sluice.io.file;

import dev.sluice.io.format.RowParser;
import dev.sluice.io.stream.BatchCheckpoint;
import dev.sluice.io.stream.BatchTrigger;
import dev.sluice.io.stream.BatchedSource;
import dev.sluice.io.stream.BatchingReader;
import dev.sluice.io.stream.SourceLog;
import dev.sluice.io.stream.StatusKey;
import javax.annotation.Nullable;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/** The Beam source behind {@link FileStreamSource}; see there for what it reads. */
final class FileUnboundedSource extends BatchedSource<Row> {
  private static final long serialVersionUID = 1L;

  @Nullable final FileFormat format;
  @Nullable final FileRecordFormat recordFormat;
  final String path;
  @Nullable final RowParser parser;
  final Schema schema;
  final FileSourceOptions options;

  FileUnboundedSource(
      @Nullable FileFormat format,
      @Nullable FileRecordFormat recordFormat,
      String path,
      @Nullable RowParser parser,
      Schema schema,
      FileSourceOptions options,
      BatchTrigger trigger,
      @Nullable StatusKey statusKey,
      @Nullable SourceLog log,
      Coder<Row> rowCoder) {
    super(trigger, statusKey, log, rowCoder);
    this.format = format;
    this.recordFormat = recordFormat;
    this.path = path;
    this.parser = parser;
    this.schema = schema;
    this.options = options;
  }

  @Override
  protected BatchingReader<Row> openReader(
      PipelineOptions pipelineOptions, @Nullable BatchCheckpoint checkpoint) {
    return new FileSourceReader(this, checkpoint);
  }
}
