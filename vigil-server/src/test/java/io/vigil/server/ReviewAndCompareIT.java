package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.api.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The review queue and the version comparison, over real HTTP. */
class ReviewAndCompareIT {

  @TempDir
  Path dataDir;

  private VigilServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  /** Starts the server under test ({@code PostgresReviewAndCompareIT} runs these tests on the PostgreSQL store). */
  VigilServer serve(VigilServer.Options options) {
    return VigilServer.start(options);
  }

  @BeforeEach
  void start() {
    server = serve(new VigilServer.Options("127.0.0.1", 0, false, 16 << 20, dataDir));
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    return http.send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> r = send("GET", path, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.MAPPER.readTree(r.body());
  }

  /**
   * {@code n} events of {@code version} with ids r-0.. ; confidence of event i is 0.5 + (i % 50) / 100; the
   * prediction flips from "ok" to "fraud" for ids where {@code flip} holds.
   */
  private void ingest(String version, int n, double amountShift, java.util.function.IntPredicate flip) throws Exception {
    Random random = new Random(version.hashCode());
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      double confidence = 0.5 + (i % 50) / 100.0;
      b.append(i == 0 ? "" : ",").append("{\"id\": \"r-").append(i).append("\", \"model\": \"fraud\", \"version\": \"")
          .append(version).append("\", \"features\": {\"amount\": ").append(100 + amountShift + 10 * random.nextGaussian())
          .append(", \"note\": \"<b>case ").append(i).append("</b>\"}, \"prediction\": \"")
          .append(flip.test(i) ? "fraud" : "ok").append("\", \"confidence\": ").append(confidence).append("}");
    }
    HttpResponse<String> r = send("POST", "/api/v1/predictions", b.append("]").toString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @Test
  void theReviewQueueHoldsTheLowestConfidencePredictionsWithTheirInputs() throws Exception {
    ingest("v1", 1000, 0, i -> false);
    JsonNode review = get("/api/v1/models/fraud/review?from=-1h&limit=5");
    assertThat(review.path("predictions").asLong()).isEqualTo(1000);
    JsonNode items = review.path("items");
    assertThat(items).hasSize(5);
    for (JsonNode item : items) {
      assertThat(item.path("confidence").asDouble()).isEqualTo(0.5);   // 20 events have the lowest, 0.5
      assertThat(item.path("id").asText()).matches("r-\\d+");
      assertThat(Integer.parseInt(item.path("id").asText().substring(2)) % 50).isZero();
      assertThat(item.path("features").path("note").asText()).startsWith("<b>case ");
    }
    // labels for the reviewed cases: the audited error rate sits beside what their confidences predict
    StringBuilder labels = new StringBuilder("[");
    for (int k = 0; k < 4; k++) {
      String id = items.get(k).path("id").asText();
      labels.append(k == 0 ? "" : ",").append("{\"id\": \"").append(id).append("\", \"model\": \"fraud\", \"label\": \"")
          .append(k == 0 ? "fraud" : "ok").append("\"}");
    }
    assertThat(send("POST", "/api/v1/labels", labels.append("]").toString()).statusCode()).isEqualTo(200);
    JsonNode audited = get("/api/v1/models/fraud/review?from=-1h&limit=5");
    assertThat(audited.path("labeled_items").asLong()).isEqualTo(4);
    assertThat(audited.path("audited_error_rate").asDouble()).isEqualTo(0.25);   // predictions are all "ok"
    assertThat(audited.path("estimated_error_rate").asDouble()).isEqualTo(0.5);
    assertThat(audited.path("items").get(0).path("correct").asBoolean()).isFalse();
    assertThat(audited.path("items").get(4).path("label").isNull()).isTrue();
    assertThat(send("GET", "/api/v1/models/fraud/review?limit=0", null).body()).contains("limit: expected");
    assertThat(send("GET", "/api/v1/models/fraud/review?limit=many", null).statusCode()).isEqualTo(400);
  }

  @Test
  void twoVersionsSideBySideWithTheShadowAgreementRate() throws Exception {
    ingest("v1", 800, 0, i -> false);
    ingest("v2", 800, 30, i -> i % 4 == 0);   // the shadow scores the same ids, disagrees on a quarter
    StringBuilder labels = new StringBuilder("[");
    for (int i = 0; i < 800; i++) {
      labels.append(i == 0 ? "" : ",").append("{\"id\": \"r-").append(i).append("\", \"model\": \"fraud\", \"label\": \"ok\"}");
    }
    assertThat(send("POST", "/api/v1/labels", labels.append("]").toString()).statusCode()).isEqualTo(200);
    JsonNode c = get("/api/v1/models/fraud/compare?a=v1&b=v2&from=-1h");
    assertThat(c.path("a").path("realized").path("accuracy").asDouble()).isEqualTo(1.0);
    assertThat(c.path("b").path("realized").path("accuracy").asDouble()).isEqualTo(0.75);   // labels join both versions
    assertThat(c.path("b").path("label_coverage").asDouble()).isEqualTo(1.0);
    assertThat(c.path("a").path("usage").path("count").asLong()).isEqualTo(800);
    assertThat(c.path("b").path("version").asText()).isEqualTo("v2");
    assertThat(c.path("shadow").path("shared_ids").asLong()).isEqualTo(800);
    assertThat(c.path("shadow").path("agreement_rate").asDouble()).isEqualTo(0.75);
    assertThat(c.path("predictions").path("features").get(0).path("drifted").asBoolean()).isTrue();
    JsonNode amount = c.path("features").path("features").get(0);
    assertThat(amount.path("name").asText()).isEqualTo("amount");
    assertThat(amount.path("drifted").asBoolean()).isTrue();
    // both versions count every event: ids are unique per version, not per model
    assertThat(get("/api/v1/models/fraud").path("versions").path("v2").path("count").asLong()).isEqualTo(800);
  }

  @Test
  void comparisonsNameTheirMistakes() throws Exception {
    ingest("v1", 10, 0, i -> false);
    assertThat(send("GET", "/api/v1/models/fraud/compare?a=v1", null).body()).contains("b: required");
    assertThat(send("GET", "/api/v1/models/fraud/compare?a=v1&b=v1", null).body()).contains("same version");
    HttpResponse<String> unknown = send("GET", "/api/v1/models/fraud/compare?a=v1&b=v9", null);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("'v9'");
    assertThat(send("GET", "/api/v1/models/nope/compare?a=v1&b=v2", null).statusCode()).isEqualTo(404);
  }
}
