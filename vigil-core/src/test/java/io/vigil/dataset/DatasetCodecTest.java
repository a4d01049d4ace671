package io.vigil.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DatasetCodecTest {

  static Dataset sample(long seed) {
    Random random = new Random(seed);
    DatasetBuilder b = new DatasetBuilder("ref.csv", Map.of());
    b.addColumns(List.of("amount", "country", "vip", "empty"));
    String[] countries = {"DE", "FR", "IT", "ES"};
    for (int i = 0; i < 500; i++) {
      b.addRow(new String[] {
        i % 50 == 0 ? "" : Double.toString(Math.round(random.nextGaussian() * 100) / 10.0),
        countries[random.nextInt(countries.length)],
        Boolean.toString(random.nextBoolean()),
        ""
      }, i + 2);
    }
    return b.build();
  }

  static byte[] bytes(Dataset d) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DatasetCodec.write(d, out);
    return out.toByteArray();
  }

  @Test
  void roundTripKeepsEveryColumn() throws IOException {
    Dataset d = sample(1);
    Dataset back = DatasetCodec.read(new ByteArrayInputStream(bytes(d)));
    assertThat(back.rows()).isEqualTo(d.rows());
    assertThat(back.source()).isEqualTo(d.source());
    for (int i = 0; i < d.columns().size(); i++) {
      Column a = d.columns().get(i);
      Column b = back.columns().get(i);
      assertThat(b.name()).isEqualTo(a.name());
      assertThat(b.type()).isEqualTo(a.type());
      assertThat(b.missing()).isEqualTo(a.missing());
      assertThat(b.note()).isEqualTo(a.note());
      assertThat(b.categories().map(c -> c.counts())).isEqualTo(a.categories().map(c -> c.counts()));
      if (a.numbers().isPresent()) {
        assertThat(b.numbers().orElseThrow().values()).containsExactly(a.numbers().get().values());
        assertThat(b.numbers().get().cumulative()).containsExactly(a.numbers().get().cumulative());
        assertThat(b.numbers().get().std()).isCloseTo(a.numbers().get().std(),
            org.assertj.core.data.Offset.offset(1e-12));
      }
    }
  }

  @Test
  void sketchModeKeepsCountsAndBoundsTheDistribution() throws IOException {
    Random random = new Random(9);
    DatasetBuilder b = new DatasetBuilder("big.csv", Map.of());
    b.addColumns(List.of("x", "c"));
    double[] xs = new double[20_000];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = random.nextGaussian();
      b.addRow(new String[] {i % 100 == 0 ? "" : Double.toString(xs[i]), "k" + random.nextInt(5)}, i + 2);
    }
    Dataset exact = b.build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DatasetCodec.write(exact, out, DatasetCodec.Mode.SKETCH);
    Dataset back = DatasetCodec.read(new ByteArrayInputStream(out.toByteArray()));
    Column x = back.column("x").orElseThrow();
    Column exactX = exact.column("x").orElseThrow();
    assertThat(x.rows()).isEqualTo(exactX.rows());
    assertThat(x.missing()).isEqualTo(200);
    var sketch = x.numbers().orElseThrow();
    assertThat(sketch.rankError()).isPositive();
    for (double q = -3; q <= 3; q += 0.25) {
      assertThat(sketch.cdf(q)).as("cdf(%s)", q)
          .isCloseTo(exactX.numbers().orElseThrow().cdf(q), org.assertj.core.data.Offset.offset(sketch.rankError()));
    }
    assertThat(back.column("c").orElseThrow().categories().orElseThrow().counts())
        .isEqualTo(exact.column("c").orElseThrow().categories().orElseThrow().counts());
    assertThat(out.size()).as("sketch bytes vs exact bytes").isLessThan(bytes(exact).length / 2);
  }

  @Test
  void readsTheGoldenFileOfFormatVersionOne() throws IOException {
    try (var in = getClass().getResourceAsStream("dataset-v1.vigil")) {
      Dataset golden = DatasetCodec.read(in);
      Dataset expected = sample(1);
      assertThat(golden.rows()).isEqualTo(expected.rows());
      assertThat(bytes(golden)).isEqualTo(bytes(expected));
    }
  }

  /** Writes the golden file when it is missing (run once per released format version; never overwrite). */
  public static void main(String[] args) throws IOException {
    java.nio.file.Path p = java.nio.file.Path.of("src/test/resources/io/vigil/dataset/dataset-v1.vigil");
    if (java.nio.file.Files.exists(p)) {
      throw new IllegalStateException(p + " exists: golden files are never rewritten");
    }
    java.nio.file.Files.createDirectories(p.getParent());
    java.nio.file.Files.write(p, bytes(sample(1)));
  }

  @Test
  void everyTruncationIsRejectedClearly() throws IOException {
    byte[] full = bytes(sample(2));
    for (int length = 0; length < full.length; length += Math.max(1, length / 7)) {
      byte[] cut = Arrays.copyOf(full, length);
      assertThatThrownBy(() -> DatasetCodec.read(new ByteArrayInputStream(cut)))
          .as("truncated to %d bytes", length)
          .isInstanceOf(DatasetFormatException.class);
    }
  }

  @Test
  void randomCorruptionIsRejectedNeverMisread() throws IOException {
    byte[] full = bytes(sample(3));
    Random random = new Random(42);
    for (int trial = 0; trial < 300; trial++) {
      byte[] bad = full.clone();
      int at = random.nextInt(bad.length);
      bad[at] ^= (byte) (1 + random.nextInt(255));
      assertThatThrownBy(() -> DatasetCodec.read(new ByteArrayInputStream(bad)))
          .as("byte %d flipped", at)
          .isInstanceOf(DatasetFormatException.class);
    }
  }

  @Test
  void anotherFileIsNotMistakenForAProfile() {
    byte[] csv = "amount,country\n1,DE\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(DatasetCodec.looksLikeDataset(csv)).isFalse();
    assertThatThrownBy(() -> DatasetCodec.read(new ByteArrayInputStream(csv)))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("magic");
  }

  @Test
  void anUnknownVersionIsNamed() throws IOException {
    byte[] b = bytes(sample(4));
    b[4] = 9;
    assertThatThrownBy(() -> DatasetCodec.read(new ByteArrayInputStream(b)))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("version 9");
  }
}
