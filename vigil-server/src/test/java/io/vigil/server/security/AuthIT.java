package io.vigil.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.VigilServer;
import io.vigil.server.config.VigilConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real server with three tokens, one per scope, called over real HTTP on loopback. */
class AuthIT {

  private static final String EVENT = "[{\"model\": \"fraud\", \"features\": {\"amount\": 1.5}}]";
  private static final String MODEL = "{\"task\": \"regression\", \"features\": [{\"name\": \"amount\", \"type\": \"numeric\"}]}";

  @TempDir
  Path dataDir;

  private final HttpClient http = HttpClient.newHttpClient();
  private VigilServer server;
  private ApiToken.Issued ingest;
  private ApiToken.Issued read;
  private ApiToken.Issued admin;

  @BeforeEach
  void start() {
    ingest = ApiToken.issue("model-server", Set.of(Scope.INGEST));
    read = ApiToken.issue("grafana", Set.of(Scope.READ));
    admin = ApiToken.issue("operator", Set.of(Scope.ADMIN));
    String yaml = "auth:\n  tokens:\n" + entry(ingest) + entry(read) + entry(admin);
    server = VigilServer.start(new VigilServer.Options("127.0.0.1", 0, false, 1 << 20, dataDir, 8,
        VigilConfig.parse(yaml, "vigil.yaml")));
  }

