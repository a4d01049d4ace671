package io.vigil.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.server.api.Json;
import io.vigil.server.exposition.GrafanaDashboard;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil grafana-dashboard}: writes a Grafana dashboard (JSON) over the metrics Vigil exposes at
 * {@code /metrics}, ready to import.
 *
 * <pre>{@code
 * vigil grafana-dashboard --output vigil-grafana.json
 * vigil grafana-dashboard --model fraud > fraud.json
 * }</pre>
 */
@Command(name = "grafana-dashboard", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Write a Grafana dashboard (JSON, schema version " + GrafanaDashboard.SCHEMA_VERSION + ") over Vigil's"
          + " Prometheus metrics:",
      "traffic, error rate, latency quantiles, confidence, predicted classes, drift scores per feature, realized",
      "and estimated model metrics, labels, firing alerts and ingest refusals. Import it in Grafana (Dashboards,",
      "New, Import) and choose the Prometheus data source that scrapes Vigil's /metrics."
    })
final class GrafanaDashboardCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--model", paramLabel = "M",
      description = "Title the dashboard after this model and select it (default: all models).")
  private String model;

  @Option(names = {"-o", "--output"}, paramLabel = "F", description = "Write to F instead of standard output.")
  private Path output;

  @Override
  public Integer call() throws IOException {
    if (model != null && (model.isBlank() || model.chars().anyMatch(Character::isISOControl))) {
      throw new UserInputException("--model: expected a model name, got '" + model.replaceAll("\\p{Cntrl}", "?")
          + "'");
    }
    ObjectNode dashboard = GrafanaDashboard.build(Optional.ofNullable(model));
    String text = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(dashboard);
    try (PrintWriter out = open()) {
      out.println(text);
      if (out.checkError()) {
        throw new UserInputException("--output " + output + ": cannot be written");
      }
    }
    if (output != null) {
      spec.commandLine().getErr().println("vigil: wrote the Grafana dashboard to " + output);
    }
    return 0;
  }

  private PrintWriter open() {
    try {
      return Outputs.open(output, spec.commandLine().getOut());
    } catch (UserInputException e) {
      throw new UserInputException("--output " + e.getMessage(), e);
    }
  }
}
