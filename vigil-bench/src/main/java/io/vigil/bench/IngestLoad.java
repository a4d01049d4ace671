package io.vigil.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ingest load generator: {@code threads} clients each POST batches of {@code batch} prediction events with
 * {@code features} numeric features to a running server for {@code seconds}, then print events per second and the
 * batch latency quantiles. Event ids are unique, so every event is stored and counted.
 *
 * <pre>{@code
 * ./vigil serve --port 8080 --data-dir /tmp/load &
 * java -cp vigil-bench/target/vigil-bench.jar io.vigil.bench.IngestLoad http://127.0.0.1:8080 4 500 20 30
 * }</pre>
 */
public final class IngestLoad {

  private IngestLoad() {}

  public static void main(String[] args) throws Exception {
    URI server = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:8080");
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 500;
    int features = args.length > 3 ? Integer.parseInt(args[3]) : 20;
    int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 30;
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    AtomicLong failures = new AtomicLong();
    long[][] latencies = new long[threads][];
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    int warmSeconds = Math.min(5, seconds / 5);
    long warm = System.nanoTime() + Duration.ofSeconds(warmSeconds).toNanos();
    AtomicLong counted = new AtomicLong();
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int id = t;
      workers[t] = new Thread(() -> {
        Random random = new Random(id);
        String[] templates = new String[16];   // made once: the generator must not be what limits the rate
        for (int k = 0; k < templates.length; k++) {
          templates[k] = body(random, id, batch, features);
        }
        long[] lat = new long[1 << 20];
        int n = 0;
        long seq = 0;
        while (System.nanoTime() < end) {
          String body = templates[(int) (seq % templates.length)].replace("#B#", Long.toString(seq));
          seq++;
          long t0 = System.nanoTime();
          try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(server.resolve("/api/v1/predictions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() != 200) {
              failures.incrementAndGet();
              continue;
            }
          } catch (Exception e) {
            failures.incrementAndGet();
            continue;
          }
          long t1 = System.nanoTime();
          if (t0 > warm) {
            counted.addAndGet(batch);
            if (n < lat.length) {
              lat[n++] = t1 - t0;
            }
          }
        }
        latencies[id] = Arrays.copyOf(lat, n);
      });
      workers[t].start();
    }
    for (Thread w : workers) {
      w.join();
    }
    long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
    double measured = (end - warm) / 1e9;
    System.out.printf(Locale.ROOT, "threads %d, batch %d, features %d: %.0f events/s (%d batches measured after %.0f s"
            + " warm-up), batch latency p50 %.1f ms, p99 %.1f ms, failures %d%n", threads, batch, features,
        counted.get() / measured, all.length, (double) warmSeconds,
        quantile(all, 0.5) / 1e6, quantile(all, 0.99) / 1e6, failures.get());
  }

  private static double quantile(long[] sorted, double p) {
    return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  }

  /** A batch whose event ids contain {@code #B#}, replaced by the batch number when sent (ids stay unique). */
  static String body(Random random, int thread, int batch, int features) {
    return body(random, "t" + thread + "-#B#-", batch, features);
  }

  /**
   * A batch of {@code batch} events with {@code features} normal feature values each; event {@code i}'s id is
   * {@code idPrefix + i}, or none when {@code idPrefix} is null (the server then gives each event its own).
   */
  static String body(Random random, String idPrefix, int batch, int features) {
    StringBuilder b = new StringBuilder(batch * (features * 16 + 120)).append('[');
    for (int i = 0; i < batch; i++) {
      b.append(i == 0 ? "{" : ",{");
      if (idPrefix != null) {
        b.append("\"id\":\"").append(idPrefix).append(i).append("\",");
      }
      b.append("\"model\":\"load\",\"version\":\"v1\",\"features\":{");
      for (int f = 0; f < features; f++) {
        b.append(f == 0 ? "" : ",").append("\"f").append(f).append("\":")
            .append(String.format(Locale.ROOT, "%.4f", random.nextGaussian()));
      }
      b.append("},\"prediction\":\"yes\",\"scores\":{\"yes\":0.7,\"no\":0.3},\"latency_ms\":")
          .append(1 + random.nextInt(50)).append('}');
    }
    return b.append(']').toString();
  }
}
