package io.vigil.performance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The fixed profiles behind the golden files in {@code src/test/resources/io/vigil/performance/}. The generators use
 * only {@link Random}, whose sequence the JDK specifies, and must never change: {@link PerformanceCodecTest} checks
 * the committed bytes against them. A new format version adds {@code …-v2.bin} files; released ones are never
 * rewritten. Run {@code main} with the resource directory to write files that do not exist yet.
 */
final class GoldenPerformanceProfiles {

  private GoldenPerformanceProfiles() {}

  static ClassificationProfile binary() {
    Random random = new Random(20261201);
    ClassificationProfile p = ClassificationProfile.binary("fraud", List.of("fraud", "ok"));
    for (int i = 0; i < 300; i++) {
      double s = Math.rint(1000 / (1 + Math.exp(-2 * random.nextGaussian()))) / 1000;
      String label = random.nextDouble() < s ? "fraud" : "ok";
      p.update(label, s >= 0.5 ? "fraud" : "ok", i % 25 == 0 ? Map.of() : Map.of("fraud", s));
    }
    return p;
  }

  static ClassificationProfile multiclass() {
    Random random = new Random(20261202);
    ClassificationProfile p = ClassificationProfile.multiclass(List.of("cat", "dog", "Zürich"));
    for (int i = 0; i < 300; i++) {
      double a = Math.rint(random.nextDouble() * 100) / 100;
      double b = Math.rint(random.nextDouble() * (1 - a) * 100) / 100;
      Map<String, Double> scores = Map.of("cat", a, "dog", b, "Zürich", 1 - a - b);
      String label = a > 0.5 ? "cat" : random.nextBoolean() ? "dog" : "Zürich";
      p.update(label, a >= b ? "cat" : "dog", i % 30 == 0 ? Map.of() : scores);
    }
    return p;
  }

  static RegressionProfile regression() {
    Random random = new Random(20261203);
    RegressionProfile p = new RegressionProfile();
    for (int i = 0; i < 200; i++) {
      double y = Math.rint(random.nextGaussian() * 1000) / 100;
      p.update(y, y + Math.rint(random.nextGaussian() * 100) / 100);
    }
    return p;
  }

  static EstimationProfile estimationBinary() {
    Random random = new Random(20261204);
    EstimationProfile p = EstimationProfile.binary("fraud");
    for (int i = 0; i < 300; i++) {
      double s = Math.rint(1000 / (1 + Math.exp(-2 * random.nextGaussian()))) / 1000;
      p.update(s >= 0.5 ? "fraud" : "ok", i % 20 == 0 ? Map.of() : Map.of("fraud", s));
    }
    return p;
  }

  static EstimationProfile estimationMulticlass() {
    Random random = new Random(20261205);
    EstimationProfile p = EstimationProfile.multiclass();
    for (int i = 0; i < 300; i++) {
      double a = Math.rint(random.nextDouble() * 100) / 100;
      p.update(a >= 0.5 ? "cat" : "dog", Map.of("cat", a, "dog", 1 - a));
    }
    return p;
  }

  /** File name → bytes of format version 1. */
  static Map<String, byte[]> version1() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("classification-binary-v1.bin", PerformanceCodec.encode(binary()));
    files.put("classification-multiclass-v1.bin", PerformanceCodec.encode(multiclass()));
    files.put("regression-v1.bin", PerformanceCodec.encode(regression()));
    files.put("estimation-binary-v1.bin", PerformanceCodec.encode(estimationBinary()));
    files.put("estimation-multiclass-v1.bin", PerformanceCodec.encode(estimationMulticlass()));
    return files;
  }

  /** Writes the golden files missing from the directory given as the only argument; never overwrites one. */
  public static void main(String[] args) throws IOException {
    Path directory = Path.of(args[0]);
    for (Map.Entry<String, byte[]> file : version1().entrySet()) {
      Path path = directory.resolve(file.getKey());
      if (Files.exists(path)) {
        System.out.println("kept " + path);
      } else {
        Files.write(path, file.getValue());
        System.out.println("wrote " + path + " (" + file.getValue().length + " bytes)");
      }
    }
  }
}
