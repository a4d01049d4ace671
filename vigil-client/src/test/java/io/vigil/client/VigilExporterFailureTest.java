package io.vigil.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The model's calls survive every server failure: errors, refusal, slowness; losses are counted, not thrown. */
class VigilExporterFailureTest {
  private VigilReceiver server;

  @BeforeEach
  void startServer() throws Exception {
    server = VigilReceiver.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private static VigilExporter.Builder fastRetries(URI uri) {
    return VigilExporter.builder(uri).backoff(Duration.ofMillis(5), Duration.ofMillis(20)).jitterSeed(7)
        .maxDelay(Duration.ofMillis(20));
  }

  private static ModelMonitor monitor(VigilExporter exporter) {
    return ModelMonitor.builder("fraud").ids(new TestIds(11)).exporter(exporter).build();
  }

  @Test
  void retriesAfter503sThenDelivers() {
    server.status = request -> request <= 2 ? 503 : 200;
    VigilExporter exporter = fastRetries(server.uri()).batchSize(5).build();
    try (ModelMonitor monitor = monitor(exporter)) {
      for (int i = 0; i < 5; i++) {
        monitor.record(Map.of("i", i), "ok", null, Duration.ZERO);
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> server.predictions().size() == 5);
    }
    assertThat(server.requests()).isEqualTo(3);
    assertThat(exporter.sent()).isEqualTo(5);
    assertThat(exporter.dropped()).isZero();
  }

  @Test
  void honoursRetryAfterOn429() {
    server.status = request -> request == 1 ? 429 : 200;
    server.retryAfter = "1";
    VigilExporter exporter = fastRetries(server.uri()).build();
    try (ModelMonitor monitor = monitor(exporter)) {
      monitor.record(Map.of("i", 1), "ok", null, Duration.ZERO);
      await().atMost(Duration.ofSeconds(10)).until(() -> server.predictions().size() == 1);
    }
    assertThat(server.requests()).isEqualTo(2);
    // Backoff alone would have waited at most 5 ms; the server asked for 1 s.
    long gap = server.requestTimes.get(1) - server.requestTimes.get(0);
    assertThat(gap).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(990));
  }

  @Test
  void retryAfterIsReadAsCappedSeconds() {
    assertThat(HttpBatchSender.retryAfterNanos("3")).isEqualTo(TimeUnit.SECONDS.toNanos(3));
    assertThat(HttpBatchSender.retryAfterNanos("86400")).isEqualTo(HttpBatchSender.MAX_RETRY_AFTER.toNanos());
    assertThat(HttpBatchSender.retryAfterNanos("Wed, 21 Oct 2026 07:28:00 GMT")).isZero();
    assertThat(HttpBatchSender.retryAfterNanos(null)).isZero();
    assertThat(HttpBatchSender.retryAfterNanos("-5")).isZero();
  }

  @Test
  void givesUpAfterMaxAttemptsAndCountsTheLoss() {
    server.status = request -> 500;
    VigilExporter exporter = fastRetries(server.uri()).batchSize(10).maxAttempts(3).build();
    try (ModelMonitor monitor = monitor(exporter)) {
      for (int i = 0; i < 10; i++) {
        monitor.record(Map.of("i", i), "ok", null, Duration.ZERO);
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> exporter.dropped() == 10);
    }
    assertThat(server.requests()).isEqualTo(3);
    assertThat(exporter.sent()).isZero();
  }

  @Test
  void aRejectedBatchIsNotRetried() {
    server.status = request -> 400;
    VigilExporter exporter = fastRetries(server.uri()).build();
    try (ModelMonitor monitor = monitor(exporter)) {
      monitor.record(Map.of("i", 1), "ok", null, Duration.ZERO);
      await().atMost(Duration.ofSeconds(10)).until(() -> exporter.dropped() == 1);
    }
    assertThat(server.requests()).isEqualTo(1);
  }

  @Test
  void serverDownLeavesModelCallsUnharmed() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();   // closed again: connections to it are refused
    }
    VigilExporter exporter = fastRetries(URI.create("http://127.0.0.1:" + port)).queueCapacity(100).batchSize(10)
        .maxAttempts(2).closeTimeout(Duration.ofSeconds(2)).build();
    ModelMonitor monitor = monitor(exporter);
    for (int i = 0; i < 10_000; i++) {
      assertThat(monitor.record(Map.of("i", i), "ok", null, Duration.ZERO)).isNotNull();
    }
    monitor.close();
    assertThat(monitor.errors()).isZero();
    assertThat(exporter.sent()).isZero();
    assertThat(exporter.droppedQueueFull()).isPositive();
    assertThat(exporter.dropped()).isEqualTo(10_000);
  }

  @Test
  void slowServerFillsTheQueueAndDropsAreCounted() {
    server.gate = new CountDownLatch(1);
    VigilExporter exporter = fastRetries(server.uri()).queueCapacity(50).batchSize(10).build();
    ModelMonitor monitor = monitor(exporter);
    monitor.record(Map.of("i", -1), "ok", null, Duration.ZERO);
    await().atMost(Duration.ofSeconds(10)).until(() -> server.requests() == 1);   // the sender is now stuck
    for (int i = 0; i < 1000; i++) {
      monitor.record(Map.of("i", i), "ok", null, Duration.ZERO);
    }
    // Only the queue's 50 places were free while the server sat on the first batch.
    assertThat(exporter.droppedQueueFull()).isEqualTo(1000 - 50);
    assertThat(exporter.queued()).isEqualTo(50);

    server.gate.countDown();
    monitor.close();
    assertThat(server.predictions()).hasSize(51);
    assertThat(exporter.sent()).isEqualTo(51);
    assertThat(exporter.sent() + exporter.dropped()).isEqualTo(1001);
    assertThat(monitor.errors()).isZero();
  }

  @Test
  void recordsAfterCloseAreDroppedQuietly() {
    VigilExporter exporter = fastRetries(server.uri()).build();
    ModelMonitor monitor = monitor(exporter);
    monitor.close();
    assertThat(monitor.record(Map.of("i", 1), "ok", null, Duration.ZERO)).isNotNull();
    monitor.label(java.util.UUID.randomUUID(), "ok");
    assertThat(exporter.dropped()).isEqualTo(2);
    assertThat(monitor.errors()).isZero();
  }

  @Test
  void aFailingListenerIsCountedNotThrown() {
    ModelMonitor monitor = ModelMonitor.builder("fraud").log(event -> {
      throw new IllegalStateException("broken log");
    }).build();
    assertThat(monitor.record(Map.of("i", 1), "ok", null, Duration.ZERO)).isNotNull();
    assertThat(monitor.record(Map.of("i", 2), "ok", null, Duration.ZERO)).isNotNull();
    assertThat(monitor.errors()).isEqualTo(2);
  }
}
