package io.vigil.client.micrometer;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the output of
 * {@code nvidia-smi --query-gpu=index,name,utilization.gpu,memory.used,memory.total --format=csv,noheader,nounits}.
 *
 * <pre>{@code
 * NvidiaSmiCsv.parse("0, NVIDIA A100-SXM4-40GB, [N/A], 37, 40960\n1, NVIDIA A100-SXM4-40GB, 12, 512, 40960\n")
 * // -> two samples; the first (a MIG-enabled GPU) has utilization NaN
 * }</pre>
 *
 * <p>One line per GPU: index, name, utilization in percent, memory used and total in MiB, separated by
 * {@code ", "}. A value nvidia-smi cannot give appears as {@code [N/A]}, {@code [Not Supported]},
 * {@code [Unknown Error]} and the like, and becomes NaN. Lines that are not GPU rows (a driver error message
 * printed to stdout, blank lines) are skipped, so a broken driver yields an empty list rather than an exception.
 * The name is everything between the first and the last three commas, so a name containing a comma survives.
 * With MIG enabled, {@code --query-gpu} still lists the physical GPUs (its MIG instances are not rows).
 */
public final class NvidiaSmiCsv {
  /** The command line whose output {@link #parse} reads. */
  public static final List<String> QUERY = List.of("--query-gpu=index,name,utilization.gpu,memory.used,memory.total",
      "--format=csv,noheader,nounits");
  private static final double MIB = 1024.0 * 1024.0;

  private NvidiaSmiCsv() {}

  /** The GPUs in {@code output}, in order; never null. */
  public static List<GpuSample> parse(String output) {
    List<GpuSample> samples = new ArrayList<>();
    for (String line : output.split("\\R")) {
      String[] fields = line.split(",", -1);
      if (fields.length < 5) {
        continue;
      }
      String index = fields[0].trim();
      if (index.isEmpty() || !index.chars().allMatch(Character::isDigit)) {
        continue;
      }
      int last = fields.length - 1;
      String name = String.join(",", java.util.Arrays.copyOfRange(fields, 1, last - 2)).trim();
      double utilization = number(fields[last - 2]);
      double used = number(fields[last - 1]);
      double total = number(fields[last]);
      samples.add(new GpuSample(index, name, utilization / 100.0, used * MIB, total * MIB));
    }
    return samples;
  }

  /** A non-negative finite number, or NaN for {@code [N/A]} and anything else that is not one. */
  private static double number(String field) {
    String text = field.trim();
    if (text.isEmpty() || text.startsWith("[")) {
      return Double.NaN;
    }
    try {
      double value = Double.parseDouble(text);
      return Double.isFinite(value) && value >= 0 ? value : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
