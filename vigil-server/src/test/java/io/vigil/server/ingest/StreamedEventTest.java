package io.vigil.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.event.PredictionEvent;
import io.vigil.schema.Feature;
import io.vigil.schema.FeatureType;
import io.vigil.schema.Schema;
import io.vigil.server.registry.ModelInfo;
import io.vigil.server.registry.ModelRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streamed reader ({@link StreamedEvent}) against the tree reader, which holds the rules: for any body, both give
 * the same accepted events (field for field, features in the same order), the same rejections with the same
 * messages, the same stored text, the same refusal of a malformed body, and leave the registry the same.
 */
class StreamedEventTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

  private static ModelRegistry registry(boolean strict) {
    ModelRegistry r = new ModelRegistry(strict);
    r.register(new ModelInfo("m", ModelInfo.Task.BINARY_CLASSIFICATION, List.of("no", "yes"), Optional.of("yes"),
        new Schema(List.of(new Feature("amount", FeatureType.NUMERIC), new Feature("country", FeatureType.CATEGORICAL),
            new Feature("flag", FeatureType.BOOLEAN))), true));
    return r;
  }

  /** What a reader made of a body, in a form that compares whole (records print every field in order). */
  private static List<String> outcome(PredictionBatchParser parser, ModelRegistry registry, String body) {
    List<String> out = new ArrayList<>();
    try {
      PredictionBatchParser.Batch b = parser.parseReceived(body.getBytes(StandardCharsets.UTF_8), "default-id",
          CLOCK.instant());
      b.accepted().forEach(e -> out.add("accepted " + e));
      b.rejected().forEach(r -> out.add("rejected " + r));
      b.bodies().forEach(t -> out.add("text " + new String(t, StandardCharsets.UTF_8)));
    } catch (MalformedBodyException e) {
      out.add("malformed " + e.getMessage());
    } catch (java.io.IOException e) {
      out.add("io " + e);
    }
    registry.all().forEach(m -> out.add("model " + m.name() + " " + m.schema().features()));
    return out;
  }

  static List<String> assertSame(String body, boolean strict) {
    ModelRegistry treeRegistry = registry(strict);
    ModelRegistry streamRegistry = registry(strict);
    List<String> tree = outcome(new PredictionBatchParser(treeRegistry, CLOCK, Redaction.NONE, false), treeRegistry,
        body);
    List<String> streamed = outcome(new PredictionBatchParser(streamRegistry, CLOCK, Redaction.NONE, true),
        streamRegistry, body);
    assertThat(streamed).as("body %s", body.length() > 3000 ? body.substring(0, 3000) + "…" : body)
        .isEqualTo(tree);
    return tree;
  }

  private static final String[][] FIELDS = {
      {"\"id\"", "\"e#\"", "null", "123", "\"\"", "\"  \"", "\"" + "i".repeat(257) + "\""},
      {"\"model\"", "\"m\"", "\"m\"", "\"m2\"", "null", "5", "\"\"", "[\"m\"]"},
      {"\"version\"", "\"v1\"", "null", "true", "\"\""},
      {"\"timestamp\"", "\"2026-11-22T09:00:00Z\"", "1763802000000", "\"bad\"", "\"1999-01-01T00:00:00Z\"", "12",
          "null", "1.5", "99999999999999999999", "\"2026-11-22T09:00:00+02:00\""},
      {"\"status\"", "\"ok\"", "\"error\"", "\"weird\"", "null", "1"},
      {"\"error\"", "\"timeout\"", "\"\"", "3", "null"},
      {"\"prediction\"", "\"yes\"", "1", "1.5", "true", "null", "NaN", "{\"a\": 1}", "[1]",
          "12345678901234567890123", "\"" + "p".repeat(5000) + "\"", "-0", "1e400"},
      {"\"scores\"", "{\"yes\": 0.7, \"no\": 0.3}", "{\"yes\": 1.5}", "{\"yes\": \"x\"}", "{\"yes\": null}", "[]",
          "null", "{\"yes\": 1, \"yes\": 0}", "{}", "\"s\""},
      {"\"confidence\"", "0.5", "1", "2", "-1", "\"x\"", "null", "NaN", "-0.0"},
      {"\"latency_ms\"", "12", "12.5", "-1", "\"x\"", "null", "Infinity", "1e308"},
      {"\"consumer\"", "\"app\"", "\"\"", "5", "null"},
      {"\"segments\"", "{\"region\": \"eu\"}", "{\"region\": 1}", "{\"region\": null}", "{\"r\": {\"x\": 1}}", "null",
          "\"x\"", "{\"r\": \"" + "s".repeat(4097) + "\"}", "{\"a\": \"1\", \"a\": \"2\"}"},
      {"\"extra\"", "{\"deep\": [1, {\"a\": \"b\"}]}", "\"text\"", "[[[]]]", "null"},
  };

  private static final String[] FEATURE_VALUES = {
      "\"amount\": 12.5", "\"amount\": 3", "\"amount\": \"x\"", "\"amount\": null", "\"amount\": NaN",
      "\"amount\": {}", "\"amount\": 1e999", "\"amount\": 123456789012345678901234567890", "\"amount\": true",
      "\"country\": \"DE\"", "\"country\": 7", "\"country\": 7.5", "\"country\": false", "\"country\": \"\"",
      "\"country\": [\"DE\"]", "\"flag\": true", "\"flag\": \"yes\"", "\"flag\": 0",
      "\"new_feature\": 1.0", "\"new_text\": \"a\"", "\"new_null\": null", "\"new_object\": {\"a\": 1}",
  };

  /** A random event: mostly the first (valid) choice of each field, often another, sometimes a field twice. */
  private static String event(Random random, int n) {
    List<String> parts = new ArrayList<>();
    for (String[] field : FIELDS) {
      int pick = random.nextInt(10) == 0 ? 1 + random.nextInt(field.length - 1) : 1;
      if (random.nextInt(4) == 0) {
        continue;   // absent
      }
      parts.add(field[0] + ": " + field[pick].replace("#", Integer.toString(n)));
      if (random.nextInt(40) == 0) {
        parts.add(field[0] + ": " + field[1 + random.nextInt(field.length - 1)]);
      }
    }
    int at = random.nextInt(parts.size() + 1);
    int shape = random.nextInt(12);
    if (shape == 0) {
      parts.add(at, "\"features\": null");
    } else if (shape == 1) {
      parts.add(at, "\"features\": [1, 2]");
    } else if (shape != 2) {
      List<String> features = new ArrayList<>();
      features.add("\"amount\": " + random.nextGaussian());
      features.add("\"country\": \"" + (random.nextBoolean() ? "DE" : "FR") + "\"");
      features.add("\"flag\": " + random.nextBoolean());
      if (random.nextInt(3) == 0) {
        features.set(random.nextInt(3), FEATURE_VALUES[random.nextInt(FEATURE_VALUES.length)]);
      }
      if (random.nextInt(5) == 0) {
        features.add(random.nextInt(features.size() + 1), FEATURE_VALUES[random.nextInt(FEATURE_VALUES.length)]);
      }
      java.util.Collections.shuffle(features, random);
      parts.add(at, "\"features\": {" + String.join(", ", features) + "}");
    }
    return "{" + String.join(", ", parts) + "}";
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void randomBatchesReadTheSameStreamedAsAsATree(boolean strict) {
    Random random = new Random(strict ? 2 : 1);
    int accepted = 0;
    int rejected = 0;
    for (int batch = 0; batch < 300; batch++) {
      List<String> events = new ArrayList<>();
      int size = 1 + random.nextInt(20);
      for (int i = 0; i < size; i++) {
        events.add(random.nextInt(50) == 0 ? "[1, 2]" : event(random, batch * 100 + i));
      }
      String body = random.nextBoolean() ? "[" + String.join(",\n", events) + "]" : String.join("\n", events);
      for (String line : assertSame(body, strict)) {
        accepted += line.startsWith("accepted") ? 1 : 0;
        rejected += line.startsWith("rejected") ? 1 : 0;
      }
    }
    // both kinds in numbers: the comparison covered the valid events and many ways of being invalid
    assertThat(accepted).isGreaterThan(500);
    assertThat(rejected).isGreaterThan(500);
  }

  @Test
  void theUsualEventIsReadStreamedAndSoAreItsRepeats() {
    String event = "{\"id\": \"a\", \"model\": \"m\", \"version\": \"v1\", \"timestamp\": \"2026-11-22T09:00:00Z\","
        + " \"features\": {\"amount\": 1.5, \"country\": \"DE\", \"flag\": false, \"gone\": null},"
        + " \"prediction\": \"yes\", \"scores\": {\"yes\": 0.8, \"no\": 0.2}, \"latency_ms\": 4, \"consumer\": \"app\","
        + " \"segments\": {\"region\": \"eu\"}, \"unknown\": {\"x\": [1, 2]}}";
    assertSame("[" + event + ", " + event + "]", false);
    ModelRegistry registry = registry(false);
    StreamedEvent streamed = new StreamedEvent(registry);
    try (com.fasterxml.jackson.core.JsonParser p = JsonBatch.MAPPER.createParser(event)) {
      p.nextToken();
      PredictionEvent e = streamed.read(p, null, CLOCK.instant());
      assertThat(e).as("read without a tree").isNotNull();
      assertThat(e.features()).containsExactly(java.util.Map.entry("amount", 1.5), java.util.Map.entry("country", "DE"),
          java.util.Map.entry("flag", false), new java.util.AbstractMap.SimpleEntry<>("gone", null));
      assertThat(p.currentToken()).isEqualTo(com.fasterxml.jackson.core.JsonToken.END_OBJECT);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void limitsHoldInFieldsTheStreamedReaderSkips() {
    String base = "{\"model\": \"m\", \"features\": {\"amount\": 1}, \"skipped\": ";
    assertSame(base + "\"" + "x".repeat(JsonBatch.MAX_STRING + 1) + "\"}", false);
    assertSame(base + "[\"" + "x".repeat(JsonBatch.MAX_STRING + 1) + "\"]}", false);
    assertSame(base + "1" + "0".repeat(1000) + "}", false);
    assertSame(base + "[".repeat(40) + "]".repeat(40) + "}", false);
    assertSame(base + "{\"a\": tru}}", false);
    assertSame("[" + base + "1}, " + base + "\"" + "y".repeat(JsonBatch.MAX_STRING + 1) + "\"}]", false);
  }
}
