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

/** Ingest, reference upload, then the stats and drift queries, over real HTTP. */
class QueryApiIT {

  @TempDir
  Path dataDir;

  private VigilServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  /** Starts the server under test ({@code PostgresQueryApiIT} runs these tests on the PostgreSQL store). */
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

  private HttpResponse<String> send(String method, String path, String type, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    if (type != null) {
      b.header("Content-Type", type);
    }
    return http.send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> r = send("GET", path, null, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.MAPPER.readTree(r.body());
  }

  /** 600 events: amount shifted by {@code shift}, country mostly DE when {@code skewed}, latency 10..69 ms. */
  private void ingest(double shift, boolean skewed, long seed) throws Exception {
    Random random = new Random(seed);
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < 600; i++) {
      String country = skewed && random.nextDouble() < 0.7 ? "DE" : new String[] {"DE", "FR", "IT"}[random.nextInt(3)];
      b.append(i == 0 ? "" : ",").append("{\"model\": \"loans\", \"version\": \"v2\", \"features\": {\"amount\": ")
          .append(100 + shift + 20 * random.nextGaussian()).append(", \"country\": \"").append(country)
          .append("\"}, \"prediction\": \"approve\", \"scores\": {\"approve\": 0.8, \"reject\": 0.2}, \"latency_ms\": ")
          .append(10 + i % 60).append(i % 100 == 0 ? ", \"status\": \"error\", \"error\": \"timeout\"" : "")
          .append("}");
    }
    HttpResponse<String> r = send("POST", "/api/v1/predictions", "application/json", b.append("]").toString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private void uploadReference() throws Exception {
    Random random = new Random(1);
    StringBuilder csv = new StringBuilder("amount,country\n");
    for (int i = 0; i < 2000; i++) {
      csv.append(100 + 20 * random.nextGaussian()).append(',').append(new String[] {"DE", "FR", "IT"}[random.nextInt(3)])
          .append('\n');
    }
    HttpResponse<String> r = send("PUT", "/api/v1/models/loans/versions/v2/reference", "text/csv", csv.toString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(r.body()).path("rows").asLong()).isEqualTo(2000);
  }

  @Test
  void statsCountLatencyAndErrors() throws Exception {
    ingest(0, false, 2);
    JsonNode stats = get("/api/v1/models/loans/stats?from=-1h&to=now&step=5m");
    JsonNode total = stats.path("total");
    assertThat(total.path("count").asLong()).isEqualTo(600);
    assertThat(total.path("errors").asLong()).isEqualTo(6);
    assertThat(total.path("error_rate").asDouble()).isEqualTo(0.01);
    assertThat(total.path("latency_p50_ms").asDouble()).isBetween(38.0, 41.0);
    assertThat(total.path("latency_p99_ms").asDouble()).isBetween(68.0, 69.0);
    assertThat(total.path("mean_confidence").asDouble()).isEqualTo(0.8);
    assertThat(stats.path("series").size()).isBetween(12, 13);   // on the 5-minute grid: 13 unless from is on it
    long sum = 0;
    for (JsonNode p : stats.path("series")) {
      sum += p.path("count").asLong();
    }
    assertThat(sum).isEqualTo(600);
  }

  @Test
  void driftAgainstTheReferenceFlagsTheShiftedFeatures() throws Exception {
    uploadReference();
    ingest(15, true, 3);
    JsonNode report = get("/api/v1/models/loans/drift?from=-1h");
    assertThat(report.path("reference").path("rows").asLong()).isEqualTo(2000);
    assertThat(report.path("current").path("rows").asLong()).isEqualTo(600);
    JsonNode amount = report.path("features").get(0);
    assertThat(amount.path("name").asText()).isEqualTo("amount");
    assertThat(amount.path("method").asText()).isEqualTo("wasserstein");
    assertThat(amount.path("drifted").asBoolean()).isTrue();
    assertThat(report.path("features").get(1).path("drifted").asBoolean()).isTrue();
    assertThat(report.path("dataset_drift").asBoolean()).isTrue();
    String metrics = send("GET", "/metrics", null, null).body();
    assertThat(metrics).contains("vigil_dataset_drift_share{model=\"loans\",version=\"v2\"} 1.0")
        .contains("vigil_feature_drift_detected{feature=\"amount\",model=\"loans\",version=\"v2\"} 1.0")
        .containsPattern("vigil_feature_drift_score\\{feature=\"amount\",method=\"wasserstein\",model=\"loans\",version=\"v2\"} \\d");
  }

  @Test
  void noDriftWhenTrafficLooksLikeTheReference() throws Exception {
    uploadReference();
    ingest(0, false, 4);
    JsonNode report = get("/api/v1/models/loans/drift?method=ks");
    assertThat(report.path("drift_share").asDouble()).isZero();
    assertThat(report.path("features").get(0).path("method").asText()).isEqualTo("ks");
  }

  @Test
  void referencesSurviveARestart() throws Exception {
    uploadReference();
    ingest(15, true, 5);
    server.stop();
    server = serve(new VigilServer.Options("127.0.0.1", 0, false, 16 << 20, dataDir));
    assertThat(get("/api/v1/models/loans/drift").path("dataset_drift").asBoolean()).isTrue();
  }

  @Test
  void qualityCountsMissingOutOfRangeUnseenAndAnomalies() throws Exception {
    uploadReference();
    StringBuilder b = new StringBuilder("[");
    Random random = new Random(8);
    for (int i = 0; i < 100; i++) {
      String amount = i < 5 ? "null" : i < 10 ? "1000" : Double.toString(100 + 5 * random.nextGaussian());
      String country = i >= 90 ? "PL" : "DE";
      b.append(i == 0 ? "" : ",").append("{\"model\": \"loans\", \"version\": \"v2\", \"features\": {\"amount\": ")
          .append(amount).append(", \"country\": \"").append(country).append("\"}}");
    }
    assertThat(send("POST", "/api/v1/predictions", "application/json", b.append("]").toString()).statusCode())
        .isEqualTo(200);
    JsonNode q = get("/api/v1/models/loans/quality");
    assertThat(q.path("rows").asLong()).isEqualTo(100);
    assertThat(q.path("has_reference").asBoolean()).isTrue();
    assertThat(q.path("anomaly_fraction").asDouble()).isEqualTo(0.15);   // 5 huge amounts + 10 from PL
    JsonNode amount = q.path("features").get(0);
    assertThat(amount.path("missing").asLong()).isEqualTo(5);
    assertThat(amount.path("above_reference_max").asDouble()).isCloseTo(5 / 95.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(amount.path("below_reference_min").asDouble()).isZero();
    JsonNode country = q.path("features").get(1);
    assertThat(country.path("unseen_categories").toString()).isEqualTo("[\"PL\"]");
    assertThat(country.path("unseen_rate").asDouble()).isEqualTo(0.1);
  }

  @Test
  void aReferenceFromAProductionWindowMakesThatWindowLookUndrifted() throws Exception {
    ingest(15, true, 11);   // shifted traffic becomes v3's reference: the same traffic then shows no drift
    HttpResponse<String> r = send("POST", "/api/v1/models/loans/versions/v2/reference/from-window?from=-10m&to=now",
        null, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode summary = Json.MAPPER.readTree(r.body());
    assertThat(summary.path("rows").asLong()).isEqualTo(600);   // errors included: their inputs are real inputs
    assertThat(summary.path("columns").toString()).isEqualTo("[\"amount\",\"country\"]");
    assertThat(get("/api/v1/models/loans/drift?from=-10m").path("drift_share").asDouble()).isZero();
    HttpResponse<String> empty = send("POST",
        "/api/v1/models/loans/versions/v2/reference/from-window?from=-3h&to=-2h", null, null);
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).contains("no events with features of loans/v2");
    assertThat(send("POST", "/api/v1/models/loans/versions/v2/reference/from-window", null, null).body())
        .contains("from: required");
    assertThat(send("POST", "/api/v1/models/nope/versions/v2/reference/from-window?from=-1h", null, null).statusCode())
        .isEqualTo(404);
    assertThat(send("POST", "/api/v1/models/loans/versions/v2/reference/from-window?from=soon", null, null).body())
        .contains("from: expected ISO-8601");
  }

  @Test
  void theModelListSaysHowEachModelIsDoing() throws Exception {
    send("PUT", "/api/v1/models/idle", "application/json", "{\"task\": \"regression\"}");
    uploadReference();
    ingest(15, true, 12);
    JsonNode models = get("/api/v1/models").path("models");
    JsonNode idle = models.get(0);
    assertThat(idle.path("name").asText()).isEqualTo("idle");
    assertThat(idle.path("health").path("status").asText()).isEqualTo("no_traffic");
    JsonNode loans = models.get(1).path("health");
    assertThat(loans.path("status").asText()).isEqualTo("critical");
    assertThat(loans.path("version").asText()).isEqualTo("v2");
    assertThat(loans.path("count").asLong()).isEqualTo(600);
    assertThat(loans.path("error_rate").asDouble()).isEqualTo(0.01);
    assertThat(loans.path("drift_share").asDouble()).isEqualTo(1.0);
    assertThat(loans.path("latency_p99_ms").asDouble()).isBetween(68.0, 69.0);
    assertThat(loans.path("reasons").toString()).contains("dataset drift");
    assertThat(get("/api/v1/models/loans").path("health").path("status").asText()).isEqualTo("critical");
  }

  @Test
  void queriesNameTheirMistakes() throws Exception {
    ingest(0, false, 6);
    assertThat(error("/api/v1/models/loans/drift")).contains("has no reference");
    assertThat(error("/api/v1/models/nope/stats")).contains("no model named 'nope'");
    assertThat(error("/api/v1/models/loans/stats?from=yesterday")).contains("from: expected ISO-8601");
    assertThat(error("/api/v1/models/loans/stats?from=now&to=-1h")).contains("is not before to");
    assertThat(error("/api/v1/models/loans/stats?step=7s")).contains("step:");
    assertThat(error("/api/v1/models/loans/stats?from=-30d&step=1m")).contains("more than 1440 points");
    uploadReference();
    assertThat(error("/api/v1/models/loans/drift?method=magic")).contains("magic");
    HttpResponse<String> r = send("PUT", "/api/v1/models/loans/versions/v2/reference", "text/csv", "a,b\n1\n");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains(":2");
    assertThat(send("PUT", "/api/v1/models/loans/versions/v2/reference", "application/pdf", "x").statusCode())
        .isEqualTo(415);
  }

  private String error(String path) throws Exception {
    HttpResponse<String> r = send("GET", path, null, null);
    assertThat(r.statusCode()).as(r.body()).isBetween(400, 404);
    return Json.MAPPER.readTree(r.body()).path("error").asText();
  }

}
