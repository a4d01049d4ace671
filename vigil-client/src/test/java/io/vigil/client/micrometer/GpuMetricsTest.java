package io.vigil.client.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GPU polling through a stand-in {@code nvidia-smi} script that prints a committed sample. */
class GpuMetricsTest {
  @TempDir
  Path folder;

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  private Path fakeNvidiaSmi(String body) throws IOException {
    Path script = folder.resolve("nvidia-smi");
    Files.writeString(script, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  @Test
  void exposesUtilizationAndMemoryPerGpu() throws IOException {
    Path sample = folder.resolve("sample.txt");
    Files.writeString(sample, NvidiaSmiCsvTest.sample("a100-mig.txt"));
    Path script = fakeNvidiaSmi("cat '" + sample + "'");
    try (GpuMetrics gpus = new GpuMetrics(List.of(script.toString()), Duration.ofMillis(50))) {
      gpus.bindTo(registry);
      await().atMost(Duration.ofSeconds(10)).until(() -> registry.scrape().contains("vigil_gpu_memory_total_bytes"));
    }
    String scrape = registry.scrape();
    assertThat(scrape)
        .contains("vigil_gpu_utilization{gpu=\"1\",name=\"NVIDIA A100-SXM4-40GB\"} 0.23")
        .contains("vigil_gpu_utilization{gpu=\"0\",name=\"NVIDIA A100-SXM4-40GB\"} NaN")
        .contains("vigil_gpu_memory_used_bytes{gpu=\"1\",name=\"NVIDIA A100-SXM4-40GB\"} 1.074266112E10")
        .contains("vigil_gpu_memory_total_bytes{gpu=\"0\",name=\"NVIDIA A100-SXM4-40GB\"} 4.294967296E10");
  }

  @Test
  void noBinaryMeansNoMetersAndNoThread() {
    try (GpuMetrics gpus = new GpuMetrics(null, Duration.ofMillis(50))) {
      gpus.bindTo(registry);
      assertThat(gpus.available()).isFalse();
      assertThat(gpus.polling()).isFalse();
    }
    assertThat(registry.getMeters()).isEmpty();
  }

  @Test
  void aBrokenDriverStopsPollingQuietly() throws IOException {
    Path script = fakeNvidiaSmi("echo \"NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\""
        + "\nexit 9");
    try (GpuMetrics gpus = new GpuMetrics(List.of(script.toString()), Duration.ofMillis(20))) {
      gpus.bindTo(registry);
      await().atMost(Duration.ofSeconds(10)).until(() -> !gpus.polling());
    }
    assertThat(registry.getMeters()).isEmpty();
  }

  @Test
  void findsTheBinaryOnThePath() throws IOException {
    Path script = fakeNvidiaSmi("true");
    Path empty = Files.createDirectory(folder.resolve("empty"));
    assertThat(GpuMetrics.findOnPath("nvidia-smi", empty + ":" + folder)).contains(script);
    assertThat(GpuMetrics.findOnPath("nvidia-smi", empty.toString())).isEmpty();
    assertThat(GpuMetrics.findOnPath("nvidia-smi", null)).isEmpty();
  }
}
