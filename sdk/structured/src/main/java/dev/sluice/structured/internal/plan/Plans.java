package dev.sluice.structured.internal.plan;

import javax.annotation.Nullable;

/**
 * Questions about plans that several parts of the facade ask.
 *
 * <pre>{@code
 * Integer ts = Plans.watermarkColumn(plan);   // index of the watermarked column, or null
 * }</pre>
 */
public final class Plans {
  private Plans() {}

  /**
   * The index, in {@code plan}'s rows, of the column a {@code withWatermark} below tracks, if that
   * column survives to {@code plan} under its name (through single-input nodes only); else null.
   */
  @Nullable
  public static Integer watermarkColumn(LogicalPlan plan) {
    if (plan instanceof Watermark) {
      return ((Watermark) plan).columnIndex();
    }
    if (plan.children().size() != 1) {
      return null;
    }
    LogicalPlan child = plan.children().get(0);
    Integer below = watermarkColumn(child);
    if (below == null) {
      return null;
    }
    String name = child.schema().getField(below).getName();
    return plan.schema().hasField(name) ? plan.schema().indexOf(name) : null;
  }
}
