package io.vigil.server;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.vigil.server.api.ApiError;
import io.vigil.server.api.IngestRoutes;
import io.vigil.server.api.Json;
import io.vigil.server.api.DriftRoutes;
import io.vigil.server.api.CompareRoutes;
import io.vigil.server.api.ModelHealth;
import io.vigil.server.api.ReviewRoutes;
import io.vigil.server.api.ModelRoutes;
import io.vigil.server.api.NotFoundException;
import io.vigil.server.api.QualityRoutes;
import io.vigil.server.api.ReferenceRoutes;
import io.vigil.server.api.StatsRoutes;
import io.vigil.server.aggregate.Aggregator;
import io.vigil.server.config.VigilConfig;
import io.vigil.server.storage.ReferenceStore;
import io.vigil.server.exposition.MetricsRoutes;
import io.vigil.server.exposition.ServerMetrics;
import io.vigil.server.ingest.PredictionBatchParser;
import io.vigil.server.registry.ModelRegistry;
import io.vigil.server.storage.EventStore;
import io.vigil.server.kafka.KafkaIngest;
import io.vigil.server.storage.PostgresEventStore;
import io.vigil.server.storage.SqliteEventStore;
import io.vigil.server.storage.StoreException;
import io.vigil.server.storage.TrafficCounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import io.vigil.event.PredictionEvent;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that builds the HTTP server: every feature's routes are an {@code XxxRoutes} class registered
 * here, so a Javalin upgrade touches this file and the routes only.
 *
 * <pre>{@code
 * VigilServer server = VigilServer.start(new VigilServer.Options("127.0.0.1", 0, false, 16 << 20, dataDir));
 * int port = server.port();
 * ...
 * server.stop();   // finishes in-flight requests first
 * }</pre>
 */
