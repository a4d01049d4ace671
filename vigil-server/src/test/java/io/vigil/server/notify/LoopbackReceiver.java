package io.vigil.server.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 (the JDK's) that keeps every request body it receives: the receiving end of the
 * webhook, Slack and PagerDuty tests. It can be told to fail the next requests or to hold them.
 */
public final class LoopbackReceiver implements AutoCloseable {

  /** One request as received. */
  public record Request(String method, String path, String contentType, String body) {}

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger failNext = new AtomicInteger();
  private volatile int status = 200;
  private volatile String answer = "{}";
  private volatile CountDownLatch hold;

  public LoopbackReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      CountDownLatch h = hold;
      if (h != null) {
        try {
          h.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          exchange.getRequestHeaders().getFirst("Content-Type"), body));
      int code = failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : status;
      byte[] out = (code == 503 ? "{\"error\": \"try later\"}" : answer).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(code, out.length);
      try (OutputStream o = exchange.getResponseBody()) {
        o.write(out);
      }
    });
    server.start();
  }

  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  public List<Request> requests() {
    return requests;
  }

  /** Answers the next {@code n} requests with 503. */
  public void failNext(int n) {
    failNext.set(n);
  }

  /** The status and body of every (not failed) answer. */
  public void answer(int code, String body) {
    this.status = code;
    this.answer = body;
  }

  /** Holds every request until the latch opens. */
  public void hold(CountDownLatch latch) {
    this.hold = latch;
  }

  @Override
  public void close() {
    CountDownLatch h = hold;
    if (h != null) {
      h.countDown();
    }
    server.stop(0);
  }
}
