package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.api.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real server process with SIGKILL while a client streams batches into it, restarts it on the same data
 * folder, and checks that every acknowledged event is counted, and that retrying the unanswered batch counts
 * every sent event exactly once.
 */
class CrashRecoveryIT {

  private static final int BATCH = 200;
  private static final Pattern LISTENING = Pattern.compile("serving on http://127\\.0\\.0\\.1:(\\d+)");

  @TempDir
  Path dataDir;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** A server JVM and the port it printed. */
  private record Server(Process process, int port) {}

  private Server start() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        "io.vigil.cli.Vigil", "serve", "--port", "0", "--data-dir", dataDir.toString()))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        return new Server(p, Integer.parseInt(m.group(1)));
      }
    }
    throw new IllegalStateException("the server exited before listening (exit code " + p.exitValue() + ")");
  }

  private HttpResponse<String> post(int port, String body) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/predictions"))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String batch(long first) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < BATCH; i++) {
      b.append(i == 0 ? "" : ",").append("{\"id\": \"e-").append(first + i)
          .append("\", \"model\": \"crash\", \"features\": {\"x\": ").append(i).append("}}");
    }
    return b.append("]").toString();
  }

  private HttpResponse<String> postTo(int port, String path, String body) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyAcknowledgedLabelSurvivesAKill() throws Exception {
    Server first = start();
    int predictions = 20_000;
    for (int from = 0; from < predictions; from += 1000) {
      StringBuilder b = new StringBuilder("[");
      for (int i = from; i < from + 1000; i++) {
        b.append(i == from ? "" : ",").append("{\"id\": \"p-").append(i).append("\", \"model\": \"labelled\","
            + " \"features\": {\"x\": ").append(i).append("}, \"prediction\": \"").append(i % 3 == 0 ? "b" : "a")
            .append("\"}");
      }
      assertThat(postTo(first.port(), "/api/v1/predictions", b.append("]").toString()).statusCode()).isEqualTo(200);
    }
    AtomicLong acknowledged = new AtomicLong();
    AtomicLong sent = new AtomicLong();
    Thread client = new Thread(() -> {
      try {
        while (sent.get() < predictions) {
          long next = sent.getAndAdd(100);
          StringBuilder b = new StringBuilder("[");
          for (long i = next; i < next + 100; i++) {
            b.append(i == next ? "" : ",").append("{\"id\": \"p-").append(i).append("\", \"model\": \"labelled\","
                + " \"label\": \"a\"}");
          }
          if (postTo(first.port(), "/api/v1/labels", b.append("]").toString()).statusCode() == 200) {
            acknowledged.addAndGet(100);
          }
        }
      } catch (IOException | InterruptedException e) {
        // killed under us: the batch in flight is unacknowledged
      }
    });
    client.start();
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.get() >= 3000);
    first.process().destroyForcibly();   // SIGKILL
    assertThat(first.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
    client.join(15_000);
    long acked = acknowledged.get();
    Server second = start();
    try {
      JsonNode p = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
          + second.port() + "/api/v1/models/labelled/performance?from=-1h")).build(),
          HttpResponse.BodyHandlers.ofString()).body());
      assertThat(p.path("labeled").asLong()).as("acknowledged %d labels, sent %d", acked, sent.get())
          .isGreaterThanOrEqualTo(acked).isLessThanOrEqualTo(acked + 100);
      // every label is "a": the realized accuracy is the share of "a" predictions among the labeled ones
      assertThat(p.path("realized").path("accuracy").asDouble()).isBetween(0.6, 0.7);
    } finally {
      second.process().destroy();
      second.process().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void everyAcknowledgedEventSurvivesAKill() throws Exception {
    Server first = start();
    AtomicLong acknowledged = new AtomicLong();
    AtomicLong sent = new AtomicLong();
    Thread client = new Thread(() -> {
      try {
        while (true) {
          long next = sent.getAndAdd(BATCH);
          if (post(first.port(), batch(next)).statusCode() == 200) {
            acknowledged.addAndGet(BATCH);
          }
        }
      } catch (IOException | InterruptedException e) {
        // the server was killed under us: the batch in flight is unacknowledged
      }
    });
    client.start();
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.get() >= 20 * BATCH);
    first.process().destroyForcibly();   // SIGKILL: no shutdown hook, no flush
    assertThat(first.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
    client.join(15_000);
    long acked = acknowledged.get();

    Server second = start();
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + second.port() + "/api/v1/models/crash")).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode counted = Json.MAPPER.readTree(r.body()).path("versions").path("default").path("count");
      assertThat(counted.asLong()).as("acknowledged %d, sent %d", acked, sent.get())
          .isGreaterThanOrEqualTo(acked)
          .isLessThanOrEqualTo(acked + BATCH)   // at most the one batch in flight, never a duplicate
          .isLessThanOrEqualTo(sent.get());
      // The client now retries the batch it never got an answer for: whatever of it was stored is not counted
      // again, so every event sent is counted exactly once.
      assertThat(post(second.port(), batch(sent.get() - BATCH)).statusCode()).isEqualTo(200);
      JsonNode after = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + second.port() + "/api/v1/models/crash")).build(),
          HttpResponse.BodyHandlers.ofString()).body());
      assertThat(after.path("versions").path("default").path("count").asLong()).isEqualTo(sent.get());
    } finally {
      second.process().destroy();
      second.process().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void sigtermStopsTheServerCleanlyAndKeepsEverything() throws Exception {
    Server first = start();
    for (int i = 0; i < 3; i++) {
      assertThat(post(first.port(), batch(i * BATCH)).statusCode()).isEqualTo(200);
    }
    first.process().destroy();   // SIGTERM: the shutdown hook stops Jetty and closes the store
    assertThat(first.process().waitFor(20, TimeUnit.SECONDS)).as("stopped within 20 s").isTrue();
    Server second = start();
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + second.port() + "/api/v1/models/crash")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(Json.MAPPER.readTree(r.body()).path("versions").path("default").path("count").asLong())
          .isEqualTo(3L * BATCH);
    } finally {
      second.process().destroy();
      second.process().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
