package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.api.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftCommandTest {

  static final Path EXAMPLES = Paths.get("..", "examples");
  static final String REF = EXAMPLES.resolve("reference.csv").toString();
  static final String CUR = EXAMPLES.resolve("current.csv").toString();

  @TempDir
  Path dir;

  @Test
  void textReportShowsTheVerdictAndMarksDriftedFeatures() {
    CommandRun run = CommandRun.of("drift", "--reference", REF, "--current", CUR);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Dataset drift:").contains("feature").contains("DRIFT *");
    assertThat(lineOf(run.out(), "amount")).contains("wasserstein").contains("DRIFT");
    assertThat(lineOf(run.out(), "tenure_months")).contains("ok");
    assertThat(lineOf(run.out(), "country")).contains("jensenshannon");
    assertThat(run.out()).contains("age: 11 values not numeric (lines 15, 112");
  }

  @Test
  void jsonReportHasTheSpecShape() throws IOException {
    CommandRun run = CommandRun.of("drift", "--reference", REF, "--current", CUR, "--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode root = Json.MAPPER.readTree(run.out());
    assertThat(root.path("reference").path("rows").asLong()).isEqualTo(3000);
    assertThat(root.path("current").path("rows").asLong()).isEqualTo(1000);
    assertThat(root.has("drift_share")).isTrue();
    assertThat(root.has("dataset_drift")).isTrue();
    JsonNode amount = root.path("features").get(0);
    assertThat(amount.path("name").asText()).isEqualTo("amount");
    assertThat(amount.path("type").asText()).isEqualTo("numeric");
    assertThat(amount.path("method").asText()).isEqualTo("wasserstein");
    assertThat(amount.path("p_value").isNull()).isTrue();
    assertThat(amount.path("threshold").asDouble()).isEqualTo(0.1);
    assertThat(amount.path("drifted").asBoolean()).isTrue();
  }

  @Test
  void methodAppliesWhereItCanAndAutoElsewhere() throws IOException {
    CommandRun run = CommandRun.of("drift", "--reference", REF, "--current", CUR, "--method", "ks",
        "--threshold", "0.01", "--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode features = Json.MAPPER.readTree(run.out()).path("features");
    for (JsonNode f : features) {
      if (f.path("type").asText().equals("numeric")) {
        assertThat(f.path("method").asText()).isEqualTo("ks");
        assertThat(f.path("threshold").asDouble()).isEqualTo(0.01);
        assertThat(f.path("p_value").isNumber()).isTrue();
      } else {
        assertThat(f.path("method").asText()).isEqualTo("jensenshannon");
      }
    }
  }

  @Test
  void failOnDriftExitsWithOne() {
    assertThat(CommandRun.of("drift", "--reference", REF, "--current", CUR, "--fail-on-drift",
        "--drift-share", "0.2").exitCode()).isEqualTo(1);
    assertThat(CommandRun.of("drift", "--reference", REF, "--current", REF, "--fail-on-drift").exitCode()).isZero();
  }

  @Test
  void ndjsonEventsAreReadThroughTheirFeatures() {
    CommandRun run = CommandRun.of("drift", "--reference", REF, "--current",
        EXAMPLES.resolve("current.ndjson").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("(300 rows)").contains("amount").doesNotContain("only in the current");
  }

  @Test
  void htmlReportIsOneSelfContainedFile() throws IOException {
    Path out = dir.resolve("report.html");
    CommandRun run = CommandRun.of("drift", "--reference", REF, "--current", CUR, "--format", "html",
        "--output", out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    String html = Files.readString(out);
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg").contains("amount")
        .doesNotContain("http://").doesNotContain("https://").doesNotContain("<script");
    assertThat(html.split("<svg", -1)).hasSize(7);   // six features, six plots
  }

  @Test
  void htmlEscapesNamesAndValuesFromTheData() throws IOException {
    String evil = "<img src=x onerror=alert(1)>";
    Path ref = dir.resolve("ref.csv");
    Files.writeString(ref, "\"" + evil + "\",c\n1,\"" + evil + "\"\n2,b\n");
    Path out = dir.resolve("x.html");
    CommandRun run = CommandRun.of("drift", "--reference", ref.toString(), "--current", ref.toString(), "--format",
        "html", "--output", out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    String html = Files.readString(out);
    assertThat(html).doesNotContain(evil).contains("&lt;img src=x onerror=alert(1)&gt;");
  }

  @Test
  void columnsRestrictTheReport() throws IOException {
    CommandRun run = CommandRun.of("drift", "--reference", REF, "--current", CUR, "--columns", "amount,device",
        "--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Json.MAPPER.readTree(run.out()).path("features")).hasSize(2);
  }

  @Test
  void aSavedProfileGivesTheSameReportAsTheRawFile() throws IOException {
    Path saved = dir.resolve("ref.vigil");
    assertThat(CommandRun.of("profile", REF, "--output", saved.toString()).exitCode()).isZero();
    CommandRun raw = CommandRun.of("drift", "--reference", REF, "--current", CUR, "--format", "json");
    CommandRun fromProfile = CommandRun.of("drift", "--reference", saved.toString(), "--current", CUR,
        "--format", "json");
    JsonNode a = Json.MAPPER.readTree(raw.out()).path("features");
    JsonNode b = Json.MAPPER.readTree(fromProfile.out()).path("features");
    assertThat(b).hasSameSizeAs(a);
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.get(i).path("statistic").asDouble())
          .isCloseTo(a.get(i).path("statistic").asDouble(), org.assertj.core.data.Offset.offset(1e-12));
      assertThat(b.get(i).path("drifted")).isEqualTo(a.get(i).path("drifted"));
    }
  }

  @Test
  void aSketchProfileAgreesWithTheExactReportWithinItsBound() throws IOException {
    Path saved = dir.resolve("ref-sketch.vigil");
    assertThat(CommandRun.of("profile", REF, "--output", saved.toString(), "--sketch").exitCode()).isZero();
    CommandRun exact = CommandRun.of("drift", "--reference", REF, "--current", CUR, "--format", "json");
    CommandRun sketched = CommandRun.of("drift", "--reference", saved.toString(), "--current", CUR,
        "--format", "json");
    assertThat(sketched.exitCode()).as(sketched.err()).isZero();
    JsonNode a = Json.MAPPER.readTree(exact.out()).path("features");
    JsonNode b = Json.MAPPER.readTree(sketched.out()).path("features");
    boolean anyBound = false;
    for (int i = 0; i < a.size(); i++) {
      double bound = b.get(i).path("statistic_error").asDouble();
      anyBound |= bound > 0;
      assertThat(b.get(i).path("statistic").asDouble()).as(a.get(i).path("name").asText())
          .isCloseTo(a.get(i).path("statistic").asDouble(), org.assertj.core.data.Offset.offset(bound + 1e-12));
      if (b.get(i).path("drifted").asBoolean()) {
        assertThat(a.get(i).path("drifted").asBoolean()).as("sketch drift implies exact drift").isTrue();
      }
    }
    assertThat(anyBound).as("3000 numeric values compact a k=1600 sketch").isTrue();
  }

  static String lineOf(String text, String feature) {
    return text.lines().filter(l -> l.trim().startsWith(feature + " ")).findFirst().orElse("<no line for " + feature + ">");
  }
}
