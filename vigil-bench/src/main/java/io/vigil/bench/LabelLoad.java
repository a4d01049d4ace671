package io.vigil.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The label ingest load generator (issue 4): first sends {@code predictions} predictions (ids {@code l-<n>}, 5
 * features, batches of 500), then {@code threads} clients POST batches of {@code batch} labels for them, each id
 * labeled once, and it prints labels per second (every label is joined to a stored prediction, the server's
 * expensive path) and the batch latency quantiles.
 *
 * <pre>{@code
 * ./vigil serve --port 8080 --data-dir /tmp/labels &
 * java -cp vigil-bench/target/vigil-bench.jar io.vigil.bench.LabelLoad http://127.0.0.1:8080 2 500 1000000
 * }</pre>
 */
public final class LabelLoad {

  private LabelLoad() {}

  public static void main(String[] args) throws Exception {
    URI server = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:8080");
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 500;
    int predictions = args.length > 3 ? Integer.parseInt(args[3]) : 1_000_000;
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    send(http, server, "PUT", "/api/v1/models/labels-bench", "{\"task\": \"binary_classification\", \"classes\":"
        + " [\"no\", \"yes\"], \"positive_class\": \"yes\"}");
    Random random = new Random(1);
    long t0 = System.nanoTime();
    for (int from = 0; from < predictions; from += 500) {
      StringBuilder b = new StringBuilder("[");
      for (int i = from; i < Math.min(predictions, from + 500); i++) {
        double p = random.nextDouble();
        b.append(i == from ? "" : ",").append("{\"id\":\"l-").append(i).append("\",\"model\":\"labels-bench\","
            + "\"features\":{\"a\":").append(String.format(Locale.ROOT, "%.3f", random.nextGaussian()))
            .append(",\"b\":1.5,\"c\":2.5,\"d\":\"x\",\"e\":true},\"prediction\":\"").append(p > 0.5 ? "yes" : "no")
            .append("\",\"scores\":{\"yes\":").append(String.format(Locale.ROOT, "%.3f", p)).append("}}");
      }
      send(http, server, "POST", "/api/v1/predictions", b.append(']').toString());
    }
    System.out.printf(Locale.ROOT, "%d predictions sent in %.1f s%n", predictions, (System.nanoTime() - t0) / 1e9);
    AtomicLong next = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    long[][] latencies = new long[threads][];
    Thread[] workers = new Thread[threads];
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      int id = t;
      workers[t] = new Thread(() -> {
        Random r = new Random(100 + id);
        long[] lat = new long[1 << 16];
        int n = 0;
        long from;
        while ((from = next.getAndAdd(batch)) < predictions) {
          StringBuilder b = new StringBuilder("[");
          for (long i = from; i < Math.min(predictions, from + batch); i++) {
            b.append(i == from ? "" : ",").append("{\"id\":\"l-").append(i).append("\",\"model\":\"labels-bench\","
                + "\"label\":\"").append(r.nextBoolean() ? "yes" : "no").append("\"}");
          }
          long s = System.nanoTime();
          try {
            send(http, server, "POST", "/api/v1/labels", b.append(']').toString());
          } catch (Exception e) {
            failures.incrementAndGet();
          }
          if (n < lat.length) {
            lat[n++] = System.nanoTime() - s;
          }
        }
        latencies[id] = Arrays.copyOf(lat, n);
      });
      workers[t].start();
    }
    for (Thread w : workers) {
      w.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
    System.out.printf(Locale.ROOT, "threads %d, batch %d: %.0f labels/s (%d labels in %.1f s), batch latency p50 %.1f"
            + " ms, p99 %.1f ms, failures %d%n", threads, batch, predictions / seconds, predictions, seconds,
        all[all.length / 2] / 1e6, all[(int) Math.min(all.length - 1, all.length * 0.99)] / 1e6, failures.get());
  }

  private static void send(HttpClient http, URI server, String method, String path, String body) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.resolve(path)).header("Content-Type",
        "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
    }
  }
}
