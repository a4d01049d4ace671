package io.vigil.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-written JSON writer, checked by parsing its output with Jackson. */
class JsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String write(Object value) {
    StringBuilder out = new StringBuilder();
    Json.appendValue(out, value);
    return out.toString();
  }

  @Test
  void escapesEveryCharacterJsonForbidsRaw() throws Exception {
    StringBuilder text = new StringBuilder("quote\" backslash\\ slash/ unicode é 😀 ");
    for (char c = 0; c < 0x20; c++) {
      text.append(c);
    }
    text.append('\u2028').append('\u2029');
    String written = write(text.toString());
    assertThat(JSON.readTree(written).asText()).isEqualTo(text.toString());
    assertThat(written).doesNotContain("\n", "\r", "\u2028").contains("\\u0001", "\\u2028");
  }

  @Test
  void writesNumbersAndMapsNonFiniteToNull() throws Exception {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("int", 3);
    map.put("long", Long.MAX_VALUE);
    map.put("double", 0.1);
    map.put("big", 1e300);
    map.put("tiny", -4.9e-324);
    map.put("nan", Double.NaN);
    map.put("inf", Float.POSITIVE_INFINITY);
    map.put("decimal", new BigDecimal("1.50"));
    map.put("bool", false);
    map.put("none", null);
    JsonNode node = JSON.readTree(write(map));
    assertThat(node.get("int").asInt()).isEqualTo(3);
    assertThat(node.get("long").asLong()).isEqualTo(Long.MAX_VALUE);
    assertThat(node.get("double").asDouble()).isEqualTo(0.1);
    assertThat(node.get("big").asDouble()).isEqualTo(1e300);
    assertThat(node.get("tiny").asDouble()).isEqualTo(-4.9e-324);
    assertThat(node.get("nan").isNull()).isTrue();
    assertThat(node.get("inf").isNull()).isTrue();
    assertThat(write(map)).contains("\"decimal\":1.50");
    assertThat(node.get("bool").asBoolean()).isFalse();
    assertThat(node.get("none").isNull()).isTrue();
  }

  @Test
  void writesCollectionsArraysAndUnknownTypesAsText() throws Exception {
    JsonNode node = JSON.readTree(write(Map.of("list", List.of(1, "a"), "doubles", new double[] {1.5, 2},
        "nested", Map.of(7, Arrays.asList((Object) null)), "enum", Thread.State.NEW, "other", new StringBuilder("sb"))));
    assertThat(node.get("list").toString()).isEqualTo("[1,\"a\"]");
    assertThat(node.get("doubles").toString()).isEqualTo("[1.5,2.0]");
    assertThat(node.get("nested").get("7").toString()).isEqualTo("[null]");
    assertThat(node.get("enum").asText()).isEqualTo("NEW");
    assertThat(node.get("other").asText()).isEqualTo("sb");
  }
}
