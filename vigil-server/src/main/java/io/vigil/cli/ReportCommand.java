package io.vigil.cli;

import io.vigil.dataset.Column;
import io.vigil.dataset.Dataset;
import io.vigil.dataset.DatasetCodec;
import io.vigil.performance.ClassificationMetrics;
import io.vigil.report.DriftAnalysis;
import io.vigil.report.DriftOptions;
import io.vigil.report.DriftReport;
import io.vigil.schema.FeatureType;
import io.vigil.server.api.Json;
import io.vigil.server.api.ModelReportJson;
import io.vigil.server.ingest.MonitoredTableReader;
import io.vigil.server.ingest.RowColumnsReader;
import io.vigil.server.ingest.TableReadException;
import io.vigil.server.ingest.TableReader;
import io.vigil.server.report.DataQuality;
import io.vigil.server.report.HtmlModelReport;
import io.vigil.server.report.ModelReport;
import io.vigil.server.report.PerformanceSection;
import io.vigil.server.report.PerformanceSection.SamplePerformance;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil report}: one self-contained HTML file (or JSON) with feature drift, data quality, and model
 * performance when the files carry labels and predictions (SPEC section 7).
 *
 * <pre>{@code
 * vigil report --reference ref.csv --current today.csv --label-column y --prediction-column y_hat --output r.html
 * }</pre>
 *
 * <p>The label, prediction and score columns are model outputs, not inputs: they are left out of feature drift.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Write one self-contained report (HTML with inline plots, or JSON): feature drift, data quality"
        + " of the current sample, and model performance when the files have label and prediction columns.",
    footer = {"", "Without --task, numeric labels with more than 20 distinct values mean regression, otherwise"
        + " classification (binary with at most two classes). The label, prediction and score columns are not"
        + " tested for drift.", "Exit codes: 0 fine, 2 bad usage or input."})
