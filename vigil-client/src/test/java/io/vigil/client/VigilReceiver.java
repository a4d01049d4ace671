package io.vigil.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A loopback stand-in for the Vigil server's ingest routes: records every batch POSTed to
 * {@code /api/v1/predictions} and {@code /api/v1/labels}, answering with a scripted status.
 *
 * <pre>{@code
 * try (VigilReceiver server = VigilReceiver.start()) {
 *   server.status = request -> request <= 2 ? 503 : 200;   // 1-based request number -> HTTP status
 *   ... VigilExporter.http(server.uri()) ...
 * }
 * }</pre>
 */
public final class VigilReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Accepted prediction batches (2xx answers only), in arrival order. */
  public final List<JsonNode> predictionBatches = new CopyOnWriteArrayList<>();
  /** Accepted label batches. */
  public final List<JsonNode> labelBatches = new CopyOnWriteArrayList<>();
  /** {@code System.nanoTime()} of every request, accepted or not. */
  public final List<Long> requestTimes = new CopyOnWriteArrayList<>();
  /** Request number (from 1) → status to answer. */
  public volatile IntUnaryOperator status = request -> 200;
  /** Sent as {@code Retry-After} with non-2xx answers when set. */
  public volatile String retryAfter;
  /** When set, every request waits for it to open before answering (a slow server). */
  public volatile CountDownLatch gate;

  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();

  private VigilReceiver(HttpServer server) {
    this.server = server;
  }

  /** Binds 127.0.0.1 on a free port and starts serving. */
  public static VigilReceiver start() throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    VigilReceiver receiver = new VigilReceiver(http);
    http.createContext("/api/v1/predictions", exchange -> receiver.handle(exchange, receiver.predictionBatches));
    http.createContext("/api/v1/labels", exchange -> receiver.handle(exchange, receiver.labelBatches));
    http.start();
    return receiver;
  }

  /** The base URI to give the exporter. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Requests received so far. */
  public int requests() {
    return requests.get();
  }

  /** Every accepted prediction, batches flattened. */
  public List<JsonNode> predictions() {
    return flatten(predictionBatches);
  }

  /** Every accepted label. */
  public List<JsonNode> labels() {
    return flatten(labelBatches);
  }

  /** Sizes of the accepted prediction batches. */
  public List<Integer> predictionBatchSizes() {
    List<Integer> sizes = new ArrayList<>();
    predictionBatches.forEach(batch -> sizes.add(batch.size()));
    return sizes;
  }

  private static List<JsonNode> flatten(List<JsonNode> batches) {
    List<JsonNode> all = new ArrayList<>();
    batches.forEach(batch -> batch.forEach(all::add));
    return all;
  }

  private void handle(HttpExchange exchange, List<JsonNode> accepted) throws IOException {
    try (exchange) {
      requestTimes.add(System.nanoTime());
      int number = requests.incrementAndGet();
      JsonNode body;
      try (InputStream in = exchange.getRequestBody()) {
        body = JSON.readTree(in);
      }
      CountDownLatch wait = gate;
      if (wait != null && !wait.await(30, TimeUnit.SECONDS)) {
        throw new IOException("gate never opened");
      }
      int code = status.applyAsInt(number);
      String answer;
      if (code / 100 == 2) {
        accepted.add(body);
        answer = "{\"accepted\":" + body.size() + ",\"rejected\":[]}";
      } else {
        answer = "{\"error\":\"scripted " + code + "\"}";
        if (retryAfter != null) {
          exchange.getResponseHeaders().set("Retry-After", retryAfter);
        }
      }
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(code, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    CountDownLatch wait = gate;
    if (wait != null) {
      wait.countDown();
    }
    server.stop(0);
  }
}
