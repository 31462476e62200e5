package dev.sluice.io.parquet;

import dev.sluice.io.schema.SparkTypes;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Parquet's record assembly into Beam rows: one converter per column, each turning the values
 * Parquet decodes into the Java values of the wanted Beam type (the types of {@link SparkTypes};
 * the wanted types are checked against the file before, by {@link RowParquetReader}).
 */
final class RowConverters {
  /** Days from the Julian day number 0 to 1970-01-01, for INT96 timestamps. */
  private static final long JULIAN_DAY_OF_EPOCH = 2_440_588L;

  private RowConverters() {}

  /** The materializer of rows of {@code want} from the (projected) file schema {@code file}. */
  static RecordMaterializer<Row> materializer(MessageType file, Schema want) {
    Row[] current = new Row[1];
    StructConverter root = new StructConverter(file, want, row -> current[0] = (Row) row);
    return new RecordMaterializer<>() {
      @Override
      public Row getCurrentRecord() {
        return current[0];
      }

      @Override
      public GroupConverter getRootConverter() {
        return root;
      }
    };
  }

  private static Converter converter(Type type, FieldType want, Consumer<Object> out) {
    if (type.isPrimitive()) {
      return new ValueConverter(type.asPrimitiveType(), want, out);
    }
    GroupType group = type.asGroupType();
    switch (want.getTypeName()) {
      case ARRAY:
      case ITERABLE:
        return new ListConverter(group, want.getCollectionElementType(), out);
      case MAP:
        return new MapConverter(group, want, out);
      default:
        return new StructConverter(group, want.getRowSchema(), out);
    }
  }

  /** A struct: fields matched by name (exactly, else ignoring case); others are skipped. */
  private static final class StructConverter extends GroupConverter {
    private final Schema want;
    private final Converter[] converters;
    private final boolean[] repeated;
    private final int[] target;
    private final Consumer<Object> out;
    private Object[] values;

    StructConverter(GroupType group, Schema want, Consumer<Object> out) {
      this.want = want;
      this.out = out;
      int n = group.getFieldCount();
      converters = new Converter[n];
      repeated = new boolean[want.getFieldCount()];
      target = new int[n];
      for (int j = 0; j < n; j++) {
        Type field = group.getType(j);
        int i = indexOf(want, field.getName());
        target[j] = i;
        if (i < 0) {
          converters[j] = field.isPrimitive() ? new Discard() : new DiscardGroup(field);
          continue;
        }
        FieldType wantType = want.getField(i).getType();
        if (field.isRepetition(Type.Repetition.REPEATED)) {
          repeated[i] = true;
          converters[j] = converter(field, wantType.getCollectionElementType(), v -> addTo(i, v));
        } else {
          converters[j] = converter(field, wantType, v -> values[i] = v);
        }
      }
    }

    @SuppressWarnings("unchecked")
    private void addTo(int i, Object value) {
      ((List<Object>) values[i]).add(value);
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return converters[fieldIndex];
    }

    @Override
    public void start() {
      values = new Object[want.getFieldCount()];
      for (int i = 0; i < repeated.length; i++) {
        if (repeated[i]) {
          values[i] = new ArrayList<>();
        }
      }
    }

    @Override
    public void end() {
      out.accept(Row.withSchema(want).attachValues(Arrays.asList(values)));
    }
  }

