package dev.sluice.structured.types;

import java.util.Locale;

/**
 * A type without parameters: string, numbers, boolean, binary, date and timestamps. Two atomic
 * types are equal when they are the same kind; use the singletons of {@link DataTypes}.
 *
 * <pre>{@code
 * DataTypes.IntegerType.typeName();       // "integer"
 * DataTypes.IntegerType.simpleString();   // "int"
 * DataTypes.IntegerType.toString();       // "IntegerType"
 * }</pre>
 */
public abstract class AtomicType extends DataType {
  private final String typeName;
  private final String simpleString;

  AtomicType(String typeName, String simpleString) {
    this.typeName = typeName;
    this.simpleString = simpleString;
  }

  @Override
  public String typeName() {
    return typeName;
  }

  @Override
  public String simpleString() {
    return simpleString;
  }

  @Override
  public String sql() {
    return simpleString.toUpperCase(Locale.ROOT);
  }

  @Override
  public boolean equals(Object o) {
    return o != null && o.getClass() == getClass();
  }

  @Override
  public int hashCode() {
    return getClass().getSimpleName().hashCode();
  }

  /** The Scala object's name, as Spark prints it: {@code StringType}. */
  @Override
  public String toString() {
    return getClass().getSimpleName();
  }
}
