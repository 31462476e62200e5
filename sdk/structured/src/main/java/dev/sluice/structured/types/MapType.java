package dev.sluice.structured.types;

import java.util.Objects;

/**
 * Spark's {@code MapType(keyType, valueType, valueContainsNull)}: keys (never null) to values
 * ({@code Map} in rows).
 *
 * <pre>{@code
 * MapType counts = DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType);
 * counts.simpleString();   // "map<string,bigint>"
 * counts.sql();            // "MAP<STRING, BIGINT>"
 * }</pre>
 */
public final class MapType extends DataType {
  private final DataType keyType;
  private final DataType valueType;
  private final boolean valueContainsNull;

  /** A map from {@code keyType} to {@code valueType}; values may be null if so declared. */
  public MapType(DataType keyType, DataType valueType, boolean valueContainsNull) {
    this.keyType = Objects.requireNonNull(keyType, "keyType");
    this.valueType = Objects.requireNonNull(valueType, "valueType");
    this.valueContainsNull = valueContainsNull;
  }

  /** The keys' type. */
  public DataType keyType() {
    return keyType;
  }

  /** The values' type. */
  public DataType valueType() {
    return valueType;
  }

  /** True if values may be null. */
  public boolean valueContainsNull() {
    return valueContainsNull;
  }

  @Override
  public String typeName() {
    return "map";
  }

  @Override
  public String simpleString() {
    return "map<" + keyType.simpleString() + "," + valueType.simpleString() + ">";
  }

  @Override
  public String sql() {
    return "MAP<" + keyType.sql() + ", " + valueType.sql() + ">";
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof MapType)) {
      return false;
    }
    MapType m = (MapType) o;
    return m.keyType.equals(keyType)
        && m.valueType.equals(valueType)
        && m.valueContainsNull == valueContainsNull;
  }

  @Override
  public int hashCode() {
    return Objects.hash("map", keyType, valueType, valueContainsNull);
  }

  @Override
  public String toString() {
    return "MapType(" + keyType + "," + valueType + "," + valueContainsNull + ")";
  }
}
