package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overload on purpose: a client that sends half a batch and stalls holds the only ingest slot; the next batch gets
 * 429 with Retry-After, and once the slot is free ingest works again.
 */
class OverloadIT {

  @TempDir
  Path dataDir;

  @Test
  void aFullServerAnswers429WithRetryAfter() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    try (VigilServer server = VigilServer.start(
        new VigilServer.Options("127.0.0.1", 0, false, 1 << 20, dataDir, 1))) {
      URI ingest = URI.create("http://127.0.0.1:" + server.port() + "/api/v1/predictions");
      HttpRequest batch = HttpRequest.newBuilder(ingest).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("[{\"model\": \"m\", \"features\": {\"x\": 1}}]")).build();
      try (Socket slow = new Socket("127.0.0.1", server.port())) {
        OutputStream out = slow.getOutputStream();
        out.write(("POST /api/v1/predictions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Content-Length: 1000\r\n\r\n[{\"model\": \"m\", \"features\": {").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
            http.send(batch, HttpResponse.BodyHandlers.ofString()).statusCode() == 429);
        HttpResponse<String> refused = http.send(batch, HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");
        assertThat(refused.body()).contains("busy");
      }
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
          http.send(batch, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
      String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
          .build(), HttpResponse.BodyHandlers.ofString()).body();
      assertThat(metrics).contains("vigil_ingest_rejected_total{reason=\"overloaded\"}");
    }
  }

  @Test
  void largeBodiesInFlightAreCappedByTheirSizeNotOnlyTheirNumber() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    int maxBody = 1 << 20;   // budget: four bodies of 1 MiB, while 1,024 requests may be in flight
    try (VigilServer server = VigilServer.start(new VigilServer.Options("127.0.0.1", 0, false, maxBody, dataDir))) {
      URI ingest = URI.create("http://127.0.0.1:" + server.port() + "/api/v1/predictions");
      HttpRequest small = HttpRequest.newBuilder(ingest).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("[{\"model\": \"m\", \"features\": {\"x\": 1}}]")).build();
      java.util.List<Socket> stalled = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < 4; i++) {   // four clients announce a full-size body and stall
          Socket s = new Socket("127.0.0.1", server.port());
          stalled.add(s);
          s.getOutputStream().write(("POST /api/v1/predictions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type:"
              + " application/json\r\nContent-Length: " + maxBody + "\r\n\r\n[").getBytes(StandardCharsets.US_ASCII));
          s.getOutputStream().flush();
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
            http.send(small, HttpResponse.BodyHandlers.ofString()).statusCode() == 429);
      } finally {
        for (Socket s : stalled) {
          s.close();
        }
      }
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
          http.send(small, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    }
  }

  /**
   * A fleet of single-event senders: 200 requests in flight at once (each has sent its headers and part of its
   * body) are all admitted by default, and {@code vigil_ingest_in_flight} counts them against its limit; one more
   * event is still accepted, nothing is refused, and once the senders hang up their places are free again. (With
   * the earlier default of 64 the 65th sender got 429.)
   */
  @Test
  void manySendersAtOnceAreAdmittedByDefault() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    try (VigilServer server = VigilServer.start(new VigilServer.Options("127.0.0.1", 0, false, 1 << 20, dataDir))) {
      URI ingest = URI.create("http://127.0.0.1:" + server.port() + "/api/v1/predictions");
      URI metrics = URI.create("http://127.0.0.1:" + server.port() + "/metrics");
      java.util.List<Socket> senders = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < 200; i++) {
          Socket s = new Socket("127.0.0.1", server.port());
          senders.add(s);
          s.getOutputStream().write(("POST /api/v1/predictions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type:"
              + " application/json\r\nContent-Length: 60\r\n\r\n{\"model\": \"m\", ").getBytes(StandardCharsets.US_ASCII));
          s.getOutputStream().flush();
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> gauge(http, metrics, "vigil_ingest_in_flight"),
            n -> n == 200);
        assertThat(gauge(http, metrics, "vigil_ingest_in_flight_limit"))
            .isEqualTo(VigilServer.Options.DEFAULT_MAX_IN_FLIGHT).isGreaterThanOrEqualTo(1024);
        HttpResponse<String> one = http.send(HttpRequest.newBuilder(ingest).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"m\", \"features\": {\"x\": 1}}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        assertThat(http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body())
            .doesNotContain("reason=\"overloaded\"");
      } finally {
        for (Socket s : senders) {
          s.close();
        }
      }
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> gauge(http, metrics, "vigil_ingest_in_flight"),
          n -> n == 0);
    }
  }

  /** The value of an unlabelled gauge in the server's Prometheus text. */
  private static int gauge(HttpClient http, URI metrics, String name) throws Exception {
    String text = http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
    return text.lines().filter(l -> l.startsWith(name + " ")).mapToInt(l -> (int) Double.parseDouble(l.split(" ")[1]))
        .findFirst().orElseThrow(() -> new AssertionError(name + " is not in /metrics"));
  }
}
