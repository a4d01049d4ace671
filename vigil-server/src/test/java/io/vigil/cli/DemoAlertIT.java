package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.VigilServer;
import io.vigil.server.api.Json;
import io.vigil.server.demo.TrafficSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil demo}'s built-in rules on the demo's traffic: the drift alert fires where drift was injected. */
class DemoAlertIT {

  @TempDir
  Path dataDir;

  private final HttpClient http = HttpClient.newHttpClient();

  private List<String> firing(int port) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/api/v1/alerts?state=firing")).build(), HttpResponse.BodyHandlers.ofString());
    List<String> out = new ArrayList<>();
    for (JsonNode a : Json.MAPPER.readTree(r.body()).get("alerts")) {
      out.add(a.get("rule").asText() + " " + a.get("model").asText());
    }
    return out;
  }

  @Test
  void theDriftAlertFiresForTheDriftedModels() throws Exception {
    try (VigilServer server = VigilServer.start(new VigilServer.Options("127.0.0.1", 0, false, 16 << 20, dataDir,
            VigilServer.Options.DEFAULT_MAX_IN_FLIGHT, DemoCommand.config()));
        TrafficSimulator traffic = TrafficSimulator.start(URI.create("http://127.0.0.1:" + server.port()),
            Duration.ZERO, 100)) {
      List<String> alerts = Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
          .until(() -> firing(server.port()), f -> f.contains("input-drift fraud") && f.contains("input-drift intent"));
      assertThat(alerts).doesNotContain("input-drift price").noneMatch(a -> a.startsWith("high-error-rate"));
    }
  }
}
