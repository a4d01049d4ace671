package io.vigil.example;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigil.client.ModelMonitor;
import io.vigil.client.VigilExporter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A tiny loan-decision service: the JDK's HTTP server around {@link LoanModel}, instrumented with Vigil in two
 * lines (marked below). The README's "Monitor a Java model in two lines" quotes this file.
 *
 * <pre>{@code
 * try (LoanModelService service = LoanModelService.start(URI.create("http://127.0.0.1:8080"), 0)) {
 *   // GET  /predict?income=52&debt_ratio=0.3&age=41&years_employed=6 -> {"id":"…","decision":"approve","p":0.83}
 *   // POST /repaid?id=…&value=true                                    -> sends the label
 *   // GET  /metrics                                                   -> Prometheus text, vigil_* included
 * }
 * }</pre>
 */
public final class LoanModelService implements AutoCloseable {
  private final LoanModel model = LoanModel.train(LoanModel.applicants(5000, new Random(42)));
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ModelMonitor monitor;
  private final HttpServer server;

  private LoanModelService(URI vigil, int port) throws IOException {
    // Line 1 of 2: once, at start-up.
    monitor = ModelMonitor.builder("loan").version("v1").meterRegistry(registry)
        .exporter(VigilExporter.http(vigil)).build();

    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext("/predict", exchange -> answer(exchange, () -> predict(query(exchange))));
    server.createContext("/repaid", exchange -> answer(exchange, () -> repaid(query(exchange))));
    server.createContext("/metrics", exchange -> answer(exchange, registry::scrape));
    server.start();
  }

  /** Trains the model and serves it on 127.0.0.1:{@code port} (0: any free port), reporting to {@code vigil}. */
  public static LoanModelService start(URI vigil, int port) throws IOException {
    return new LoanModelService(vigil, port);
  }

  /** {@code java … LoanModelService http://127.0.0.1:8080 9000}: serve until killed. */
  public static void main(String[] args) throws IOException {
    LoanModelService service = start(URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:8080"),
        args.length > 1 ? Integer.parseInt(args[1]) : 9000);
    System.out.println("loan model on http://127.0.0.1:" + service.port() + "/predict");
  }

  String predict(Map<String, String> query) {
    long start = System.nanoTime();
    Map<String, Object> features = new LinkedHashMap<>();
    double[] applicant = new double[LoanModel.FEATURES.length];
    for (int j = 0; j < applicant.length; j++) {
      applicant[j] = Double.parseDouble(query.getOrDefault(LoanModel.FEATURES[j], "0"));
      features.put(LoanModel.FEATURES[j], applicant[j]);
    }
    double p = model.repayProbability(applicant);
    String decision = p >= 0.5 ? "approve" : "deny";

    // Line 2 of 2: per prediction; the id lets the repayment, months later, become its label.
    UUID id = monitor.record(features, decision, Map.of("approve", p, "deny", 1 - p),
        Duration.ofNanos(System.nanoTime() - start));

    return "{\"id\":\"" + id + "\",\"decision\":\"" + decision + "\",\"p\":" + p + "}";
  }

  String repaid(Map<String, String> query) {
    boolean repaid = Boolean.parseBoolean(query.get("value"));
    monitor.label(UUID.fromString(query.get("id")), repaid ? "approve" : "deny");
    return "{\"labelled\":true}";
  }

  /** The port the service listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The service's meter registry (what {@code /metrics} shows). */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  @Override
  public void close() {
    server.stop(0);
    monitor.close();   // sends what is still queued (bounded wait)
  }

  private static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> query = new HashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          query.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
      }
    }
    return query;
  }

  private static String decode(String text) {
    return java.net.URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static void answer(HttpExchange exchange, Supplier<String> handler) throws IOException {
    int status = 200;
    String body;
    try {
      body = handler.get();
    } catch (IllegalArgumentException | NullPointerException e) {   // bad number, bad or missing id
      status = 400;
      body = "{\"error\":\"" + e.getClass().getSimpleName() + "\"}";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
