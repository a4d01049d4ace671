package io.vigil.cli;

import io.vigil.dataset.Dataset;
import io.vigil.drift.DriftMethods;
import io.vigil.report.DriftAnalysis;
import io.vigil.report.DriftOptions;
import io.vigil.report.DriftReport;
import io.vigil.server.api.DriftReportJson;
import io.vigil.server.api.Json;
import io.vigil.server.report.HtmlDriftReport;
import io.vigil.server.report.TextDriftReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil drift}: exact drift statistics between a reference and a current sample (SPEC section 7).
 *
 * <pre>{@code
 * vigil drift --reference ref.csv --current today.ndjson --format json --fail-on-drift
 * }</pre>
 */
@Command(name = "drift", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Compare a current sample with a reference, feature by feature, with exact statistics (SciPy's definitions).",
      "Files are CSV (header row, RFC 4180 quoting) or NDJSON (one JSON object a line; a prediction event's",
      "'features' object is used when present). The reference may also be a file saved by 'vigil profile'."
    },
    footer = {"", "Methods: auto (default), ks, wasserstein, psi, jensenshannon, chisquare, ztest, cramer_von_mises,",
        "energy, kl_div, hellinger. auto: ks or chisquare up to 1000 reference rows, else wasserstein or jensenshannon.",
        "Exit codes: 0 fine, 1 dataset drift with --fail-on-drift, 2 bad usage or input."})
final class DriftCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--reference", required = true, paramLabel = "REF",
      description = "Reference data: CSV, NDJSON or a saved profile (.vigil).")
  private Path reference;

  @Option(names = "--current", required = true, paramLabel = "CUR", description = "Current data: CSV or NDJSON.")
  private Path current;

  @Option(names = "--method", paramLabel = "M",
      description = "Method for every feature it applies to; the others use auto (default: auto).")
  private String method;

  @Option(names = "--threshold", paramLabel = "T",
      description = "Threshold for --method: a p-value for test methods, a distance for distance methods.")
  private Double threshold;

  @Option(names = "--columns", split = ",", paramLabel = "a,b", description = "Only these columns.")
  private List<String> columns;

  @Option(names = "--drift-share", paramLabel = "S", defaultValue = "0.5",
      description = "Dataset drift when at least this share of features drifted (default: ${DEFAULT-VALUE}).")
  private double driftShare;

  @Option(names = "--correction", paramLabel = "none|bh", defaultValue = "none",
      description = "Benjamini-Hochberg correction of p-values across features: none or bh (default: none).")
  private String correction;

  @Option(names = "--format", paramLabel = "text|json|html", defaultValue = "text",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  private String format;

  @Option(names = {"-o", "--output"}, paramLabel = "F", description = "Write the report to F instead of stdout.")
  private Path output;

  @Option(names = "--fail-on-drift", description = "Exit with 1 when the dataset drifted.")
  private boolean failOnDrift;

  @Option(names = {"-v", "--verbose"}, description = "Print what each phase read and how long it took, on stderr.")
  private boolean verbose;

  @Override
  public Integer call() throws IOException {
    OutputFormat fmt = OutputFormat.parse(format);
    DriftOptions options = options();
    Optional<java.util.Set<String>> only = Optional.ofNullable(columns).map(java.util.Set::copyOf);
    Phases phases = new Phases(verbose, spec.commandLine().getErr());
    Dataset ref = phases.time("read reference", () -> Datasets.readReference(reference, only), Phases::describe);
    Dataset cur = phases.time("read current", () -> Datasets.readCurrent(current, ref, only), Phases::describe);
    DriftReport report;
    try {
      report = phases.time("statistics", () -> DriftAnalysis.compare(ref, cur, options),
          r -> r.testedCount() + " features tested");
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage(), e);
    }
    try (PrintWriter out = Outputs.open(output, spec.commandLine().getOut())) {
      switch (fmt) {
        case JSON:
          out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(DriftReportJson.of(report)));
          break;
        case HTML:
          HtmlDriftReport.write(report, out);
          break;
        default:
          TextDriftReport.write(report, out);
      }
    }
    if (output != null) {
      spec.commandLine().getErr().println("vigil: wrote " + output);
    }
    return failOnDrift && report.datasetDrift() ? 1 : 0;
  }

  private DriftOptions options() {
    if (threshold != null && method == null) {
      throw new UserInputException("--threshold needs --method (thresholds are p-values for some methods and"
          + " distances for others)");
    }
    if (method != null) {
      try {
        DriftMethods.byId(method);
      } catch (IllegalArgumentException e) {
        throw new UserInputException("--method: " + e.getMessage());
      }
    }
    if (!(driftShare > 0 && driftShare <= 1)) {
      throw new UserInputException("--drift-share " + driftShare + " is outside (0, 1]");
    }
    if (!correction.equals("none") && !correction.equals("bh")) {
      throw new UserInputException("--correction must be none or bh, got '" + correction + "'");
    }
    DriftOptions o = DriftOptions.defaults().withDriftShare(driftShare).withBenjaminiHochberg(correction.equals("bh"));
    if (method != null && !method.equals("auto")) {
      OptionalDouble t = threshold == null ? OptionalDouble.empty() : OptionalDouble.of(threshold);
      try {
        DriftMethods.byId(method).validateThreshold(t.orElse(DriftMethods.byId(method).defaultThreshold()));
      } catch (IllegalArgumentException e) {
        throw new UserInputException("--threshold: " + e.getMessage());
      }
      o = o.withMethod(method, t);
    } else if (threshold != null) {
      throw new UserInputException("--threshold cannot be used with --method auto, which mixes p-values and distances");
    }
    return o;
  }
}
