/**
 * Spark SQL's data types ({@code org.apache.spark.sql.types}): {@link
 * dev.sluice.structured.types.StructType} schemas of {@link
 * dev.sluice.structured.types.StructField}s, the atomic types of {@link
 * dev.sluice.structured.types.DataTypes}, and decimal, array and map types. They map one to one to
 * the Beam schema types Sluice runs on (see {@code dev.sluice.io.schema.SparkTypes}).
 *
 * <pre>{@code
 * StructType schema = new StructType()
 *     .add("id", DataTypes.IntegerType, false)
 *     .add("action", DataTypes.StringType)
 *     .add("ts", DataTypes.TimestampType);
 * DataFrame events = session.readStream().schema(schema).json("data/mobile");
 * events.printSchema();   // a file stream reads every column as nullable, as Spark
 * }</pre>
 */
package dev.sluice.structured.types;
