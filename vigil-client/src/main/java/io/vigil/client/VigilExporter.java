package io.vigil.client;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends predictions and labels to a Vigil server in the background, without ever blocking the model's thread.
 *
 * <pre>{@code
 * VigilExporter exporter = VigilExporter.builder(URI.create("http://vigil:8080"))
 *     .batchSize(500).maxDelay(Duration.ofSeconds(1)).sampleRate(0.25).build();
 * ModelMonitor monitor = ModelMonitor.builder("fraud").exporter(exporter).build();
 * }</pre>
 *
 * <p>{@link #offer} puts the event in a bounded {@link ArrayBlockingQueue} with the non-blocking
 * {@code offer}; when the queue is full the event is dropped and counted, never waited for. One daemon thread takes
 * events out and POSTs them as JSON arrays (SPEC section 3) to {@code /api/v1/predictions} and
 * {@code /api/v1/labels}: a batch leaves when it holds {@code batchSize} events or its first event is
 * {@code maxDelay} old. Failed sends are retried with backoff ({@link HttpBatchSender}); a batch that still fails
 * is dropped and counted, so a dead server costs memory bounded by the queue and nothing else.
 *
 * <p>Meters ({@link #bindTo}): {@code vigil.client.dropped{reason=queue_full|send_failed|rejected|closed}},
 * {@code vigil.client.sent} and the gauge {@code vigil.client.queue.size}. Events skipped by sampling are not drops.
 *
 * <p>{@link #close} stops taking events, sends what is queued and waits at most {@code closeTimeout}; whatever
 * is left then is counted as dropped ({@code closed}).
 */
public final class VigilExporter implements MeterBinder, AutoCloseable {
  private static final Object WAKE = new Object();

  private final ArrayBlockingQueue<Object> queue;
  private final double sampleRate;
  private final int batchSize;
  private final long maxDelayNanos;
  private final Duration closeTimeout;
  private final HttpBatchSender sender;
  private final Thread thread;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ExportCounts counts = new ExportCounts();
  private volatile boolean closing;
  private volatile long stopAtNanos;

  private VigilExporter(Builder options) {
    this.queue = new ArrayBlockingQueue<>(options.queueCapacity);
    this.sampleRate = options.sampleRate;
    this.batchSize = options.batchSize;
    this.maxDelayNanos = options.maxDelay.toNanos();
    this.closeTimeout = options.closeTimeout;
    this.sender = new HttpBatchSender(options.server, options);
    this.thread = new Thread(this::run, "vigil-exporter");
    thread.setDaemon(true);
    thread.start();
  }

  /** An exporter with default settings for the Vigil server at {@code server}, e.g. {@code http://vigil:8080}. */
  public static VigilExporter http(URI server) {
    return builder(server).build();
  }

  /** Settings for an exporter to the Vigil server at {@code server}. */
  public static Builder builder(URI server) {
    return new Builder(server);
  }

  /** Queues a prediction; false when sampled out, closed or dropped because the queue is full. Never blocks. */
  public boolean offer(PredictionEvent event) {
    return event.sampled(sampleRate) && enqueue(event);
  }

  /** Queues a label, if its prediction was in the sample; never blocks. */
  public boolean offer(LabelEvent event) {
    return event.sampled(sampleRate) && enqueue(event);
  }

  private boolean enqueue(Object event) {
    if (closing) {
      counts.closed.increment();
      return false;
    }
    if (!queue.offer(event)) {
      counts.queueFull.increment();
      return false;
    }
    return true;
  }

  /** Events delivered (2xx) so far. */
  public long sent() {
    return counts.sent.sum();
  }

  /** Events dropped so far, for every reason. */
  public long dropped() {
    return counts.dropped();
  }

  /** Events dropped because the queue was full. */
  public long droppedQueueFull() {
    return counts.queueFull.sum();
  }

  /** Events waiting to be sent. */
  public int queued() {
    return queue.size();
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    counts.bindTo(registry, queue);
  }

  /** Sends what is queued, waiting at most {@code closeTimeout}; later offers are dropped. Idempotent. */
  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    stopAtNanos = System.nanoTime() + closeTimeout.toNanos();
    closing = true;
    queue.offer(WAKE);   // wakes the thread if it waits on an empty queue; a full queue needs no waking
    try {
      thread.join(closeTimeout.toMillis() + 100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    List<Object> batch = new ArrayList<>(batchSize);
    try {
      while (!closing || !queue.isEmpty()) {
        collect(batch);
        if (timeLeft() <= 0) {
          counts.closed.add(count(batch) + count(drainAll()));
          return;
        }
        deliver(batch);
        batch.clear();
      }
    } catch (InterruptedException e) {
      counts.closed.add(count(batch));
    } finally {
      counts.closed.add(count(drainAll()));   // offers that raced with the end of this loop
    }
  }

  /** Fills {@code batch} up to {@code batchSize}, waiting at most {@code maxDelay} after the first event. */
  private void collect(List<Object> batch) throws InterruptedException {
    batch.add(queue.take());
    long deadline = System.nanoTime() + maxDelayNanos;
    while (batch.size() < batchSize) {
      queue.drainTo(batch, batchSize - batch.size());
      long remaining = deadline - System.nanoTime();
      if (batch.size() >= batchSize || closing || remaining <= 0) {
        break;
      }
      Object next = queue.poll(remaining, TimeUnit.NANOSECONDS);
      if (next == null) {
        break;
      }
      batch.add(next);
    }
  }

  private void deliver(List<Object> batch) throws InterruptedException {
    List<PredictionEvent> predictions = new ArrayList<>(batch.size());
    List<LabelEvent> labels = new ArrayList<>();
    for (Object event : batch) {
      if (event instanceof PredictionEvent) {
        predictions.add((PredictionEvent) event);
      } else if (event instanceof LabelEvent) {
        labels.add((LabelEvent) event);
      }
    }
    // Predictions first: a label in the same batch must find its prediction on the server.
    if (!predictions.isEmpty()) {
      account(sender.send("/api/v1/predictions", EventJson.predictions(predictions), this::timeLeft),
          predictions.size());
    }
    if (!labels.isEmpty()) {
      account(sender.send("/api/v1/labels", EventJson.labels(labels), this::timeLeft), labels.size());
    }
  }

  private void account(HttpBatchSender.Outcome outcome, int events) {
    switch (outcome) {
      case SENT: counts.sent.add(events); break;
      case REJECTED: counts.rejected.add(events); break;
      default: counts.sendFailed.add(events);
    }
  }

  /** Nanoseconds until the close deadline; {@code Long.MAX_VALUE} while open (no overflow-prone sentinel sums). */
  private long timeLeft() {
    return closing ? stopAtNanos - System.nanoTime() : Long.MAX_VALUE;
  }

  private List<Object> drainAll() {
    List<Object> rest = new ArrayList<>();
    queue.drainTo(rest);
    return rest;
  }

  private static long count(List<Object> events) {
    return events.stream().filter(event -> event != WAKE).count();
  }

  /** Exporter settings; every one has a default fit for a production service. */
  public static final class Builder {
    final URI server;
    final Map<String, String> headers = new LinkedHashMap<>();
    int queueCapacity = 10_000;
    int batchSize = 500;
    Duration maxDelay = Duration.ofSeconds(1);
    double sampleRate = 1.0;
    int maxAttempts = 5;
    Duration initialBackoff = Duration.ofMillis(200);
    Duration maxBackoff = Duration.ofSeconds(10);
    Duration connectTimeout = Duration.ofSeconds(2);
    Duration requestTimeout = Duration.ofSeconds(10);
    Duration closeTimeout = Duration.ofSeconds(5);
    long jitterSeed = System.nanoTime();

    private Builder(URI server) {
      String scheme = server == null ? null : server.getScheme();
      if (!"http".equals(scheme) && !"https".equals(scheme)) {
        throw new IllegalArgumentException("Vigil server URI must be http(s)://host:port, got " + server);
      }
      this.server = server;
    }

    /** Events held in memory at most (default 10,000); beyond, new events are dropped and counted. */
    public Builder queueCapacity(int events) {
      this.queueCapacity = positive("queueCapacity", events);
      return this;
    }

    /** Events per request at most (default 500). */
    public Builder batchSize(int events) {
      this.batchSize = positive("batchSize", events);
      return this;
    }

    /** How long an event may wait for its batch to fill (default 1 s). */
    public Builder maxDelay(Duration delay) {
      this.maxDelay = nonNegative("maxDelay", delay);
      return this;
    }

    /** Fraction of predictions sent, decided by id (default 1: all). Meters still count every prediction. */
    public Builder sampleRate(double rate) {
      if (!(rate >= 0.0 && rate <= 1.0)) {
        throw new IllegalArgumentException("sampleRate must be in [0, 1], got " + rate);
      }
      this.sampleRate = rate;
      return this;
    }

    /** Tries per batch, first one included (default 5). */
    public Builder maxAttempts(int attempts) {
      this.maxAttempts = positive("maxAttempts", attempts);
      return this;
    }

    /** Delay before the first retry (default 200 ms), doubled per attempt up to {@code max} (default 10 s). */
    public Builder backoff(Duration initial, Duration max) {
      this.initialBackoff = nonNegative("backoff initial", initial);
      this.maxBackoff = nonNegative("backoff max", max);
      return this;
    }

    /** Per-request timeout (default 10 s). */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = nonNegative("requestTimeout", timeout);
      return this;
    }

    /** Longest wait in {@link VigilExporter#close()} for queued events to be sent (default 5 s). */
    public Builder closeTimeout(Duration timeout) {
      this.closeTimeout = nonNegative("closeTimeout", timeout);
      return this;
    }

    /** A header sent with every request, e.g. {@code ("Authorization", "Bearer …")}. */
    public Builder header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    /** Seed of the retry jitter, for reproducible tests. */
    public Builder jitterSeed(long seed) {
      this.jitterSeed = seed;
      return this;
    }

    /** Starts the exporter's daemon thread. */
    public VigilExporter build() {
      return new VigilExporter(this);
    }

    private static int positive(String name, int value) {
      if (value <= 0) {
        throw new IllegalArgumentException(name + " must be positive, got " + value);
      }
      return value;
    }

    private static Duration nonNegative(String name, Duration value) {
      if (value == null || value.isNegative()) {
        throw new IllegalArgumentException(name + " must be a non-negative duration, got " + value);
      }
      return value;
    }
  }
}
