package io.vigil.server;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.vigil.server.alert.AlertSettings;
import io.vigil.server.alert.Alerting;
import io.vigil.server.alert.PerformanceSource;
import io.vigil.server.alert.ProfileAlertMetrics;
import io.vigil.server.api.AlertRoutes;
import io.vigil.server.api.ApiError;
import io.vigil.server.api.IngestRoutes;
import io.vigil.server.api.Json;
import io.vigil.server.api.DriftRoutes;
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
      VigilConfig config) {
    public static final long DEFAULT_MAX_BODY = 16L << 20;
    /** Batches parsed and stored at once: a few per core keeps the cores busy without queueing memory. */
    public static final int DEFAULT_MAX_IN_FLIGHT = Math.max(4, 4 * Runtime.getRuntime().availableProcessors());

    public Options {
      if (maxInFlight < 1) {
        throw new IllegalArgumentException("maxInFlight " + maxInFlight + " must be at least 1");
      }
      java.util.Objects.requireNonNull(config, "config");
    }

    public Options(String host, int port, boolean strict, long maxBodyBytes, Path dataDir, int maxInFlight) {
      this(host, port, strict, maxBodyBytes, dataDir, maxInFlight, VigilConfig.DEFAULTS);
    }

    public Options(String host, int port, boolean strict, long maxBodyBytes, Path dataDir) {
      this(host, port, strict, maxBodyBytes, dataDir, DEFAULT_MAX_IN_FLIGHT, VigilConfig.DEFAULTS);
    }
  }

  private final Javalin app;
  private final ModelRegistry registry;
  private final TrafficCounts traffic;

  private final EventStore store;
  private final Alerting alerting;

  private VigilServer(Javalin app, ModelRegistry registry, TrafficCounts traffic, EventStore store, Alerting alerting) {
    this.app = app;
    this.registry = registry;
    this.traffic = traffic;
    this.store = store;
    this.alerting = alerting;
  }

  public static VigilServer start(Options options) {
    ModelRegistry registry = new ModelRegistry(options.strict());
    ServerMetrics metrics = new ServerMetrics();
    TrafficCounts traffic = new TrafficCounts();
    PredictionBatchParser parser = new PredictionBatchParser(registry, Clock.systemUTC());
    EventStore store = openStore(options.dataDir());
    Aggregator aggregator = new Aggregator(registry);
    Clock clock = Clock.systemUTC();
    AlertSettings alertSettings;
    try {
      alertSettings = AlertSettings.of(options.config());
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    Alerting alerting = null;
    try {
      ReferenceStore references = ReferenceStore.open(options.dataDir());
      references.forEach((key, reference) -> aggregator.reference(key[0], key[1], reference));
      Recovery.run(store, registry, options.config().models(), parser, events -> {
        traffic.add(events);
        aggregator.add(events);
        events.forEach(metrics::accepted);
      });
      Javalin app = Javalin.create(cfg -> {
        cfg.showJavalinBanner = false;
        cfg.startupWatcherEnabled = false;
        cfg.http.maxRequestSize = options.maxBodyBytes();
        cfg.jsonMapper(new JavalinJackson(Json.MAPPER, false));
      });
      new IngestRoutes(parser, metrics, events -> {
        List<PredictionEvent> fresh = store.append(events);   // durable before the answer; retries counted once
        traffic.add(fresh);
        aggregator.add(fresh);
        return fresh;
      }, options.maxBodyBytes(), options.maxInFlight()).register(app);
      new ModelRoutes(registry, traffic, store).register(app);
      new ReferenceRoutes(registry, references, aggregator, options.maxBodyBytes()).register(app);
      new QualityRoutes(registry, aggregator, references, clock).register(app);
      new StatsRoutes(registry, aggregator, clock).register(app);
      new DriftRoutes(registry, aggregator, references, clock).register(app);
      new MetricsRoutes(metrics).register(app);
      alerting = Alerting.open(alertSettings, new ProfileAlertMetrics(registry, aggregator, references,
          PerformanceSource.NONE), options.dataDir(), clock, metrics::alertsFiring, metrics::notificationFailed);
      new AlertRoutes(alerting.store(), alerting.evaluator(), clock).register(app);
      app.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
      app.get("/readyz", ctx -> ctx.json(Map.of("status", "ready")));
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
      app.start(options.host(), options.port());
      alerting.start();
      return new VigilServer(app, registry, traffic, store, alerting);
    } catch (RuntimeException e) {
      if (alerting != null) {
        alerting.close();
      }
      store.close();
      throw e;
    }
  }

  private static EventStore openStore(Path dataDir) {
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

  /** Alert rules, their evaluator and the alert history. */
  public Alerting alerting() {
    return alerting;
  }

  /** Stops accepting connections and waits for in-flight requests. */
  public void stop() {
    app.stop();
    alerting.close();
    store.close();
  }

  @Override
  public void close() {
    stop();
  }
}
