package io.vigil.client.micrometer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GPU utilization and memory per device, read from {@code nvidia-smi} on a background daemon thread.
 *
 * <pre>{@code
 * try (GpuMetrics gpus = GpuMetrics.nvidiaSmi(Duration.ofSeconds(10))) {
 *   gpus.bindTo(registry);   // no nvidia-smi on PATH: does nothing, quietly
 * }
 * // vigil_gpu_utilization{gpu="0",name="NVIDIA H100 80GB HBM3"} 0.37
 * // vigil_gpu_memory_used_bytes{...}, vigil_gpu_memory_total_bytes{...}
 * }</pre>
 *
 * <p>Gauges appear per device at the first poll that lists it; a value nvidia-smi cannot give ({@code [N/A]},
 * e.g. utilization in MIG mode) reads NaN rather than a made-up 0. Without the binary there are no GPU meters, no thread and no log line. A binary that fails
 * (no driver, no devices) is retried; after {@value #MAX_FAILURES} failures in a row polling stops, with one
 * DEBUG line, since a machine without GPUs stays that way.
 */
public final class GpuMetrics implements MeterBinder, AutoCloseable {
  static final int MAX_FAILURES = 3;
  private static final Logger LOG = LoggerFactory.getLogger(GpuMetrics.class);
  private static final long COMMAND_TIMEOUT_SECONDS = 10;

  private final List<String> command;
  private final Duration interval;
  private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
  private final Map<String, GpuSample> latest = new ConcurrentHashMap<>();
  private ScheduledExecutorService poller;
  private int failures;

  /**
   * Polls {@code command} (the nvidia-smi binary and {@link NvidiaSmiCsv#QUERY}) every {@code interval}; a
   * {@code null} command means no GPU tooling, so nothing is ever polled.
   */
  public GpuMetrics(List<String> command, Duration interval) {
    this.command = command == null ? null : List.copyOf(command);
    this.interval = interval;
  }

  /** Polls the {@code nvidia-smi} found on {@code PATH}, if any. */
  public static GpuMetrics nvidiaSmi(Duration interval) {
    return new GpuMetrics(findOnPath("nvidia-smi", System.getenv("PATH")).map(binary -> {
      List<String> command = new ArrayList<>(List.of(binary.toString()));
      command.addAll(NvidiaSmiCsv.QUERY);
      return command;
    }).orElse(null), interval);
  }

  /** The executable {@code name} in the first {@code PATH} directory that has one. */
  static Optional<Path> findOnPath(String name, String path) {
    if (path == null) {
      return Optional.empty();
    }
    for (String directory : path.split(File.pathSeparator)) {
      if (!directory.isEmpty()) {
        Path candidate = Path.of(directory, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** Whether there is a command to poll. */
  public boolean available() {
    return command != null;
  }

  @Override
  public synchronized void bindTo(MeterRegistry registry) {
    if (command == null) {
      return;
    }
    registries.add(registry);
    latest.values().forEach(sample -> register(registry, sample));
    if (poller == null) {
      poller = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "vigil-gpu-metrics");
        thread.setDaemon(true);
        return thread;
      });
      poller.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void poll() {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output;
      try (InputStream stdout = process.getInputStream()) {
        output = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        failed("timed out");
        return;
      }
      List<GpuSample> samples = NvidiaSmiCsv.parse(output);
      if (process.exitValue() != 0 || samples.isEmpty()) {
        failed("exit " + process.exitValue() + ": " + output.strip());
        return;
      }
      failures = 0;
      for (GpuSample sample : samples) {
        if (latest.put(sample.index(), sample) == null) {
          registries.forEach(registry -> register(registry, sample));
        }
      }
    } catch (IOException e) {
      failed(e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void failed(String why) {
    if (++failures >= MAX_FAILURES) {
      LOG.debug("GPU metrics off: {} failed {} times in a row, last: {}", command.get(0), failures, why);
      poller.shutdown();
    }
  }

  private void register(MeterRegistry registry, GpuSample first) {
    gauge(registry, "vigil.gpu.utilization", first, null, "GPU busy fraction (0-1)", GpuSample::utilization);
    gauge(registry, "vigil.gpu.memory.used", first, "bytes", "GPU memory in use", GpuSample::memoryUsedBytes);
    gauge(registry, "vigil.gpu.memory.total", first, "bytes", "GPU memory in total", GpuSample::memoryTotalBytes);
  }

  private void gauge(MeterRegistry registry, String name, GpuSample first, String unit, String description,
      ToDoubleFunction<GpuSample> value) {
    String index = first.index();
    Gauge.builder(name, latest, samples -> {
      GpuSample sample = samples.get(index);
      return sample == null ? Double.NaN : value.applyAsDouble(sample);
    }).tags("gpu", index, "name", first.name()).baseUnit(unit).description(description).strongReference(true)
        .register(registry);
  }

  /** Whether the poller is running (false without a command, after giving up, after close). */
  synchronized boolean polling() {
    return poller != null && !poller.isShutdown();
  }

  /** Stops polling. */
  @Override
  public synchronized void close() {
    if (poller != null) {
      poller.shutdownNow();
    }
  }
}
