package io.vigil.server;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.json.JavalinJackson;
import io.vigil.server.alert.AlertSettings;
import io.vigil.server.alert.AlertStorage;
import io.vigil.server.alert.Alerting;
import io.vigil.server.alert.ProfileAlertMetrics;
import io.vigil.server.api.AlertRoutes;
import io.vigil.server.api.IngestDestination;
import io.vigil.server.api.IngestHandler;
import io.vigil.server.api.Json;
import io.vigil.server.api.DriftRoutes;
import io.vigil.server.api.CommonRoutes;
import io.vigil.server.api.CompareRoutes;
import io.vigil.server.api.ModelHealth;
import io.vigil.server.api.ResumingThreadPool;
import io.vigil.server.api.ReviewRoutes;
import io.vigil.server.api.ModelRoutes;
import io.vigil.server.api.QualityRoutes;
import io.vigil.server.api.ReferenceRoutes;
import io.vigil.server.api.StatsRoutes;
import io.vigil.server.aggregate.Aggregator;
import io.vigil.server.config.VigilConfig;
import io.vigil.server.dashboard.DashboardRoutes;
import io.vigil.server.storage.ReferenceStore;
import io.vigil.server.exposition.MetricsRoutes;
import io.vigil.server.exposition.ServerMetrics;
import io.vigil.server.ingest.LabelBatchParser;
import io.vigil.server.ingest.PredictionBatchParser;
import io.vigil.server.api.LabelRoutes;
import io.vigil.server.api.PerformanceRoutes;
import io.vigil.server.ingest.Redaction;
import io.vigil.server.registry.ModelRegistry;
import io.vigil.server.storage.EventStore;
import io.vigil.server.kafka.KafkaForwarder;
import io.vigil.server.kafka.KafkaIngest;
import io.vigil.server.storage.PostgresEventStore;
import io.vigil.server.storage.SqliteEventStore;
import io.vigil.server.storage.StoreException;
import io.vigil.server.storage.TrafficCounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import io.vigil.server.security.AccessControl;
import io.vigil.server.security.AuthSettings;
import io.vigil.server.security.SecurityOptions;
import java.util.function.Function;
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
   * @param maxInFlight ingest requests handled at once; more get 429 with {@code Retry-After}
   * @param config {@code vigil.yaml}: declared models, retention, alert rules ({@link VigilConfig#DEFAULTS} when none)
   */
  public record Options(String host, int port, boolean strict, long maxBodyBytes, Path dataDir, int maxInFlight,
      VigilConfig config, Deployment deployment) {
    public static final long DEFAULT_MAX_BODY = 16L << 20;
    /**
     * Ingest requests handled at once. Many, so that a fleet of single-event senders is neither turned away (with
     * 64, 128 senders had two answers in three refused 429) nor kept from sharing group commits; memory stays
     * bounded by the byte budget of {@code IngestAdmission} (four bodies of the largest size).
     */
    public static final int DEFAULT_MAX_IN_FLIGHT = 1024;

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
  /** The ingest route and its writer thread, closed after the HTTP server stopped. */
  private IngestHandler ingest;
  /** With Kafka: HTTP ingest's producer, closed after the HTTP server stopped. */
  private volatile KafkaForwarder forwarder;
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

  private final Alerting alerting;

  private VigilServer(Javalin app, ModelRegistry registry, TrafficCounts traffic, EventStore store,
      Alerting alerting, Aggregator aggregator, java.util.concurrent.atomic.AtomicInteger active,
      java.util.concurrent.atomic.AtomicBoolean stopping) {
    this.app = app;
    this.active = active;
    this.stopping = stopping;
    this.aggregator = aggregator;
    this.registry = registry;
    this.traffic = traffic;
    this.store = store;
    this.alerting = alerting;
  }

  public static VigilServer start(Options options) {
    return start(options, SecurityOptions.DEFAULT);
  }

  /** As {@link #start(Options)}, with HTTPS and the {@code --insecure} choice; tokens come from the config. */
  public static VigilServer start(Options options, SecurityOptions security) {
    return start(options, security, dir -> openStore(dir, options.deployment()));
  }

  static VigilServer start(Options options, SecurityOptions security, Function<Path, EventStore> openStore) {
    AuthSettings auth = AuthSettings.from(options.config());
    AccessControl.checkExposure(options.host(), auth, security.insecure());
    ModelRegistry registry = new ModelRegistry(options.strict());
    ServerMetrics metrics = new ServerMetrics();
    TrafficCounts traffic = new TrafficCounts();
    Clock clock = Clock.systemUTC();
    Redaction redaction = Redaction.from(options.config());
    PredictionBatchParser parser = new PredictionBatchParser(registry, clock, redaction);
    EventStore store = openStore.apply(options.dataDir());
    AlertSettings alertSettings;
    try {
      alertSettings = AlertSettings.of(options.config());
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    Alerting alerting = null;
    IngestHandler ingest = null;
    KafkaForwarder forwarder = null;
    try {
      Aggregator aggregator = new Aggregator(registry, store, traffic, clock, options.config().retention());
      ReferenceStore references = ReferenceStore.open(options.dataDir());
      references.forEach((key, reference) -> aggregator.reference(key[0], key[1], reference));
      LabelBatchParser labelParser = new LabelBatchParser(registry, clock);
      Recovery.run(store, registry, options.config().models(), parser, aggregator, labelParser, checkpoint -> {
        traffic.restore(checkpoint.totals());
        metrics.restore(checkpoint.totals());
      }, events -> {
        aggregator.add(events);
        metrics.accepted(events);
      });
      aggregator.start(CHECKPOINT_EVERY);
      io.vigil.server.ingest.OutcomeBatchParser outcomeParser = new io.vigil.server.ingest.OutcomeBatchParser(registry,
          clock);
      KafkaIngest kafka = options.deployment().kafka() == null ? null : KafkaIngest.start(options.deployment().kafka(),
          store, aggregator, new KafkaIngest.Parsers(parser, labelParser, outcomeParser), metrics);
      forwarder = kafka == null ? null : new KafkaForwarder(options.deployment().kafka());
      StoreOutage outage = new StoreOutage();
      LabelRoutes labels = new LabelRoutes(labelParser, metrics, aggregator, store, clock, options.maxBodyBytes(),
          outcomeParser).forwardingTo(forwarder);
      PerformanceRoutes performance = new PerformanceRoutes(registry, aggregator, references, store, clock);
      io.vigil.server.exposition.ModelGauges.register(metrics.registry(), registry, aggregator, references, performance,
          traffic, clock);
      java.util.concurrent.atomic.AtomicInteger active = new java.util.concurrent.atomic.AtomicInteger();
      java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
      AccessControl access = new AccessControl(auth, security.tls().isPresent(), System::nanoTime, metrics.registry());
      // durable before the answer; retries counted once
      ingest = new IngestHandler(parser, metrics, forwarder != null
          ? IngestDestination.forwarding(forwarder)
          : IngestDestination.storing((events, bodies) ->
              outage.write(() -> aggregator.store(() -> store.append(events, bodies)))::count),
          new IngestHandler.Server(access, active, stopping, outage::failed), options.maxBodyBytes(),
          options.maxInFlight());
      IngestHandler ingestHandler = ingest;
      metrics.ingestInFlight(options.maxInFlight(), ingestHandler::inFlight);
      Deployment deployment = options.deployment();
      Alerting alerts = Alerting.open(alertSettings, new ProfileAlertMetrics(registry, aggregator, references,
          performance.alertSource()), deployment.storeUrl() == null ? AlertStorage.embedded(options.dataDir())
          : AlertStorage.postgresql(deployment.storeUrl(), deployment.instance()), clock, metrics::alertsFiring,
          metrics::notificationFailed);
      alerting = alerts;
      metrics.alertEvaluator(deployment.instance(), alerts.evaluator()::evaluating);
      // Javalin 7: routes, before/after, error and exception handlers are all declared in the config, before start
      Javalin app = Javalin.create(cfg -> {
        cfg.startup.showJavalinBanner = false;
        cfg.startup.startupWatcherEnabled = false;
        cfg.jetty.threadPool = new ResumingThreadPool();   // the connections of ingest answers resume on their thread
        cfg.http.maxRequestSize = options.maxBodyBytes();
        cfg.jsonMapper(new JavalinJackson(Json.MAPPER, false));
        // graceful stop: Jetty waits for the requests in flight (counted by the graceful handler; in Jetty 12 the
        // statistics handler no longer does this) to finish
        // Javalin puts its servlet context under the innermost wrapper: the ingest route sees each request first,
        // and the graceful handler counts every request, ingest answers too
        cfg.jetty.modifyServer(server -> {
          server.setStopTimeout(DRAIN.toMillis());
          server.setHandler(new org.eclipse.jetty.server.handler.GracefulHandler(ingestHandler));
        });
        security.tls().ifPresent(tls -> cfg.jetty.addConnector((server, http) ->
            tls.connector(server, http, options.host(), options.port())));
        RoutesConfig routes = cfg.routes;
        labels.register(routes);
        performance.register(routes);
        new ModelRoutes(registry, traffic, store, new ModelHealth(aggregator, references, clock)).register(routes);
        new ReferenceRoutes(registry, references, aggregator, options.maxBodyBytes(), store, clock, redaction)
            .register(routes);
        new QualityRoutes(registry, aggregator, references, clock).register(routes);
        new StatsRoutes(registry, aggregator, clock).register(routes);
        new DriftRoutes(registry, aggregator, references, clock).register(routes);
        new ReviewRoutes(registry, aggregator, clock, store).register(routes);
        new CompareRoutes(registry, aggregator, store, clock, performance).register(routes);
        new MetricsRoutes(metrics).register(routes);
        new DashboardRoutes().register(routes);
        // health, requests in flight (counted before the token check), the error answers; outages are logged once,
        // not once per request
        CommonRoutes.register(routes, active, stopping, outage::failed, cfg.jetty.clientAbortStatus);
        new AlertRoutes(alerts.store(), alerts.evaluator(), clock).register(routes);
        access.register(routes);
      });
      try {
        app.start(options.host(), options.port());
      } catch (RuntimeException e) {
        if (kafka != null) {
          kafka.close();
        }
        throw e;
      }
      alerting.start();
      VigilServer server = new VigilServer(app, registry, traffic, store, alerting, aggregator, active, stopping);
      server.kafka = kafka;
      server.forwarder = forwarder;
      server.ingest = ingest;
      if (store.shared()) {
        server.sharedModels = Recovery.adoptModelsEvery(store, registry, CHECKPOINT_EVERY);
      }
      return server;
    } catch (RuntimeException e) {
      if (ingest != null) {
        ingest.close();
      }
      if (alerting != null) {
        alerting.close();
      }
      if (forwarder != null) {
        forwarder.close();
      }
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

  /** Alert rules, their evaluator and the alert history. */
  public Alerting alerting() {
    return alerting;
  }

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
    ingest.close();   // the HTTP server waited for the answers, so nothing is queued
    if (sharedModels != null) {
      sharedModels.shutdownNow();
    }
    try {
      alerting.close();
      if (forwarder != null) {
        forwarder.close();   // after the HTTP server: every request it answered was acknowledged by Kafka
      }
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
