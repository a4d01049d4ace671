package io.vigil.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The fixed profiles behind the golden files in {@code src/test/resources/io/vigil/profile/}. The row generators here
 * are frozen: they use only {@link Random}, whose sequence the JDK specifies, and must never change, because
 * {@link GoldenFilesTest} checks the committed bytes against these rows.
 *
 * <p>A new format version adds files ({@code …-v2.bin}) next to the old ones; released files are never rewritten.
 * Run {@code main} with the resource directory to write any file that does not exist yet.
 */
final class GoldenProfiles {

  private GoldenProfiles() {
  }

  static List<Double> momentRows() {
    Random random = new Random(20261122);
    List<Double> rows = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      rows.add(Math.rint(random.nextGaussian() * 1000) / 100);
    }
    return rows;
  }

  /** 1000 rows: every 50th missing, every 77th NaN, every 91st a type error, the rest two-decimal values. */
  static List<Object> numericRows() {
    Random random = new Random(20261123);
    List<Object> rows = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      double x = Math.rint((3 + random.nextGaussian() * 2) * 100) / 100;
      rows.add(i % 50 == 0 ? null : i % 77 == 0 ? (Object) Double.NaN : i % 91 == 0 ? NumericRows.TYPE_ERROR : x);
    }
    return rows;
  }

  /** {@code n} rows over {@code distinct} skewed categories (a few non-ASCII), every 40th missing. */
  static List<Object> categoricalRows(int n, int distinct, long seed) {
    Random random = new Random(seed);
    List<Object> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int c = (int) (distinct * random.nextDouble() * random.nextDouble());
      rows.add(i % 40 == 0 ? null : c % 5 == 1 ? "Zürich-" + c : "city-" + c);
    }
    return rows;
  }

  static MomentsProfile moments() {
    MomentsProfile p = new MomentsProfile();
    momentRows().forEach(p::update);
    return p;
  }

  static NumericProfile numeric() {
    KllRandomness.seed(20261123);
    NumericProfile p = new NumericProfile(new NumericProfile.Options(32, 16, 7));
    numericRows().forEach(row -> NumericRows.update(p, row));
    return p;
  }

  static CategoricalProfile categoricalExact() {
    CategoricalProfile p = new CategoricalProfile(new CategoricalProfile.Options(100, 64));
    categoricalRows(400, 30, 20261124).forEach(row -> CategoricalRows.update(p, row));
    return p;
  }

  static CategoricalProfile categoricalSketch() {
    CategoricalProfile p = new CategoricalProfile(new CategoricalProfile.Options(8, 16));
    categoricalRows(1500, 60, 20261125).forEach(row -> CategoricalRows.update(p, row));
    return p;
  }

  /** File name → bytes of format version 1. */
  static Map<String, byte[]> version1() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("moments-v1.bin", ProfileCodec.encode(moments()));
    files.put("numeric-v1.bin", ProfileCodec.encode(numeric()));
    files.put("categorical-exact-v1.bin", ProfileCodec.encode(categoricalExact()));
    files.put("categorical-sketch-v1.bin", ProfileCodec.encode(categoricalSketch()));
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
