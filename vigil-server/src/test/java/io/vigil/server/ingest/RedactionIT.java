package io.vigil.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.VigilServer;
import io.vigil.server.api.Json;
import io.vigil.server.config.VigilConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Redacted features never reach the disk, the profiles, the API or the log: a dropped feature is gone, a hashed one
 * is a stable {@code h:…} category. Checked by scanning every byte the server wrote under its data folder.
 */
class RedactionIT {

  private static final String CONFIG = "redaction:\n  drop: [email, \"/pii_.+/\"]\n  hash: [user_id]\n"
      + "  key: \"0123456789abcdef-test-only\"\n";
  private static final String EMAIL = "alice.secret@example.com";
  private static final String PHONE = "+49-170-5550123";
  private static final String USER = "customer-4242";

  @TempDir
  Path dataDir;

  private final HttpClient http = HttpClient.newHttpClient();

  private static String event(int i, String user) {
    return "{\"id\": \"r" + i + "\", \"model\": \"m\", \"features\": {\"amount\": " + i + ".5, \"email\": \"" + EMAIL
        + "\", \"pii_phone\": \"" + PHONE + "\", \"user_id\": \"" + user + "\"}, \"prediction\": \"yes\","
        + " \"scores\": {\"yes\": 0.6, \"no\": 0.4}}";
  }

  private HttpResponse<String> send(int port, String method, String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void droppedAndHashedFeaturesAreNeverStoredServedOrLogged() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    root.addAppender(log);
    List<String> answers = new ArrayList<>();
    try (VigilServer server = VigilServer.start(new VigilServer.Options("127.0.0.1", 0, false, 1 << 20, dataDir, 4,
        VigilConfig.parse(CONFIG, "vigil.yaml")))) {
      int port = server.port();
      HttpResponse<String> r = send(port, "POST", "/api/v1/predictions", "[" + event(1, USER) + "," + event(2, USER)
          + "," + event(3, "someone-else") + ", {\"model\": \"m\", \"features\": {\"amount\": \"" + EMAIL
          + "\", \"email\": \"" + EMAIL + "\"}}]");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(Json.MAPPER.readTree(r.body()).path("accepted").asInt()).isEqualTo(3);
      JsonNode model = Json.MAPPER.readTree(send(port, "GET", "/api/v1/models/m", null).body());
      assertThat(model.toString()).doesNotContain("\"email\"", "pii_phone").contains("user_id");
      JsonNode review = Json.MAPPER.readTree(send(port, "GET", "/api/v1/models/m/review?from=-1h&limit=10", null).body());
      List<String> users = new ArrayList<>();
      review.findValues("user_id").forEach(v -> users.add(v.asText()));
      assertThat(users).hasSize(3).allMatch(u -> u.matches("h:[0-9a-f]{16}"));
      assertThat(users.stream().distinct().count()).as("the same user hashes to the same category").isEqualTo(2);
      for (String path : new String[] {"/api/v1/models/m", "/api/v1/models/m/review?from=-1h", "/metrics",
          "/api/v1/models/m/quality?from=-1h", "/api/v1/models/m/stats?from=-1h"}) {
        answers.add(send(port, "GET", path, null).body());
      }
      HttpResponse<String> upload = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
          + "/api/v1/models/m/versions/default/reference")).header("Content-Type", "text/csv")
          .PUT(HttpRequest.BodyPublishers.ofString("amount,email,user_id\n1.5," + EMAIL + "," + USER + "\n2.5,"
              + EMAIL + "," + USER + "\n")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
      answers.add(upload.body());
      JsonNode drift = Json.MAPPER.readTree(send(port, "GET", "/api/v1/models/m/drift?from=-1h", null).body());
      List<String> tested = new ArrayList<>();
      drift.path("features").forEach(f -> tested.add(f.path("name").asText()));
      assertThat(tested).contains("amount").doesNotContain("email", "pii_phone", "user_id");
      assertThat(String.join("\n", answers)).doesNotContain(EMAIL, PHONE, USER);
      assertThat(String.join("\n", answers)).as("the rejection of the 4th event").doesNotContain("alice");
    } finally {
      root.detachAppender(log);
    }
    assertThat(log.list).map(ILoggingEvent::getFormattedMessage).noneMatch(m -> m.contains(EMAIL) || m.contains(USER));
    try (Stream<Path> files = Files.walk(dataDir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertThat(bytes).as(f.toString()).doesNotContain(EMAIL, PHONE, USER);
      }
    }
  }

  @Test
  void badRedactionSettingsNameTheKey() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Redaction.from(VigilConfig.parse(
        "redaction:\n  hash: [user_id]\n", "vigil.yaml"))).hasMessageContaining("vigil.yaml: redaction.key");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Redaction.from(VigilConfig.parse(
        "redaction:\n  drop: [\"/(unclosed/\"]\n", "vigil.yaml"))).hasMessageContaining("redaction.drop[0]");
    Redaction r = Redaction.from(VigilConfig.parse("redaction:\n  drop: [\"/pii_.+/\", email]\n", "vigil.yaml"));
    assertThat(r.drops("pii_x")).isTrue();
    assertThat(r.drops("xpii_x")).isFalse();
    assertThat(r.drops("email")).isTrue();
    assertThat(r.drops("emails")).isFalse();
  }
}
