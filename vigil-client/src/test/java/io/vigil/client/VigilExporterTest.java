package io.vigil.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Delivery to a real loopback HTTP receiver: SPEC section 3's JSON shape, batching, flush on close, sampling. */
class VigilExporterTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

  private VigilReceiver server;

  @BeforeEach
  void startServer() throws Exception {
    server = VigilReceiver.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private ModelMonitor monitor(VigilExporter exporter, long seed) {
    return ModelMonitor.builder("fraud").version("v3").clock(CLOCK).ids(new TestIds(seed)).exporter(exporter).build();
  }

  @Test
  void predictionsArriveInSpecShapeFieldByField() {
    Map<String, Object> features = new LinkedHashMap<>();
    features.put("amount", 12.5);
    features.put("country", "DE");
    features.put("age", null);
    features.put("new_customer", true);
    UUID id;
    UUID failedId;
    try (ModelMonitor monitor = monitor(VigilExporter.http(server.uri()), 1)) {
      id = monitor.record(features, "fraud", Map.of("fraud", 0.91, "ok", 0.09), Duration.ofMillis(12).plusNanos(500_000));
      failedId = monitor.recordFailure(Map.of("amount", 3), new IllegalStateException("boom"), Duration.ofMillis(2));
    }

    List<JsonNode> received = server.predictions();
    assertThat(received).hasSize(2);
    JsonNode ok = received.get(0);
    assertThat(fieldNames(ok)).containsExactly("id", "model", "version", "timestamp", "features", "prediction",
        "scores", "confidence", "latency_ms", "status", "error");
    assertThat(ok.get("id").asText()).isEqualTo(id.toString());
    assertThat(ok.get("model").asText()).isEqualTo("fraud");
    assertThat(ok.get("version").asText()).isEqualTo("v3");
    assertThat(ok.get("timestamp").asText()).isEqualTo("2026-11-22T10:00:00Z");
    assertThat(ok.get("features").get("amount").asDouble()).isEqualTo(12.5);
    assertThat(ok.get("features").get("country").asText()).isEqualTo("DE");
    assertThat(ok.get("features").get("age").isNull()).isTrue();
    assertThat(ok.get("features").get("new_customer").asBoolean()).isTrue();
    assertThat(ok.get("prediction").asText()).isEqualTo("fraud");
    assertThat(ok.get("scores").get("fraud").asDouble()).isEqualTo(0.91);
    assertThat(ok.get("scores").get("ok").asDouble()).isEqualTo(0.09);
    assertThat(ok.get("confidence").asDouble()).isEqualTo(0.91);
    assertThat(ok.get("latency_ms").asDouble()).isEqualTo(12.5);
    assertThat(ok.get("status").asText()).isEqualTo("ok");
    assertThat(ok.get("error").isNull()).isTrue();

    JsonNode failed = received.get(1);
    assertThat(failed.get("id").asText()).isEqualTo(failedId.toString());
    assertThat(failed.get("status").asText()).isEqualTo("error");
    assertThat(failed.get("error").asText()).isEqualTo("IllegalStateException");
    assertThat(failed.get("prediction").isNull()).isTrue();
    assertThat(failed.get("confidence").isNull()).isTrue();
    assertThat(failed.get("latency_ms").asDouble()).isEqualTo(2.0);
  }

  @Test
  void labelsGoToTheLabelRouteAfterTheirPredictions() {
    UUID id;
    try (ModelMonitor monitor = monitor(VigilExporter.http(server.uri()), 2)) {
      id = monitor.record(Map.of("amount", 1.0), "ok", null, Duration.ZERO);
      monitor.label(id, "fraud");
    }
    assertThat(server.predictions()).hasSize(1);
    List<JsonNode> labels = server.labels();
    assertThat(labels).hasSize(1);
    assertThat(fieldNames(labels.get(0))).containsExactly("id", "model", "label", "timestamp");
    assertThat(labels.get(0).get("id").asText()).isEqualTo(id.toString());
    assertThat(labels.get(0).get("model").asText()).isEqualTo("fraud");
    assertThat(labels.get(0).get("label").asText()).isEqualTo("fraud");
    assertThat(labels.get(0).get("timestamp").asText()).isEqualTo("2026-11-22T10:00:00Z");
  }

  @Test
  void fullBatchesLeaveWithoutWaitingForTheDelay() {
    VigilExporter exporter = VigilExporter.builder(server.uri()).batchSize(10).maxDelay(Duration.ofHours(1)).build();
    try (ModelMonitor monitor = monitor(exporter, 3)) {
      for (int i = 0; i < 30; i++) {
        monitor.record(Map.of("i", i), "ok", null, Duration.ZERO);
      }
      // The receiver stores a batch before it answers, so wait for the exporter to have read the answer too.
      await().atMost(Duration.ofSeconds(10)).until(() -> exporter.sent() == 30);
      assertThat(server.predictionBatchSizes()).containsExactly(10, 10, 10);
    }
  }

  @Test
  void partialBatchesLeaveAfterTheDelay() {
    VigilExporter exporter = VigilExporter.builder(server.uri()).batchSize(1000).maxDelay(Duration.ofMillis(50))
        .build();
    try (ModelMonitor monitor = monitor(exporter, 4)) {
      for (int i = 0; i < 3; i++) {
        monitor.record(Map.of("i", i), "ok", null, Duration.ZERO);
      }
      // Still open: only the delay can have sent these 3 of a possible 1000.
      await().atMost(Duration.ofSeconds(10)).until(() -> server.predictions().size() == 3);
      assertThat(server.predictionBatchSizes()).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(3));
    }
  }

  @Test
  void closeFlushesEverythingQueued() {
    VigilExporter exporter = VigilExporter.builder(server.uri()).batchSize(100).maxDelay(Duration.ofHours(1)).build();
    ModelMonitor monitor = monitor(exporter, 5);
    for (int i = 0; i < 250; i++) {
      monitor.record(Map.of("i", i), "ok", null, Duration.ZERO);
    }
    monitor.close();
    // No await: close() returns only once the queue is delivered (or its timeout passed).
    assertThat(server.predictions()).hasSize(250);
    assertThat(exporter.sent()).isEqualTo(250);
    assertThat(exporter.dropped()).isZero();
    assertThat(server.predictions().stream().map(p -> p.get("features").get("i").asInt()))
        .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 250).boxed().toList());
  }

  @Test
  void samplingSendsTheSameIdsForPredictionsAndLabels() {
    VigilExporter exporter = VigilExporter.builder(server.uri()).sampleRate(0.25).build();
    List<UUID> ids = new ArrayList<>();
    try (ModelMonitor monitor = monitor(exporter, 6)) {
      for (int i = 0; i < 4000; i++) {
        UUID id = monitor.record(Map.of("i", i), "ok", null, Duration.ZERO);
        ids.add(id);
        monitor.label(id, "ok");
      }
    }
    List<String> expected = ids.stream().filter(id -> Sampling.keeps(id, 0.25)).map(UUID::toString).toList();
    // Binomial(4000, 0.25): mean 1000, standard deviation 27; 6 deviations either side.
    assertThat(expected.size()).isBetween(1000 - 164, 1000 + 164);
    assertThat(server.predictions().stream().map(p -> p.get("id").asText())).containsExactlyElementsOf(expected);
    assertThat(server.labels().stream().map(p -> p.get("id").asText())).containsExactlyElementsOf(expected);
    assertThat(exporter.dropped()).isZero();
  }

  @Test
  void samplingKeepsTheRequestedFractionOfSequentialIds() {
    long kept = 0;
    for (long i = 0; i < 100_000; i++) {
      if (Sampling.keeps(new UUID(0, i), 0.1)) {
        kept++;
      }
    }
    // Binomial(100000, 0.1): standard deviation 95; 6 deviations either side.
    assertThat(kept).isBetween(10_000L - 570, 10_000L + 570);
    assertThat(Sampling.keeps(new UUID(0, 1), 0.0)).isFalse();
    assertThat(Sampling.keeps(new UUID(0, 1), 1.0)).isTrue();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
