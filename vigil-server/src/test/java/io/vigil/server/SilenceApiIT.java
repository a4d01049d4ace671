package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.api.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The silences and alerts API over real HTTP: what it accepts, and 400s that name the field for what it does not. */
class SilenceApiIT {

  @TempDir
  static Path dir;

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> send(VigilServer s, String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path));
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "{\"ends_at\": \"+1h\"}                                        | matchers: missing",
      "{\"matchers\": {}, \"ends_at\": \"+1h\"}                       | matchers: missing",
      "{\"matchers\": {\"modle\": \"fraud\"}, \"ends_at\": \"+1h\"}     | matchers.modle: unknown matcher",
      "{\"matchers\": {\"model\": 3}, \"ends_at\": \"+1h\"}             | matchers.model: expected a non-empty string",
      "{\"matchers\": {\"model\": \"fraud\"}}                         | ends_at: missing",
      "{\"matchers\": {\"model\": \"fraud\"}, \"ends_at\": \"tomorrow\"} | ends_at: expected ISO-8601",
      "{\"matchers\": {\"model\": \"fraud\"}, \"ends_at\": \"2020-01-01T00:00:00Z\"} | ends_at: 2020-01-01T00:00:00Z is not in the future",
      "{\"matchers\": {\"model\": \"fraud\"}, \"ends_at\": \"+1h\", \"starts_at\": \"+2h\"} | ends_at:",
      "`[1, 2]`                                                       | body: expected",
      "{not json                                                      | body: not valid JSON"})
  void badSilencesAre400sNamingTheField(String body, String message) throws Exception {
    try (VigilServer s = VigilServer.start(new VigilServer.Options("127.0.0.1", 0, false, 1 << 20, dir.resolve("d")))) {
      HttpResponse<String> r = send(s, "POST", "/api/v1/silences", body);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
      assertThat(Json.MAPPER.readTree(r.body()).get("error").asText()).startsWith(message);
    }
  }

  @Test
  void aSilenceIsCreatedListedAndDeleted() throws Exception {
    try (VigilServer s = VigilServer.start(new VigilServer.Options("127.0.0.1", 0, false, 1 << 20, dir.resolve("e")))) {
      HttpResponse<String> created = send(s, "POST", "/api/v1/silences",
          "{\"matchers\": {\"rule\": \"high-errors\", \"model\": \"fraud\"}, \"ends_at\": \"+2h\", \"comment\": \"deploy\"}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      String id = Json.MAPPER.readTree(created.body()).get("id").asText();
      JsonNode listed = Json.MAPPER.readTree(send(s, "GET", "/api/v1/silences", null).body()).get("silences");
      assertThat(listed).hasSize(1);
      assertThat(listed.get(0).get("id").asText()).isEqualTo(id);
      assertThat(listed.get(0).get("matchers").get("rule").asText()).isEqualTo("high-errors");
      assertThat(listed.get(0).get("active").asBoolean()).isTrue();
      assertThat(listed.get(0).get("comment").asText()).isEqualTo("deploy");
      assertThat(send(s, "DELETE", "/api/v1/silences/" + id, null).statusCode()).isEqualTo(204);
      HttpResponse<String> again = send(s, "DELETE", "/api/v1/silences/" + id, null);
      assertThat(again.statusCode()).isEqualTo(404);
      assertThat(again.body()).contains("no silence with id");
      assertThat(Json.MAPPER.readTree(send(s, "GET", "/api/v1/silences", null).body()).get("silences")).isEmpty();
    }
  }

  @Test
  void badAlertQueriesAre400s() throws Exception {
    try (VigilServer s = VigilServer.start(new VigilServer.Options("127.0.0.1", 0, false, 1 << 20, dir.resolve("f")))) {
      HttpResponse<String> state = send(s, "GET", "/api/v1/alerts?state=burning", null);
      assertThat(state.statusCode()).isEqualTo(400);
      assertThat(state.body()).contains("state: unknown alert state 'burning'");
      assertThat(send(s, "GET", "/api/v1/alerts?limit=0", null).body()).contains("limit: expected a whole number");
      HttpResponse<String> none = send(s, "GET", "/api/v1/alerts", null);
      assertThat(none.statusCode()).isEqualTo(200);
      // a server with its own store is the only evaluator
      assertThat(none.body()).isEqualTo("{\"alerts\":[],\"evaluator\":\"default\"}");
      assertThat(send(s, "GET", "/api/v1/alert-rules", null).body()).isEqualTo("{\"rules\":[]}");
    }
  }
}
