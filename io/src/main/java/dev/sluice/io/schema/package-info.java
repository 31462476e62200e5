/**
 * Spark SQL schemas on Beam: {@link dev.sluice.io.schema.DdlSchema} parses Spark's DDL schema
 * strings into a Beam {@link org.apache.beam.sdk.schemas.Schema}, and {@link
 * dev.sluice.io.schema.SparkTypes} maps Spark's data types to Beam field types and prints a schema
 * the way Spark's {@code printSchema()} does.
 *
 * <pre>{@code
 * Schema schema = DdlSchema.parse("id STRING, action STRING, ts TIMESTAMP");
 * System.out.print(SparkTypes.treeString(schema));
 * }</pre>
 */
package dev.sluice.io.schema;
