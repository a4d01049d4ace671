package io.vigil.client.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The nvidia-smi CSV parser against committed outputs, odd ones included. */
class NvidiaSmiCsvTest {
  private static final double MIB = 1024.0 * 1024.0;

  static String sample(String name) throws IOException {
    try (InputStream in = NvidiaSmiCsvTest.class.getResourceAsStream("/nvidia-smi/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void readsOneGpu() throws IOException {
    List<GpuSample> gpus = NvidiaSmiCsv.parse(sample("h100.txt"));
    assertThat(gpus).containsExactly(new GpuSample("0", "NVIDIA H100 80GB HBM3", 0.37, 1024 * MIB, 81559 * MIB));
  }

  @Test
  void readsEveryGpuOfAMachineInOrder() throws IOException {
    List<GpuSample> gpus = NvidiaSmiCsv.parse(sample("eight-a100.txt"));
    assertThat(gpus).extracting(GpuSample::index).containsExactly("0", "1", "2", "3", "4", "5", "6", "7");
    assertThat(gpus.get(3).utilization()).isEqualTo(1.0);
    assertThat(gpus.get(3).memoryUsedBytes()).isEqualTo(80107 * MIB);
    assertThat(gpus).allSatisfy(gpu -> assertThat(gpu.memoryTotalBytes()).isEqualTo(81920 * MIB));
  }

  @Test
  void notAvailableUtilizationOfAMigGpuIsNaN() throws IOException {
    List<GpuSample> gpus = NvidiaSmiCsv.parse(sample("a100-mig.txt"));
    assertThat(gpus).hasSize(2);
    assertThat(gpus.get(0).utilization()).isNaN();
    assertThat(gpus.get(0).memoryUsedBytes()).isEqualTo(37 * MIB);
    assertThat(gpus.get(1).utilization()).isCloseTo(0.23, within(1e-12));
  }

  @Test
  void notSupportedIsNaN() throws IOException {
    GpuSample gpu = NvidiaSmiCsv.parse(sample("geforce-not-supported.txt")).get(0);
    assertThat(gpu.name()).isEqualTo("NVIDIA GeForce GT 710");
    assertThat(gpu.utilization()).isNaN();
    assertThat(gpu.memoryTotalBytes()).isEqualTo(2001 * MIB);
  }

  @Test
  void driverErrorsAndMissingDevicesGiveNoGpus() throws IOException {
    assertThat(NvidiaSmiCsv.parse(sample("driver-failure.txt"))).isEmpty();
    assertThat(NvidiaSmiCsv.parse(sample("no-devices.txt"))).isEmpty();
    assertThat(NvidiaSmiCsv.parse("")).isEmpty();
  }

  @Test
  void toleratesCrLfCommasInNamesAndJunkValues() {
    List<GpuSample> gpus = NvidiaSmiCsv.parse("0, Tesla T4, rev, 2, 5, 100, 15360\r\n1, Tesla T4, -3, abc, 15360\r\n");
    assertThat(gpus).hasSize(2);
    assertThat(gpus.get(0).name()).isEqualTo("Tesla T4, rev, 2");
    assertThat(gpus.get(0).utilization()).isEqualTo(0.05);
    assertThat(gpus.get(1).utilization()).isNaN();        // negative
    assertThat(gpus.get(1).memoryUsedBytes()).isNaN();    // not a number
    assertThat(gpus.get(1).memoryTotalBytes()).isEqualTo(15360 * MIB);
  }
}
