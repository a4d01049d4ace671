package io.vigil.client.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** JVM and process meters appear in the scrape; GPU meters only where a GPU tool exists. */
class ResourceMetricsTest {
  @Test
  void bindsCpuMemoryGcAndThreadMeters() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (ResourceMetrics resources = new ResourceMetrics(new GpuMetrics(null, Duration.ofSeconds(10)))) {
      resources.bindTo(registry);
      System.gc();
      String scrape = registry.scrape();
      assertThat(scrape).contains("process_cpu_usage", "system_cpu_count", "jvm_memory_used_bytes{area=\"heap\"",
          "jvm_memory_used_bytes{area=\"nonheap\"", "jvm_threads_live_threads", "jvm_gc_",
          "jvm_classes_loaded_classes", "process_uptime_seconds");
      assertThat(scrape).doesNotContain("vigil_gpu");
    }
  }
}
