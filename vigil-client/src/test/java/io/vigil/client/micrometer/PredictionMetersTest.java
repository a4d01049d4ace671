package io.vigil.client.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigil.client.ModelMonitor;
import io.vigil.client.PredictionCall;
import io.vigil.client.VigilExporter;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The meters as Prometheus scrapes them: SPEC section 5's names, labels and buckets. */
class PredictionMetersTest {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @Test
  void countsPredictionsByStatus() {
    ModelMonitor monitor = ModelMonitor.builder("fraud").version("v3").meterRegistry(registry).build();
    monitor.record(Map.of("amount", 1.0), "fraud", Map.of("fraud", 0.91, "ok", 0.09), Duration.ofMillis(12));
    monitor.record(Map.of("amount", 2.0), "ok", Map.of("fraud", 0.2, "ok", 0.8), Duration.ofMillis(30));
    monitor.recordFailure(Map.of("amount", 3.0), new ArithmeticException(), Duration.ofMillis(1));

    String scrape = registry.scrape();
    assertThat(scrape).contains("vigil_predictions_total{model=\"fraud\",status=\"ok\",version=\"v3\"} 2")
        .contains("vigil_predictions_total{model=\"fraud\",status=\"error\",version=\"v3\"} 1")
        .contains("# TYPE vigil_predictions_total counter");
  }

  @Test
  void timesLatencyAsAHistogramInSeconds() {
    ModelMonitor monitor = ModelMonitor.builder("fraud").version("v3").meterRegistry(registry).build();
    monitor.record(Map.of(), "ok", null, Duration.ofMillis(12));
    monitor.record(Map.of(), "ok", null, Duration.ofMillis(30));

    String scrape = registry.scrape();
    assertThat(scrape).contains("# TYPE vigil_prediction_latency_seconds histogram")
        .contains("vigil_prediction_latency_seconds_count{model=\"fraud\",version=\"v3\"} 2")
        .contains("vigil_prediction_latency_seconds_sum{model=\"fraud\",version=\"v3\"} 0.042")
        .contains("vigil_prediction_latency_seconds_bucket{model=\"fraud\",version=\"v3\",le=\"+Inf\"} 2");
    assertThat(scrape.lines().filter(line -> line.startsWith("vigil_prediction_latency_seconds_bucket")).count())
        .isGreaterThan(10);
  }

  @Test
  void bucketsConfidenceAtSpecBoundariesInPercent() {
    ModelMonitor monitor = ModelMonitor.builder("fraud").version("v3").meterRegistry(registry).build();
    // 0.7 * 100 is 70.00000000000001 in binary floating point: it must still land in the 70 bucket.
    for (double confidence : new double[] {0.55, 0.7, 0.91, 0.97, 1.0}) {
      monitor.record(Map.of(), "fraud", Map.of("fraud", confidence, "ok", 1 - confidence), Duration.ZERO);
    }
    monitor.record(Map.of(), "fraud", null, Duration.ZERO);   // no scores: no confidence observation

    String scrape = registry.scrape();
    assertThat(scrape).contains("# TYPE vigil_prediction_confidence_percent histogram");
    String prefix = "vigil_prediction_confidence_percent_bucket{model=\"fraud\",version=\"v3\",le=";
    assertThat(scrape.lines().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length())))
        .containsExactly("\"50.0\"} 0", "\"60.0\"} 1", "\"70.0\"} 2", "\"80.0\"} 2", "\"90.0\"} 2",
            "\"95.0\"} 3", "\"99.0\"} 4", "\"100.0\"} 5", "\"+Inf\"} 5");
    assertThat(scrape).contains("vigil_prediction_confidence_percent_count{model=\"fraud\",version=\"v3\"} 5");
  }

  @Test
  void tracksCallsInFlight() {
    ModelMonitor monitor = ModelMonitor.builder("fraud").version("v3").meterRegistry(registry).build();
    PredictionCall first = monitor.start(Map.of());
    PredictionCall second = monitor.start(Map.of());
    assertThat(registry.scrape()).contains("vigil_prediction_in_flight{model=\"fraud\",version=\"v3\"} 2");
    first.success("ok", null);
    first.close();
    second.close();
    assertThat(registry.scrape()).contains("vigil_prediction_in_flight{model=\"fraud\",version=\"v3\"} 0");
  }

  @Test
  void capsPredictedClassesAndFoldsTheRestIntoOther() {
    ModelMonitor monitor = ModelMonitor.builder("digits").meterRegistry(registry).maxClasses(3).build();
    for (int digit = 0; digit < 10; digit++) {
      monitor.record(Map.of(), digit, null, Duration.ZERO);
    }
    monitor.record(Map.of(), 0, null, Duration.ZERO);
    monitor.record(Map.of(), 4.2, null, Duration.ZERO);   // a regression value is no class

    String scrape = registry.scrape();
    assertThat(scrape).contains("vigil_predicted_class_total{class=\"0\",model=\"digits\",version=\"default\"} 2")
        .contains("vigil_predicted_class_total{class=\"2\",model=\"digits\",version=\"default\"} 1")
        .contains("vigil_predicted_class_total{class=\"other\",model=\"digits\",version=\"default\"} 7")
        .doesNotContain("class=\"3\"").doesNotContain("class=\"4.2\"");
  }

  @Test
  void exposesTheExporterDropsAndSends() {
    VigilExporter exporter = VigilExporter.builder(URI.create("http://127.0.0.1:9")).queueCapacity(1)
        .maxDelay(Duration.ofHours(1)).closeTimeout(Duration.ZERO).build();
    try (ModelMonitor monitor = ModelMonitor.builder("fraud").meterRegistry(registry).exporter(exporter).build()) {
      for (int i = 0; i < 5; i++) {
        monitor.record(Map.of(), "ok", null, Duration.ZERO);
      }
      // How many of the five the exporter's thread took out before the queue filled depends on scheduling (the
      // exact queue-full count is tested with a held receiver in VigilExporterFailureTest); what matters here is that the
      // meters show the exporter's own counts.
      long queueFull = exporter.droppedQueueFull();
      assertThat(queueFull).isBetween(0L, 4L);
      assertThat(registry.scrape())
          .contains("vigil_client_dropped_total{reason=\"queue_full\"} " + queueFull + ".0")
          .contains("vigil_client_sent_total 0.0")
          .contains("vigil_client_errors_total{model=\"fraud\",version=\"default\"} 0.0");
    }
  }
}
