package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.api.Json;
import io.vigil.server.config.VigilConfig;
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

/**
 * Labels over real HTTP: joined to their predictions, replaced when corrected, waiting for late predictions, kept
 * across a restart; the performance API's realized metrics equal what the test computes from its own rows, and
 * the CBPE estimate on calibrated scores is close to them before any label.
 */
class LabelsAndPerformanceIT {

  static final int N = 4000;

  @TempDir
  Path dataDir;

  private VigilServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final double[] score = new double[N];
  private final boolean[] truth = new boolean[N];

  @BeforeEach
  void start() throws Exception {
    server = VigilServer.start(new VigilServer.Options("127.0.0.1", 0, false, 16 << 20, dataDir));
    assertThat(send("PUT", "/api/v1/models/fraud", "{\"task\": \"binary_classification\", \"classes\": [\"ok\","
        + " \"fraud\"], \"positive_class\": \"fraud\", \"features\": [{\"name\": \"amount\", \"type\": \"numeric\"}]}")
        .statusCode()).isEqualTo(200);
    Random random = new Random(7);
    for (int i = 0; i < N; i++) {
      score[i] = random.nextDouble();
      truth[i] = random.nextDouble() < score[i];   // calibrated: P(fraud) is the score
    }
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

  private JsonNode post(String path, String body) throws Exception {
    HttpResponse<String> r = send("POST", path, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.MAPPER.readTree(r.body());
  }

  private JsonNode performance() throws Exception {
    HttpResponse<String> r = send("GET", "/api/v1/models/fraud/performance?from=-1h&step=10m", null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.MAPPER.readTree(r.body());
  }

  private void predict(int from, int to) throws Exception {
    StringBuilder b = new StringBuilder("[");
    for (int i = from; i < to; i++) {
      b.append(i == from ? "" : ",").append("{\"id\": \"r-").append(i).append("\", \"model\": \"fraud\", \"version\":"
          + " \"v1\", \"features\": {\"amount\": ").append(i).append("}, \"prediction\": \"")
          .append(score[i] > 0.5 ? "fraud" : "ok").append("\", \"scores\": {\"fraud\": ").append(score[i])
          .append(", \"ok\": ").append(1 - score[i]).append("}}");
    }
    post("/api/v1/predictions", b.append("]").toString());
  }

  private JsonNode label(int from, int to, java.util.function.IntPredicate flip) throws Exception {
    StringBuilder b = new StringBuilder("[");
    for (int i = from; i < to; i++) {
      boolean fraud = truth[i] ^ flip.test(i);
      b.append(i == from ? "" : ",").append("{\"id\": \"r-").append(i).append("\", \"model\": \"fraud\", \"label\": \"")
          .append(fraud ? "fraud" : "ok").append("\"}");
    }
    return post("/api/v1/labels", b.append("]").toString());
  }

  /** Accuracy of the rows [0, n) against the truth (with {@code flip} applied to the labels). */
  private double accuracy(int n, java.util.function.IntPredicate flip) {
    int right = 0;
    for (int i = 0; i < n; i++) {
      boolean label = truth[i] ^ flip.test(i);
      right += (score[i] > 0.5) == label ? 1 : 0;
    }
    return (double) right / n;
  }

  @Test
  void realizedMetricsFollowTheLabelsAndTheEstimateCameFirst() throws Exception {
    predict(0, N);
    JsonNode before = performance();
    assertThat(before.path("labeled").asLong()).isZero();
    assertThat(before.path("realized").size()).isZero();
    assertThat(before.path("calibration").asText()).isEqualTo("scores taken as calibrated");
    double estimated = before.path("estimated").path("accuracy").asDouble();
    assertThat(estimated).isCloseTo(accuracy(N, i -> false), within(0.03));
    assertThat(before.path("estimated_bands").path("accuracy").path("lower").asDouble()).isLessThan(estimated);

    JsonNode answer = label(0, 3000, i -> false);
    assertThat(answer.path("joined").asInt()).isEqualTo(3000);
    JsonNode after = performance();
    assertThat(after.path("labeled").asLong()).isEqualTo(3000);
    assertThat(after.path("label_coverage").asDouble()).isEqualTo(0.75);
    assertThat(after.path("realized").path("accuracy").asDouble()).isCloseTo(accuracy(3000, i -> false), within(1e-12));
    assertThat(after.path("roc_auc_error").asDouble()).isLessThan(0.002);
    assertThat(after.path("estimation_error").path("accuracy").asDouble()).isCloseTo(
        estimated - after.path("realized").path("accuracy").asDouble(), within(1e-12));
    long seriesLabeled = 0;
    for (JsonNode p : after.path("series")) {
      seriesLabeled += p.path("labeled").asLong();
    }
    assertThat(seriesLabeled).isEqualTo(3000);

    // corrections replace: a tenth of the labels flipped, then flipped back for half of those
    label(0, 3000, i -> i % 10 == 0);
    label(0, 3000, i -> i % 20 == 0);
    JsonNode corrected = performance();
    assertThat(corrected.path("labeled").asLong()).isEqualTo(3000);
    assertThat(corrected.path("realized").path("accuracy").asDouble())
        .isCloseTo(accuracy(3000, i -> i % 20 == 0), within(1e-12));

    // the same answers after a restart (checkpoint, label log)
    server.stop();
    server = VigilServer.start(new VigilServer.Options("127.0.0.1", 0, false, 16 << 20, dataDir));
    JsonNode restarted = performance();
    assertThat(restarted.path("labeled").asLong()).isEqualTo(3000);
    assertThat(restarted.path("realized")).isEqualTo(corrected.path("realized"));
    String metrics = send("GET", "/metrics", null).body();
    assertThat(metrics).contains("vigil_labels_total{model=\"fraud\",version=\"v1\"} 3000.0")
        .contains("vigil_label_coverage{model=\"fraud\",version=\"v1\"} 0.75")
        .containsPattern("vigil_model_accuracy\\{kind=\"realized\",model=\"fraud\",version=\"v1\"} 0\\.\\d+")
        .containsPattern("vigil_model_accuracy\\{kind=\"estimated\",model=\"fraud\",version=\"v1\"} 0\\.\\d+");
  }

  /**
   * The whole range of a long series is merged from the series' own windows plus its two ends; whatever the step
   * (days, hours that do not divide a day, minutes, or one step longer than the range, which reads it directly),
   * the totals must be those of the range itself.
   */
  @Test
  void theWholeRangeIsTheSameWhateverTheStep() throws Exception {
    long now = System.currentTimeMillis();
    StringBuilder b = new StringBuilder("[");
    StringBuilder labels = new StringBuilder("[");
    for (int i = 0; i < N; i++) {
      long ts = now - 60_000L - i * 65_000L;   // one every 65 s back to about three days ago
      b.append(i == 0 ? "" : ",").append("{\"id\": \"d-").append(i).append("\", \"model\": \"fraud\", \"version\":"
          + " \"v1\", \"timestamp\": ").append(ts).append(", \"features\": {\"amount\": 1}, \"prediction\": \"")
          .append(score[i] > 0.5 ? "fraud" : "ok").append("\", \"scores\": {\"fraud\": ").append(score[i])
          .append(", \"ok\": ").append(1 - score[i]).append("}}");
      if (i % 3 != 0) {
        labels.append(labels.length() == 1 ? "" : ",").append("{\"id\": \"d-").append(i)
            .append("\", \"model\": \"fraud\", \"label\": \"").append(truth[i] ? "fraud" : "ok").append("\"}");
      }
    }
    assertThat(post("/api/v1/predictions", b.append("]").toString()).path("accepted").asInt()).isEqualTo(N);
    post("/api/v1/labels", labels.append("]").toString());
    // fixed ends, off the hour and the minute, so that every step reads the same range
    String range = "from=" + (now - 3L * 86_400_000 + 17 * 60_000 + 4321) + "&to=" + (now - 7 * 60_000 - 1234);
    JsonNode direct = Json.MAPPER.readTree(send("GET", "/api/v1/models/fraud/performance?" + range + "&step=30d",
        null).body());
    assertThat(direct.path("predictions").asLong()).isBetween(N - 30L, (long) N);
    assertThat(direct.path("labeled").asLong()).isGreaterThan(N / 2);
    for (String step : new String[] {"1d", "7h", "90m", "10m"}) {
      HttpResponse<String> r = send("GET", "/api/v1/models/fraud/performance?" + range + "&step=" + step, null);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode p = Json.MAPPER.readTree(r.body());
      assertThat(p.path("series").size()).as(step).isGreaterThan(3);
      for (String field : new String[] {"predictions", "labeled", "realized", "estimated", "estimated_bands"}) {
        assertThat(p.path(field)).as("%s with step %s", field, step).isEqualTo(direct.path(field));
      }
    }
  }

  @Test
  void aLabelThatComesFirstWaitsForItsPrediction() throws Exception {
    JsonNode early = label(0, 100, i -> false);
    assertThat(early.path("accepted").asInt()).isEqualTo(100);
    assertThat(early.path("joined").asInt()).isZero();
    assertThat(performance().path("waiting_labels").asLong()).isEqualTo(100);
    predict(0, 200);
    JsonNode p = performance();
    assertThat(p.path("labeled").asLong()).isEqualTo(100);
    assertThat(p.path("waiting_labels").asLong()).isZero();
    assertThat(p.path("realized").path("accuracy").asDouble()).isCloseTo(accuracy(100, i -> false), within(1e-12));
  }

  @Test
  void aLabelWhosePredictionNeverComesIsReportedOrphanedAfterItsWait() throws Exception {
    server.stop();
    server = VigilServer.start(new VigilServer.Options("127.0.0.1", 0, false, 16 << 20, dataDir,
        VigilServer.Options.DEFAULT_MAX_IN_FLIGHT, VigilConfig.parse("retention: {label_wait: 1s}", "test.yaml")));
    predict(0, 10);
    label(0, 10, i -> false);
    post("/api/v1/labels", "[{\"id\": \"ghost-1\", \"model\": \"fraud\", \"label\": \"ok\"},"
        + " {\"id\": \"ghost-2\", \"model\": \"fraud\", \"label\": \"fraud\"}]");
    assertThat(performance().path("orphaned_labels").asLong()).isZero();
    // the checkpoint after the wait (every 10 s) lets them go
    await().atMost(java.time.Duration.ofSeconds(60)).pollInterval(java.time.Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(performance().path("orphaned_labels").asLong()).isEqualTo(2));
    JsonNode p = performance();
    assertThat(p.path("waiting_labels").asLong()).isZero();
    assertThat(p.path("labeled").asLong()).isEqualTo(10);
    server.stop();
    server = VigilServer.start(new VigilServer.Options("127.0.0.1", 0, false, 16 << 20, dataDir));
    assertThat(performance().path("orphaned_labels").asLong()).as("after a restart").isEqualTo(2);
  }

  @Test
  void badLabelsAreRejectedOneByOneNamingTheField() throws Exception {
    send("PUT", "/api/v1/models/price", "{\"task\": \"regression\"}");
    HttpResponse<String> r = send("POST", "/api/v1/labels", "["
        + "{\"id\": \"a\", \"model\": \"nope\", \"label\": \"ok\"},"
        + "{\"id\": \"a\", \"model\": \"fraud\", \"label\": \"maybe\"},"
        + "{\"model\": \"fraud\", \"label\": \"ok\"},"
        + "{\"id\": \"a\", \"model\": \"fraud\"},"
        + "{\"id\": \"a\", \"model\": \"price\", \"label\": \"high\"},"
        + "{\"id\": \"a\", \"model\": \"price\", \"label\": NaN},"
        + "{\"id\": \"a\", \"model\": \"fraud\", \"label\": {\"x\": 1}},"
        + "{\"id\": \"b\", \"model\": \"price\", \"label\": 12.5}]");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode answer = Json.MAPPER.readTree(r.body());
    assertThat(answer.path("accepted").asInt()).isEqualTo(1);
    JsonNode rejected = answer.path("rejected");
    assertThat(rejected.get(0).path("error").asText()).contains("model: unknown model 'nope'");
    assertThat(rejected.get(1).path("error").asText()).contains("label: 'maybe' is not one of the classes");
    assertThat(rejected.get(2).path("error").asText()).contains("id");
    assertThat(rejected.get(3).path("error").asText()).contains("label: required");
    assertThat(rejected.get(4).path("error").asText()).contains("regression; expected a number");
    assertThat(rejected.get(5).path("error").asText()).contains("label: expected a finite number");
    assertThat(rejected.get(6).path("error").asText()).contains("label: expected a class label or a number");
    assertThat(send("POST", "/api/v1/labels", "[{\"id\": ").statusCode()).isEqualTo(400);
    HttpResponse<String> text = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
        + "/api/v1/labels")).header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(text.statusCode()).isEqualTo(415);
  }

  @Test
  void outcomesAreCountedOncePerIdAndNameBesideThePerformance() throws Exception {
    predict(0, 200);
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < 50; i++) {
      b.append("{\"id\": \"r-").append(i).append("\", \"model\": \"fraud\", \"name\": \"click\"},");
    }
    for (int i = 0; i < 10; i++) {
      b.append("{\"id\": \"r-").append(i).append("\", \"model\": \"fraud\", \"name\": \"revenue\", \"value\": 10.5},");
    }
    b.append("{\"id\": \"r-9999\", \"model\": \"fraud\", \"name\": \"click\"},");
    b.append("{\"id\": \"r-1\", \"model\": \"fraud\", \"name\": \"revenue\", \"value\": \"lots\"},");
    b.append("{\"id\": \"r-1\", \"model\": \"fraud\"}]");
    HttpResponse<String> r = send("POST", "/api/v1/outcomes", b.toString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode answer = Json.MAPPER.readTree(r.body());
    assertThat(answer.path("accepted").asInt()).isEqualTo(60);
    assertThat(answer.path("counted").asInt()).isEqualTo(60);
    assertThat(answer.path("rejected").get(0).path("index").asInt()).isEqualTo(60);
    assertThat(answer.path("rejected").get(0).path("error").asText()).contains("id: no prediction 'r-9999'");
    assertThat(answer.path("rejected").get(1).path("error").asText()).contains("value: expected a number");
    assertThat(answer.path("rejected").get(2).path("error").asText()).contains("name");
    JsonNode retry = post("/api/v1/outcomes", "[{\"id\": \"r-0\", \"model\": \"fraud\", \"name\": \"click\"}]");
    assertThat(retry.path("repeated").asInt()).isEqualTo(1);
    JsonNode outcomes = performance().path("outcomes");
    assertThat(outcomes.path("click").path("count").asLong()).isEqualTo(50);
    assertThat(outcomes.path("click").path("rate").asDouble()).isEqualTo(0.25);
    assertThat(outcomes.path("revenue").path("sum").asDouble()).isEqualTo(105.0);
    server.stop();
    server = VigilServer.start(new VigilServer.Options("127.0.0.1", 0, false, 16 << 20, dataDir));
    assertThat(performance().path("outcomes")).isEqualTo(outcomes);
  }

  @Test
  void regressionModelsReportErrorMetrics() throws Exception {
    send("PUT", "/api/v1/models/price", "{\"task\": \"regression\"}");
    post("/api/v1/predictions", "[{\"id\": \"p1\", \"model\": \"price\", \"features\": {\"x\": 1}, \"prediction\": 10.0},"
        + "{\"id\": \"p2\", \"model\": \"price\", \"features\": {\"x\": 2}, \"prediction\": 20.0}]");
    post("/api/v1/labels", "[{\"id\": \"p1\", \"model\": \"price\", \"label\": 12}, {\"id\": \"p2\", \"model\":"
        + " \"price\", \"label\": 18.0}]");
    JsonNode p = Json.MAPPER.readTree(send("GET", "/api/v1/models/price/performance", null).body());
    assertThat(p.path("task").asText()).isEqualTo("regression");
    assertThat(p.path("realized").path("mae").asDouble()).isEqualTo(2.0);
    assertThat(p.path("realized").path("rmse").asDouble()).isEqualTo(2.0);
    assertThat(p.path("estimated").size()).isZero();
  }
}