final class ReportCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--reference", required = true, paramLabel = "REF",
      description = "Reference data: CSV, NDJSON or a saved profile (.vigil; it keeps no labels).")
  private Path reference;

  @Option(names = "--current", required = true, paramLabel = "CUR", description = "Current data: CSV or NDJSON.")
  private Path current;

  @Option(names = "--label-column", paramLabel = "C", description = "Column of true labels (default: label, if present).")
  private String labelColumn;

  @Option(names = "--prediction-column", paramLabel = "P",
      description = "Column of the model's predictions (default: prediction, if present).")
  private String predictionColumn;

  @Option(names = "--score-column", paramLabel = "S", description = {
      "Binary: the column holding the positive class's score (default: score, if present).",
      "Multiclass: a prefix; the columns S<class> hold each class's probability (e.g. scores. in NDJSON events)."})
  private String scoreColumn;

  @Option(names = "--task", paramLabel = "T",
      description = "binary_classification, multiclass_classification or regression (default: inferred).")
  private String task;

  @Option(names = "--positive-class", paramLabel = "K",
      description = "Positive class of a binary task (default: the greater class, e.g. 1 of 0/1, true of false/true).")
  private String positiveClass;

  @Option(names = "--format", paramLabel = "html|json", defaultValue = "html",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  private String format;

  @Option(names = {"-o", "--output"}, paramLabel = "F", description = "Write the report to F instead of stdout.")
  private Path output;

  @Option(names = "--progress", paramLabel = "auto|always|never", defaultValue = "auto",
      description = "Progress bar on stderr while reading: auto shows it for large files (default: ${DEFAULT-VALUE}).")
  private String progress;

  @Override
  public Integer call() throws IOException {
    if (!format.equals("html") && !format.equals("json")) {
      throw new UserInputException("--format must be html or json, got '" + format + "'");
    }
    if (task != null && !PerformanceInput.TASKS.contains(task)) {
      throw new UserInputException("--task must be one of " + String.join(", ", PerformanceInput.TASKS)
          + ", got '" + task + "'");
    }
    ReadProgress bars = new ReadProgress(progress, spec.commandLine().getErr());
    List<String> notes = new ArrayList<>();
    String label = labelColumn == null ? "label" : labelColumn;
    String prediction = predictionColumn == null ? "prediction" : predictionColumn;
    Predicate<String> wanted = n -> n.equals(label) || n.equals(prediction)
        || (scoreColumn == null ? n.equals("score") : n.startsWith(scoreColumn));
    RowColumnsReader.Rows curRows = rows(current, wanted, bars, "read current labels");
    Optional<PerformanceSection> performance = Optional.empty();
    Set<String> outputs = new LinkedHashSet<>(List.of(label, prediction));
    if (curRows.values(label) == null) {
      if (labelColumn != null || predictionColumn != null || scoreColumn != null || task != null) {
        throw new UserInputException(current + ": has no label column '" + label + "'"
            + (labelColumn == null ? " (name it with --label-column)" : " (named by --label-column)")
            + "; columns: " + String.join(", ", curRows.columns()));
      }
      notes.add("No performance section: " + current + " has no column 'label' (name one with --label-column).");
    } else {
      if (curRows.values(prediction) == null) {
        throw new UserInputException(current + ": has the label column '" + label + "' but no prediction column '"
            + prediction + "'" + (predictionColumn == null ? " (name it with --prediction-column)" : "")
            + "; columns: " + String.join(", ", curRows.columns()));
      }
      performance = Optional.of(performance(curRows, label, prediction, bars, notes, outputs));
    }
    Predicate<String> feature = n -> !outputs.contains(n);
    Dataset ref = features(readReference(bars), feature);
    Dataset cur = features(readCurrent(ref, bars), feature);
    if (performance.isPresent()) {
      notes.add("Columns left out of feature drift (model outputs): " + String.join(", ", outputs) + ".");
    }
    DriftReport drift;
    try {
      drift = DriftAnalysis.compare(ref, cur, DriftOptions.defaults());
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage(), e);
    }
    ModelReport report = new ModelReport(drift, DataQuality.of(drift), performance, notes);
    try (PrintWriter out = Outputs.open(output, spec.commandLine().getOut())) {
      if (format.equals("json")) {
        out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(ModelReportJson.of(report)));
      } else {
        HtmlModelReport.write(report, out);
      }
    }
    if (output != null) {
      spec.commandLine().getErr().println("vigil: wrote " + output);
    }
    return 0;
  }

  private PerformanceSection performance(RowColumnsReader.Rows curRows, String label, String prediction,
      ReadProgress bars, List<String> notes, Set<String> outputs) {
    Optional<String> score = resolveScore(curRows);
    PerformanceInput cur = new PerformanceInput(curRows, label, prediction, score);
    Optional<PerformanceInput> ref = Optional.empty();
    Optional<String> referenceNote = Optional.empty();
    if (isSavedDataset(reference)) {
      referenceNote = Optional.of("The reference is a saved profile, which keeps no labels: current sample only.");
    } else {
      RowColumnsReader.Rows refRows = rows(reference, curRows.values()::containsKey, bars, "read reference labels");
      boolean hasScores = score.isEmpty() || refRows.columns().contains(score.get())
          || !PerformanceInput.scoreColumns(refRows.columns(), score.get()).isEmpty();
      if (refRows.values(label) == null || refRows.values(prediction) == null || !hasScores) {
        referenceNote = Optional.of(reference + " has no '" + (refRows.values(label) == null ? label
            : refRows.values(prediction) == null ? prediction : score.get()) + "' column: current sample only.");
      } else {
        ref = Optional.of(new PerformanceInput(refRows, label, prediction, score));
      }
    }
    String chosen = task;
    String source = "given with --task";
    if (chosen == null) {
      Set<String> values = new LinkedHashSet<>(cur.values());
      ref.ifPresent(r -> values.addAll(r.values()));
      boolean numeric = cur.allNumeric() && ref.map(PerformanceInput::allNumeric).orElse(true);
      long distinct = Math.max(cur.distinctLabels(), ref.map(PerformanceInput::distinctLabels).orElse(0L));
      if (numeric && distinct > PerformanceInput.MAX_INFERRED_CLASSES) {
        chosen = "regression";
        source = "inferred: numeric labels with " + distinct + " distinct values";
      } else {
        chosen = values.size() <= 2 ? "binary_classification" : "multiclass_classification";
        source = "inferred: " + values.size() + " classes among labels and predictions";
      }
      notes.add("Task " + chosen + " " + source + " (set it with --task).");
    }
    Optional<String> positive = Optional.empty();
    if (chosen.equals("binary_classification")) {
      Set<String> values = new LinkedHashSet<>(cur.values());
      ref.ifPresent(r -> values.addAll(r.values()));
      List<String> sorted = ClassificationMetrics.sortedClasses(values);
      positive = Optional.ofNullable(positiveClass != null ? positiveClass
          : sorted.isEmpty() ? null : sorted.get(sorted.size() - 1));
      if (positive.isEmpty()) {
        throw new UserInputException(current + ": no row has both a label and a prediction; name the positive"
            + " class with --positive-class");
      }
    } else if (positiveClass != null) {
      throw new UserInputException("--positive-class applies to binary_classification, not " + chosen);
    }
    if (cur.missingPredictions() > 0) {
      notes.add(cur.missingPredictions() + " rows of " + current + " have a label but no prediction: not measured.");
    }
    if (score.isPresent()) {
      // Binary: the one score column. Multiclass: every column the prefix names.
      outputs.addAll(chosen.equals("multiclass_classification")
          ? PerformanceInput.scoreColumns(curRows.columns(), score.get()) : List.of(score.get()));
    }
    String finalTask = chosen;
    Optional<String> pos = positive;
    Optional<SamplePerformance> refPerformance = ref.map(r -> r.measure(finalTask, pos));
    return new PerformanceSection(chosen, source, label, prediction, score, refPerformance,
        cur.measure(chosen, positive), referenceNote);
  }

  private Optional<String> resolveScore(RowColumnsReader.Rows curRows) {
    if (scoreColumn == null) {
      return curRows.values("score") != null && (task == null || task.equals("binary_classification"))
          ? Optional.of("score") : Optional.empty();
    }
    if (curRows.values(scoreColumn) == null
        && PerformanceInput.scoreColumns(curRows.columns(), scoreColumn).isEmpty()) {
      throw new UserInputException(current + ": has no column '" + scoreColumn + "' named by --score-column, and"
          + " no column starts with it; columns: " + String.join(", ", curRows.columns()));
    }
    return Optional.of(scoreColumn);
  }

  private Dataset readReference(ReadProgress bars) {
    if (isSavedDataset(reference)) {
      return Datasets.readReference(reference, Optional.empty());
    }
    return read(reference, TableReader.Options.inferAll(), bars, "read reference");
  }

  private Dataset readCurrent(Dataset ref, ReadProgress bars) {
    if (isSavedDataset(current)) {
      throw new UserInputException(current + ": --current must be CSV or NDJSON data, not a saved profile");
    }
    Map<String, FeatureType> types = new LinkedHashMap<>();
    for (Column c : ref.columns()) {
      c.type().ifPresent(t -> types.put(c.name(), t));
    }
    return read(current, TableReader.Options.inferAll().expecting(types), bars, "read current");
  }

  private static Dataset read(Path file, TableReader.Options options, ReadProgress bars, String task) {
    try {
      return MonitoredTableReader.read(file, options, bars.monitor(file, task));
    } catch (TableReadException e) {
      throw new UserInputException(e.getMessage(), e);
    }
  }

  private static RowColumnsReader.Rows rows(Path file, Predicate<String> wanted, ReadProgress bars, String task) {
    try {
      return RowColumnsReader.read(file, wanted, bars.monitor(file, task));
    } catch (TableReadException e) {
      throw new UserInputException(e.getMessage(), e);
    }
  }

  private static Dataset features(Dataset d, Predicate<String> keep) {
    List<Column> columns = new ArrayList<>();
    d.columns().stream().filter(c -> keep.test(c.name())).forEach(columns::add);
    return new Dataset(d.source(), d.rows(), columns);
  }

  private static boolean isSavedDataset(Path file) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(file)) {
      return DatasetCodec.looksLikeDataset(in.readNBytes(4));
    } catch (IOException e) {
      return false;
    }
  }
}
