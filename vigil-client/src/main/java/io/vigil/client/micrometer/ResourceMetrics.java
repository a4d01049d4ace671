package io.vigil.client.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The resource side of a model server: process CPU, heap and non-heap memory, GC pauses, threads, class loading,
 * uptime (Micrometer's own binders) and, when {@code nvidia-smi} is on {@code PATH}, GPU utilization and memory.
 *
 * <pre>{@code
 * ResourceMetrics resources = new ResourceMetrics();   // close() on shutdown stops the GC and GPU listeners
 * resources.bindTo(registry);
 * // process_cpu_usage, jvm_memory_used_bytes{area="heap",...}, jvm_gc_pause_seconds, jvm_threads_live_threads,
 * // vigil_gpu_utilization{gpu="0",...} (GPU machines only)
 * }</pre>
 *
 * <p>Binding twice to one registry is harmless (Micrometer returns the existing meters). Skip this class when the
 * application already binds the JVM meters, as Spring Boot Actuator does, and bind {@link GpuMetrics} alone.
 */
public final class ResourceMetrics implements MeterBinder, AutoCloseable {
  private final GpuMetrics gpus;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  /** JVM, process and GPU meters, polling the GPUs every 10 s. */
  public ResourceMetrics() {
    this(GpuMetrics.nvidiaSmi(Duration.ofSeconds(10)));
  }

  /** JVM and process meters plus the given GPU source. */
  public ResourceMetrics(GpuMetrics gpus) {
    this.gpus = gpus;
  }

  @Override
  public synchronized void bindTo(MeterRegistry registry) {
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    closeables.add(gc);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    gpus.bindTo(registry);
  }

  /** Stops the GC notification listeners and the GPU poller. */
  @Override
  public synchronized void close() {
    for (AutoCloseable closeable : closeables) {
      try {
        closeable.close();
      } catch (Exception e) {
        // JvmGcMetrics.close only unregisters listeners; nothing useful to report at shutdown.
      }
    }
    closeables.clear();
    gpus.close();
  }
}
