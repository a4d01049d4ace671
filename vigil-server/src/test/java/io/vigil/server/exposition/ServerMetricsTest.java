package io.vigil.server.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.vigil.event.PredictionEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerMetricsTest {

  private static PredictionEvent event(String model, String version, Object prediction, boolean error) {
    PredictionEvent.Builder b = PredictionEvent.builder(model).version(version).feature("x", 1.0).latencyMs(20).confidence(0.93)
        .prediction(prediction);
    return (error ? b.error("timeout") : b).build(Instant.parse("2026-12-02T07:00:00Z"));
  }

  private static String text(ServerMetrics m) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, m.registry().scrape());
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aBatchMixingVersionsAndStatusesCountsEachSeries() throws IOException {
    ServerMetrics m = new ServerMetrics();
    // runs of one version, then another, then the first again: each run looks its series up anew
    m.accepted(List.of(event("fraud", "v1", "yes", false), event("fraud", "v1", "no", false),
        event("fraud", "v2", "yes", true), event("churn", "v1", 3.5, false), event("fraud", "v1", "yes", false)));
    m.accepted(event("fraud", "v1", "yes", true));
    String t = text(m);
    assertThat(t).contains("vigil_predictions_total{model=\"fraud\",status=\"ok\",version=\"v1\"} 3.0")
        .contains("vigil_predictions_total{model=\"fraud\",status=\"error\",version=\"v1\"} 1.0")
        .contains("vigil_predictions_total{model=\"fraud\",status=\"error\",version=\"v2\"} 1.0")
        .contains("vigil_predictions_total{model=\"churn\",status=\"ok\",version=\"v1\"} 1.0")
        .contains("vigil_prediction_latency_seconds_count{model=\"fraud\",version=\"v1\"} 4")
        .contains("vigil_prediction_confidence_count{model=\"fraud\",version=\"v2\"} 1")
        .contains("vigil_predicted_class_total{class=\"yes\",model=\"fraud\",version=\"v1\"} 3.0")
        .contains("vigil_predicted_class_total{class=\"no\",model=\"fraud\",version=\"v1\"} 1.0")
        .doesNotContain("vigil_predicted_class_total{class=\"3.5\"");   // a regression's number is not a class
  }

  @Test
  void classesPastTheCapCountAsOther() throws IOException {
    ServerMetrics m = new ServerMetrics();
    List<PredictionEvent> batch = new ArrayList<>();
    for (int c = 0; c < ServerMetrics.MAX_CLASSES + 10; c++) {
      batch.add(event("intent", "v1", "class-" + c, false));
    }
    m.accepted(batch.subList(0, 30));
    m.accepted(batch.subList(30, batch.size()));
    m.accepted(event("intent", "v1", "class-3", false));   // one of the first 50: still its own series
    m.accepted(event("intent", "v2", "class-59", false));  // another version has its own 50
    String t = text(m);
    assertThat(t).contains("vigil_predicted_class_total{class=\"other\",model=\"intent\",version=\"v1\"} 10.0")
        .contains("vigil_predicted_class_total{class=\"class-3\",model=\"intent\",version=\"v1\"} 2.0")
        .contains("vigil_predicted_class_total{class=\"class-49\",model=\"intent\",version=\"v1\"} 1.0")
        .doesNotContain("class=\"class-50\",model=\"intent\",version=\"v1\"")
        .contains("vigil_predicted_class_total{class=\"class-59\",model=\"intent\",version=\"v2\"} 1.0");
  }
}
