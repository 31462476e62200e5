package dev.sluice.structured.internal.types;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.sluice.io.schema.DdlSchema;
import dev.sluice.io.schema.SparkTypes;
import dev.sluice.structured.AnalysisException;
import dev.sluice.structured.types.DataTypes;
import dev.sluice.structured.types.DecimalType;
import dev.sluice.structured.types.StructType;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.junit.Test;

/** Every Spark type to its Beam type and back; the DDL parser agrees with the public types. */
public class BeamTypesTest {
  private static final String ALL =
      "s STRING NOT NULL COMMENT 'text', b BOOLEAN, t TINYINT, sm SMALLINT, i INT, l BIGINT,"
          + " f FLOAT, d DOUBLE, dec DECIMAL(10,2), bin BINARY, dt DATE, ts TIMESTAMP,"
          + " ntz TIMESTAMP_NTZ, a ARRAY<INT>, m MAP<STRING, DOUBLE>,"
          + " st STRUCT<x: INT NOT NULL, y: ARRAY<STRING>>";

  @Test
  public void everyTypeRoundTripsThroughBeam() {
    Schema beam = DdlSchema.parse(ALL);
    StructType struct = BeamTypes.fromBeam(beam);
    assertEquals(beam, BeamTypes.toBeam(struct));
    assertEquals(StructType.fromDDL(ALL), struct);
    assertEquals("text", struct.apply("s").getComment().get());
    assertEquals("text", BeamTypes.toBeam(struct).getField("s").getDescription());
    assertEquals(FieldType.INT16, BeamTypes.toBeam(DataTypes.ShortType));
    assertEquals(SparkTypes.decimal(10, 2), BeamTypes.toBeam(DataTypes.createDecimalType(10, 2)));
  }

  @Test
  public void beamOnlyTypesMapToTheNearestSparkType() {
    assertEquals(DecimalType.SYSTEM_DEFAULT, BeamTypes.fromBeam(FieldType.DECIMAL));
    assertEquals(
        DataTypes.createArrayType(DataTypes.StringType, false),
        BeamTypes.fromBeam(FieldType.iterable(FieldType.STRING)));
  }

  @Test
  public void otherNamesAndDuplicates() {
    Schema beam = DdlSchema.parse("event_time TIMESTAMP, event_time_1 TIMESTAMP");
    StructType shown = BeamTypes.fromBeam(beam, List.of("event_time", "event_time"));
    assertEquals("struct<event_time:timestamp,event_time:timestamp>", shown.simpleString());
    AnalysisException e = assertThrows(AnalysisException.class, () -> BeamTypes.toBeam(shown));
    assertTrue(e.getMessage(), e.getMessage().contains("`event_time` appears twice"));
  }
}
