package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.api.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil grafana-dashboard}: the JSON Grafana imports, its PromQL checked by the real promtool, bad options. */
class GrafanaDashboardCommandTest {

  static final Path PROMTOOL = Paths.get("/usr/bin/promtool");

  @TempDir
  Path dir;

  private JsonNode dashboard(String... extra) throws Exception {
    Path file = dir.resolve("dashboard.json");
    List<String> args = new ArrayList<>(List.of("grafana-dashboard", "--output", file.toString()));
    args.addAll(List.of(extra));
    CommandRun run = CommandRun.of(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEmpty();
    return Json.MAPPER.readTree(file.toFile());
  }

  @Test
  void writesADashboardWithTheFieldsGrafanaNeeds() throws Exception {
    JsonNode d = dashboard();
    assertThat(d.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(39);
    assertThat(d.path("title").asText()).isEqualTo("Vigil: model monitoring");
    assertThat(d.path("uid").asText()).matches("[A-Za-z0-9_-]{1,40}");
    assertThat(d.path("time").path("from").asText()).isEqualTo("now-6h");
    assertThat(d.path("__inputs").get(0).path("name").asText()).isEqualTo("DS_PROMETHEUS");
    assertThat(d.path("__inputs").get(0).path("pluginId").asText()).isEqualTo("prometheus");

    JsonNode variables = d.path("templating").path("list");
    assertThat(variables.findValuesAsText("name")).contains("DS_PROMETHEUS", "model", "version");
    for (JsonNode v : variables) {
      if (v.path("name").asText().equals("model") || v.path("name").asText().equals("version")) {
        assertThat(v.path("type").asText()).isEqualTo("query");
        assertThat(v.path("query").asText()).startsWith("label_values(vigil_predictions_total");
        assertThat(v.path("datasource").path("uid").asText()).isEqualTo("${DS_PROMETHEUS}");
      }
    }

    Set<Integer> ids = new HashSet<>();
    int charts = 0;
    for (JsonNode p : d.path("panels")) {
      assertThat(ids.add(p.path("id").asInt())).as("unique id %s", p.path("id")).isTrue();
      JsonNode grid = p.path("gridPos");
      assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(p.path("title").asText()).isLessThanOrEqualTo(24);
      assertThat(grid.path("h").asInt()).isPositive();
      if (p.path("type").asText().equals("row")) {
        continue;
      }
      charts++;
      assertThat(p.path("type").asText()).isIn("timeseries", "stat");
      assertThat(p.path("title").asText()).isNotBlank();
      assertThat(p.path("datasource").path("uid").asText()).isEqualTo("${DS_PROMETHEUS}");
      assertThat(p.path("targets")).isNotEmpty();
      Set<String> refs = new HashSet<>();
      for (JsonNode t : p.path("targets")) {
        assertThat(refs.add(t.path("refId").asText())).isTrue();
        assertThat(t.path("expr").asText()).startsWith("").contains("vigil_");
      }
    }
    assertThat(charts).isGreaterThanOrEqualTo(10);
    String all = String.join("\n", d.path("panels").findValuesAsText("expr"));
    assertThat(all).contains("rate(vigil_predictions_total{", "status=\"error\"",
        "histogram_quantile(0.99, sum by (le, model, version) (rate(vigil_prediction_latency_seconds_bucket{",
        "vigil_prediction_confidence_sum", "vigil_predicted_class_total", "vigil_labels_total",
        "vigil_feature_drift_score", "vigil_feature_drift_detected", "vigil_dataset_drift_share",
        "vigil_model_$metric", "kind=\"realized\"", "kind=\"estimated\"", "vigil_alerts_firing",
        "vigil_ingest_rejected_total", "model=~\"$model\", version=~\"$version\"");
  }

  @Test
  void aModelNamesTheDashboardAndIsSelected() throws Exception {
    CommandRun run = CommandRun.of("grafana-dashboard", "--model", "fraud detector");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode d = Json.MAPPER.readTree(run.out());
    assertThat(d.path("title").asText()).isEqualTo("Vigil: fraud detector");
    assertThat(d.path("uid").asText()).isEqualTo("vigil-fraud-detector");
    for (JsonNode v : d.path("templating").path("list")) {
      if (v.path("name").asText().equals("model")) {
        assertThat(v.path("current").path("value").get(0).asText()).isEqualTo("fraud detector");
      }
    }
  }

  @Test
  void everyPanelQueryIsValidPromQlForPromtool() throws Exception {
    needsPromtool();
    List<String> expressions = dashboard().path("panels").findValuesAsText("expr");
    StringBuilder rules = new StringBuilder("groups:\n  - name: vigil_grafana_dashboard\n    rules:\n");
    int i = 0;
    for (String expr : expressions) {
      // Grafana fills the variables in before Prometheus sees a query; promtool gets what Prometheus would.
      String concrete = expr.replace("$__rate_interval", "5m").replace("$model", "fraud|intent")
          .replace("$version", ".*").replace("$metric", "accuracy");
      assertThat(concrete).as("every variable is filled in").doesNotContain("$");
      rules.append("      - record: vigil:dashboard_query_").append(i++).append('\n')
          .append("        expr: ").append(Json.MAPPER.writeValueAsString(concrete)).append('\n');
    }
    assertThat(promtool(rules.toString()).exitCode).as("promtool check rules").isZero();

    // The check can fail: promtool rejects a query with a missing parenthesis.
    String broken = "groups:\n  - name: broken\n    rules:\n      - record: vigil:broken\n        expr: \"sum(rate(vigil_predictions_total[5m])\"\n";
    Promtool run = promtool(broken);
    assertThat(run.exitCode).isNotZero();
    assertThat(run.output).contains("parse error");
  }

  @Test
  void badOptionsExitTwoNamingTheOption() {
    CommandRun missingFolder = CommandRun.of("grafana-dashboard", "--output", dir.resolve("no/such/folder.json").toString());
    assertThat(missingFolder.exitCode()).isEqualTo(2);
    assertThat(missingFolder.err()).contains("--output").contains("does not exist");

    CommandRun blank = CommandRun.of("grafana-dashboard", "--model", " ");
    assertThat(blank.exitCode()).isEqualTo(2);
    assertThat(blank.err()).contains("--model");

    CommandRun unknown = CommandRun.of("grafana-dashboard", "--panels", "3");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("--panels");

    CommandRun noValue = CommandRun.of("grafana-dashboard", "--model");
    assertThat(noValue.exitCode()).isEqualTo(2);
    assertThat(noValue.err()).contains("--model");
  }

  private record Promtool(int exitCode, String output) {}

  private Promtool promtool(String rules) throws Exception {
    Path file = Files.createTempFile(dir, "rules", ".yml");
    Files.writeString(file, rules);
    Process p = new ProcessBuilder(PROMTOOL.toString(), "check", "rules", file.toString()).redirectErrorStream(true)
        .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    return new Promtool(p.exitValue(), output);
  }

  static void needsPromtool() {
    if (Files.isExecutable(PROMTOOL)) {
      return;
    }
    String message = PROMTOOL + " is not installed (Debian: apt-get install prometheus); the dashboard's PromQL"
        + " cannot be checked";
    if ("true".equals(System.getenv("CI"))) {
      fail(message + ", and CI=true requires it");
    }
    Assumptions.assumeTrue(false, message + ": skipped");
  }
}
