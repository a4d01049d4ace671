package io.vigil.server.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's traffic: registers three models ({@link DemoModel}), uploads a reference for each, then sends
 * batches of predictions over HTTP, as a model server would, with input drift injected into two of them after
 * {@code driftAfter}.
 *
 * <pre>{@code
 * try (TrafficSimulator sim = TrafficSimulator.start(URI.create("http://127.0.0.1:8080"), Duration.ofMinutes(2), 50)) {
 *   ...
 * }
 * }</pre>
 */
public final class TrafficSimulator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TrafficSimulator.class);
  private static final int REFERENCE_ROWS = 5000;

  private final URI server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "vigil-demo-traffic");
    t.setDaemon(true);
    return t;
  });
  private final Random random = new Random(2026);
  private final Instant driftStarts;
  private final int eventsPerTick;
  private final AtomicLong sent = new AtomicLong();

  private TrafficSimulator(URI server, Duration driftAfter, int eventsPerTick) {
    this.server = server;
    this.driftStarts = Instant.now().plus(driftAfter);
    this.eventsPerTick = eventsPerTick;
  }

  /**
   * Registers the models and their references (synchronously), then sends {@code eventsPerTick} events per model
   * every half second until closed.
   */
  public static TrafficSimulator start(URI server, Duration driftAfter, int eventsPerTick)
      throws IOException, InterruptedException {
    TrafficSimulator s = new TrafficSimulator(server, driftAfter, eventsPerTick);
    for (DemoModel m : DemoModel.values()) {
      s.send("PUT", "/api/v1/models/" + m.name, "application/json", m.definition);
      StringBuilder csv = new StringBuilder(m.header).append('\n');
      Random r = new Random(m.ordinal());
      for (int i = 0; i < REFERENCE_ROWS; i++) {
        csv.append(m.csvRow(r)).append('\n');
      }
      s.send("PUT", "/api/v1/models/" + m.name + "/versions/" + m.version + "/reference", "text/csv", csv.toString());
    }
    s.timer.scheduleAtFixedRate(s::tick, 0, 500, TimeUnit.MILLISECONDS);
    return s;
  }

  public Instant driftStarts() {
    return driftStarts;
  }

  public long sent() {
    return sent.get();
  }

  private void tick() {
    boolean drifted = !Instant.now().isBefore(driftStarts);
    for (DemoModel m : DemoModel.values()) {
      StringBuilder batch = new StringBuilder("[");
      for (int i = 0; i < eventsPerTick; i++) {
        batch.append(i == 0 ? "" : ",").append(m.event(random, drifted && m != DemoModel.PRICE));
      }
      try {
        send("POST", "/api/v1/predictions", "application/json", batch.append(']').toString());
        sent.addAndGet(eventsPerTick);
      } catch (IOException | RuntimeException e) {
        LOG.warn("demo traffic for {} not delivered: {}", m.name, e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void send(String method, String path, String type, String body) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.resolve(path)).header("Content-Type", type)
        .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
