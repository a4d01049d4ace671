package io.vigil.cli;

import io.vigil.server.VigilServer;
import io.vigil.server.config.VigilConfig;
import io.vigil.server.demo.TrafficSimulator;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil demo}: the server on the embedded store plus simulated traffic for three models, with input drift
 * injected after a while, so a newcomer sees usage, drift and metrics move within minutes.
 *
 * <pre>{@code
 * vigil demo --port 8080 --drift-after 2m
 * }</pre>
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Start the server with simulated traffic for three models (fraud: binary, intent: multiclass, price:",
      "regression), each with a reference; input drift starts in fraud and intent after --drift-after.",
      "Built-in alert rules log a drift alert to the console once the drift shows. Stop with Ctrl-C."
    })
final class DemoCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}).")
  private int port;

  @Option(names = "--data-dir", defaultValue = "./vigil-demo-data",
      description = "Data folder of the demo's store (default: ${DEFAULT-VALUE}).")
  private Path dataDir;

  @Option(names = "--drift-after", defaultValue = "2m", paramLabel = "DURATION",
      description = "When the drift starts: 30s, 2m, ... (default: ${DEFAULT-VALUE}).")
  private String driftAfter;

  @Option(names = "--rate", defaultValue = "50", paramLabel = "N",
      description = "Events per model every half second (default: ${DEFAULT-VALUE}).")
  private int rate;

  @Override
  public Integer call() throws Exception {
    Duration drift = parseDuration(driftAfter);
    if (rate < 1 || rate > 5000) {
      throw new UserInputException("--rate " + rate + " is outside 1 to 5000");
    }
    try {
      io.vigil.server.aggregate.Aggregator.checkCacheSetting();
      io.vigil.server.storage.SqliteEventStore.logCopyMillis();   // a bad setting is a usage error
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage(), e);
    }
    VigilServer server;
    try {
      server = VigilServer.start(new VigilServer.Options("127.0.0.1", port, false, VigilServer.Options.DEFAULT_MAX_BODY,
          dataDir, VigilServer.Options.DEFAULT_MAX_IN_FLIGHT, config()));
    } catch (RuntimeException e) {
      throw new UserInputException("cannot start the server on port " + port + " (" + e.getMessage()
          + "); try --port 0 or another port", e);
    }
    String base = "http://127.0.0.1:" + server.port();
    TrafficSimulator traffic = TrafficSimulator.start(URI.create(base), drift, rate);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      traffic.close();
      server.stop();
      stopped.countDown();
    }, "vigil-demo-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    LocalTime at = LocalTime.ofInstant(traffic.driftStarts(), ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS);
    out.println("Vigil demo: serving on " + base + " with traffic for fraud, intent and price.");
    out.println("Input drift starts at " + at + " in fraud (amount, country) and intent (text_length, channel).");
    out.println();
    out.println("  dashboard            " + base + "/");
    out.println("  models and traffic   curl " + base + "/api/v1/models");
    out.println("  usage, 1-min steps   curl '" + base + "/api/v1/models/fraud/stats?from=-15m&step=1m'");
    out.println("  drift, last 2 min    curl '" + base + "/api/v1/models/fraud/drift?from=-2m'");
    out.println("  Prometheus metrics   curl " + base + "/metrics");
    out.println("  alerts (drift fires) curl '" + base + "/api/v1/alerts?state=firing'");
    out.println("  rules, evaluations   curl " + base + "/api/v1/alert-rules");
    out.println();
    out.println("Data in " + dataDir.toAbsolutePath() + ". Ctrl-C to stop.");
    out.flush();
    stopped.await();
    return 0;
  }

  /** The demo's built-in rules (drift and error rate, to the console): {@code io/vigil/cli/demo-vigil.yaml}. */
  static VigilConfig config() throws java.io.IOException {
    try (java.io.InputStream in = DemoCommand.class.getResourceAsStream("demo-vigil.yaml")) {
      return VigilConfig.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
          "demo-vigil.yaml (built in)");
    }
  }

  static Duration parseDuration(String text) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)([smh])").matcher(text);
    if (!m.matches()) {
      throw new UserInputException("--drift-after: expected a duration such as 30s, 2m or 1h, got '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    return m.group(2).equals("s") ? Duration.ofSeconds(n) : m.group(2).equals("m") ? Duration.ofMinutes(n)
        : Duration.ofHours(n);
  }
}
