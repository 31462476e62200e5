package dev.sluice.structured.types;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.sluice.structured.AnalysisException;
import java.util.List;
import org.junit.Test;

/** Spark's StructType API: building, names, printing, DDL, equality. */
public class StructTypeTest {
  /** Seed 001's event schema, as Spark Java code writes it. */
  private static final StructType EVENTS =
      new StructType(
          new StructField[] {
            new StructField("id", DataTypes.IntegerType, false, Metadata.empty()),
            new StructField("name", DataTypes.StringType, true, Metadata.empty()),
            new StructField("value", DataTypes.DoubleType, true, Metadata.empty()),
            new StructField("timestamp", DataTypes.StringType, true, Metadata.empty())
          });

  @Test
  public void fluentAddFormsGiveTheSameSchemaAsFields() {
    StructType added =
        new StructType()
            .add("id", DataTypes.IntegerType, false)
            .add("name", DataTypes.StringType)
            .add("value", "double")
            .add(DataTypes.createStructField("timestamp", DataTypes.StringType, true));
    assertEquals(EVENTS, added);
    assertEquals(EVENTS.hashCode(), added.hashCode());
    assertEquals(
        EVENTS,
        DataTypes.createStructType(
            List.of(
                DataTypes.createStructField("id", DataTypes.IntegerType, false),
                DataTypes.createStructField("name", DataTypes.StringType, true),
                DataTypes.createStructField("value", DataTypes.DoubleType, true),
                DataTypes.createStructField("timestamp", DataTypes.StringType, true))));
    assertNotEquals(EVENTS, new StructType().add("id", DataTypes.IntegerType));
  }

  @Test
  public void namesAndLookups() {
    assertArrayEquals(new String[] {"id", "name", "value", "timestamp"}, EVENTS.fieldNames());
    assertArrayEquals(EVENTS.fieldNames(), EVENTS.names());
    assertEquals(4, EVENTS.length());
    assertEquals(4, EVENTS.size());
    assertEquals(DataTypes.DoubleType, EVENTS.apply("value").dataType());
    assertEquals("name", EVENTS.apply(1).name());
    assertEquals(2, EVENTS.fieldIndex("value"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> EVENTS.apply("ts"));
    assertEquals(
        "No such struct field `ts` in `id`, `name`, `value`, `timestamp`.", e.getMessage());
    int n = 0;
    for (StructField f : EVENTS) {
      n += f.name().length();
    }
    assertEquals(20, n); // id name value timestamp
  }

  @Test
  public void stringsAsSparkPrintsThem() {
    assertEquals("struct<id:int,name:string,value:double,timestamp:string>", EVENTS.simpleString());
    assertEquals(EVENTS.simpleString(), EVENTS.catalogString());
    assertEquals(
        "STRUCT<id: INT NOT NULL, name: STRING, value: DOUBLE, timestamp: STRING>", EVENTS.sql());
    assertEquals("id INT NOT NULL,name STRING,value DOUBLE,timestamp STRING", EVENTS.toDDL());
    assertEquals(
        "StructType(StructField(id,IntegerType,false),StructField(name,StringType,true),"
            + "StructField(value,DoubleType,true),StructField(timestamp,StringType,true))",
        EVENTS.toString());
    assertEquals(
        "root\n"
            + " |-- id: integer (nullable = false)\n"
            + " |-- name: string (nullable = true)\n"
            + " |-- value: double (nullable = true)\n"
            + " |-- timestamp: string (nullable = true)\n",
        EVENTS.treeString());
  }

  @Test
  public void nestedTypesPrintTheirTree() {
    StructType nested =
        new StructType()
            .add("tags", DataTypes.createArrayType(DataTypes.StringType, false))
            .add("counts", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType))
            .add("window", new StructType().add("start", DataTypes.TimestampType))
            .add("price", DataTypes.createDecimalType(10, 2))
            .add("`odd` name", DataTypes.DateType);
    assertEquals(
        "root\n"
            + " |-- tags: array (nullable = true)\n"
            + " |    |-- element: string (containsNull = false)\n"
            + " |-- counts: map (nullable = true)\n"
            + " |    |-- key: string\n"
            + " |    |-- value: long (valueContainsNull = true)\n"
            + " |-- window: struct (nullable = true)\n"
            + " |    |-- start: timestamp (nullable = true)\n"
            + " |-- price: decimal(10,2) (nullable = true)\n"
            + " |-- `odd` name: date (nullable = true)\n",
        nested.treeString());
    assertEquals(
        "tags ARRAY<STRING>,counts MAP<STRING, BIGINT>,window STRUCT<start: TIMESTAMP>,"
            + "price DECIMAL(10,2),```odd`` name` DATE",
        nested.toDDL());
    assertEquals(
        "struct<tags:array<string>,counts:map<string,bigint>,window:struct<start:timestamp>,"
            + "price:decimal(10,2),`odd` name:date>",
        nested.simpleString());
  }

