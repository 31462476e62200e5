/**
 * Spark's file stream source and file sink: {@link dev.sluice.io.file.FileStreamSource} reads new
 * files of a directory (JSON, CSV, text) as micro-batches; {@link dev.sluice.io.file.FileSink}
 * writes each batch as files plus an entry in the directory's {@code _spark_metadata} commit log.
 *
 * <pre>{@code
 * p.apply(FileStreamSource.json(schema, "in/").withMaxFilesPerTrigger(1)
 *     .withTrigger(BatchTrigger.availableNow()));
 * BatchSink sink = FileSink.json("out/");
 * }</pre>
 */
package dev.sluice.io.file;
