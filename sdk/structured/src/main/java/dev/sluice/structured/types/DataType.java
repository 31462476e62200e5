package dev.sluice.structured.types;

import dev.sluice.structured.internal.types.BeamTypes;

/**
 * A Spark SQL data type ({@code org.apache.spark.sql.types.DataType}): the type of a column or of a
 * struct field, array element or map value. Atomic types are the singletons of {@link DataTypes};
 * {@link DecimalType}, {@link ArrayType}, {@link MapType} and {@link StructType} carry parameters.
 *
 * <pre>{@code
 * DataType t = DataTypes.createArrayType(DataTypes.StringType);
 * t.simpleString();                   // "array<string>"
 * t.sql();                            // "ARRAY<STRING>"
 * DataType.fromDDL("map<string,int>"); // MapType(StringType,IntegerType,true)
 * }</pre>
 */
public abstract class DataType {
  DataType() {}

  /**
   * Spark's name of the type as {@code printSchema()} shows it: {@code integer}, {@code struct}.
   */
  public abstract String typeName();

  /** Spark's short form: {@code int}, {@code bigint}, {@code array<string>}. */
  public abstract String simpleString();

  /** The form Spark's catalog shows; the same as {@link #simpleString()} here. */
  public String catalogString() {
    return simpleString();
  }

  /** The type in SQL: {@code INT}, {@code DECIMAL(10,2)}, {@code STRUCT<a: INT>}. */
  public abstract String sql();

  /**
   * Parses a Spark DDL type ({@code "int"}, {@code "array<string>"}, {@code "decimal(10,2)"}) or a
   * column list ({@code "a INT, b STRING"}, which gives a {@link StructType}).
   *
   * @throws IllegalArgumentException naming what does not parse
   */
  public static DataType fromDDL(String ddl) {
    return BeamTypes.parseDdl(ddl);
  }
}
