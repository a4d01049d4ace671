package io.vigil.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.server.VigilServer;
import io.vigil.server.config.VigilConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS with a self-signed certificate made in the test, plus tokens: the production setup on loopback. */
class TlsIT {

  @TempDir
  static Path keys;

  @TempDir
  Path dataDir;

  private static SelfSignedCertificate rsa;

  @BeforeAll
  static void makeCertificate() throws Exception {
    rsa = SelfSignedCertificate.make(keys, "rsa", "RSA");
  }

  @Test
  void servesHttpsWithAPemCertificateAndTokens() throws Exception {
    ApiToken.Issued ingest = ApiToken.issue("model-server", Set.of(Scope.INGEST));
    VigilConfig config = VigilConfig.parse("auth:\n  tokens:\n" + AuthIT.entry(ingest), "vigil.yaml");
    SecurityOptions security = new SecurityOptions(Optional.of(TlsCertificate.load(rsa.certificate(), rsa.key())), false);
    try (VigilServer server = VigilServer.start(
        new VigilServer.Options("127.0.0.1", 0, false, 1 << 20, dataDir, 4, config), security)) {
      HttpClient trusting = HttpClient.newBuilder().sslContext(rsa.trustingContext()).build();
      URI base = URI.create("https://127.0.0.1:" + server.port());
      HttpResponse<String> health = trusting.send(HttpRequest.newBuilder(base.resolve("/healthz")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.sslSession()).hasValueSatisfying(s -> assertThat(s.getProtocol()).isIn("TLSv1.3", "TLSv1.2"));
      assertThat(health.headers().firstValue("Strict-Transport-Security")).contains("max-age=31536000");
      HttpResponse<String> sent = trusting.send(HttpRequest.newBuilder(base.resolve("/api/v1/predictions"))
          .header("Authorization", "Bearer " + ingest.secret()).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("[{\"model\": \"m\", \"features\": {\"x\": 1}}]")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(sent.statusCode()).isEqualTo(200);

      HttpClient defaultTrust = HttpClient.newHttpClient();
      assertThatThrownBy(() -> defaultTrust.send(HttpRequest.newBuilder(base.resolve("/healthz")).build(),
          HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
      int plain;
      try {
        plain = defaultTrust.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/healthz"))
            .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
      } catch (IOException e) {
        plain = -1;   // the TLS connector hung up on plain text
      }
      assertThat(plain).as("plain HTTP on the HTTPS port").isNotEqualTo(200);
    }
  }

  @Test
  void readsPkcs1AndEcKeys() throws Exception {
    TlsCertificate pkcs1 = TlsCertificate.load(rsa.certificate(), rsa.writePkcs1Key(keys));
    assertThat(pkcs1.certificate()).isEqualTo(rsa.x509());
    SelfSignedCertificate ec = SelfSignedCertificate.make(keys, "ec", "EC");
    TlsCertificate loaded = TlsCertificate.load(ec.certificate(), ec.key());
    try (VigilServer server = VigilServer.start(new VigilServer.Options("127.0.0.1", 0, false, 1 << 20, dataDir),
        new SecurityOptions(Optional.of(loaded), false))) {
      HttpClient trusting = HttpClient.newBuilder().sslContext(ec.trustingContext()).build();
      assertThat(trusting.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/healthz"))
          .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void refusesAKeyOfAnotherCertificateAndFilesThatAreNotPem() throws Exception {
    SelfSignedCertificate other = SelfSignedCertificate.make(keys, "other", "RSA");
    assertThatThrownBy(() -> TlsCertificate.load(rsa.certificate(), other.key()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not belong to the certificate");
    assertThatThrownBy(() -> TlsCertificate.load(rsa.key(), rsa.key()))
        .hasMessageContaining(rsa.key().toString());
    assertThatThrownBy(() -> TlsCertificate.load(rsa.certificate(), rsa.certificate()))
        .hasMessageContaining("no private key");
    Path encrypted = java.nio.file.Files.writeString(keys.resolve("enc.pem"),
        SelfSignedCertificate.pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3}));
    assertThatThrownBy(() -> TlsCertificate.load(rsa.certificate(), encrypted))
        .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
  }

  @Test
  void vigilServeWiresTokensAndTlsFromItsOptions() throws Exception {
    ApiToken.Issued read = ApiToken.issue("grafana", Set.of(Scope.READ));
    Path config = java.nio.file.Files.writeString(keys.resolve("vigil.yaml"), "auth:\n  tokens:\n" + AuthIT.entry(read));
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java.util.List.of(javaBin, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        "io.vigil.cli.Vigil", "serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", dataDir.toString(),
        "--config", config.toString(), "--tls-cert", rsa.certificate().toString(), "--tls-key", rsa.key().toString()))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      String line = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
          java.nio.charset.StandardCharsets.UTF_8)).readLine();
      assertThat(line).startsWith("vigil: serving on https://127.0.0.1:").doesNotContain("AUTH OFF");
      int port = Integer.parseInt(line.replaceFirst(".*https://127\\.0\\.0\\.1:(\\d+).*", "$1"));
      HttpClient trusting = HttpClient.newBuilder().sslContext(rsa.trustingContext()).build();
      URI models = URI.create("https://127.0.0.1:" + port + "/api/v1/models");
      assertThat(trusting.send(HttpRequest.newBuilder(models).build(), HttpResponse.BodyHandlers.ofString())
          .statusCode()).isEqualTo(401);
      assertThat(trusting.send(HttpRequest.newBuilder(models).header("Authorization", "Bearer " + read.secret()).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    } finally {
      p.destroy();
      p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
    }
  }
}
