package io.vigil.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Random;

/**
 * Feeds a running server over HTTP with an hour of traffic for the dashboard tests: {@code loans} (binary, with a
 * reference; {@code amount} drifts in the last 20 minutes; one feature has a hostile name) and {@code churn}
 * (traffic but no reference), and {@code idle} (registered, nothing sent). Every event has a timestamp in the past hour, so the charts have a whole series.
 *
 * <pre>{@code
 * DashboardTraffic.feed("http://127.0.0.1:" + server.port(), Instant.now());
 * }</pre>
 */
final class DashboardTraffic {

  static final String XSS = "<img src=x onerror=alert(1)>";
  static final String DRIFTED = "amount";
  static final String WITH_REFERENCE = "loans";
  static final String WITHOUT_REFERENCE = "churn";
  static final String WITHOUT_TRAFFIC = "idle";

  private static final String[] COUNTRIES = {"DE", "FR", "IT", "ES"};
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  private DashboardTraffic(String base) {
    this.base = base;
  }

  static void feed(String base, Instant now) throws Exception {
    DashboardTraffic t = new DashboardTraffic(base);
    t.send("PUT", "/api/v1/models/loans", "application/json", "{\"task\": \"binary_classification\","
        + " \"classes\": [\"approve\", \"reject\"], \"positive_class\": \"reject\", \"features\": ["
        + "{\"name\": \"amount\", \"type\": \"numeric\"}, {\"name\": \"country\", \"type\": \"categorical\"},"
        + "{\"name\": \"" + XSS + "\", \"type\": \"numeric\"}]}");
    t.send("PUT", "/api/v1/models/loans/versions/v2/reference", "text/csv", t.reference());
    t.send("POST", "/api/v1/predictions", "application/json", t.loans(now));
    t.send("POST", "/api/v1/predictions", "application/json", t.churn(now));
    t.send("PUT", "/api/v1/models/idle", "application/json", "{\"task\": \"regression\"}");
  }

  private String reference() {
    Random random = new Random(1);
    StringBuilder csv = new StringBuilder("amount,country,\"" + XSS + "\"\n");
    for (int i = 0; i < 1000; i++) {
      csv.append(String.format(Locale.ROOT, "%.2f,%s,%.3f%n", 100 + 20 * random.nextGaussian(),
          COUNTRIES[random.nextInt(COUNTRIES.length)], 5 + random.nextGaussian()));
    }
    return csv.toString();
  }

  /** 720 events, one every 5 s over the last hour; amount moves up by 3 standard deviations 20 minutes ago. */
  private String loans(Instant now) {
    Random random = new Random(2);
    Instant start = now.minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES).plusSeconds(60);
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < 720; i++) {
      Instant t = start.plusSeconds(5L * i);
      if (!t.isBefore(now)) {
        break;
      }
      boolean drifted = Duration.between(t, now).toMinutes() < 20;
      double amount = (drifted ? 160 : 100) + 20 * random.nextGaussian();
      double p = 1 / (1 + Math.exp(-(amount - 120) / 12));
      String prediction = p >= 0.5 ? "reject" : "approve";
      double confidence = Math.max(p, 1 - p);
      boolean error = random.nextDouble() < (drifted ? 0.04 : 0.01);
      json.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"model\": \"loans\", \"version\": \"v2\","
          + " \"timestamp\": \"%s\", \"features\": {\"amount\": %.2f, \"country\": \"%s\", \"%s\": %.3f},"
          + " \"prediction\": \"%s\", \"scores\": {\"reject\": %.4f, \"approve\": %.4f}, \"confidence\": %.4f,"
          + " \"latency_ms\": %.2f%s}", t, amount, COUNTRIES[random.nextInt(COUNTRIES.length)], XSS,
          5 + random.nextGaussian(), prediction, p, 1 - p, confidence, 8 * Math.exp(0.5 * random.nextGaussian()),
          error ? ", \"status\": \"error\", \"error\": \"timeout\"" : ""));
    }
    return json.append("]").toString();
  }

  /** 120 events of a model nobody uploaded a reference for. */
  private String churn(Instant now) {
    Random random = new Random(3);
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < 120; i++) {
      Instant t = now.minusSeconds(30L * (i + 1));
      json.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"model\": \"churn\", \"timestamp\": \"%s\","
          + " \"features\": {\"tenure\": %d, \"plan\": \"%s\"}, \"prediction\": \"%s\", \"confidence\": %.3f,"
          + " \"latency_ms\": %.1f}", t, random.nextInt(60), random.nextBoolean() ? "basic" : "pro",
          random.nextDouble() < 0.2 ? "leaves" : "stays", 0.5 + random.nextDouble() / 2, 20 + 5 * random.nextGaussian()));
    }
    return json.append("]").toString();
  }

  private void send(String method, String path, String type, String body) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", type)
        .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(200);
    assertThat(r.body()).doesNotContain("\"rejected\":[{");
  }
}
