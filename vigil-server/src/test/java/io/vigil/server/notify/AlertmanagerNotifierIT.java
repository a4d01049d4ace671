package io.vigil.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import io.vigil.server.VigilServer;
import io.vigil.server.config.VigilConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Alertmanager notifier against a real Prometheus Alertmanager (Debian's {@code prometheus-alertmanager}),
 * started on a free loopback port with a temporary configuration and storage; the test then asks Alertmanager's
 * own API ({@code GET /api/v2/alerts}) for the alert. Skipped when Alertmanager is not installed, except under CI
 * ({@code CI=true}), where {@code .ci/run} installs it and a skip would hide a broken setup.
 */
class AlertmanagerNotifierIT {

  private static final Path ALERTMANAGER = Path.of("/usr/bin/prometheus-alertmanager");

  @TempDir
  Path dir;

  private final HttpClient http = HttpClient.newHttpClient();
  private Process alertmanager;

  /** Starts Alertmanager on a free loopback port and waits until it is ready; returns its base URL. */
  private String startAlertmanager() throws Exception {
    if (!Files.isExecutable(ALERTMANAGER)) {
      if ("true".equals(System.getenv("CI"))) {
        fail("Alertmanager is not installed at " + ALERTMANAGER + " although CI=true: .ci/run must install it");
      }
      Assumptions.abort("Alertmanager is not installed (apt-get install prometheus-alertmanager); skipping");
    }
    int port = freePort();
    Path config = Files.writeString(dir.resolve("alertmanager.yml"), """
        route: {receiver: nobody, group_wait: 1s, group_interval: 1s, repeat_interval: 1h}
        receivers: [{name: nobody}]
        """);
    alertmanager = new ProcessBuilder(List.of(ALERTMANAGER.toString(), "--config.file=" + config,
        "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
        "--cluster.listen-address="))
        .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
    String base = "http://127.0.0.1:" + port;
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .until(() -> get(base + "/-/ready").statusCode() == 200);
    return base;
  }

  @AfterEach
  void stopAlertmanager() throws InterruptedException {
    if (alertmanager != null) {
      alertmanager.destroy();
      alertmanager.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static String query(String base) {
    return base + "/api/v2/alerts?filter=" + URLEncoder.encode("alertname=\"high-errors\"", StandardCharsets.UTF_8);
  }

  @Test
  void alertmanagerReceivesTheAlertWithItsLabelsAndSeesItResolve() throws Exception {
    String base = startAlertmanager();
    AlertmanagerNotifier notifier = new AlertmanagerNotifier("am", NotifierContract.FAST, URI.create(base),
        Duration.ofMinutes(1));

    notifier.send(Notifications.firingTwoVersions());
    JsonNode alerts = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .ignoreExceptions().until(() -> json(get(query(base)).body()), a -> a.size() == 2);
    JsonNode v1 = alerts.get(0).get("labels").get("version").asText().equals("v1") ? alerts.get(0) : alerts.get(1);
    assertThat(v1.get("labels").get("model").asText()).isEqualTo("fraud");
    assertThat(v1.get("labels").get("severity").asText()).isEqualTo("critical");
    assertThat(v1.get("annotations").get("summary").asText()).isEqualTo("fraud/v1 fails 0.125 of requests");
    assertThat(v1.get("status").get("state").asText()).isEqualTo("active");
    assertThat(Instant.parse(v1.get("startsAt").asText())).isEqualTo(Notifications.STARTS);
    assertThat(Instant.parse(v1.get("endsAt").asText())).isAfter(Instant.now());

    notifier.send(new Notification("resolved", "high-errors", "fraud", "critical",
        List.of(Notifications.alert("resolved", "v1"))));
    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .until(() -> json(get(query(base)).body()), a -> a.size() == 1
            && a.get(0).get("labels").get("version").asText().equals("v2"));
  }

  @Test
  void aVigilRuleFiresIntoAlertmanager() throws Exception {
    String base = startAlertmanager();
    String yaml = """
        notifiers:
          am: {type: alertmanager, url: "%s"}
        alerts:
          - {name: high-errors, model: fraud, when: "error_rate > 0.05", severity: critical, notify: [am], min_samples: 10}
        evaluation_interval: 500ms
        """.formatted(base);
    try (VigilServer server = VigilServer.start(new VigilServer.Options("127.0.0.1", 0, false, 1 << 20,
        dir.resolve("vigil"), 4, VigilConfig.parse(yaml, "vigil.yaml")))) {
      StringBuilder events = new StringBuilder("[");
      for (int i = 0; i < 20; i++) {
        events.append(i == 0 ? "" : ",").append("{\"model\": \"fraud\", \"version\": \"v7\", \"features\": {\"x\": 1}")
            .append(i % 2 == 0 ? ", \"status\": \"error\", \"error\": \"timeout\"" : "").append('}');
      }
      HttpResponse<String> posted = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.port() + "/api/v1/predictions")).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(events + "]")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
      JsonNode alerts = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
          .ignoreExceptions().until(() -> json(get(query(base)).body()), a -> a.size() == 1);
      assertThat(alerts.get(0).get("labels").get("model").asText()).isEqualTo("fraud");
      assertThat(alerts.get(0).get("labels").get("version").asText()).isEqualTo("v7");
      assertThat(alerts.get(0).get("annotations").get("value").asText()).isEqualTo("0.5");
    }
  }

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(String body) throws IOException {
    return new ObjectMapper().readTree(body);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
