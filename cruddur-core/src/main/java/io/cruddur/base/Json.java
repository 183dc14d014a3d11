package io.cruddur.base;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** JSON documents (IAM policies) in canonical form: parsed and written back with sorted keys, no spaces. */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private Json() {}

  public static String canonical(String json) {
    if (json == null) {
      return null;
    }
    try {
      JsonNode node = MAPPER.readTree(json);
      Object plain = MAPPER.treeToValue(node, Object.class);
      return MAPPER.writeValueAsString(plain);
    } catch (JsonProcessingException e) {
      throw new CruddurException("not a JSON document: " + e.getOriginalMessage(), e);
    }
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new CruddurException("cannot write JSON: " + e.getMessage(), e);
    }
  }
}
