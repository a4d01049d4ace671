package io.vigil.bench;

import io.vigil.drift.DriftResult;
import io.vigil.drift.EmpiricalDistribution;
import io.vigil.drift.KolmogorovSmirnov;
import io.vigil.drift.NumericMethod;
import io.vigil.drift.Wasserstein;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The statistics phase of {@code vigil drift} on the arrays SciPy's baseline uses
 * ({@code tools/scipy_drift_bench.py}): 20 numeric features, a 1,000,000-row reference and a 100,000-row current
 * sample made by {@code tools/bench_data.py}.
 *
 * <pre>{@code
 * python3 tools/bench_data.py /tmp/vigil-bench
 * java -jar vigil-bench/target/vigil-bench.jar DriftStatistics -p folder=/tmp/vigil-bench
 * }</pre>
 *
 * <p>"fromRaw" includes sorting both samples, as {@code ks_2samp} does on every call; "fromSavedReference" starts
 * from the sorted reference a {@code vigil profile} file holds, so only the current sample is sorted. Features run
 * in parallel on all cores, as the command does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx6g"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class DriftStatisticsBenchmark {

  @Param("/tmp/vigil-bench")
  public String folder;

  private double[][] reference;
  private double[][] current;
  private List<EmpiricalDistribution> savedReference;

  @Setup
  public void load() throws IOException {
    reference = readColumns(Path.of(folder, "ref_1m.csv"));
    current = readColumns(Path.of(folder, "cur_100k.csv"));
    savedReference = IntStream.range(0, reference.length).parallel()
        .mapToObj(j -> EmpiricalDistribution.of(reference[j])).collect(Collectors.toList());
  }

  @Benchmark
  public List<DriftResult> ksFromRaw() {
    return fromRaw(new KolmogorovSmirnov(), 0.05);
  }

  @Benchmark
  public List<DriftResult> ksFromSavedReference() {
    return fromSaved(new KolmogorovSmirnov(), 0.05);
  }

  @Benchmark
  public List<DriftResult> wassersteinFromRaw() {
    return fromRaw(new Wasserstein(), 0.1);
  }

  @Benchmark
  public List<DriftResult> wassersteinFromSavedReference() {
    return fromSaved(new Wasserstein(), 0.1);
  }

  private List<DriftResult> fromRaw(NumericMethod method, double threshold) {
    return IntStream.range(0, reference.length).parallel()
        .mapToObj(j -> method.test(EmpiricalDistribution.of(reference[j]), EmpiricalDistribution.of(current[j]),
            threshold))
        .collect(Collectors.toList());
  }

  private List<DriftResult> fromSaved(NumericMethod method, double threshold) {
    return IntStream.range(0, reference.length).parallel()
        .mapToObj(j -> method.test(savedReference.get(j), EmpiricalDistribution.of(current[j]), threshold))
        .collect(Collectors.toList());
  }

  /** A plain numeric CSV with a header, column-major. */
  static double[][] readColumns(Path file) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file)) {
      int columns = in.readLine().split(",").length;
      List<double[]> rows = new ArrayList<>();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] cells = line.split(",");
        double[] row = new double[columns];
        for (int j = 0; j < columns; j++) {
          row[j] = Double.parseDouble(cells[j]);
        }
        rows.add(row);
      }
      double[][] out = new double[columns][rows.size()];
      for (int i = 0; i < rows.size(); i++) {
        for (int j = 0; j < columns; j++) {
          out[j][i] = rows.get(i)[j];
        }
      }
      return out;
    }
  }
}
