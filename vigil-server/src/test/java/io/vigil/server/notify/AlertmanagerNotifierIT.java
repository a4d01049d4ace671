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

  @Test
  void alertmanagerReceivesTheAlertWithItsLabelsAndSeesItResolve() throws Exception {
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
    Process am = new ProcessBuilder(List.of(ALERTMANAGER.toString(), "--config.file=" + config,
        "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
        "--cluster.listen-address="))
        .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
    try {
      String base = "http://127.0.0.1:" + port;
      Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
          .until(() -> get(base + "/-/ready").statusCode() == 200);
      AlertmanagerNotifier notifier = new AlertmanagerNotifier("am", NotifierContract.FAST, URI.create(base),
          Duration.ofMinutes(1));

      notifier.send(Notifications.firingTwoVersions());
      String query = base + "/api/v2/alerts?filter=" + URLEncoder.encode("alertname=\"high-errors\"", StandardCharsets.UTF_8);
      JsonNode alerts = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
          .ignoreExceptions().until(() -> json(get(query).body()), a -> a.size() == 2);
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
          .until(() -> json(get(query).body()), a -> a.size() == 1
              && a.get(0).get("labels").get("version").asText().equals("v2"));
    } finally {
      am.destroy();
      am.waitFor(10, TimeUnit.SECONDS);
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
