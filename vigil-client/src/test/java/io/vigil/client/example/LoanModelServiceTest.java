package io.vigil.client.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.client.VigilReceiver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The README's example service, end to end against the loopback receiver standing in for {@code vigil serve}. */
class LoanModelServiceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private HttpResponse<String> call(LoanModelService service, String method, String pathAndQuery) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + pathAndQuery))
        .method(method, HttpRequest.BodyPublishers.noBody()).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theModelLearnsMoreThanTheMajorityClass() {
    LoanModel model = LoanModel.train(LoanModel.applicants(5000, new Random(42)));
    LoanModel.Applicants holdout = LoanModel.applicants(5000, new Random(7));
    double repaidShare = java.util.Arrays.stream(holdout.repaid()).average().orElseThrow();
    double majority = Math.max(repaidShare, 1 - repaidShare);
    assertThat(model.accuracy(holdout)).isGreaterThan(majority + 0.05);
  }

  @Test
  void everyPredictionAndLabelReachesVigil() throws Exception {
    List<String> ids = new ArrayList<>();
    String metrics;
    try (VigilReceiver vigil = VigilReceiver.start()) {
      LoanModelService service = LoanModelService.start(vigil.uri(), 0);
      try {
        metrics = exercise(service, ids);
      } finally {
        service.close();   // flushes the exporter: no waiting needed below
      }
      List<JsonNode> predictions = vigil.predictions();
      assertThat(predictions).extracting(p -> p.get("id").asText()).containsExactlyElementsOf(ids);
      assertThat(predictions).allSatisfy(p -> {
        assertThat(p.get("model").asText()).isEqualTo("loan");
        assertThat(p.get("version").asText()).isEqualTo("v1");
        assertThat(p.get("features").size()).isEqualTo(4);
        assertThat(p.get("features").get("debt_ratio").isNumber()).isTrue();
        assertThat(p.get("scores").get("approve").asDouble() + p.get("scores").get("deny").asDouble())
            .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
      });
      assertThat(vigil.labels()).extracting(l -> l.get("id").asText()).containsExactlyElementsOf(ids.subList(0, 10));
    }
    assertThat(metrics).contains("vigil_predictions_total{model=\"loan\",status=\"ok\",version=\"v1\"} 40.0")
        .contains("vigil_client_sent_total");
  }

  /** 40 predictions, 10 repayments and 2 bad requests; returns the service's /metrics page. */
  private String exercise(LoanModelService service, List<String> ids) throws Exception {
    LoanModel.Applicants applicants = LoanModel.applicants(40, new Random(3));
    for (double[] a : applicants.features()) {
      HttpResponse<String> response = call(service, "GET", String.format(Locale.ROOT,
          "/predict?income=%.2f&debt_ratio=%.3f&age=%.0f&years_employed=%.0f", a[0], a[1], a[2], a[3]));
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode answer = JSON.readTree(response.body());
      assertThat(answer.get("decision").asText()).isIn("approve", "deny");
      ids.add(answer.get("id").asText());
    }
    for (int i = 0; i < 10; i++) {
      assertThat(call(service, "POST", "/repaid?id=" + ids.get(i) + "&value=true").statusCode()).isEqualTo(200);
    }
    assertThat(call(service, "GET", "/predict?income=lots").statusCode()).isEqualTo(400);
    assertThat(call(service, "POST", "/repaid?id=nope&value=true").statusCode()).isEqualTo(400);
    return call(service, "GET", "/metrics").body();
  }
}
