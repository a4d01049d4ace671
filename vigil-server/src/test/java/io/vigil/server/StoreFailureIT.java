package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vigil.server.api.Json;
import io.vigil.server.security.SecurityOptions;
import io.vigil.server.storage.EventStore;
import io.vigil.server.storage.SqliteEventStore;
import io.vigil.server.storage.StoreException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The embedded store turned read-only under a running server (as a full disk or a remounted data folder would):
 * ingest answers 503 with Retry-After, reads keep working, the log says so once, and ingest recovers by itself
 * when the store takes writes again.
 */
class StoreFailureIT {

  @TempDir
  Path dataDir;

  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicBoolean readOnly = new AtomicBoolean();

  /** The real SQLite store, except that writes fail like SQLite's own while {@link #readOnly} is set. */
  private EventStore readOnlyWhenAsked(Path dir) {
    SqliteEventStore real = SqliteEventStore.open(dir);
    return (EventStore) Proxy.newProxyInstance(EventStore.class.getClassLoader(), new Class<?>[] {EventStore.class},
        (proxy, method, args) -> {
          if (readOnly.get() && (method.getName().equals("append") || method.getName().startsWith("save"))) {
            throw new StoreException("cannot store events: [SQLITE_READONLY] attempt to write a readonly database",
                new java.sql.SQLException("[SQLITE_READONLY] attempt to write a readonly database"));
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private HttpResponse<String> post(int port, int id) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/predictions"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
            "[{\"id\": \"e" + id + "\", \"model\": \"m\", \"features\": {\"x\": " + id + "}}]")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private long count(int port) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/api/v1/models/m")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return Json.MAPPER.readTree(r.body()).path("versions").path("default").path("count").asLong();
  }

  @Test
  void ingestAnswers503WhileTheStoreIsReadOnlyReadsGoOnAndItRecovers() throws Exception {
    Logger log = (Logger) LoggerFactory.getLogger(StoreOutage.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    log.addAppender(lines);
    try (VigilServer server = VigilServer.start(new VigilServer.Options("127.0.0.1", 0, false, 1 << 20, dataDir),
        SecurityOptions.DEFAULT, this::readOnlyWhenAsked)) {
      int port = server.port();
      assertThat(post(port, 1).statusCode()).isEqualTo(200);

      readOnly.set(true);
      for (int i = 2; i <= 6; i++) {
        HttpResponse<String> refused = post(port, i);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("store", "nothing of this request was accepted");
      }
      assertThat(count(port)).as("reads go on, and the refused events were not counted").isEqualTo(1);
      assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
      List<ILoggingEvent> errors = lines.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
      assertThat(errors).as("one clear line for the whole outage").hasSize(1);
      assertThat(errors.get(0).getFormattedMessage()).contains("cannot write", "readonly", "503");

      readOnly.set(false);
      assertThat(post(port, 7).statusCode()).isEqualTo(200);
      assertThat(post(port, 3).statusCode()).as("a refused batch retried").isEqualTo(200);
      assertThat(count(port)).isEqualTo(3);
      assertThat(lines.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("takes writes again"));
      assertThat(lines.list.stream().filter(e -> e.getLevel() == Level.ERROR)).hasSize(1);
    } finally {
      log.detachAppender(lines);
    }
  }
}
