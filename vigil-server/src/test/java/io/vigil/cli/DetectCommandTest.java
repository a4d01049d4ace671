package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.detect.Adwin;
import io.vigil.detect.ChangeDetector;
import io.vigil.detect.DetectorState;
import io.vigil.detect.PageHinkley;
import io.vigil.server.api.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil detect} (SPEC section 7): answers, formats, and every bad input as one line with exit code 2. */
class DetectCommandTest {

  @TempDir
  Path dir;

  private Path file(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  /** 0/1 errors at 10% for 2,000 samples, then 50% for 1,000; returns the values written. */
  private double[] writeRise(Path path, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[3_000];
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextDouble() < (i < 2_000 ? 0.1 : 0.5) ? 1 : 0;
      text.append(values[i] == 1 ? "1" : "0").append('\n');
    }
    Files.writeString(path, text);
    return values;
  }

  private static List<Long> drifts(ChangeDetector detector, double[] values) {
    List<Long> at = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      if (detector.update(values[i]) == DetectorState.DRIFT) {
        at.add((long) i);
      }
    }
    return at;
  }

  private static List<Long> longs(JsonNode array) {
    List<Long> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asLong()));
    return out;
  }

  @Test
  void jsonPrintsOneLinePerFileWithTheDetectorsZeroBasedIndices() throws IOException {
    Path a = dir.resolve("a.txt");
    Path b = dir.resolve("b.txt");
    double[] first = writeRise(a, 1);
    double[] second = writeRise(b, 2);
    CommandRun run = CommandRun.of("detect", "--detector", "adwin", "--param", "check_interval=1", "--format",
        "json", a.toString(), b.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    String[] lines = run.out().strip().split("\n");
    assertThat(lines).hasSize(2);
    JsonNode one = Json.MAPPER.readTree(lines[0]);
    assertThat(one.get("file").asText()).isEqualTo(a.toString());
    List<String> fields = new ArrayList<>();
    one.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("file", "detections", "warnings");
    Adwin everySample = new Adwin(Adwin.Options.defaults().withCheckInterval(1));
    assertThat(longs(one.get("detections"))).isNotEmpty().isEqualTo(drifts(everySample, first));
    assertThat(longs(one.get("warnings"))).isEmpty();
    JsonNode two = Json.MAPPER.readTree(lines[1]);
    assertThat(longs(two.get("detections"))).isEqualTo(drifts(new Adwin(new Adwin.Options(0.002, 1)), second));
  }

  @Test
  void eachFileGetsAFreshDetector() throws IOException {
    Path a = dir.resolve("a.txt");
    writeRise(a, 3);
    CommandRun run = CommandRun.of("detect", "--detector", "page_hinkley", "--format", "json", a.toString(),
        a.toString());
    String[] lines = run.out().strip().split("\n");
    assertThat(lines[0]).isEqualTo(lines[1]);
  }

  @Test
  void warningsListWhereEachRunOfWarningsStarts() throws IOException {
    // HDDM-A warns before it signals: the warning index comes first and is not repeated for every sample.
    Path a = dir.resolve("a.txt");
    writeRise(a, 4);
    CommandRun run = CommandRun.of("detect", "--detector", "hddm_a", "--format", "json", a.toString());
    JsonNode node = Json.MAPPER.readTree(run.out());
    List<Long> warnings = longs(node.get("warnings"));
    List<Long> detections = longs(node.get("detections"));
    assertThat(warnings).isNotEmpty();
    assertThat(detections).isNotEmpty();
    long firstDriftAfterChange = detections.stream().filter(t -> t >= 2_000).findFirst().orElseThrow();
    assertThat(warnings).anyMatch(w -> w >= 2_000 && w < firstDriftAfterChange);
    assertThat(warnings).doesNotHaveDuplicates().isSorted();
  }

  @Test
  void parametersReachTheDetector() throws IOException {
    Path a = file("fall.txt", "1\n".repeat(1_000) + "0\n".repeat(1_000));
    CommandRun oneSided = CommandRun.of("detect", "--detector", "page_hinkley", "--format", "json", a.toString());
    assertThat(Json.MAPPER.readTree(oneSided.out()).get("detections")).isEmpty();
    CommandRun twoSided = CommandRun.of("detect", "--detector", "page_hinkley", "--param", "two_sided=true",
        "--format", "json", a.toString());
    double[] values = new double[2_000];
    java.util.Arrays.fill(values, 0, 1_000, 1);
    assertThat(longs(Json.MAPPER.readTree(twoSided.out()).get("detections")))
        .isNotEmpty().isEqualTo(drifts(new PageHinkley(PageHinkley.Options.defaults().withTwoSided(true)), values));
  }

  @Test
  void textSummarisesEachFile() throws IOException {
    Path a = file("steady.txt", "0\n".repeat(100));
    Path b = dir.resolve("rise.txt");
    writeRise(b, 5);
    CommandRun run = CommandRun.of("detect", "--detector", "hddm_a", a.toString(), b.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains(a + ": 100 samples, hddm_a\n  drifts:   none\n  warnings: none\n")
        .contains(b + ": 3000 samples, hddm_a\n  drifts:   ");
  }

  @Test
  void theCommittedExampleRuns() {
    CommandRun run = CommandRun.of("detect", "--detector", "hddm_a", "--format", "json", "../examples/errors.txt");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("{\"file\":\"../examples/errors.txt\",\"detections\":[");
  }

  private static void assertUsageError(CommandRun run, String expected) {
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("vigil: " + expected + "\n");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void refusesAnUnknownDetectorListingTheValidOnes() throws IOException {
    assertUsageError(CommandRun.of("detect", "--detector", "kswin", file("a.txt", "0\n").toString()),
        "--detector 'kswin' is unknown; valid: ddm, eddm, adwin, page_hinkley, hddm_a");
  }

  @Test
  void refusesAnUnknownParameterListingTheValidOnes() throws IOException {
    assertUsageError(CommandRun.of("detect", "--detector", "adwin", "--param", "lambda=3",
        file("a.txt", "0\n").toString()), "--param: adwin has no parameter 'lambda'; valid: delta, check_interval");
  }

  @Test
  void refusesAMalformedParameterNamingIt() throws IOException {
    String a = file("a.txt", "0\n").toString();
    assertUsageError(CommandRun.of("detect", "--detector", "adwin", "--param", "delta", a),
        "--param 'delta' must be name=value; adwin parameters: delta, check_interval");
    assertUsageError(CommandRun.of("detect", "--detector", "adwin", "--param", "delta=small", a),
        "--param: adwin parameter delta must be a number, got 'small'");
    assertUsageError(CommandRun.of("detect", "--detector", "adwin", "--param", "delta=2", a),
        "--param: delta must be in (0, 1), got 2.0");
    assertUsageError(CommandRun.of("detect", "--detector", "adwin", "--param", "delta=0.1", "--param", "delta=0.2",
        a), "--param delta is given twice");
  }

  @Test
  void refusesALineThatIsNotANumberNamingFileAndLine() throws IOException {
    Path good = file("good.txt", "0\n1\n");
    Path bad = file("bad.txt", "0\n1\nyes\n");
    assertUsageError(CommandRun.of("detect", "--detector", "ddm", good.toString(), bad.toString()),
        bad + ":3: 'yes' is not a number");
  }

  @Test
  void refusesEmptyLinesAndValuesTheDetectorCannotTake() throws IOException {
    assertUsageError(CommandRun.of("detect", "--detector", "ddm", file("a.txt", "0\n\n1\n").toString()),
        dir.resolve("a.txt") + ":2: empty line; each line must hold one number");
    assertUsageError(CommandRun.of("detect", "--detector", "ddm", file("b.txt", "0\n0.5\n").toString()),
        dir.resolve("b.txt") + ":2: ddm: values must be 0 or 1 (an error indicator), got 0.5");
    assertUsageError(CommandRun.of("detect", "--detector", "adwin", file("c.txt", "0\nNaN\n").toString()),
        dir.resolve("c.txt") + ":2: adwin: values must be finite, got NaN");
  }

  @Test
  void refusesAMissingFile() {
    Path missing = dir.resolve("nope.txt");
    assertUsageError(CommandRun.of("detect", "--detector", "ddm", missing.toString()), missing + ": no such file");
  }

  @Test
  void refusesAnUnknownFormat() throws IOException {
    assertUsageError(CommandRun.of("detect", "--detector", "ddm", "--format", "html",
        file("a.txt", "0\n").toString()), "--format must be text or json, got 'html'");
  }
}
