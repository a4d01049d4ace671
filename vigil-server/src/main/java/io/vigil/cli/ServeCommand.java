package io.vigil.cli;

import io.vigil.server.VigilServer;
import io.vigil.server.alert.AlertSettings;
import io.vigil.server.config.ConfigException;
import io.vigil.server.config.VigilConfig;
import io.vigil.server.security.AuthSettings;
import io.vigil.server.security.SecurityOptions;
import io.vigil.server.security.TlsCertificate;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil serve}: the monitoring server (SPEC section 7). Stops gracefully on SIGTERM or Ctrl-C.
 *
 * <pre>{@code
 * vigil serve --port 8080
 * }</pre>
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Run the monitoring server: predictions, labels and outcomes in; usage, drift, quality, performance,",
      "alerts, Prometheus metrics and the dashboard (http://HOST:PORT/) out.",
      "Accepted events are stored in an embedded SQLite file under --data-dir before the answer; profiles are",
      "checkpointed every 10 s and a restart replays only what came after the last checkpoint; or, with",
      "--store postgresql://..., in PostgreSQL shared by several instances, which may also consume events from",
      "Kafka (--kafka-bootstrap, --kafka-topic; README, \"Scaling out\")."
    })
final class ServeCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 = any free).")
  private int port;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Address to bind (default: ${DEFAULT-VALUE}, reachable only from this machine).")
  private String host;

  @Option(names = "--data-dir", defaultValue = "./vigil-data", description = "Data folder (default: ${DEFAULT-VALUE}).")
  private Path dataDir;

  @Option(names = "--config", paramLabel = "vigil.yaml", description = "Configuration file: models, retention, alert rules (SPEC section 8).")
  private Path config;

  @Option(names = "--strict", description = "Reject unknown models and features instead of registering them.")
  private boolean strict;

  @Option(names = "--max-body", defaultValue = "16777216", paramLabel = "BYTES",
      description = "Largest ingest body (default: ${DEFAULT-VALUE}, 16 MiB).")
  private long maxBody;

  @Option(names = "--max-in-flight", paramLabel = "N",
      description = "Ingest requests handled at once; more are answered 429 (default: 1024; bodies held at once are also capped at four times --max-body).")
  private Integer maxInFlight;

  @Option(names = "--tls-cert", paramLabel = "PEM", description = "Serve HTTPS with this certificate chain (PEM; with --tls-key).")
  private Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "The certificate's private key (PEM, PKCS #8 or PKCS #1).")
  private Path tlsKey;

  @Option(names = "--insecure", description = "Allow a non-loopback --host without API tokens (anyone who reaches it can read and write).")
  private boolean insecure;

  @Option(names = "--store", paramLabel = "URL",
      description = {"A PostgreSQL database shared by several instances: postgresql://user:password@host:5432/db",
          "(default: the embedded store under --data-dir)."})
  private String store;

  @Option(names = "--instance", paramLabel = "ID",
      description = "This instance's id in a shared --store; unique per running instance (default: the host name).")
  private String instance;

  @Option(names = "--kafka-bootstrap", paramLabel = "HOST:PORT[,...]",
      description = "Consume predictions (and labels, outcomes) from Kafka (needs a postgresql:// --store).")
  private String kafkaBootstrap;

  @Option(names = "--kafka-topic", paramLabel = "PREDICTIONS[,LABELS[,OUTCOMES]]",
      description = {"Topics: prediction events, then labels and outcomes (optional); one JSON object per record,",
          "key = model. With Kafka, HTTP ingest writes to the same topics."})
  private String kafkaTopic;

  @Option(names = "--kafka-group", paramLabel = "GROUP", defaultValue = "vigil",
      description = "Consumer group; instances in one group share the partitions (default: ${DEFAULT-VALUE}).")
  private String kafkaGroup;

  @Option(names = "--kafka-dead-letter-topic", paramLabel = "TOPIC",
      description = "Where invalid records go, with the reason in the vigil-error header (default: TOPIC-dead-letter).")
  private String kafkaDeadLetterTopic;

  @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
      description = "A Kafka client setting (security, timeouts), repeatable.")
  private java.util.Map<String, String> kafkaProperties = new java.util.LinkedHashMap<>();

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new UserInputException("--port " + port + " is not a port (0 to 65535)");
    }
    if (maxBody < 1024) {
      throw new UserInputException("--max-body " + maxBody + " is too small (at least 1024 bytes)");
    }
    if (maxInFlight != null && maxInFlight < 1) {
      throw new UserInputException("--max-in-flight " + maxInFlight + " must be at least 1");
    }
    VigilServer.Deployment deployment = Deployments.of(store, instance, kafkaBootstrap, kafkaTopic, kafkaGroup,
        kafkaDeadLetterTopic, kafkaProperties);
    VigilConfig settings;
    AuthSettings auth;
    try {
      settings = config == null ? VigilConfig.DEFAULTS : VigilConfig.load(config);
      AlertSettings.of(settings);   // rules and notifiers checked before anything binds
      auth = AuthSettings.from(settings);
      io.vigil.server.ingest.Redaction.from(settings);   // checked now: errors before anything binds
      io.vigil.server.aggregate.Aggregator.checkCacheSetting();
      io.vigil.server.storage.SqliteEventStore.logCopyMillis();   // a bad setting is a usage error
    } catch (ConfigException | IllegalArgumentException e) {
      throw new UserInputException(e.getMessage(), e);
    }
    SecurityOptions security = new SecurityOptions(tls(), insecure);
    VigilServer server;
    try {
      server = VigilServer.start(new VigilServer.Options(host, port, strict, maxBody, dataDir,
          maxInFlight == null ? VigilServer.Options.DEFAULT_MAX_IN_FLIGHT : maxInFlight, settings, deployment), security);
    } catch (io.vigil.server.storage.StoreException e) {
      throw new UserInputException("--store: " + e.getMessage(), e);
    } catch (IllegalStateException e) {
      throw new UserInputException(e.getMessage(), e);   // refusing to serve a network without tokens
    } catch (RuntimeException e) {
      throw new UserInputException("cannot listen on " + host + ":" + port + ": " + rootMessage(e), e);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stop();
      stopped.countDown();
    }, "vigil-shutdown"));
    spec.commandLine().getOut().printf("vigil: serving on %s://%s:%d (dashboard at /, metrics at /metrics)%s%n",
        security.tls().isPresent() ? "https" : "http", host, server.port(),
        auth.enabled() ? "" : "; AUTH OFF: no API tokens configured");
    spec.commandLine().getOut().flush();
    stopped.await();
    return 0;
  }

  private Optional<TlsCertificate> tls() {
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new UserInputException(tlsCert == null ? "--tls-key needs --tls-cert" : "--tls-cert needs --tls-key");
    }
    if (tlsCert == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(TlsCertificate.load(tlsCert, tlsKey));
    } catch (IllegalArgumentException e) {
      throw new UserInputException("--tls-cert/--tls-key: " + e.getMessage(), e);
    }
  }

  private static String rootMessage(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
