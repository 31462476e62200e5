package dev.sluice.io.parquet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.io.schema.DdlSchema;
import dev.sluice.io.schema.SparkTypes;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;

/**
 * Spark's JSON form of a schema ({@code StructType.json}), which Spark stores in every Parquet file
 * it writes under {@link #METADATA_KEY} and prefers over the Parquet schema when reading.
 *
 * <pre>{@code
 * SparkSchemaJson.toJson(DdlSchema.parse("id INT"));
 * // {"type":"struct","fields":[{"name":"id","type":"integer","nullable":true,"metadata":{}}]}
 * }</pre>
 */
public final class SparkSchemaJson {
  /** The key of Spark's schema in a Parquet file's key-value metadata. */
  public static final String METADATA_KEY = "org.apache.spark.sql.parquet.row.metadata";

  private static final ObjectMapper JSON = new ObjectMapper();

  private SparkSchemaJson() {}

  /** Spark's {@code StructType.json} of {@code schema}. */
  public static String toJson(Schema schema) {
    try {
      return JSON.writeValueAsString(struct(schema));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write schema JSON", e);
    }
  }

  private static ObjectNode struct(Schema schema) {
    ObjectNode node = JSON.createObjectNode();
    node.put("type", "struct");
    ArrayNode fields = node.putArray("fields");
    for (Schema.Field field : schema.getFields()) {
      ObjectNode f = fields.addObject();
      f.put("name", field.getName());
      f.set("type", type(field.getType()));
      f.put("nullable", field.getType().getNullable());
      f.putObject("metadata");
    }
    return node;
  }

  private static JsonNode type(FieldType type) {
    switch (type.getTypeName()) {
      case ROW:
        return struct(type.getRowSchema());
      case ARRAY:
      case ITERABLE:
        {
          ObjectNode node = JSON.createObjectNode();
          node.put("type", "array");
          node.set("elementType", type(type.getCollectionElementType()));
          node.put("containsNull", type.getCollectionElementType().getNullable());
          return node;
        }
      case MAP:
        {
          ObjectNode node = JSON.createObjectNode();
          node.put("type", "map");
          node.set("keyType", type(type.getMapKeyType()));
          node.set("valueType", type(type.getMapValueType()));
          node.put("valueContainsNull", type.getMapValueType().getNullable());
          return node;
        }
      default:
        return JSON.getNodeFactory().textNode(SparkTypes.typeName(type));
    }
  }

  /**
   * The schema of Spark's JSON form.
   *
   * @throws IllegalArgumentException if it is not a Spark struct type
   */
  public static Schema fromJson(String json) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not a Spark schema JSON: " + e.getOriginalMessage(), e);
    }
    FieldType type = parse(node);
    if (type.getTypeName() != Schema.TypeName.ROW) {
      throw new IllegalArgumentException("Not a Spark struct schema: " + json);
    }
    return type.getRowSchema();
  }

  private static FieldType parse(JsonNode node) {
    if (node.isTextual()) {
      return DdlSchema.parseType(node.asText());
    }
    String kind = node.path("type").asText();
    switch (kind) {
      case "struct":
        {
          Schema.Builder builder = Schema.builder();
          for (JsonNode field : node.path("fields")) {
            builder.addField(
                field.path("name").asText(),
                parse(field.path("type")).withNullable(field.path("nullable").asBoolean(true)));
          }
          return FieldType.row(builder.build());
        }
      case "array":
        return FieldType.array(
            parse(node.path("elementType"))
                .withNullable(node.path("containsNull").asBoolean(true)));
      case "map":
        return FieldType.map(
            parse(node.path("keyType")).withNullable(false),
            parse(node.path("valueType"))
                .withNullable(node.path("valueContainsNull").asBoolean(true)));
      default:
        throw new IllegalArgumentException("Unknown Spark type in schema JSON: " + node);
    }
  }
}
