package io.vigil.client.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.client.ModelMonitor;
import io.vigil.client.PredictionEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The JSON prediction log as a logback appender receives it. */
class PredictionLogTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00.250Z"), ZoneOffset.UTC);

  private final Logger logger = (Logger) LoggerFactory.getLogger("vigil.predictions.test");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  @BeforeEach
  void attach() {
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.INFO);
    logger.setAdditive(false);   // keep the console quiet
  }

  @AfterEach
  void detach() {
    logger.detachAppender(appender);
  }

  private ModelMonitor monitor(PredictionLog.Builder log, long seed) {
    Random random = new Random(seed);
    return ModelMonitor.builder("loan").version("v2").clock(CLOCK)
        .ids(() -> new UUID(random.nextLong(), random.nextLong()))
        .log(log.loggerName("vigil.predictions.test").build()).build();
  }

  private List<JsonNode> lines() throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (ILoggingEvent event : appender.list) {
      assertThat(event.getLevel()).isEqualTo(Level.INFO);
      assertThat(event.getFormattedMessage()).doesNotContain("\n");   // one object per line
      lines.add(JSON.readTree(event.getFormattedMessage()));
    }
    return lines;
  }

  @Test
  void writesOneJsonObjectPerPrediction() throws Exception {
    ModelMonitor monitor = monitor(PredictionLog.builder(), 1);
    Map<String, Object> features = new LinkedHashMap<>();
    features.put("income", 52000.0);
    features.put("purpose", "car \"new\"\n");
    UUID id = monitor.record(features, "approve", Map.of("approve", 0.83), Duration.ofMillis(3));
    monitor.recordFailure(features, new ArithmeticException(), Duration.ofMillis(1));

    List<JsonNode> lines = lines();
    assertThat(lines).hasSize(2);
    JsonNode line = lines.get(0);
    List<String> names = new ArrayList<>();
    line.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly("timestamp", "model", "version", "id", "inputs", "outputs", "latency_ms",
        "status", "error");
    assertThat(line.get("timestamp").asText()).isEqualTo("2026-11-22T10:00:00.250Z");
    assertThat(line.get("model").asText()).isEqualTo("loan");
    assertThat(line.get("version").asText()).isEqualTo("v2");
    assertThat(line.get("id").asText()).isEqualTo(id.toString());
    assertThat(line.get("inputs").get("income").asDouble()).isEqualTo(52000.0);
    assertThat(line.get("inputs").get("purpose").asText()).isEqualTo("car \"new\"\n");
    assertThat(line.get("outputs").get("prediction").asText()).isEqualTo("approve");
    assertThat(line.get("outputs").get("scores").get("approve").asDouble()).isEqualTo(0.83);
    assertThat(line.get("outputs").get("confidence").asDouble()).isEqualTo(0.83);
    assertThat(line.get("latency_ms").asDouble()).isEqualTo(3.0);
    assertThat(line.get("status").asText()).isEqualTo("ok");
    assertThat(lines.get(1).get("status").asText()).isEqualTo("error");
    assertThat(lines.get(1).get("error").asText()).isEqualTo("ArithmeticException");
  }

  @Test
  void redactsExactNamesAndPatternsButKeepsTheKeys() throws Exception {
    ModelMonitor monitor = monitor(PredictionLog.builder().redact("ssn").redactMatching("(?i).*e?mail.*"), 2);
    Map<String, Object> features = new LinkedHashMap<>();
    features.put("ssn", "078-05-1120");
    features.put("Contact_Email", "a@b.c");
    features.put("ssn_country", "US");   // "ssn" is exact, so this one stays
    features.put("income", 1.5);
    monitor.record(features, "deny", null, Duration.ZERO);

    JsonNode inputs = lines().get(0).get("inputs");
    assertThat(inputs.get("ssn").asText()).isEqualTo(PredictionLog.REDACTED);
    assertThat(inputs.get("Contact_Email").asText()).isEqualTo(PredictionLog.REDACTED);
    assertThat(inputs.get("ssn_country").asText()).isEqualTo("US");
    assertThat(inputs.get("income").asDouble()).isEqualTo(1.5);
    assertThat(appender.list.get(0).getFormattedMessage()).doesNotContain("078-05-1120", "a@b.c");
  }

  @Test
  void samplesByIdLikeTheExporter() throws Exception {
    ModelMonitor monitor = monitor(PredictionLog.builder().sampleRate(0.1), 3);
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      ids.add(monitor.record(Map.of("i", i), "ok", null, Duration.ZERO));
    }
    List<String> expected = new ArrayList<>();
    for (UUID id : ids) {
      if (new PredictionEvent(id, "loan", "v2", 0, null, null, null, 0, 0, "ok", null).sampled(0.1)) {
        expected.add(id.toString());
      }
    }
    // Binomial(2000, 0.1): standard deviation 13.4; 6 deviations either side.
    assertThat(expected.size()).isBetween(200 - 81, 200 + 81);
    assertThat(lines().stream().map(line -> line.get("id").asText())).containsExactlyElementsOf(expected);
  }

  @Test
  void writesNothingWhenInfoIsOff() {
    logger.setLevel(Level.WARN);
    monitor(PredictionLog.builder(), 4).record(Map.of("i", 1), "ok", null, Duration.ZERO);
    assertThat(appender.list).isEmpty();
  }
}
