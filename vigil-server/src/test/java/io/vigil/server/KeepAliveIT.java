package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest answers are sent from the writer's threads, and each connection then reads its next request on that thread
 * ({@code ResumingThreadPool}): many requests one after another on one connection, and requests pipelined in one
 * write, mixing ingest with other routes and refusals, and batches large enough to be parsed on the pool, are all
 * answered, in order, and counted once.
 */
class KeepAliveIT {

  @TempDir
  Path dataDir;

  private static String post(String body, String type) {
    return "POST /api/v1/predictions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + type + "\r\nContent-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
  }

  private static String event(int i) {
    return "[{\"model\": \"keep\", \"features\": {\"x\": " + i + "}}]";
  }

  /** One answer: its status line, then its body (read by Content-Length). */
  private static String[] answer(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the connection closed after " + head);
      }
      head.write(b);
    }
    String headers = head.toString(StandardCharsets.US_ASCII);
    int length = 0;
    for (String line : headers.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    return new String[] {headers.substring(0, headers.indexOf("\r\n")),
        new String(in.readNBytes(length), StandardCharsets.UTF_8)};
  }

  @Test
  void oneConnectionCarriesManyRequestsAndPipelinedOnes() throws Exception {
    try (VigilServer server = VigilServer.start(
        new VigilServer.Options("127.0.0.1", 0, false, 1 << 20, dataDir));
        Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      for (int i = 0; i < 300; i++) {
        out.write(post(event(i), "application/json").getBytes(StandardCharsets.UTF_8));
        out.flush();
        String[] a = answer(in);
        assertThat(a[0]).as("request %d", i).isEqualTo("HTTP/1.1 200 OK");
        assertThat(a[1]).contains("\"accepted\":1");
      }
      // batches over 4 KiB: the thread that resumes the connection hands them to the pool
      StringBuilder batch = new StringBuilder("[");
      for (int i = 0; i < 150; i++) {
        batch.append(i == 0 ? "" : ",").append("{\"model\": \"keep\", \"features\": {\"x\": ").append(i).append("}}");
      }
      String large = post(batch.append(']').toString(), "application/json");
      assertThat(large.length()).isGreaterThan(4096);
      for (int i = 0; i < 20; i++) {
        out.write(large.getBytes(StandardCharsets.UTF_8));
        out.flush();
        assertThat(answer(in)[1]).as("batch %d", i).contains("\"accepted\":150");
      }
      // four requests in one write: ingest, a refusal, another route, ingest
      out.write((post(event(300), "application/json") + post(event(-1), "text/csv")
          + "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" + post(event(301), "application/x-ndjson"))
          .getBytes(StandardCharsets.UTF_8));
      out.flush();
      assertThat(answer(in)[1]).contains("\"accepted\":1");
      String[] refused = answer(in);
      assertThat(refused[0]).isEqualTo("HTTP/1.1 415 Unsupported Media Type");
      assertThat(refused[1]).contains("text/csv");
      assertThat(answer(in)[0]).isEqualTo("HTTP/1.1 200 OK");
      assertThat(answer(in)[1]).contains("\"accepted\":1");

      String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(metrics).containsPattern("vigil_predictions_total\\{[^}]*model=\"keep\"[^}]*\\} 3302(\\.0)?\\n");
    }
  }
}
