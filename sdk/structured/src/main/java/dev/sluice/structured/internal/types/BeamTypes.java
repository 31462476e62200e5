package dev.sluice.structured.internal.types;

import dev.sluice.io.schema.DdlSchema;
import dev.sluice.io.schema.SparkTypes;
import dev.sluice.structured.AnalysisException;
import dev.sluice.structured.types.ArrayType;
import dev.sluice.structured.types.BinaryType;
import dev.sluice.structured.types.BooleanType;
import dev.sluice.structured.types.ByteType;
import dev.sluice.structured.types.DataType;
import dev.sluice.structured.types.DataTypes;
import dev.sluice.structured.types.DateType;
import dev.sluice.structured.types.DecimalType;
import dev.sluice.structured.types.DoubleType;
import dev.sluice.structured.types.FloatType;
import dev.sluice.structured.types.IntegerType;
import dev.sluice.structured.types.LongType;
import dev.sluice.structured.types.MapType;
import dev.sluice.structured.types.Metadata;
import dev.sluice.structured.types.MetadataBuilder;
import dev.sluice.structured.types.ShortType;
import dev.sluice.structured.types.StringType;
import dev.sluice.structured.types.StructField;
import dev.sluice.structured.types.StructType;
import dev.sluice.structured.types.TimestampNTZType;
import dev.sluice.structured.types.TimestampType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.Date;
import org.apache.beam.sdk.schemas.logicaltypes.DateTime;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.schemas.logicaltypes.MicrosInstant;

/**
 * Spark's data types ({@code dev.sluice.structured.types}) to the Beam schema types the engine runs
 * on and back, by the table in {@link SparkTypes}. A field's comment (metadata {@code "comment"})
 * is the Beam field's description; other metadata does not reach the engine.
 *
 * <pre>{@code
 * Schema beam = BeamTypes.toBeam(new StructType().add("id", DataTypes.IntegerType, false));
 * StructType back = BeamTypes.fromBeam(beam);   // the same StructType
 * }</pre>
 */
public final class BeamTypes {
  private BeamTypes() {}

  /**
   * The Beam schema of a struct type.
   *
   * @throws AnalysisException if two fields have the same name (a Beam schema cannot hold them)
   */
  public static Schema toBeam(StructType struct) {
    List<Field> fields = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (StructField f : struct) {
      if (!seen.add(f.name())) {
        throw new AnalysisException(
            "The column `"
                + f.name()
                + "` appears twice in the schema "
                + struct.simpleString()
                + "; give each field its own name");
      }
      Field field = Field.of(f.name(), toBeam(f.dataType()).withNullable(f.nullable()));
      if (f.getComment().isPresent()) {
        field = field.withDescription(f.getComment().get());
      }
      fields.add(field);
    }
    return new Schema(fields);
  }

  /** The Beam type of a Spark type (nullable; callers set nullability). */
  public static FieldType toBeam(DataType type) {
    if (type instanceof StringType) {
      return FieldType.STRING;
    } else if (type instanceof BooleanType) {
      return FieldType.BOOLEAN;
    } else if (type instanceof ByteType) {
      return FieldType.BYTE;
    } else if (type instanceof ShortType) {
      return FieldType.INT16;
    } else if (type instanceof IntegerType) {
      return FieldType.INT32;
    } else if (type instanceof LongType) {
      return FieldType.INT64;
    } else if (type instanceof FloatType) {
      return FieldType.FLOAT;
    } else if (type instanceof DoubleType) {
      return FieldType.DOUBLE;
    } else if (type instanceof BinaryType) {
      return FieldType.BYTES;
    } else if (type instanceof DateType) {
      return SparkTypes.DATE;
    } else if (type instanceof TimestampType) {
      return SparkTypes.TIMESTAMP;
    } else if (type instanceof TimestampNTZType) {
      return SparkTypes.TIMESTAMP_NTZ;
    } else if (type instanceof DecimalType) {
      DecimalType d = (DecimalType) type;
      return SparkTypes.decimal(d.precision(), d.scale());
    } else if (type instanceof ArrayType) {
      ArrayType a = (ArrayType) type;
      return FieldType.array(toBeam(a.elementType()).withNullable(a.containsNull()));
    } else if (type instanceof MapType) {
      MapType m = (MapType) type;
      return FieldType.map(
          toBeam(m.keyType()).withNullable(false),
          toBeam(m.valueType()).withNullable(m.valueContainsNull()));
    } else if (type instanceof StructType) {
      return FieldType.row(toBeam((StructType) type));
    }
    throw new AnalysisException("Data type " + type + " is not supported by Sluice");
  }

