package io.vigil.server.kafka;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code vigil serve} instances as separate JVMs (so a test can kill one with SIGKILL), each with its own data
 * folder and log under the test's folder; all are killed at {@link #close}.
 *
 * <pre>{@code
 * try (VigilProcesses vigil = new VigilProcesses(dir, Instant.now())) {
 *   VigilProcesses.Instance a = vigil.start("a", List.of("--store", url));
 *   a.api().stats("m0");
 *   a.process().destroyForcibly();   // kill -9
 * }
 * }</pre>
 */
final class VigilProcesses implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("serving on http://127\\.0\\.0\\.1:(\\d+)");

  /** A server process and its API. */
  record Instance(Process process, Api api) {}

  private final Path dir;
  private final Instant start;
  private final List<Process> processes = new ArrayList<>();

  /** @param start the time the {@link Api}'s windows are centred on */
  VigilProcesses(Path dir, Instant start) {
    this.dir = dir;
    this.start = start;
  }

  /** Starts {@code vigil serve --port 0 --data-dir DIR/ID --instance ID} plus {@code options}; returns once it listens. */
  Instance start(String id, List<String> options) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
        "io.vigil.cli.Vigil", "serve", "--port", "0", "--data-dir", dir.resolve(id).toString(), "--instance", id));
    command.addAll(options);
    Path log = dir.resolve(id + ".log");
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    processes.add(p);
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        return new Instance(p, new Api(Integer.parseInt(m.group(1)), start));
      }
    }
    throw new IllegalStateException("instance " + id + " exited before listening: " + Files.readString(log));
  }

  @Override
  public void close() throws InterruptedException {
    for (Process p : processes) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