  static int indexOf(Schema schema, String name) {
    if (schema.hasField(name)) {
      return schema.indexOf(name);
    }
    for (int i = 0; i < schema.getFieldCount(); i++) {
      if (schema.getField(i).getName().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /** A LIST group, 3-level or legacy 2-level ({@link ParquetSchemas#listElement}). */
  private static final class ListConverter extends GroupConverter {
    private final Converter child;
    private final Consumer<Object> out;
    private List<Object> list;
    private Object element;

    ListConverter(GroupType group, FieldType element, Consumer<Object> out) {
      this.out = out;
      Type repeated = group.getType(0);
      if (ParquetSchemas.isTwoLevel(group, repeated)) {
        child = converter(repeated, element, v -> list.add(v));
      } else {
        Converter elementConverter =
            converter(repeated.asGroupType().getType(0), element, v -> this.element = v);
        child =
            new GroupConverter() {
              @Override
              public Converter getConverter(int fieldIndex) {
                return elementConverter;
              }

              @Override
              public void start() {
                ListConverter.this.element = null;
              }

              @Override
              public void end() {
                list.add(ListConverter.this.element);
              }
            };
      }
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return child;
    }

    @Override
    public void start() {
      list = new ArrayList<>();
    }

    @Override
    public void end() {
      out.accept(list);
    }
  }

  /** A MAP group: {@code repeated group key_value { key; value }}. */
  private static final class MapConverter extends GroupConverter {
    private final GroupConverter keyValue;
    private final Consumer<Object> out;
    private Map<Object, Object> map;
    private Object key;
    private Object value;

    MapConverter(GroupType group, FieldType want, Consumer<Object> out) {
      this.out = out;
      GroupType pair = group.getType(0).asGroupType();
      Converter keyConverter = converter(pair.getType(0), want.getMapKeyType(), v -> key = v);
      Converter valueConverter =
          pair.getFieldCount() > 1
              ? converter(pair.getType(1), want.getMapValueType(), v -> value = v)
              : null;
      keyValue =
          new GroupConverter() {
            @Override
            public Converter getConverter(int fieldIndex) {
              return fieldIndex == 0 ? keyConverter : valueConverter;
            }

            @Override
            public void start() {
              key = null;
              value = null;
            }

            @Override
            public void end() {
              map.put(key, value);
            }
          };
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return keyValue;
    }

    @Override
    public void start() {
      map = new LinkedHashMap<>();
    }

    @Override
    public void end() {
      out.accept(map);
    }
  }

  /** A primitive column as a value of the wanted Beam type. */
  private static final class ValueConverter extends PrimitiveConverter {
    private final FieldType want;
    private final Consumer<Object> out;
    private final boolean unsigned;
    private final LogicalTypeAnnotation.TimeUnit unit;
    private final int scale;

    ValueConverter(PrimitiveType type, FieldType want, Consumer<Object> out) {
      this.want = want;
      this.out = out;
      LogicalTypeAnnotation annotation = type.getLogicalTypeAnnotation();
      unsigned =
          annotation instanceof IntLogicalTypeAnnotation
              && !((IntLogicalTypeAnnotation) annotation).isSigned();
      unit =
          annotation instanceof TimestampLogicalTypeAnnotation
              ? ((TimestampLogicalTypeAnnotation) annotation).getUnit()
              : LogicalTypeAnnotation.TimeUnit.MICROS;
      scale = SparkTypes.isDecimal(want) ? Math.max(0, SparkTypes.decimalScale(want)) : 0;
    }

    @Override
    public void addBoolean(boolean value) {
      out.accept(value);
    }

    @Override
    public void addInt(int value) {
      switch (want.getTypeName()) {
        case BYTE:
          out.accept((byte) value);
          return;
        case INT16:
          out.accept((short) value);
          return;
        case INT32:
          out.accept(value);
          return;
        case INT64:
          out.accept(unsigned ? Integer.toUnsignedLong(value) : (long) value);
          return;
        case DOUBLE:
          out.accept((double) value);
          return;
        default:
          if (SparkTypes.isDecimal(want)) {
            out.accept(BigDecimal.valueOf(value, scale));
          } else {
            out.accept(LocalDate.ofEpochDay(value));
          }
      }
    }

    @Override
    public void addLong(long value) {
      switch (want.getTypeName()) {
        case INT64:
          out.accept(value);
          return;
        case DOUBLE:
          out.accept((double) value);
          return;
        case DATETIME:
          out.accept(new org.joda.time.Instant(millis(value)));
          return;
        default:
          if (SparkTypes.isDecimal(want)) {
            BigInteger unscaled =
                unsigned ? new BigInteger(Long.toUnsignedString(value)) : BigInteger.valueOf(value);
            out.accept(new BigDecimal(unscaled, scale));
          } else {
            long micros = unit == LogicalTypeAnnotation.TimeUnit.MILLIS ? value * 1000 : value;
            if (unit == LogicalTypeAnnotation.TimeUnit.NANOS) {
              micros = Math.floorDiv(value, 1000L);
            }
            out.accept(
                LocalDateTime.ofEpochSecond(
                    Math.floorDiv(micros, 1_000_000L),
                    (int) Math.floorMod(micros, 1_000_000L) * 1000,
                    ZoneOffset.UTC));
          }
      }
    }

    private long millis(long value) {
      switch (unit) {
        case MILLIS:
          return value;
        case NANOS:
          return Math.floorDiv(value, 1_000_000L);
        default:
          return Math.floorDiv(value, 1000L);
      }
    }

    @Override
    public void addFloat(float value) {
      out.accept(want.getTypeName() == Schema.TypeName.DOUBLE ? (Object) (double) value : value);
    }

    @Override
    public void addDouble(double value) {
      out.accept(value);
    }

    @Override
    public void addBinary(Binary value) {
      switch (want.getTypeName()) {
        case STRING:
          out.accept(value.toStringUsingUTF8());
          return;
        case BYTES:
          out.accept(value.getBytes().clone());
          return;
        case DATETIME:
          out.accept(new org.joda.time.Instant(int96Millis(value)));
          return;
        default:
          out.accept(new BigDecimal(new BigInteger(value.getBytes()), scale));
      }
    }
  }

  /** An INT96 timestamp (nanoseconds of the day, then the Julian day, little-endian) in ms. */
  static long int96Millis(Binary value) {
    ByteBuffer buffer = value.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    long nanosOfDay = buffer.getLong();
    long julianDay = buffer.getInt() & 0xFFFFFFFFL;
    return (julianDay - JULIAN_DAY_OF_EPOCH) * 86_400_000L + Math.floorDiv(nanosOfDay, 1_000_000L);
  }

  /** A column no wanted field reads. */
  private static final class Discard extends PrimitiveConverter {
    @Override
    public void addBinary(Binary value) {}

    @Override
    public void addBoolean(boolean value) {}

    @Override
    public void addDouble(double value) {}

    @Override
    public void addFloat(float value) {}

    @Override
    public void addInt(int value) {}

    @Override
    public void addLong(long value) {}
  }

  /** A group no wanted field reads. */
  private static final class DiscardGroup extends GroupConverter {
    private final Converter[] children;

    DiscardGroup(Type type) {
      GroupType group = type.asGroupType();
      children = new Converter[group.getFieldCount()];
      for (int i = 0; i < children.length; i++) {
        Type child = group.getType(i);
        children[i] = child.isPrimitive() ? new Discard() : new DiscardGroup(child);
      }
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return children[fieldIndex];
    }

    @Override
    public void start() {}

    @Override
    public void end() {}
  }
}
