package io.vigil.client;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.client.micrometer.PredictionMeters;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one model version: counts and times its predictions, and hands each one to the exporter and the log.
 *
 * <pre>{@code
 * ModelMonitor monitor = ModelMonitor.builder("fraud").version("v3")
 *     .meterRegistry(registry).exporter(VigilExporter.http(URI.create("http://vigil:8080"))).build();
 *
 * UUID id = monitor.record(features, "fraud", Map.of("fraud", 0.91, "ok", 0.09), Duration.ofMillis(12));
 * // or, timing the call and catching its failure:
 * try (PredictionCall call = monitor.start(features)) {
 *   String label = model.predict(features);
 *   call.success(label, model.scores());
 * }
 * monitor.label(id, "ok");   // ground truth, whenever it arrives
 * }</pre>
 *
 * <p>Monitoring never harms the model's call: nothing here blocks (the exporter drops when its queue is full) and
 * nothing throws (a failure in a meter, exporter or listener is caught, counted in {@code vigil.client.errors} and
 * logged once). The caller's thread does the meter updates and one allocation per event; JSON is written on
 * the exporter's thread. Thread-safe.
 */
public final class ModelMonitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelMonitor.class);

  private final String model;
  private final String version;
  private final Clock clock;
  private final Supplier<UUID> ids;
  private final PredictionMeters meters;
  private final VigilExporter exporter;
  private final PredictionListener log;
  private final LongAdder errors = new LongAdder();
  private final AtomicBoolean warned = new AtomicBoolean();

  private ModelMonitor(Builder builder) {
    this.model = builder.model;
    this.version = builder.version;
    this.clock = builder.clock;
    this.ids = builder.ids;
    this.exporter = builder.exporter;
    this.log = builder.log;
    MeterRegistry registry = builder.registry;
    if (registry != null) {
      this.meters = new PredictionMeters(registry, model, version, builder.maxClasses);
      FunctionCounter.builder("vigil.client.errors", errors, LongAdder::sum).tags("model", model, "version", version)
          .description("Failures inside the monitoring itself (never the model's)").register(registry);
      if (exporter != null) {
        exporter.bindTo(registry);
      }
    } else {
      this.meters = null;
    }
  }

  /** Starts configuring the monitor of {@code model}. */
  public static Builder builder(String model) {
    return new Builder(model);
  }

  /**
   * Records a finished, successful prediction.
   *
   * @param features the model's inputs by name; not copied, so leave the map unchanged afterwards
   * @param prediction the predicted class or value
   * @param scores class scores or probabilities, or {@code null}; confidence is the largest
   * @param latency how long the model took, or {@code null} if unknown
   * @return the prediction's id, for {@link #label}
   */
  public UUID record(Map<String, ?> features, Object prediction, Map<String, ? extends Number> scores,
      Duration latency) {
    return emit(nextId(), features, prediction, scores, latency == null ? -1 : latency.toNanos(), null);
  }

  /** Records a failed prediction; {@code error}'s simple class name becomes the event's {@code error}. */
  public UUID recordFailure(Map<String, ?> features, Throwable error, Duration latency) {
    return emit(nextId(), features, null, null, latency == null ? -1 : latency.toNanos(), errorType(error));
  }

  /** Starts timing a prediction; finish it with {@link PredictionCall#success} or {@link PredictionCall#failure}. */
  public PredictionCall start(Map<String, ?> features) {
    if (meters != null) {
      meters.started();
    }
    return new PredictionCall(this, nextId(), features, System.nanoTime());
  }

  /** Sends the ground truth of prediction {@code id} (from {@link #record} or {@link PredictionCall#id()}). */
  public void label(UUID id, Object label) {
    if (exporter == null || id == null) {
      return;
    }
    try {
      exporter.offer(new LabelEvent(id, model, label, clock.millis()));
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  UUID emit(UUID id, Map<String, ?> features, Object prediction, Map<String, ? extends Number> scores,
      long latencyNanos, String error) {
    try {
      double confidence = error == null ? PredictionEvent.confidenceOf(scores) : Double.NaN;
      if (meters != null) {
        meters.record(error == null, latencyNanos, confidence, prediction);
      }
      if (exporter != null || log != null) {
        PredictionEvent event = new PredictionEvent(id, model, version, clock.millis(), features, prediction, scores,
            confidence, latencyNanos < 0 ? Double.NaN : latencyNanos / 1e6,
            error == null ? PredictionEvent.OK : PredictionEvent.ERROR, error);
        if (exporter != null) {
          exporter.offer(event);
        }
        if (log != null) {
          log.onPrediction(event);
        }
      }
    } catch (RuntimeException e) {
      failed(e);
    }
    return id;
  }

  void callFinished() {
    if (meters != null) {
      meters.finished();
    }
  }

  private UUID nextId() {
    try {
      return ids.get();
    } catch (RuntimeException e) {
      failed(e);
      return Sampling.randomId();
    }
  }

  private void failed(RuntimeException e) {
    errors.increment();
    if (warned.compareAndSet(false, true)) {
      LOG.warn("Monitoring of model {} failed (further failures are only counted in vigil.client.errors)", model, e);
    }
  }

  static String errorType(Throwable error) {
    if (error == null) {
      return "unknown";
    }
    String name = error.getClass().getSimpleName();
    return name.isEmpty() ? error.getClass().getName() : name;
  }

  /** The model's name. */
  public String model() {
    return model;
  }

  /** The model's version. */
  public String version() {
    return version;
  }

  /** Failures inside monitoring so far (meters, exporter, listener); they never reached the caller. */
  public long errors() {
    return errors.sum();
  }

  /** Closes the exporter, which sends what it holds (bounded wait). */
  @Override
  public void close() {
    if (exporter != null) {
      exporter.close();
    }
  }

  /** Monitor settings: only the model name is required. */
  public static final class Builder {
    private final String model;
    private String version = "default";
    private MeterRegistry registry;
    private VigilExporter exporter;
    private PredictionListener log;
    private Clock clock = Clock.systemUTC();
    private Supplier<UUID> ids = Sampling::randomId;
    private int maxClasses = 100;

    private Builder(String model) {
      this.model = requireName("model", model);
    }

    /** The model version (default {@code "default"}, as SPEC section 3). */
    public Builder version(String version) {
      this.version = requireName("version", version);
      return this;
    }

    /** Where the meters go; none when not set. */
    public Builder meterRegistry(MeterRegistry registry) {
      this.registry = registry;
      return this;
    }

    /** Where events go; none when not set. {@link ModelMonitor#close()} closes it. */
    public Builder exporter(VigilExporter exporter) {
      this.exporter = exporter;
      return this;
    }

    /** Also hands every prediction to {@code log}, e.g. {@code io.vigil.client.log.PredictionLog}. */
    public Builder log(PredictionListener log) {
      this.log = log;
      return this;
    }

    /** Source of event timestamps (default {@link Clock#systemUTC()}); latency always uses nanoTime. */
    public Builder clock(Clock clock) {
      this.clock = java.util.Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Source of prediction ids (default: random version 4 UUIDs). */
    public Builder ids(Supplier<UUID> ids) {
      this.ids = java.util.Objects.requireNonNull(ids, "ids");
      return this;
    }

    /** Distinct predicted classes with their own series (default 100); later ones count as {@code other}. */
    public Builder maxClasses(int maxClasses) {
      if (maxClasses < 0) {
        throw new IllegalArgumentException("maxClasses must be >= 0, got " + maxClasses);
      }
      this.maxClasses = maxClasses;
      return this;
    }

    /** Registers the meters and returns the monitor. */
    public ModelMonitor build() {
      return new ModelMonitor(this);
    }

    private static String requireName(String what, String value) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(what + " must be a non-blank name, got " + (value == null ? "null"
            : "\"" + value + "\""));
      }
      return value;
    }
  }
}
