package io.vigil.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop ingest load: batches of prediction events sent on a fixed schedule ({@code rate} events per second),
 * whatever the server's answers do, so a slow answer shows as latency instead of lowering the rate. Latency counts
 * from each batch's scheduled time, not from when a connection was free to send it, so a backlog is not hidden
 * (no coordinated omission). A closed-loop client that pauses between batches ({@code batch_events.lua}'s third
 * argument) measures something else: its connections fall into step with the server's group commits and arrive
 * together.
 *
 * <p>The requests are made once, before the clock starts (32 bodies like {@code tools/load/batch_events.lua}'s:
 * events without ids, so the server gives each its own and every event is stored), and sent over plain sockets with
 * keep-alive, so the generator costs little CPU on the server's machine. It prints one line per {@code every}
 * seconds and a summary of the whole run after the warm-up.
 *
 * <pre>{@code
 * java -cp vigil-bench/target/vigil-bench.jar io.vigil.bench.PacedLoad http://127.0.0.1:8080 50000 500 20 60
 * # arguments: server, events/s, events per batch, features, seconds, [connections 8], [warm-up seconds 10]
 * }</pre>
 */
public final class PacedLoad {

  private static final byte[] END_OF_HEADERS = {'\r', '\n', '\r', '\n'};

  private PacedLoad() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 5) {
      System.err.println("usage: PacedLoad URL EVENTS_PER_SECOND BATCH FEATURES SECONDS [CONNECTIONS] [WARM_SECONDS]");
      System.exit(2);
    }
    URI server = URI.create(args[0]);
    double rate = Double.parseDouble(args[1]);
    int batch = Integer.parseInt(args[2]);
    int features = Integer.parseInt(args[3]);
    int seconds = Integer.parseInt(args[4]);
    int connections = args.length > 5 ? Integer.parseInt(args[5]) : 8;
    int warmSeconds = args.length > 6 ? Integer.parseInt(args[6]) : 10;
    new PacedLoad().run(server, rate, batch, features, seconds, connections, warmSeconds);
  }

  private void run(URI server, double rate, int batch, int features, int seconds, int connections, int warmSeconds)
      throws InterruptedException {
    byte[][] requests = new byte[32][];
    Random random = new Random(42);
    for (int k = 0; k < requests.length; k++) {
      requests[k] = request(server, IngestLoad.body(random, (String) null, batch, features));   // no ids
    }
    long period = (long) (batch / rate * 1e9);
    long start = System.nanoTime() + 100_000_000L;
    long warm = start + warmSeconds * 1_000_000_000L;
    long end = start + seconds * 1_000_000_000L;
    BlockingQueue<Long> due = new LinkedBlockingQueue<>();
    List<long[]> done = new ArrayList<>();   // {scheduled, answered} per batch, after the warm-up
    AtomicLong failures = new AtomicLong();
    List<Thread> senders = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      int first = c;
      Thread t = new Thread(() -> send(server, requests, first, due, done, failures, warm), "paced-sender-" + c);
      t.setDaemon(true);
      t.start();
      senders.add(t);
    }
    System.out.printf(Locale.ROOT, "open loop: %.0f events/s in batches of %d with %d features (one every %.2f ms),"
        + " %d connections, %d s (%d s warm-up)%n", rate, batch, features, period / 1e6, connections, seconds,
        warmSeconds);
    long next = start;
    long report = warm + 10_000_000_000L;   // each 10 s window is printed a second after it ends
    while (next < end) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
        continue;
      }
      due.add(next);
      next += period;
      if (next >= report + 1_000_000_000L) {
        interval(done, report - 10_000_000_000L, report, batch, due.size());
        report += 10_000_000_000L;
      }
    }
    long stop = System.nanoTime() + 30_000_000_000L;   // let the backlog drain, at most 30 s
    while (!due.isEmpty() && System.nanoTime() < stop) {
      LockSupport.parkNanos(10_000_000L);
    }
    LockSupport.parkNanos(2_000_000_000L);
    long[] latencies;
    synchronized (done) {
      latencies = done.stream().filter(d -> d[0] < end).mapToLong(d -> d[1] - d[0]).sorted().toArray();
    }
    double measured = (end - warm) / 1e9;
    System.out.printf(Locale.ROOT, "sent %.0f events/s for %.0f s after the warm-up: %d batches answered 200,"
            + " %d failed, %d never answered; batch latency from its scheduled time p50 %.1f ms, p90 %.1f ms,"
            + " p99 %.1f ms, p99.9 %.1f ms, max %.1f ms%n", rate, measured, latencies.length, failures.get(),
        Math.max(0, Math.round(measured * rate / batch) - latencies.length - failures.get()),
        quantile(latencies, 0.5), quantile(latencies, 0.9), quantile(latencies, 0.99), quantile(latencies, 0.999),
        latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1] / 1e6);
  }

  /** Prints the batches scheduled in [from, to) that have been answered: p50, p99 and max. */
  private static void interval(List<long[]> done, long from, long to, int batch, int backlog) {
    long[] l;
    synchronized (done) {
      l = done.stream().filter(d -> d[0] >= from && d[0] < to).mapToLong(d -> d[1] - d[0]).sorted().toArray();
    }
    System.out.printf(Locale.ROOT, "  10 s: %d events answered, p50 %.1f ms, p99 %.1f ms, max %.1f ms, waiting %d%n",
        (long) l.length * batch, quantile(l, 0.5), quantile(l, 0.99),
        l.length == 0 ? Double.NaN : l[l.length - 1] / 1e6, backlog);
  }

  private static void send(URI server, byte[][] requests, int first, BlockingQueue<Long> due, List<long[]> done,
      AtomicLong failures, long warm) {
    byte[] buffer = new byte[1 << 16];
    int k = first * 7;
    Socket socket = null;
    InputStream in = null;
    while (true) {
      long scheduled;
      try {
        scheduled = due.take();
      } catch (InterruptedException e) {
        return;
      }
      try {
        if (socket == null) {
          socket = new Socket(server.getHost(), server.getPort());
          socket.setTcpNoDelay(true);
          in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        }
        OutputStream out = socket.getOutputStream();
        out.write(requests[k = (k + 1) % requests.length]);
        out.flush();
        int status = readAnswer(in, buffer);
        long answered = System.nanoTime();
        if (status != 200) {
          failures.incrementAndGet();
        } else if (scheduled >= warm) {
          synchronized (done) {
            done.add(new long[] {scheduled, answered});
          }
        }
      } catch (IOException e) {
        failures.incrementAndGet();
        close(socket);
        socket = null;
      }
    }
  }

  /** Reads one HTTP/1.1 answer (Content-Length or chunked) and returns its status code. */
  static int readAnswer(InputStream in, byte[] buffer) throws IOException {
    String head = head(in);
    int status = Integer.parseInt(head.substring(9, 12));
    String lower = head.toLowerCase(Locale.ROOT);
    int length = lower.indexOf("\ncontent-length:");
    if (length >= 0) {
      skip(in, Long.parseLong(lower.substring(length + 16, lower.indexOf('\r', length)).trim()), buffer);
    } else if (lower.contains("\ntransfer-encoding: chunked")) {
      for (long size = chunk(in); size > 0; size = chunk(in)) {
        skip(in, size + 2, buffer);
      }
      skip(in, 2, buffer);
    }
    return status;
  }

  private static String head(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder(256);
    int matched = 0;
    while (matched < END_OF_HEADERS.length) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("the server closed the connection");
      }
      b.append((char) c);
      matched = c == END_OF_HEADERS[matched] ? matched + 1 : c == '\r' ? 1 : 0;
    }
    return b.toString();
  }

  private static long chunk(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("the server closed the connection");
      }
      if (c != '\r') {
        b.append((char) c);
      }
    }
    return Long.parseLong(b.toString().split(";")[0].trim(), 16);
  }

  private static void skip(InputStream in, long n, byte[] buffer) throws IOException {
    while (n > 0) {
      int r = in.read(buffer, 0, (int) Math.min(buffer.length, n));
      if (r < 0) {
        throw new IOException("the server closed the connection");
      }
      n -= r;
    }
  }

  private static void close(Socket socket) {
    try {
      if (socket != null) {
        socket.close();
      }
    } catch (IOException ignored) {
      // already broken
    }
  }

  private static byte[] request(URI server, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    byte[] head = ("POST /api/v1/predictions HTTP/1.1\r\nHost: " + server.getHost() + ":" + server.getPort()
        + "\r\nContent-Type: application/json\r\nContent-Length: " + b.length + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    byte[] r = Arrays.copyOf(head, head.length + b.length);
    System.arraycopy(b, 0, r, head.length, b.length);
    return r;
  }

  private static double quantile(long[] sorted, double p) {
    return sorted.length == 0 ? Double.NaN
        : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
  }
}
