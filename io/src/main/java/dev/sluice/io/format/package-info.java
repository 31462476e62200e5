/**
 * Record formats: lines of JSON or CSV text parsed into Beam {@link
 * org.apache.beam.sdk.values.Row}s the way Spark's data sources parse them, with Spark's options
 * and parse modes.
 *
 * <p>{@link dev.sluice.io.format.ParseRows} is the Beam transform; {@link
 * dev.sluice.io.format.JsonRowParser} and {@link dev.sluice.io.format.CsvRowParser} do the work on
 * one line, and can be used on their own.
 *
 * <pre>{@code
 * PCollection<Row> events =
 *     lines.apply(ParseRows.json(DdlSchema.parse("id STRING, action STRING, ts TIMESTAMP"))
 *         .withMode(ParseMode.FAILFAST));
 * }</pre>
 */
package dev.sluice.io.format;
