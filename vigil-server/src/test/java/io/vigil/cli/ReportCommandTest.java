package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.api.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

  static final Path EXAMPLES = Paths.get("..", "examples");
  static final String REF = EXAMPLES.resolve("predictions_reference.csv").toString();
  static final String CUR = EXAMPLES.resolve("predictions_current.csv").toString();

  @TempDir
  Path dir;

  @Test
  void htmlReportOnTheExamplesHasEverySectionAndNoNetworkReference() throws IOException {
    Path out = dir.resolve("report.html");
    CommandRun run = CommandRun.of("report", "--reference", REF, "--current", CUR, "--output", out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    String html = Files.readString(out);
    assertThat(html).startsWith("<!DOCTYPE html>").contains("id=\"performance\"").contains("Confusion matrix")
        .contains("Calibration").contains("Feature drift").contains("Data quality").contains("158 rows: PL");
    assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("<script");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void jsonReportHasBothSamplesMetricsAndLeavesModelOutputsOutOfDrift() throws IOException {
    CommandRun run = CommandRun.of("report", "--reference", REF, "--current", CUR, "--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = Json.MAPPER.readTree(run.out());
    List<String> features = new ArrayList<>();
    json.get("drift").get("features").forEach(f -> features.add(f.get("name").asText()));
    assertThat(features).containsExactly("amount", "age", "country", "device");
    JsonNode p = json.get("performance");
    assertThat(p.get("task").asText()).isEqualTo("binary_classification");
    assertThat(p.get("task_source").asText()).startsWith("inferred");
    assertThat(p.get("reference").get("metrics").get("accuracy").asDouble()).isEqualTo(0.74);
    assertThat(p.get("current").get("metrics").get("accuracy").asDouble()).isEqualTo(0.544);
    assertThat(p.get("current").get("classification").get("confusion_matrix").get(1).get(0).asLong()).isEqualTo(443);
    assertThat(p.get("current").get("metrics").get("roc_auc").isNumber()).isTrue();
    JsonNode country = json.get("data_quality").get(2);
    assertThat(country.get("unseen_categories").get(0).asText()).isEqualTo("PL");
    assertThat(json.get("data_quality").get(1).get("type_error_lines").get(0).asLong()).isEqualTo(13);
  }

  @Test
  void inferredRegressionGetsResidualPlotAndRegressionMetrics() throws IOException {
    Random random = new Random(3);
    Path ref = dir.resolve("ref.csv");
    Path cur = dir.resolve("cur.csv");
    Files.writeString(ref, regression(random, 300, 0));
    Files.writeString(cur, regression(random, 200, 5));
    CommandRun run = CommandRun.of("report", "--reference", ref.toString(), "--current", cur.toString(),
        "--label-column", "y", "--prediction-column", "y_hat", "--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode p = Json.MAPPER.readTree(run.out()).get("performance");
    assertThat(p.get("task").asText()).isEqualTo("regression");
    assertThat(p.get("task_source").asText()).contains("numeric labels with");
    assertThat(p.get("current").get("metrics").get("rmse").asDouble())
        .isGreaterThan(p.get("reference").get("metrics").get("rmse").asDouble());
    Path html = dir.resolve("r.html");
    assertThat(CommandRun.of("report", "--reference", ref.toString(), "--current", cur.toString(),
        "--label-column", "y", "--prediction-column", "y_hat", "-o", html.toString()).exitCode()).isZero();
    assertThat(Files.readString(html)).contains("Predicted against actual").contains("<circle");
  }

  @Test
  void multiclassScoresComeFromAPrefixOfNdjsonEventObjects() throws IOException {
    Path file = dir.resolve("events.ndjson");
    StringBuilder s = new StringBuilder();
    String[] classes = {"cat", "dog", "fox"};
    Random random = new Random(5);
    for (int i = 0; i < 120; i++) {
      int label = random.nextInt(3);
      int predicted = random.nextDouble() < 0.7 ? label : random.nextInt(3);
      double top = 0.6;
      s.append(String.format(Locale.ROOT, "{\"features\": {\"x\": %d}, \"prediction\": \"%s\", \"label\": \"%s\","
          + " \"scores\": {\"%s\": %.1f, \"%s\": %.1f, \"%s\": %.1f}}%n", random.nextInt(10), classes[predicted],
          classes[label], classes[predicted], top, classes[(predicted + 1) % 3], 0.3, classes[(predicted + 2) % 3],
          0.1));
    }
    Files.writeString(file, s);
    CommandRun run = CommandRun.of("report", "--reference", file.toString(), "--current", file.toString(),
        "--score-column", "scores.", "--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = Json.MAPPER.readTree(run.out());
    JsonNode p = json.get("performance");
    assertThat(p.get("task").asText()).isEqualTo("multiclass_classification");
    assertThat(p.get("current").get("metrics").get("roc_auc").isNumber()).isTrue();
    assertThat(p.get("current").get("classification").get("classes").toString()).isEqualTo("[\"cat\",\"dog\",\"fox\"]");
    assertThat(json.get("drift").get("features").size()).isEqualTo(1);
  }

  @Test
  void forcedProgressBarGoesToStderrAndLeavesStdoutJsonIntact() throws IOException {
    CommandRun run = CommandRun.of("report", "--reference", REF, "--current", CUR, "--format", "json",
        "--progress", "always");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("read current").contains("MiB");
    assertThat(Json.MAPPER.readTree(run.out()).has("performance")).isTrue();
  }

  @Test
  void withoutLabelsTheReportHasDriftAndSaysWhyPerformanceIsMissing() throws IOException {
    CommandRun run = CommandRun.of("report", "--reference", EXAMPLES.resolve("reference.csv").toString(),
        "--current", EXAMPLES.resolve("current.csv").toString(), "--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = Json.MAPPER.readTree(run.out());
    assertThat(json.get("performance").isNull()).isTrue();
    assertThat(json.get("notes").get(0).asText()).contains("no column 'label'");
  }

  @Test
  void driftHtmlStillRendersItsOwnReport() throws IOException {
    CommandRun run = CommandRun.of("drift", "--reference", EXAMPLES.resolve("reference.csv").toString(),
        "--current", EXAMPLES.resolve("current.csv").toString(), "--format", "html");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("<h1>Drift report</h1>").contains("Distributions").doesNotContain("Performance");
  }

  private static String regression(Random random, int n, double noise) {
    StringBuilder s = new StringBuilder("x,y,y_hat\n");
    for (int i = 0; i < n; i++) {
      double x = random.nextGaussian() * 10;
      double y = 3 * x + random.nextGaussian();
      s.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f%n", x, y, 3 * x + random.nextGaussian() * (1 + noise)));
    }
    return s.toString();
  }
}
