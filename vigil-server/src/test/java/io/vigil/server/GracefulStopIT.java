package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.api.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop (what SIGTERM triggers) lets a request already in flight finish: a client that has sent half of a batch
 * when the stop begins still gets its 200, and every event of it is counted after the restart.
 */
class GracefulStopIT {

  @TempDir
  Path dataDir;

  @Test
  void aRequestInFlightWhenTheStopBeginsIsAnsweredAndKept() throws Exception {
    VigilServer server = VigilServer.start(new VigilServer.Options("127.0.0.1", 0, false, 1 << 20, dataDir));
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < 200; i++) {
      batch.append(i == 0 ? "" : ",").append(ServerApiIT.event(i, "v1"));
    }
    byte[] body = batch.append(']').toString().getBytes(StandardCharsets.UTF_8);
    CompletableFuture<Void> stopped;
    String statusLine;
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST /api/v1/predictions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body, 0, body.length / 2);
      out.flush();
      Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> server.inFlight() == 1);
      stopped = CompletableFuture.runAsync(server::stop);
      Awaitility.await().atMost(10, TimeUnit.SECONDS).until(server::stopping);
      assertThat(stopped).isNotDone();   // waiting for the request
      out.write(body, body.length / 2, body.length - body.length / 2);
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      statusLine = in.readLine();
    }
    assertThat(statusLine).startsWith("HTTP/1.1 200");
    stopped.get(30, TimeUnit.SECONDS);
    VigilServer again = VigilServer.start(new VigilServer.Options("127.0.0.1", 0, false, 1 << 20, dataDir));
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + again.port() + "/api/v1/models/fraud")).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode model = Json.MAPPER.readTree(r.body());
      assertThat(model.path("versions").path("v1").path("count").asLong()).isEqualTo(200);
    } finally {
      again.stop();
    }
  }
}