  /** The struct type of a Beam schema. */
  public static StructType fromBeam(Schema schema) {
    return fromBeam(schema, schema.getFieldNames());
  }

  /**
   * The struct type of a Beam schema with other field names (a frame's names as the user knows
   * them, which may repeat where the Beam schema's cannot).
   */
  public static StructType fromBeam(Schema schema, List<String> names) {
    List<StructField> fields = new ArrayList<>();
    for (int i = 0; i < schema.getFieldCount(); i++) {
      Field f = schema.getField(i);
      Metadata metadata =
          f.getDescription() == null || f.getDescription().isEmpty()
              ? Metadata.empty()
              : new MetadataBuilder().putString("comment", f.getDescription()).build();
      fields.add(
          DataTypes.createStructField(
              names.get(i), fromBeam(f.getType()), f.getType().getNullable(), metadata));
    }
    return DataTypes.createStructType(fields);
  }

  /**
   * The Spark type of a Beam type.
   *
   * @throws IllegalArgumentException for a Beam type with no Spark counterpart
   */
  public static DataType fromBeam(FieldType type) {
    switch (type.getTypeName()) {
      case STRING:
        return DataTypes.StringType;
      case BOOLEAN:
        return DataTypes.BooleanType;
      case BYTE:
        return DataTypes.ByteType;
      case INT16:
        return DataTypes.ShortType;
      case INT32:
        return DataTypes.IntegerType;
      case INT64:
        return DataTypes.LongType;
      case FLOAT:
        return DataTypes.FloatType;
      case DOUBLE:
        return DataTypes.DoubleType;
      case DECIMAL:
        return DecimalType.SYSTEM_DEFAULT;
      case BYTES:
        return DataTypes.BinaryType;
      case DATETIME:
        return DataTypes.TimestampType;
      case ARRAY:
      case ITERABLE:
        FieldType element = type.getCollectionElementType();
        return new ArrayType(fromBeam(element), element.getNullable());
      case MAP:
        return new MapType(
            fromBeam(type.getMapKeyType()),
            fromBeam(type.getMapValueType()),
            type.getMapValueType().getNullable());
      case ROW:
        return fromBeam(type.getRowSchema());
      case LOGICAL_TYPE:
        String id = type.getLogicalType().getIdentifier();
        if (id.equals(Date.IDENTIFIER)) {
          return DataTypes.DateType;
        } else if (id.equals(DateTime.IDENTIFIER)) {
          return DataTypes.TimestampNTZType;
        } else if (id.equals(MicrosInstant.IDENTIFIER)) {
          return DataTypes.TimestampType;
        } else if (id.equals(FixedPrecisionNumeric.IDENTIFIER)) {
          int precision = SparkTypes.decimalPrecision(type);
          return new DecimalType(
              precision < 0 ? DecimalType.MAX_PRECISION : precision, SparkTypes.decimalScale(type));
        }
        break;
      default:
        break;
    }
    // the same message SparkTypes gives for a type with no Spark counterpart
    SparkTypes.simpleString(type);
    throw new IllegalArgumentException("Beam type " + type + " has no Spark SQL counterpart");
  }

  /** {@code DataType.fromDDL}: a type, or else a column list as a struct. */
  public static DataType parseDdl(String ddl) {
    try {
      return fromBeam(DdlSchema.parseType(ddl));
    } catch (IllegalArgumentException asType) {
      try {
        return parseStructDdl(ddl);
      } catch (IllegalArgumentException asColumns) {
        throw asType;
      }
    }
  }

  /** {@code StructType.fromDDL}: a column list. */
  public static StructType parseStructDdl(String ddl) {
    return fromBeam(DdlSchema.parse(ddl));
  }
}
