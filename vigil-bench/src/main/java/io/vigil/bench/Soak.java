package io.vigil.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak benchmark (not a CI test): starts {@code vigil serve} as its own process, measures the largest ingest
 * rate for {@code --probe} seconds with closed-loop clients, then sends at half that rate (open loop: batches on a
 * fixed schedule, so a slow server shows as latency, not as a lower rate) for {@code --minutes}. Every {@code
 * --every} it records the server's live heap ({@code jcmd PID GC.class_histogram}: a full GC, then the bytes of
 * every object still reachable, so allocation after the GC cannot inflate the reading), open file handles, threads (from the server's {@code /metrics}) and the batch latency p99 of that interval, as a Markdown
 * row for {@code BENCHMARKS.md}. At the end it says whether heap, handles and threads stayed flat, and deletes the
 * server's data folder (an hour at full speed stores tens of gigabytes), unless {@code --keep-data} is given.
 *
 * <pre>{@code
 * ./mvnw -B -q -pl vigil-bench -am package -DskipTests
 * java -cp vigil-bench/target/vigil-bench.jar io.vigil.bench.Soak --minutes 60 --output soak.md
 * }</pre>
 */
public final class Soak {

  private static final Pattern LISTENING = Pattern.compile("serving on http://127\\.0\\.0\\.1:(\\d+)");
  private static final int BATCH = 200;
  private static final int FEATURES = 20;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private URI base;
  private boolean keepData;

  private Soak() {}

  public static void main(String[] args) throws Exception {
    double minutes = Double.parseDouble(option(args, "--minutes", "60"));
    int every = Integer.parseInt(option(args, "--every", "60"));
    int probe = Integer.parseInt(option(args, "--probe", "30"));
    String output = option(args, "--output", null);
    PrintStream out = output == null ? System.out
        : new PrintStream(Files.newOutputStream(Path.of(output)), true, StandardCharsets.UTF_8);
    Soak soak = new Soak();
    soak.keepData = java.util.Arrays.asList(args).contains("--keep-data");
    soak.run(minutes, every, probe, out);
  }

  private static String option(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }

  void run(double minutes, int everySeconds, int probeSeconds, PrintStream out) throws Exception {
    Path data = Files.createTempDirectory("vigil-soak");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process server = new ProcessBuilder(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
        "io.vigil.cli.Vigil", "serve", "--port", "0", "--data-dir", data.toString()))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      base = URI.create("http://127.0.0.1:" + port(server));
      double max = probe(probeSeconds);
      double rate = max / 2;
      out.printf(Locale.ROOT, "Soak: %d-event batches with %d features; measured maximum %.0f events/s, sending %.0f"
          + " events/s for %.1f minutes; server pid %d%n%n", BATCH, FEATURES, max, rate, minutes, server.pid());
      out.println("| minute | events sent (total) | live heap (MiB) | open files | threads | batch p99 (ms) | failures | load average |");
      out.println("|---|---|---|---|---|---|---|---|");
      List<double[]> rows = soak(rate, minutes, everySeconds, server.pid(), out);
      out.println();
      out.println(verdict(rows));
    } finally {
      server.destroy();
      server.waitFor(30, TimeUnit.SECONDS);
      if (keepData) {
        out.println("The server's data folder is kept: " + data);
      } else {
        delete(data);
      }
    }
  }

  /** Deletes a folder and everything in it. */
  static void delete(Path folder) throws IOException {
    try (java.util.stream.Stream<Path> paths = Files.walk(folder)) {
      for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static int port(Process server) throws IOException {
    BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
    throw new IllegalStateException("the server exited before listening");
  }

  /** Closed loop, 4 clients, as fast as the server answers: events per second. */
  private double probe(int seconds) throws InterruptedException {
    AtomicLong events = new AtomicLong();
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      int id = c;
      Thread t = new Thread(() -> {
        Random random = new Random(id);
        long seq = 0;
        while (System.nanoTime() < end) {
          if (send(IngestLoad.body(random, 100 + id, BATCH, FEATURES).replace("#B#", Long.toString(seq++))) > 0) {
            events.addAndGet(BATCH);
          }
        }
      });
      t.start();
      clients.add(t);
    }
    for (Thread t : clients) {
      t.join();
    }
    return events.get() / (double) seconds;
  }

  /** Open loop at {@code rate}; one row per interval: minute, events, heap MiB, files, threads, p99 ms, failures. */
  private List<double[]> soak(double rate, double minutes, int everySeconds, long pid, PrintStream out)
      throws Exception {
    long periodNanos = (long) (BATCH / rate * 1e9);
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicLong sent = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    AtomicLong seq = new AtomicLong();
    String template = IngestLoad.body(new Random(7), 7, BATCH, FEATURES);
    // the clock only hands batches to the senders, so a slow answer delays no later batch (a periodic task never
    // overlaps itself); latency counts from the batch's scheduled time, so a backlog shows in the p99
    ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    ExecutorService senders = Executors.newFixedThreadPool(16);
    clock.scheduleAtFixedRate(() -> {
      long t0 = System.nanoTime();
      senders.execute(() -> {
        long status = send(template.replace("#B#", Long.toString(seq.getAndIncrement())));
        if (status > 0) {
          latencies.add(System.nanoTime() - t0);
          sent.addAndGet(BATCH);
        } else {
          failures.incrementAndGet();
        }
      });
    }, 0, Math.max(1, periodNanos), TimeUnit.NANOSECONDS);
    List<double[]> rows = new ArrayList<>();
    long end = System.nanoTime() + (long) (minutes * 60e9);
    try {
      for (int interval = 1; System.nanoTime() < end; interval++) {
        TimeUnit.SECONDS.sleep(everySeconds);   // a benchmark's clock, not a test's wait
        List<Long> taken;
        synchronized (latencies) {
          taken = new ArrayList<>(latencies);
          latencies.clear();
        }
        Collections.sort(taken);
        double p99 = taken.isEmpty() ? Double.NaN : taken.get((int) Math.min(taken.size() - 1, taken.size() * 0.99)) / 1e6;
        double live = liveHeap(pid) / (double) (1 << 20);
        String metrics = get("/metrics");
        double[] row = {interval * everySeconds / 60.0, sent.get(), live, gauge(metrics, "process_open_fds"),
            gauge(metrics, "jvm_threads_current"), p99, failures.get(), loadAverage()};
        rows.add(row);
        out.printf(Locale.ROOT, "| %.2f | %.0f | %.1f | %.0f | %.0f | %.1f | %.0f | %.2f |%n", row[0], row[1], row[2],
            row[3], row[4], row[5], row[6], row[7]);
      }
    } finally {
      clock.shutdownNow();
      senders.shutdownNow();
      senders.awaitTermination(30, TimeUnit.SECONDS);
    }
    return rows;
  }

  /** Flat: the last quarter's mean within 10 % (heap: 10 % or 16 MiB) of the second quarter's, after warm-up. */
  static String verdict(List<double[]> rows) {
    if (rows.size() < 4) {
      return "Too short to judge flatness (" + rows.size() + " samples; needs at least 4).";
    }
    int q = rows.size() / 4;
    StringBuilder b = new StringBuilder();
    String[] names = {"live heap", "open files", "threads"};
    boolean flat = true;
    for (int k = 0; k < 3; k++) {
      double early = mean(rows.subList(q, 2 * q), k + 2);
      double late = mean(rows.subList(rows.size() - q, rows.size()), k + 2);
      boolean ok = late <= early * 1.10 + (k == 0 ? 16 : 1);
      flat &= ok;
      b.append(String.format(Locale.ROOT, "%s: %.1f → %.1f (%s); ", names[k], early, late, ok ? "flat" : "GROWING"));
    }
    return (flat ? "FLAT: " : "NOT FLAT: ") + b;
  }

  /** The machine's one-minute load average, so a noisy neighbour shows beside the latency it causes. */
  private static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static double mean(List<double[]> rows, int column) {
    return rows.stream().mapToDouble(r -> r[column]).average().orElse(Double.NaN);
  }

  private static double gauge(String metrics, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + " ([0-9.eE+-]+)").matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }

  /**
   * Bytes of live objects in the server: {@code jcmd PID GC.class_histogram} runs a full GC and then counts what is
   * still reachable, class by class. Reading {@code jvm_memory_used_bytes} after {@code GC.run} instead also counts
   * whatever the server allocated between the collection and the scrape, tens of megabytes at this rate.
   */
  static long liveHeap(long pid) throws IOException, InterruptedException {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    Path out = Files.createTempFile("vigil-soak-histogram", ".txt");
    try {
      Process p = new ProcessBuilder(jcmd, Long.toString(pid), "GC.class_histogram").redirectErrorStream(true)
          .redirectOutput(out.toFile()).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {   // an attach that never answers must not stop the soak
        p.destroyForcibly();
        return -1;
      }
      return totalBytes(Files.readString(out));
    } finally {
      Files.deleteIfExists(out);
    }
  }

  /** The byte count of a class histogram's {@code Total} line; -1 when there is none. */
  static long totalBytes(String histogram) {
    Matcher m = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)").matcher(histogram);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  private String get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  /** Sends one batch; its status code, or -1 when it failed. */
  private long send(String body) {
    try {
      int status = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/predictions"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
      return status == 200 ? status : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
