package io.vigil.client.micrometer;

/**
 * One GPU's reading from one {@code nvidia-smi} run.
 *
 * <pre>{@code
 * List<GpuSample> gpus = NvidiaSmiCsv.parse("0, NVIDIA H100 80GB HBM3, 37, 1024, 81559\n");
 * gpus.get(0).utilization();   // 0.37
 * }</pre>
 *
 * @param index the device index as nvidia-smi prints it ({@code "0"}, {@code "1"}, …)
 * @param name the product name
 * @param utilization busy fraction in [0, 1]; NaN when nvidia-smi reports {@code [N/A]} (e.g. MIG mode)
 * @param memoryUsedBytes framebuffer memory in use; NaN when not reported
 * @param memoryTotalBytes framebuffer memory in total; NaN when not reported
 */
public record GpuSample(String index, String name, double utilization, double memoryUsedBytes,
    double memoryTotalBytes) {}
