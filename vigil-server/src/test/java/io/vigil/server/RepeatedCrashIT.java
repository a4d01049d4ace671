package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.api.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several clients ingest at full speed while the server process is killed with SIGKILL {@value #KILLS} times, each
 * time after a random number of further acknowledged batches (seeded), and restarted on the same data folder.
 * After the last restart every acknowledged event must be counted, and nothing more than was sent; then the
 * clients retry every batch they never got a 200 for, and the count must equal the number of distinct events
 * sent: no acknowledged event lost, no event (acknowledged or not) counted twice.
 */
class RepeatedCrashIT {

  private static final int KILLS = 5;
  private static final int CLIENTS = 4;
  private static final int BATCH = 100;
  private static final Pattern LISTENING = Pattern.compile("serving on http://127\\.0\\.0\\.1:(\\d+)");

  @TempDir
  Path dataDir;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  /** The port of the running server; 0 while it is down. */
  private volatile int port;
  private volatile boolean done;
  private final AtomicLong acknowledgedEvents = new AtomicLong();
  private final AtomicLong sentEvents = new AtomicLong();
  /** First ids of the batches that got no 200: the clients' retry list. */
  private final Queue<Long> unacknowledged = new ConcurrentLinkedQueue<>();

  private record Server(Process process, int port) {}

  private Server start() throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        "io.vigil.cli.Vigil", "serve", "--port", "0", "--data-dir", dataDir.toString()))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        return new Server(p, Integer.parseInt(m.group(1)));
      }
    }
    throw new IllegalStateException("the server exited before listening (exit code " + p.waitFor() + ")");
  }

  private int post(int to, long first) throws IOException, InterruptedException {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < BATCH; i++) {
      b.append(i == 0 ? "" : ",").append("{\"id\": \"e-").append(first + i)
          .append("\", \"model\": \"crash\", \"features\": {\"x\": ").append(i).append("}}");
    }
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + to + "/api/v1/predictions"))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(20))
        .POST(HttpRequest.BodyPublishers.ofString(b.append(']').toString())).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** One client: sends batches of fresh ids to whichever server is up; remembers each batch it got no 200 for. */
  private void client(int number) {
    long next = number * 1_000_000_000L;
    while (!done) {
      int to = port;
      if (to == 0) {
        LockSupport.parkNanos(5_000_000);   // the server is down: wait for the restart
        continue;
      }
      long first = next;
      next += BATCH;
      sentEvents.addAndGet(BATCH);
      try {
        if (post(to, first) == 200) {
          acknowledgedEvents.addAndGet(BATCH);
        } else {
          unacknowledged.add(first);
        }
      } catch (IOException e) {
        unacknowledged.add(first);   // killed under us: this batch may or may not be stored
      } catch (InterruptedException e) {
        unacknowledged.add(first);
        return;
      }
    }
  }

  private long counted(int at) throws IOException, InterruptedException {
    String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + at + "/api/v1/models/crash"))
        .build(), HttpResponse.BodyHandlers.ofString()).body();
    return Json.MAPPER.readTree(body).path("versions").path("default").path("count").asLong();
  }

  @Test
  void everyAcknowledgedEventIsCountedOnceAcrossFiveKills() throws Exception {
    Random random = new Random(20261201);
    List<Thread> clients = new ArrayList<>();
    for (int c = 1; c <= CLIENTS; c++) {
      int number = c;
      Thread t = new Thread(() -> client(number), "crash-client-" + c);
      t.start();
      clients.add(t);
    }
    Server server = null;
    try {
      for (int kill = 1; kill <= KILLS; kill++) {
        server = start();
        if (kill > 1) {
          assertThat(counted(server.port())).as("after kill %d", kill - 1)
              .isGreaterThanOrEqualTo(acknowledgedEvents.get());
        }
        port = server.port();
        long target = acknowledgedEvents.get() + (long) BATCH * (5 + random.nextInt(60));
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> acknowledgedEvents.get() >= target);
        server.process().destroyForcibly();   // SIGKILL: no shutdown hook, no last checkpoint
        port = 0;
        assertThat(server.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
      }
      server = start();
      done = true;
      for (Thread t : clients) {
        t.join(30_000);
      }
      long acked = acknowledgedEvents.get();
      long sent = sentEvents.get();
      long before = counted(server.port());
      assertThat(before).as("acknowledged %d, sent %d, %d batches unanswered", acked, sent, unacknowledged.size())
          .isGreaterThanOrEqualTo(acked).isLessThanOrEqualTo(sent);
      assertThat(unacknowledged).as("the kills hit batches in flight").isNotEmpty();
      for (Long first : unacknowledged) {
        assertThat(post(server.port(), first)).isEqualTo(200);
      }
      assertThat(counted(server.port())).as("after retrying %d unanswered batches", unacknowledged.size())
          .isEqualTo(sent);
    } finally {
      done = true;
      if (server != null) {
        server.process().destroyForcibly();
        server.process().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
