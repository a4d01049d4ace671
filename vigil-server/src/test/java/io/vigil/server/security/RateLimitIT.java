package io.vigil.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.VigilServer;
import io.vigil.server.config.VigilConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Overloads one token on purpose: past its rate it gets 429 with Retry-After; another token is not slowed. */
class RateLimitIT {

  @TempDir
  Path dataDir;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aTokenOverItsRateGets429WithRetryAfterAndOthersGoOn() throws Exception {
    ApiToken.Issued noisy = ApiToken.issue("noisy", Set.of(Scope.INGEST));
    ApiToken.Issued calm = ApiToken.issue("calm", Set.of(Scope.INGEST));
    String yaml = "auth:\n  rate_limit: 1000\n  tokens:\n"
        + "    - {name: noisy, scopes: [ingest], rate_limit: 2, hash: \"" + noisy.token().hash() + "\"}\n"
        + AuthIT.entry(calm);
    try (VigilServer server = VigilServer.start(new VigilServer.Options("127.0.0.1", 0, false, 1 << 20, dataDir, 8,
        VigilConfig.parse(yaml, "vigil.yaml")))) {
      URI ingest = URI.create("http://127.0.0.1:" + server.port() + "/api/v1/predictions");
      List<Integer> statuses = new ArrayList<>();
      HttpResponse<String> refused = null;
      for (int i = 0; i < 20; i++) {
        HttpResponse<String> r = http.send(post(ingest, noisy, i), HttpResponse.BodyHandlers.ofString());
        statuses.add(r.statusCode());
        if (r.statusCode() == 429 && refused == null) {
          refused = r;
        }
      }
      // a burst of 2, refilled at 2 per second: 20 quick requests cannot all pass
      assertThat(statuses).contains(429);
      assertThat(statuses.stream().filter(s -> s == 200).count()).isBetween(2L, 10L);
      assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(v ->
          assertThat(Integer.parseInt(v)).isBetween(1, 2));
      assertThat(refused.body()).contains("noisy", "rate limit");
      for (int i = 0; i < 5; i++) {
        assertThat(http.send(post(ingest, calm, 100 + i), HttpResponse.BodyHandlers.ofString()).statusCode())
            .isEqualTo(200);
      }
      Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
          http.send(post(ingest, noisy, 1000), HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    }
  }

  private static HttpRequest post(URI uri, ApiToken.Issued token, int id) {
    return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token.secret())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("[{\"id\": \"e" + id + "\", \"model\": \"m\", \"features\": {\"x\": 1}}]"))
        .build();
  }
}
