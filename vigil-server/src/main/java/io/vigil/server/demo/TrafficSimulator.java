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
 * {@code driftAfter} (and for the fraud model a concept drift: fraud gets likelier than its scores say). Labels for
 * 80 % of the predictions follow {@link #LABEL_DELAY} later, so the estimated accuracy (CBPE, from the scores)
 * drops before the realized one confirms it.
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
  private final AtomicLong labeled = new AtomicLong();
  private final AtomicLong ids = new AtomicLong();
  /** Labels come later than their predictions, as ground truth does: the estimate sees a change first. */
  static final Duration LABEL_DELAY = Duration.ofSeconds(45);
  /** Share of predictions that ever get a label. */
  static final double LABELED = 0.8;
  private final java.util.Queue<Due> labels = new java.util.ArrayDeque<>();

  /** A label to send once its time has come. */
  private record Due(Instant at, String label) {}

  private final Duration labelDelay;

  private TrafficSimulator(URI server, Duration driftAfter, int eventsPerTick, Duration labelDelay) {
    this.server = server;
    this.labelDelay = labelDelay;
    this.driftStarts = Instant.now().plus(driftAfter);
    this.eventsPerTick = eventsPerTick;
  }

  /**
   * Registers the models and their references (synchronously), then sends {@code eventsPerTick} events per model
   * every half second until closed.
   */
  public static TrafficSimulator start(URI server, Duration driftAfter, int eventsPerTick)
      throws IOException, InterruptedException {
    return start(server, driftAfter, eventsPerTick, LABEL_DELAY);
  }

  /** As {@link #start(URI, Duration, int)}, with labels following their predictions after {@code labelDelay}. */
  public static TrafficSimulator start(URI server, Duration driftAfter, int eventsPerTick, Duration labelDelay)
      throws IOException, InterruptedException {
    TrafficSimulator s = new TrafficSimulator(server, driftAfter, eventsPerTick, labelDelay);
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
    Instant now = Instant.now();
    boolean drifted = !now.isBefore(driftStarts);
    for (DemoModel m : DemoModel.values()) {
      StringBuilder batch = new StringBuilder("[");
      for (int i = 0; i < eventsPerTick; i++) {
        DemoModel.Sent e = m.event(random, drifted && m != DemoModel.PRICE, m.name + "-" + ids.incrementAndGet());
        batch.append(i == 0 ? "" : ",").append(e.event());
        if (e.label() != null && random.nextDouble() < LABELED) {
          labels.add(new Due(now.plus(labelDelay), e.label()));
        }
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
    StringBuilder due = new StringBuilder("[");
    int n = 0;
    while (!labels.isEmpty() && !labels.peek().at().isAfter(now)) {
      due.append(n++ == 0 ? "" : ",").append(labels.poll().label());
    }
    if (n > 0) {
      try {
        send("POST", "/api/v1/labels", "application/json", due.append(']').toString());
        labeled.addAndGet(n);
      } catch (IOException | RuntimeException e) {
        LOG.warn("demo labels not delivered: {}", e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Labels sent so far. */
  public long labeled() {
    return labeled.get();
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
