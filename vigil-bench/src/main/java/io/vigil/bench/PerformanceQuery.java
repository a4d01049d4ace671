package io.vigil.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * The 30-day performance query benchmark (issue 4). {@code load} registers a binary classifier ({@code p30}, or
 * the name given last) and sends {@code n} predictions with scores and 5 features, their timestamps spread evenly
 * over the last 30 days, then a label for every one (so every day has realized and estimated metrics). {@code query} then times {@code
 * GET /api/v1/models/p30/performance?from=-30d&step=1d} (the whole range plus 31 daily points) {@code reps} times
 * and prints each time and the median of all but the first.
 *
 * <pre>{@code
 * ./vigil serve --port 8080 --data-dir /tmp/p30 &
 * java -cp vigil-bench/target/vigil-bench.jar io.vigil.bench.PerformanceQuery http://127.0.0.1:8080 load 200000
 * # wait for a checkpoint (10 s), or restart the server to time the first query from the store
 * java -cp vigil-bench/target/vigil-bench.jar io.vigil.bench.PerformanceQuery http://127.0.0.1:8080 query 20
 * }</pre>
 */
public final class PerformanceQuery {

  private static String model = "p30";

  private PerformanceQuery() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 4) {
      model = args[3];
    }
    if (args.length < 3 || args.length > 4 || !(args[1].equals("load") || args[1].equals("query"))) {
      System.err.println("usage: PerformanceQuery URL load PREDICTIONS [MODEL] | PerformanceQuery URL query REPETITIONS [MODEL]");
      System.exit(2);
    }
    URI server = URI.create(args[0]);
    int n = Integer.parseInt(args[2]);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    if (args[1].equals("load")) {
      load(http, server, n);
    } else {
      query(http, server, n);
    }
  }

  private static void load(HttpClient http, URI server, int n) throws Exception {
    send(http, server, "PUT", "/api/v1/models/" + model, "{\"task\": \"binary_classification\", \"classes\": [\"no\","
        + " \"yes\"], \"positive_class\": \"yes\"}");
    Random random = new Random(30);
    Instant start = Instant.now().minus(Duration.ofDays(30));
    long spacing = Duration.ofDays(30).toMillis() / n;
    boolean[] truth = new boolean[n];
    for (int from = 0; from < n; from += 500) {
      StringBuilder b = new StringBuilder("[");
      for (int i = from; i < Math.min(n, from + 500); i++) {
        double p = random.nextDouble();
        truth[i] = random.nextDouble() < p;   // calibrated scores: the truth is drawn from the score
        b.append(i == from ? "" : ",").append("{\"id\":\"q-").append(i).append("\",\"model\":\"").append(model).append("\",\"timestamp\":\"")
            .append(start.plusMillis(i * spacing)).append("\",\"features\":{\"a\":")
            .append(String.format(Locale.ROOT, "%.3f", random.nextGaussian())).append(",\"b\":")
            .append(random.nextInt(100)).append(",\"c\":\"").append((char) ('a' + random.nextInt(8)))
            .append("\",\"d\":").append(String.format(Locale.ROOT, "%.2f", random.nextDouble() * 50))
            .append(",\"e\":").append(random.nextBoolean()).append("},\"prediction\":\"").append(p > 0.5 ? "yes" : "no")
            .append("\",\"scores\":{\"yes\":").append(String.format(Locale.ROOT, "%.4f", p)).append("}}");
      }
      send(http, server, "POST", "/api/v1/predictions", b.append(']').toString());
    }
    for (int from = 0; from < n; from += 500) {
      StringBuilder b = new StringBuilder("[");
      for (int i = from; i < Math.min(n, from + 500); i++) {
        b.append(i == from ? "" : ",").append("{\"id\":\"q-").append(i).append("\",\"model\":\"").append(model).append("\",\"label\":\"")
            .append(truth[i] ? "yes" : "no").append("\"}");
      }
      send(http, server, "POST", "/api/v1/labels", b.append(']').toString());
    }
    System.out.printf(Locale.ROOT, "%d labeled predictions over 30 days sent to model %s%n", n, model);
  }

  private static void query(HttpClient http, URI server, int reps) throws Exception {
    double[] ms = new double[reps];
    for (int i = 0; i < reps; i++) {
      long t0 = System.nanoTime();
      send(http, server, "GET", query(), null);
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    double[] rest = Arrays.copyOfRange(ms, Math.min(1, reps), reps);
    Arrays.sort(rest);
    StringBuilder b = new StringBuilder();
    for (double m : ms) {
      b.append(String.format(Locale.ROOT, "%.1f ", m));
    }
    System.out.printf(Locale.ROOT, "GET %s: %sms; first %.1f ms, median of the rest %.1f ms%n", query(), b, ms[0],
        rest.length == 0 ? Double.NaN : rest[rest.length / 2]);
  }

  private static String query() {
    return "/api/v1/models/" + model + "/performance?from=-30d&step=1d";
  }

  private static void send(HttpClient http, URI server, String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path)).header("Content-Type",
        "application/json");
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
    }
  }
}