public final class VigilServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(VigilServer.class);

  /**
   * @param host the address to bind (127.0.0.1 by default: nothing outside the machine can reach it)
   * @param port 0 for any free port
   * @param strict reject unknown models and features instead of registering them
   * @param maxBodyBytes larger ingest bodies get 413 (SPEC section 9: 16 MiB)
   * @param dataDir the folder of the embedded store (created when missing)
   * @param maxInFlight ingest batches handled at once; more get 429 with {@code Retry-After}
   * @param config {@code vigil.yaml}: declared models, retention, alert rules ({@link VigilConfig#DEFAULTS} when none)
   */
  public record Options(String host, int port, boolean strict, long maxBodyBytes, Path dataDir, int maxInFlight,
      VigilConfig config, Deployment deployment) {
    public static final long DEFAULT_MAX_BODY = 16L << 20;
    /** Batches parsed and stored at once: a few per core keeps the cores busy without queueing memory. */
    public static final int DEFAULT_MAX_IN_FLIGHT = Math.max(4, 4 * Runtime.getRuntime().availableProcessors());

    public Options {
      if (maxInFlight < 1) {
        throw new IllegalArgumentException("maxInFlight " + maxInFlight + " must be at least 1");
      }
      java.util.Objects.requireNonNull(config, "config");
      java.util.Objects.requireNonNull(deployment, "deployment");
    }

    public Options(String host, int port, boolean strict, long maxBodyBytes, Path dataDir, int maxInFlight,
        VigilConfig config) {
      this(host, port, strict, maxBodyBytes, dataDir, maxInFlight, config, Deployment.EMBEDDED);
    }

    public Options(String host, int port, boolean strict, long maxBodyBytes, Path dataDir, int maxInFlight) {
      this(host, port, strict, maxBodyBytes, dataDir, maxInFlight, VigilConfig.DEFAULTS);
    }

    public Options(String host, int port, boolean strict, long maxBodyBytes, Path dataDir) {
      this(host, port, strict, maxBodyBytes, dataDir, DEFAULT_MAX_IN_FLIGHT, VigilConfig.DEFAULTS);
    }
  }

  /**
   * Where the store is and how this instance takes part in a scaled-out deployment (README, "Scaling out").
   *
   * @param storeUrl null for the embedded store under the data folder; {@code postgresql://...} for a shared one
   * @param instance this instance's id in a shared store: its partial profiles and its own event log
   * @param kafka null without Kafka ingest
   */
  public record Deployment(String storeUrl, String instance, KafkaIngest.Settings kafka) {
    public static final Deployment EMBEDDED = new Deployment(null, "default", null);
  }

  private final Javalin app;
  /** Kafka ingest when configured, stopped before the last checkpoint. */
  private volatile KafkaIngest kafka;
  /** With a shared store: learns the models other instances registered. */
  private volatile java.util.concurrent.ScheduledExecutorService sharedModels;
  private final ModelRegistry registry;
  private final TrafficCounts traffic;

  private final EventStore store;
  private final Aggregator aggregator;
  private final java.util.concurrent.atomic.AtomicInteger active;
  private final java.util.concurrent.atomic.AtomicBoolean stopping;
  /** How long a stop waits for requests in flight. */
  static final java.time.Duration DRAIN = java.time.Duration.ofSeconds(30);

  /** How often profiles are checkpointed: at most this much of the log is replayed after a crash. */
  static final java.time.Duration CHECKPOINT_EVERY = java.time.Duration.ofSeconds(10);

  private VigilServer(Javalin app, ModelRegistry registry, TrafficCounts traffic, EventStore store,
      Aggregator aggregator, java.util.concurrent.atomic.AtomicInteger active,
      java.util.concurrent.atomic.AtomicBoolean stopping) {
    this.app = app;
    this.active = active;
    this.stopping = stopping;
    this.aggregator = aggregator;
    this.registry = registry;
    this.traffic = traffic;
    this.store = store;
  }

  public static VigilServer start(Options options) {
    ModelRegistry registry = new ModelRegistry(options.strict());
    ServerMetrics metrics = new ServerMetrics();
    TrafficCounts traffic = new TrafficCounts();
    Clock clock = Clock.systemUTC();
    PredictionBatchParser parser = new PredictionBatchParser(registry, clock);
    EventStore store = openStore(options.dataDir(), options.deployment());
    try {
      Aggregator aggregator = new Aggregator(registry, store, traffic, clock, options.config().retention());
      ReferenceStore references = ReferenceStore.open(options.dataDir());
      references.forEach((key, reference) -> aggregator.reference(key[0], key[1], reference));
      Recovery.run(store, registry, options.config().models(), parser, checkpoint -> {
        traffic.restore(checkpoint.totals());
        metrics.restore(checkpoint.totals());
      }, events -> {
        aggregator.add(events);
        events.forEach(metrics::accepted);
      });
      aggregator.start(CHECKPOINT_EVERY);
      KafkaIngest kafka = options.deployment().kafka() == null ? null
          : KafkaIngest.start(options.deployment().kafka(), store, aggregator, parser, metrics);
      Javalin app = Javalin.create(cfg -> {
        cfg.showJavalinBanner = false;
        cfg.startupWatcherEnabled = false;
        cfg.http.maxRequestSize = options.maxBodyBytes();
        cfg.jsonMapper(new JavalinJackson(Json.MAPPER, false));
        // graceful stop: Jetty waits for dispatched requests (counted by the statistics handler) to finish
        cfg.jetty.modifyServer(server -> server.setStopTimeout(DRAIN.toMillis()));
        cfg.jetty.modifyServletContextHandler(handler ->
            handler.insertHandler(new org.eclipse.jetty.server.handler.StatisticsHandler()));
      });
      // durable before the answer; retries counted once
      new IngestRoutes(parser, metrics, (events, bodies) -> aggregator.ingest(() -> store.append(events, bodies)),
          options.maxBodyBytes(), options.maxInFlight()).register(app);
      new ModelRoutes(registry, traffic, store, new ModelHealth(aggregator, references, clock)).register(app);
      new ReferenceRoutes(registry, references, aggregator, options.maxBodyBytes(), store, clock).register(app);
      new QualityRoutes(registry, aggregator, references, clock).register(app);
      new StatsRoutes(registry, aggregator, clock).register(app);
      new DriftRoutes(registry, aggregator, references, clock).register(app);
      new ReviewRoutes(registry, aggregator, clock).register(app);
      new CompareRoutes(registry, aggregator, store, clock).register(app);
      new MetricsRoutes(metrics).register(app);
      java.util.concurrent.atomic.AtomicInteger active = new java.util.concurrent.atomic.AtomicInteger();
      java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
      app.before(ctx -> {
        active.incrementAndGet();
        ctx.attribute("vigil.counted", Boolean.TRUE);
        if (stopping.get()) {
          ctx.header("Retry-After", "5");
          throw new io.javalin.http.HttpResponseException(503, "the server is shutting down");
        }
      });
      app.after(ctx -> {
        if (ctx.attribute("vigil.counted") != null) {
          active.decrementAndGet();
        }
      });
      app.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
      app.get("/readyz", ctx -> {
        if (stopping.get()) {
          ctx.status(503).json(Map.of("status", "stopping"));
        } else {
          ctx.json(Map.of("status", "ready"));
        }
      });
      app.error(404, ctx -> {
        String answered = ctx.res().getContentType();   // ctx.contentType() would be the request's
        if (answered == null || !answered.startsWith("application/json")) {
          ctx.json(ApiError.of("no route for " + ctx.method() + " " + ctx.path()));
        }
      });
      app.exception(StoreException.class, (e, ctx) -> {
        LOG.error("store failure on {} {}", ctx.method(), ctx.path(), e);
        ctx.header("Retry-After", "5").status(503).json(ApiError.of("the store is unavailable; nothing of this"
            + " request was accepted: " + e.getMessage()));
      });
      app.exception(IllegalArgumentException.class, (e, ctx) -> ctx.status(400).json(ApiError.of(e.getMessage())));
      app.exception(NotFoundException.class, (e, ctx) -> ctx.status(404).json(ApiError.of(e.getMessage())));
      app.exception(Exception.class, (e, ctx) -> {
        LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        ctx.status(500).json(ApiError.of("internal error: " + e.getClass().getSimpleName()));
      });
      try {
        app.start(options.host(), options.port());
      } catch (RuntimeException e) {
        if (kafka != null) {
          kafka.close();
        }
        throw e;
      }
      VigilServer server = new VigilServer(app, registry, traffic, store, aggregator, active, stopping);
      server.kafka = kafka;
      if (store.shared()) {
        server.sharedModels = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "vigil-shared-models");
          t.setDaemon(true);
          return t;
        });
        server.sharedModels.scheduleWithFixedDelay(() -> {
          try {
            Recovery.adoptModels(store, registry);
          } catch (RuntimeException e) {
            LOG.warn("cannot read the models other instances registered: {}", e.getMessage());
          }
        }, CHECKPOINT_EVERY.toMillis(), CHECKPOINT_EVERY.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      }
      return server;
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  private static EventStore openStore(Path dataDir, Deployment deployment) {
    if (deployment.storeUrl() != null) {
      return PostgresEventStore.open(deployment.storeUrl(), deployment.instance());
    }
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new StoreException("cannot create the data folder " + dataDir + ": " + e.getMessage(), e);
    }
    return SqliteEventStore.open(dataDir);
  }

  public int port() {
    return app.port();
  }

  public ModelRegistry registry() {
    return registry;
  }

  public TrafficCounts traffic() {
    return traffic;
  }

  /** Stops accepting connections and waits for in-flight requests. */
  /** Requests being handled now. */
  public int inFlight() {
    return active.get();
  }

  /** Whether {@link #stop} has begun. */
  public boolean stopping() {
    return stopping.get();
  }

  /**
   * Stops gracefully: new requests get 503 with {@code Retry-After}, requests in flight finish (for up to {@link
   * #DRAIN}), then the HTTP server stops, a last checkpoint is written and the store closed.
   */
  public void stop() {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    long deadline = System.nanoTime() + DRAIN.toNanos();
    while (active.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);   // new requests are answered 503 at once, so the count only drains
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (active.get() > 0) {
      LOG.warn("{} requests still running after {}; stopping anyway", active.get(), DRAIN);
    }
    app.stop();
    if (sharedModels != null) {
      sharedModels.shutdownNow();
    }
    try {
      if (kafka != null) {
        kafka.close();   // leaves the group after checkpointing what it consumed
      }
      aggregator.close();   // a last checkpoint: the next start replays nothing
    } finally {
      store.close();
    }
  }

  @Override
  public void close() {
    stop();
  }
}
