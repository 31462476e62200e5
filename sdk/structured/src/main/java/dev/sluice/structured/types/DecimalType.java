package dev.sluice.structured.types;

import dev.sluice.structured.AnalysisException;

/**
 * Spark's {@code DecimalType(precision, scale)}: exact decimals of at most {@code precision}
 * digits, {@code scale} of them after the point ({@code BigDecimal} in rows).
 *
 * <pre>{@code
 * DataType price = DataTypes.createDecimalType(10, 2);
 * price.simpleString();                   // "decimal(10,2)"
 * DataTypes.createDecimalType();          // DecimalType(10,0), Spark's default
 * }</pre>
 */
public final class DecimalType extends DataType {
  /** The largest precision (and scale): 38. */
  public static final int MAX_PRECISION = 38;

  /** The largest scale: 38. */
  public static final int MAX_SCALE = 38;

  /** {@code decimal(38,18)}, the type of a Java {@code BigDecimal}. */
  public static final DecimalType SYSTEM_DEFAULT = new DecimalType(MAX_PRECISION, 18);

  /** {@code decimal(10,0)}, the type of {@code DECIMAL} without a precision. */
  public static final DecimalType USER_DEFAULT = new DecimalType(10, 0);

  private final int precision;
  private final int scale;

  /**
   * {@code decimal(precision, scale)}.
   *
   * @throws AnalysisException unless {@code 1 <= precision <= 38} and {@code 0 <= scale <=
   *     precision}
   */
  public DecimalType(int precision, int scale) {
    if (precision < 1 || precision > MAX_PRECISION) {
      throw new AnalysisException(
          "Decimal precision "
              + precision
              + " is out of range: it must be between 1 and "
              + MAX_PRECISION
              + ", e.g. DataTypes.createDecimalType(10, 2)");
    }
    if (scale < 0 || scale > precision) {
      throw new AnalysisException(
          "Decimal scale "
              + scale
              + " is out of range: it must be between 0 and the precision "
              + precision
              + ", e.g. DataTypes.createDecimalType("
              + precision
              + ", "
              + Math.min(2, precision)
              + ")");
    }
    this.precision = precision;
    this.scale = scale;
  }

  /** {@code decimal(precision, 0)}. */
  public DecimalType(int precision) {
    this(precision, 0);
  }

  /** Digits in all. */
  public int precision() {
    return precision;
  }

  /** Digits after the point. */
  public int scale() {
    return scale;
  }

  @Override
  public String typeName() {
    return "decimal(" + precision + "," + scale + ")";
  }

  @Override
  public String simpleString() {
    return typeName();
  }

  @Override
  public String sql() {
    return "DECIMAL(" + precision + "," + scale + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DecimalType
        && ((DecimalType) o).precision == precision
        && ((DecimalType) o).scale == scale;
  }

  @Override
  public int hashCode() {
    return 31 * precision + scale;
  }

  @Override
  public String toString() {
    return "DecimalType(" + precision + "," + scale + ")";
  }
}