  @Test
  public void ddlRoundTrips() {
    StructType commented =
        new StructType()
            .add("id", DataTypes.IntegerType, false, "the id")
            .add("tags", "array<string>");
    assertEquals("id INT NOT NULL COMMENT 'the id',tags ARRAY<STRING>", commented.toDDL());
    assertEquals(commented, StructType.fromDDL(commented.toDDL()));
    assertEquals(EVENTS, StructType.fromDDL(EVENTS.toDDL()));
    assertEquals("the id", commented.apply("id").getComment().get());
    assertFalse(commented.apply("tags").getComment().isPresent());
    assertEquals(
        DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType),
        DataType.fromDDL("map<string,int>"));
    assertEquals(new StructType().add("a", DataTypes.LongType), DataType.fromDDL("a BIGINT"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DataType.fromDDL("strng"));
    assertTrue(e.getMessage(), e.getMessage().contains("unknown data type 'strng'"));
  }

  @Test
  public void decimalsAreCheckedAsSpark() {
    assertEquals(new DecimalType(10, 0), DataTypes.createDecimalType());
    assertEquals("decimal(38,18)", DecimalType.SYSTEM_DEFAULT.simpleString());
    assertEquals("DecimalType(5,2)", new DecimalType(5, 2).toString());
    AnalysisException e = assertThrows(AnalysisException.class, () -> new DecimalType(39, 0));
    assertTrue(e.getMessage(), e.getMessage().contains("between 1 and 38"));
    assertThrows(AnalysisException.class, () -> new DecimalType(5, 6));
  }

  @Test
  public void atomicTypesAreValues() {
    assertEquals("integer", DataTypes.IntegerType.typeName());
    assertEquals("bigint", DataTypes.LongType.simpleString());
    assertEquals("SMALLINT", DataTypes.ShortType.sql());
    assertEquals("tinyint", DataTypes.ByteType.simpleString());
    assertEquals("timestamp_ntz", DataTypes.TimestampNTZType.typeName());
    assertEquals("StringType", DataTypes.StringType.toString());
    assertTrue(DataTypes.StringType instanceof StringType);
    assertNotEquals(DataTypes.StringType, DataTypes.BinaryType);
    assertEquals(
        "ArrayType(IntegerType,true)", DataTypes.createArrayType(DataTypes.IntegerType).toString());
    assertEquals(
        "MapType(StringType,LongType,false)",
        DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, false).toString());
  }

  @Test
  public void metadataKeepsTypedValues() {
    Metadata m =
        new MetadataBuilder()
            .putString("comment", "say \"hi\"")
            .putLong("n", 2)
            .putDouble("d", 0.5)
            .putBoolean("b", true)
            .build();
    assertEquals("{\"comment\":\"say \\\"hi\\\"\",\"n\":2,\"d\":0.5,\"b\":true}", m.json());
    assertEquals(2L, m.getLong("n"));
    assertEquals(0.5, m.getDouble("d"), 0);
    assertTrue(m.getBoolean("b"));
    assertThrows(java.util.NoSuchElementException.class, () -> m.getString("n"));
    assertEquals(
        Metadata.empty(),
        new MetadataBuilder()
            .withMetadata(m)
            .remove("comment")
            .remove("n")
            .remove("d")
            .remove("b")
            .build());
  }
}