  static String entry(ApiToken.Issued t) {
    return "    - {name: " + t.token().name() + ", scopes: [" + t.token().scopes().iterator().next().id()
        + "], hash: \"" + t.token().hash() + "\"}\n";
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private HttpResponse<String> send(String method, String path, String authorization, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String bearer(ApiToken.Issued t) {
    return "Bearer " + t.secret();
  }

  @Test
  void withoutATokenEveryRouteButTheProbesAnswers401() throws Exception {
    for (String[] call : new String[][] {{"POST", "/api/v1/predictions"}, {"GET", "/api/v1/models"},
        {"GET", "/metrics"}, {"PUT", "/api/v1/models/fraud"}, {"GET", "/"}, {"GET", "/api/v1/no-such-route"}}) {
      HttpResponse<String> r = send(call[0], call[1], null, call[0].equals("GET") ? null : EVENT);
      assertThat(r.statusCode()).as(call[0] + " " + call[1]).isEqualTo(401);
      assertThat(r.headers().allValues("WWW-Authenticate")).contains("Bearer realm=\"vigil\"");
      assertThat(r.body()).contains("\"error\"").contains("Authorization: Bearer");
    }
    assertThat(send("GET", "/healthz", null, null).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/readyz", null, null).statusCode()).isEqualTo(200);
  }

  @Test
  void anUnknownOrMalformedTokenIs401AndNothingIsStored() throws Exception {
    String forged = ingest.secret().substring(0, ingest.secret().length() - 1)
        + (ingest.secret().endsWith("A") ? "B" : "A");
    for (String header : new String[] {"Bearer " + forged, "Bearer ", "Token " + ingest.secret(), "Basic !!!"}) {
      HttpResponse<String> r = send("POST", "/api/v1/predictions", header, EVENT);
      assertThat(r.statusCode()).as(header).isEqualTo(401);
    }
    assertThat(send("GET", "/api/v1/models", bearer(read), null).body()).doesNotContain("fraud");
  }

  @Test
  void eachScopeDoesItsOwnJobAndGets403ForTheOthers() throws Exception {
    assertThat(send("POST", "/api/v1/predictions", bearer(ingest), EVENT).statusCode()).isEqualTo(200);
    HttpResponse<String> ingestReads = send("GET", "/api/v1/models", bearer(ingest), null);
    assertThat(ingestReads.statusCode()).isEqualTo(403);
    assertThat(ingestReads.body()).contains("model-server", "[ingest]", "'read'");
    assertThat(send("GET", "/metrics", bearer(ingest), null).statusCode()).isEqualTo(403);
    assertThat(send("PUT", "/api/v1/models/price", bearer(ingest), MODEL).statusCode()).isEqualTo(403);

    assertThat(send("GET", "/api/v1/models", bearer(read), null).body()).contains("fraud");
    assertThat(send("GET", "/metrics", bearer(read), null).statusCode()).isEqualTo(200);
    assertThat(send("POST", "/api/v1/predictions", bearer(read), EVENT).statusCode()).isEqualTo(403);
    assertThat(send("PUT", "/api/v1/models/price", bearer(read), MODEL).statusCode()).isEqualTo(403);

    assertThat(send("PUT", "/api/v1/models/price", bearer(admin), MODEL).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/api/v1/models/price", bearer(admin), null).statusCode()).isEqualTo(200);
    assertThat(send("POST", "/api/v1/predictions", bearer(admin), EVENT).statusCode()).isEqualTo(403);
    assertThat(send("GET", "/metrics", null, null).statusCode()).isEqualTo(401);
    assertThat(send("GET", "/metrics", bearer(read), null).body())
        .contains("vigil_http_denied_total{reason=\"forbidden\"} 6.0")
        .contains("vigil_http_denied_total{reason=\"unauthorized\"} 1.0");
  }

  @Test
  void aTrailingSlashOrDoubleSlashDoesNotDodgeTheScope() throws Exception {
    assertThat(send("PUT", "/api/v1/models/price/", bearer(ingest), MODEL).statusCode()).isEqualTo(403);
    assertThat(send("GET", "//api/v1/models", bearer(ingest), null).statusCode()).isEqualTo(403);
  }

  @Test
  void aBrowserMayPresentTheTokenAsTheBasicPassword() throws Exception {
    String basic = "Basic " + Base64.getEncoder().encodeToString(("me:" + read.secret()).getBytes(StandardCharsets.UTF_8));
    assertThat(send("GET", "/api/v1/models", basic, null).statusCode()).isEqualTo(200);
    HttpResponse<String> r = send("GET", "/api/v1/models", null, null);
    assertThat(r.headers().allValues("WWW-Authenticate")).anyMatch(v -> v.startsWith("Basic realm=\"vigil\""));
  }

  @Test
  void securityHeadersAreOnEveryAnswerAndCorsStaysOff() throws Exception {
    HttpRequest withOrigin = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/models"))
        .header("Authorization", bearer(read)).header("Origin", "https://evil.example").build();
    HttpResponse<String> r = http.send(withOrigin, HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
        assertThat(csp).contains("frame-ancestors 'none'", "script-src 'self';", "object-src 'none'"));
    assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
    assertThat(r.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
    HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(withOrigin.uri())
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://evil.example")
        .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(preflight.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
    HttpResponse<String> denied = send("GET", "/api/v1/models", null, null);
    assertThat(denied.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
  }

  @Test
  void theJavaClientSendsItsTokenAsAHeader() throws Exception {
    io.vigil.client.VigilExporter exporter = io.vigil.client.VigilExporter.builder(
            URI.create("http://127.0.0.1:" + server.port())).header("Authorization", bearer(ingest)).batchSize(50)
        .maxDelay(java.time.Duration.ofMillis(50)).closeTimeout(java.time.Duration.ofSeconds(20)).build();
    try (io.vigil.client.ModelMonitor monitor = io.vigil.client.ModelMonitor.builder("client")
        .meterRegistry(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()).exporter(exporter).build()) {
      for (int i = 0; i < 120; i++) {
        monitor.record(java.util.Map.of("x", i), "yes", java.util.Map.of("yes", 0.8, "no", 0.2),
            java.time.Duration.ofMillis(5));
      }
    }
    assertThat(exporter.sent()).isEqualTo(120);
    assertThat(send("GET", "/api/v1/models/client", bearer(read), null).body()).contains("\"count\":120");
  }
}
