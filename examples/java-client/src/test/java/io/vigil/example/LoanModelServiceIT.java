package io.vigil.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.server.VigilServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's example service and the real Vigil server, both on loopback: every prediction the service makes
 * is counted by the server, and drift against the training population is computed.
 */
class LoanModelServiceIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir
  Path dataDir;

  private HttpResponse<String> call(int port, String method, String path, String type, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (type != null) {
      b.header("Content-Type", type);
    }
    return http.send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theModelLearnsMoreThanTheMajorityClass() {
    LoanModel model = LoanModel.train(LoanModel.applicants(5000, new Random(42)));
    LoanModel.Applicants holdout = LoanModel.applicants(5000, new Random(7));
    double repaidShare = java.util.Arrays.stream(holdout.repaid()).average().orElseThrow();
    assertThat(model.accuracy(holdout)).isGreaterThan(Math.max(repaidShare, 1 - repaidShare) + 0.05);
  }

  @Test
  void everyPredictionIsCountedByVigilAndDriftIsComputed() throws Exception {
    try (VigilServer vigil = VigilServer.start(new VigilServer.Options("127.0.0.1", 0, false, 16 << 20, dataDir))) {
      StringBuilder reference = new StringBuilder(String.join(",", LoanModel.FEATURES)).append('\n');
      for (double[] a : LoanModel.applicants(2000, new Random(42)).features()) {
        reference.append(String.format(Locale.ROOT, "%.4f,%.4f,%.0f,%.0f%n", a[0], a[1], a[2], a[3]));
      }
      assertThat(call(vigil.port(), "PUT", "/api/v1/models/loan/versions/v1/reference", "text/csv",
          reference.toString()).statusCode()).isEqualTo(200);

      List<String> ids = new ArrayList<>();
      String metrics;
      LoanModelService service = LoanModelService.start(URI.create("http://127.0.0.1:" + vigil.port()), 0);
      try {
        for (double[] a : LoanModel.applicants(40, new Random(3)).features()) {
          HttpResponse<String> r = call(service.port(), "GET", String.format(Locale.ROOT,
              "/predict?income=%.2f&debt_ratio=%.3f&age=%.0f&years_employed=%.0f", a[0], a[1], a[2], a[3]), null, null);
          assertThat(r.statusCode()).isEqualTo(200);
          ids.add(JSON.readTree(r.body()).get("id").asText());
        }
        assertThat(call(service.port(), "GET", "/predict?income=lots", null, null).statusCode()).isEqualTo(400);
        metrics = call(service.port(), "GET", "/metrics", null, null).body();
      } finally {
        service.close();   // flushes the exporter
      }
      assertThat(ids).hasSize(40).doesNotHaveDuplicates();
      assertThat(metrics).contains("vigil_predictions_total{model=\"loan\",status=\"ok\",version=\"v1\"} 40.0");

      JsonNode model = JSON.readTree(call(vigil.port(), "GET", "/api/v1/models/loan", null, null).body());
      assertThat(model.path("versions").path("v1").path("count").asLong()).isEqualTo(40);
      JsonNode drift = JSON.readTree(call(vigil.port(), "GET", "/api/v1/models/loan/drift?version=v1", null, null).body());
      assertThat(drift.path("current").path("rows").asLong()).isEqualTo(40);
      assertThat(drift.path("features")).hasSize(4);
      for (JsonNode f : drift.path("features")) {
        assertThat(f.path("method").asText()).as(f.toString()).isEqualTo("wasserstein");
        assertThat(f.path("statistic").isNumber()).isTrue();
      }
    }
  }
}
