package io.vigil.bench;

import io.vigil.performance.ClassificationProfile;
import io.vigil.performance.EstimationProfile;
import io.vigil.performance.PerformanceCodec;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-label and per-bucket costs of the performance profiles: one labeled binary prediction counted (and a
 * replaced label undone), one prediction counted for estimation, and a minute of 1,000 labels merged into an
 * accumulator and serialized. Issue 4 asks for 50,000 labels/s at ingest, i.e. 20 µs a label in all.
 *
 * <pre>{@code
 * java -jar vigil-bench/target/vigil-bench.jar PerformanceProfileBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PerformanceProfileBenchmark {

  private static final int MASK = (1 << 14) - 1;

  private String[] labels;
  private String[] predictions;
  private List<Map<String, Double>> scores;
  private int next;
  private ClassificationProfile live;
  private EstimationProfile estimation;
  private ClassificationProfile minute;
  private ClassificationProfile accumulator;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(20_261_201L);
    labels = new String[MASK + 1];
    predictions = new String[MASK + 1];
    scores = new java.util.ArrayList<>();
    for (int i = 0; i <= MASK; i++) {
      double s = 1 / (1 + Math.exp(-3 * (random.nextDouble() - 0.5) * 2));
      labels[i] = random.nextDouble() < s ? "fraud" : "ok";
      predictions[i] = s >= 0.5 ? "fraud" : "ok";
      scores.add(Map.of("fraud", s));
    }
    live = ClassificationProfile.binary("fraud", List.of("fraud", "ok"));
    estimation = EstimationProfile.binary("fraud");
    minute = ClassificationProfile.binary("fraud", List.of("fraud", "ok"));
    for (int i = 0; i < 1000; i++) {
      minute.update(labels[i], predictions[i], scores.get(i));
    }
    accumulator = minute.copy();
  }

  @Benchmark
  public ClassificationProfile updateLabel() {
    int i = next++ & MASK;
    live.update(labels[i], predictions[i], scores.get(i));
    return live;
  }

  @Benchmark
  public ClassificationProfile replaceLabel() {
    int i = next++ & MASK;
    live.update(labels[i], predictions[i], scores.get(i));
    live.remove(labels[i], predictions[i], scores.get(i));
    return live;
  }

  @Benchmark
  public EstimationProfile updatePrediction() {
    int i = next++ & MASK;
    estimation.update(predictions[i], scores.get(i));
    return estimation;
  }

  @Benchmark
  public ClassificationProfile mergeMinuteOf1000Labels() {
    return accumulator.merge(minute);
  }

  @Benchmark
  public byte[] encodeMinuteOf1000Labels() {
    return PerformanceCodec.encode(minute);
  }
}
