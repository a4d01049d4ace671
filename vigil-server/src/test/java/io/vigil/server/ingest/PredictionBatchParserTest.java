package io.vigil.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.event.PredictionEvent;
import io.vigil.schema.FeatureType;
import io.vigil.server.registry.ModelRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PredictionBatchParserTest {

  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  final ModelRegistry registry = new ModelRegistry(false);
  final PredictionBatchParser parser = new PredictionBatchParser(registry, Clock.fixed(NOW, ZoneOffset.UTC));

  PredictionBatchParser.Batch parse(String body) throws IOException {
    return parser.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
  }

  static final String GOOD = "{\"id\": \"r-1\", \"model\": \"fraud\", \"version\": \"v3\","
      + " \"timestamp\": \"2026-11-22T10:00:00Z\", \"features\": {\"amount\": 12.5, \"country\": \"DE\","
      + " \"age\": null, \"vip\": true}, \"prediction\": \"fraud\", \"scores\": {\"fraud\": 0.91, \"ok\": 0.09},"
      + " \"latency_ms\": 12.5, \"status\": \"ok\", \"consumer\": \"checkout\", \"segments\": {\"region\": \"eu\"}}";

  @Test
  void readsTheSpecExampleWithEveryField() throws IOException {
    PredictionEvent e = parse("[" + GOOD + "]").accepted().get(0);
    assertThat(e.id()).isEqualTo("r-1");
    assertThat(e.version()).isEqualTo("v3");
    assertThat(e.timestamp()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
    assertThat(e.features()).containsEntry("amount", 12.5).containsEntry("country", "DE").containsEntry("vip", true)
        .containsKey("age");
    assertThat(e.confidence().getAsDouble()).isEqualTo(0.91);
    assertThat(e.consumer()).contains("checkout");
    assertThat(e.segments()).containsEntry("region", "eu");
    assertThat(registry.find("fraud").orElseThrow().schema().feature("amount").orElseThrow().type())
        .isEqualTo(FeatureType.NUMERIC);
  }

  @Test
  void keepsEachAcceptedEventsTextAsSentAndReadsItBackTheSame() throws IOException {
    String body = "[ " + GOOD + " ,\n 17, {\"model\": \"m\", \"features\": {\"x\": 1, \"city\": \"Zürich ✓\"}}\n,"
        + "{\"model\": \"m\"}]";
    PredictionBatchParser.Batch b = parse(body);
    assertThat(b.accepted()).hasSize(2);
    assertThat(b.rejected()).extracting(PredictionBatchParser.Rejection::index).containsExactly(1, 3);
    assertThat(b.bodies()).hasSize(2);
    assertThat(new String(b.bodies().get(0), StandardCharsets.UTF_8)).isEqualTo(GOOD);
    assertThat(new String(b.bodies().get(1), StandardCharsets.UTF_8)).endsWith("\"Zürich ✓\"}}");
    for (int i = 0; i < 2; i++) {
      PredictionEvent sent = b.accepted().get(i);
      PredictionEvent stored = parser.parseStored(b.bodies().get(i), sent.id(), sent.timestamp()).accepted().get(0);
      assertThat(stored).isEqualTo(sent);   // the generated id and the receive time come back from the log's columns
    }
    PredictionBatchParser.Batch ndjson = parse(GOOD + "\n" + GOOD.replace("r-1", "r-2") + "\n");
    assertThat(new String(ndjson.bodies().get(1), StandardCharsets.UTF_8)).contains("\"r-2\"").startsWith("{")
        .endsWith("}");
  }

  @Test
  void appliesTheSpecDefaults() throws IOException {
    PredictionEvent e = parse("{\"model\": \"m\", \"features\": {\"x\": 1}}").accepted().get(0);
    assertThat(e.id()).hasSize(36);
    assertThat(e.version()).isEqualTo("default");
    assertThat(e.timestamp()).isEqualTo(NOW);
    assertThat(parse("{\"model\": \"m\", \"features\": {\"x\": 1}, \"timestamp\": 1795000000000}").accepted()
        .get(0).timestamp()).isEqualTo(Instant.ofEpochMilli(1795000000000L));
  }

  @Test
  void ndjsonAndArraysAreBothBatches() throws IOException {
    assertThat(parse(GOOD + "\n" + GOOD + "\n").accepted()).hasSize(2);
    assertThat(parse("[" + GOOD + "," + GOOD + "]").accepted()).hasSize(2);
    assertThat(parse("[]").accepted()).isEmpty();
  }

  @Test
  void anErrorEventNeedsNoFeatures() throws IOException {
    PredictionEvent e = parse("{\"model\": \"m\", \"status\": \"error\", \"error\": \"timeout\"}").accepted().get(0);
    assertThat(e.status()).isEqualTo(PredictionEvent.Status.ERROR);
    assertThat(e.error()).contains("timeout");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "{\"features\": {\"x\": 1}}                                             | model: required",
    "{\"model\": 7, \"features\": {\"x\": 1}}                               | model: expected string, got number",
    "{\"model\": \"\", \"features\": {\"x\": 1}}                            | model: expected 1 to 256",
    "{\"model\": \"m\"}                                                     | features: required",
    "{\"model\": \"m\", \"features\": [1, 2]}                               | features: expected an object, got array",
    "{\"model\": \"m\", \"features\": {\"x\": \"a\"}}                       | features.x: expected number, got string",
    "{\"model\": \"m\", \"features\": {\"x\": NaN}}                         | features.x: expected a finite number",
    "{\"model\": \"m\", \"features\": {\"x\": 1e400}}                       | features.x: expected a finite number",
    "{\"model\": \"m\", \"features\": {\"x\": {\"y\": 1}}}                  | features.x: expected a number, string or boolean",
    "{\"model\": \"m\", \"features\": {\"x\": 1}, \"scores\": {\"a\": 1.5}} | scores.a: expected a probability",
    "{\"model\": \"m\", \"features\": {\"x\": 1}, \"latency_ms\": -3}       | latency_ms: expected a number ≥ 0",
    "{\"model\": \"m\", \"features\": {\"x\": 1}, \"latency_ms\": \"fast\"} | latency_ms: expected number, got string",
    "{\"model\": \"m\", \"features\": {\"x\": 1}, \"confidence\": 2}        | confidence: expected a number in [0, 1]",
    "{\"model\": \"m\", \"features\": {\"x\": 1}, \"status\": \"maybe\"}    | status: expected",
    "{\"model\": \"m\", \"features\": {\"x\": 1}, \"timestamp\": \"yesterday\"} | timestamp: expected ISO-8601",
    "{\"model\": \"m\", \"features\": {\"x\": 1}, \"timestamp\": 1795000000} | timestamp: 1970",
    "{\"model\": \"m\", \"features\": {\"x\": 1}, \"prediction\": [1]}      | prediction: expected a class label",
    "{\"model\": \"m\", \"features\": {}}                                   | features: required",
    "[1]                                                                   | expected a JSON object, got array",
  })
  void rejectsOneEventNamingTheField(String event, String message) throws IOException {
    parse("{\"model\": \"m\", \"features\": {\"x\": 1}}");   // the schema: x is numeric
    PredictionBatchParser.Batch b = parse("[" + GOOD + ", " + event + "]");
    assertThat(b.accepted()).hasSize(1);
    assertThat(b.rejected()).singleElement().satisfies(r -> {
      assertThat(r.index()).isEqualTo(1);
      assertThat(r.error()).contains(message.trim());
    });
  }

  @Test
  void veryLongValuesAreRejectedPerEvent() throws IOException {
    String longValue = "x".repeat(EventFields.MAX_VALUE + 1);
    PredictionBatchParser.Batch b = parse("{\"model\": \"m\", \"features\": {\"c\": \"" + longValue + "\"}}");
    assertThat(b.rejected()).singleElement().satisfies(r -> assertThat(r.error()).startsWith("features.c: longer"));
  }

  @Test
  void strictRegistryRejectsUnknownModelsAndFeatures() throws IOException {
    ModelRegistry strict = new ModelRegistry(true);
    PredictionBatchParser p = new PredictionBatchParser(strict, Clock.fixed(NOW, ZoneOffset.UTC));
    var b = p.parse(new ByteArrayInputStream("{\"model\": \"m\", \"features\": {\"x\": 1}}".getBytes()));
    assertThat(b.rejected()).singleElement().satisfies(r -> assertThat(r.error()).contains("unknown model 'm'"));
  }

  @Test
  void laterFeaturesExtendAnInferredSchema() throws IOException {
    parse("{\"model\": \"m\", \"features\": {\"x\": 1}}");
    parse("{\"model\": \"m\", \"features\": {\"x\": 2, \"y\": \"a\"}}");
    assertThat(registry.find("m").orElseThrow().schema().features()).hasSize(2);
    assertThat(parse("{\"model\": \"m\", \"features\": {\"y\": 3.5}}").rejected()).singleElement()
        .satisfies(r -> assertThat(r.error()).isEqualTo("features.y: expected string (a category), got number")
            .isNotNull());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "''                             | empty",
    "'[{\"model\": \"m\"'            | malformed JSON",
    "'[{\"model\": \"m\"}'           | end-of-input",
    "'{\"model\": }'                 | malformed JSON at line 1",
    "'[1] [2]'                       | content after",
  })
  void refusesABodyThatIsNotJson(String body, String message) {
    assertThatThrownBy(() -> parse(body)).isInstanceOf(MalformedBodyException.class).hasMessageContaining(message);
  }

  @Test
  void refusesDeepNestingWhole() {
    String deep = "[".repeat(100) + "]".repeat(100);
    assertThatThrownBy(() -> parse("[{\"model\": \"m\", \"features\": {\"x\": " + deep + "}}]"))
        .isInstanceOf(MalformedBodyException.class).hasMessageContaining("nesting");
  }

  @Test
  void unknownTopLevelFieldsAreIgnored() throws IOException {
    assertThat(parse("{\"model\": \"m\", \"features\": {\"x\": 1}, \"extra\": {\"a\": [1]}}").accepted()).hasSize(1);
    assertThat(Map.of()).isEmpty();
  }
}
