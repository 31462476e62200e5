package dev.sluice.structured.types;

import java.util.List;

/**
 * Spark's Java entry point to data types ({@code org.apache.spark.sql.types.DataTypes}): the atomic
 * types as constants and factories of the others.
 *
 * <pre>{@code
 * import dev.sluice.structured.types.*;
 *
 * StructType eventSchema = DataTypes.createStructType(List.of(
 *     DataTypes.createStructField("id", DataTypes.IntegerType, false),
 *     DataTypes.createStructField("name", DataTypes.StringType, true),
 *     DataTypes.createStructField("value", DataTypes.DoubleType, true),
 *     DataTypes.createStructField("tags", DataTypes.createArrayType(DataTypes.StringType), true),
 *     DataTypes.createStructField("price", DataTypes.createDecimalType(10, 2), true),
 *     DataTypes.createStructField("timestamp", DataTypes.StringType, true)));
 * }</pre>
 *
 * <p>Types with no counterpart in Sluice's engine (intervals, {@code NullType}, {@code
 * VariantType}, {@code CharType}/{@code VarcharType}, user-defined types) are not offered.
 */
public final class DataTypes {
  private DataTypes() {}

  public static final DataType StringType = new StringType();
  public static final DataType BinaryType = new BinaryType();
  public static final DataType BooleanType = new BooleanType();
  public static final DataType ByteType = new ByteType();
  public static final DataType ShortType = new ShortType();
  public static final DataType IntegerType = new IntegerType();
  public static final DataType LongType = new LongType();
  public static final DataType FloatType = new FloatType();
  public static final DataType DoubleType = new DoubleType();
  public static final DataType DateType = new DateType();
  public static final DataType TimestampType = new TimestampType();
  public static final DataType TimestampNTZType = new TimestampNTZType();

  /** An array whose elements may be null. */
  public static ArrayType createArrayType(DataType elementType) {
    return new ArrayType(elementType, true);
  }

  public static ArrayType createArrayType(DataType elementType, boolean containsNull) {
    return new ArrayType(elementType, containsNull);
  }

  /** {@code decimal(10,0)}, Spark's default. */
  public static DecimalType createDecimalType() {
    return DecimalType.USER_DEFAULT;
  }

  public static DecimalType createDecimalType(int precision, int scale) {
    return new DecimalType(precision, scale);
  }

  /** A map whose values may be null. */
  public static MapType createMapType(DataType keyType, DataType valueType) {
    return new MapType(keyType, valueType, true);
  }

  public static MapType createMapType(
      DataType keyType, DataType valueType, boolean valueContainsNull) {
    return new MapType(keyType, valueType, valueContainsNull);
  }

  public static StructField createStructField(String name, DataType dataType, boolean nullable) {
    return new StructField(name, dataType, nullable, Metadata.empty());
  }

  public static StructField createStructField(
      String name, DataType dataType, boolean nullable, Metadata metadata) {
    return new StructField(name, dataType, nullable, metadata);
  }

  public static StructType createStructType(List<StructField> fields) {
    return new StructType(fields);
  }

  public static StructType createStructType(StructField[] fields) {
    return new StructType(fields);
  }
}
