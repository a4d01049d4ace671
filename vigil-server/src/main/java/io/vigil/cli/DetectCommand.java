package io.vigil.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vigil.detect.ChangeDetector;
import io.vigil.detect.ChangeDetectors;
import io.vigil.detect.DetectorState;
import io.vigil.server.api.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigil detect}: runs a concept-drift detector over files of numbers (SPEC section 7), so its answers can be
 * compared with MOA's or River's on the same streams.
 *
 * <pre>{@code
 * vigil detect --detector adwin --param check_interval=1 --format json errors-a.txt errors-b.txt
 * {"file":"errors-a.txt","detections":[5031],"warnings":[]}
 * }</pre>
 *
 * <p>Each file is one stream and gets a new detector. A detection is the 0-based index of a sample answered with
 * DRIFT; a warning is the index where a run of WARNING answers starts. Every file is read before anything is
 * printed, so a bad line in the last file leaves no partial output.
 */
@Command(name = "detect", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Run a concept-drift detector over each FILE: one number a line (e.g. 1 for",
      "a wrong prediction, 0 for a right one), with MOA 2024.07's defaults unless",
      "--param says otherwise."
    },
    footer = {"", "Detectors and their parameters (defaults):",
        "  ddm           min_instances=30 warning_level=2.0 drift_level=3.0",
        "                (values 0 or 1)",
        "  eddm          min_instances=30 min_errors=30 warning_ratio=0.95",
        "                drift_ratio=0.9 (values 0 or 1)",
        "  adwin         delta=0.002 check_interval=32 (1: check at every sample)",
        "  page_hinkley  min_instances=30 delta=0.005 lambda=50 alpha=0.9999",
        "                two_sided=false track_minimum=false",
        "  hddm_a        drift_confidence=0.001 warning_confidence=0.005",
        "                restart_on_decrease=true (values in [0, 1])",
        "JSON: one line per file: {\"file\": F, \"detections\": [t, ...],",
        "\"warnings\": [t, ...]}, t the 0-based sample index (warnings: where a run",
        "of warnings starts).",
        "Exit codes: 0 fine, 2 bad usage or input."})
final class DetectCommand implements Callable<Integer> {

  /** Indices listed per kind in the text format before "and N more". */
  private static final int TEXT_LIST_LIMIT = 20;

  @Spec
  private CommandSpec spec;

  @Option(names = "--detector", required = true, paramLabel = "ddm|eddm|adwin|page_hinkley|hddm_a",
      description = "The detector.")
  private String detector;

  @Option(names = "--param", paramLabel = "k=v", description = "A detector parameter; repeat for several.")
  private List<String> params = new ArrayList<>();

  @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  private String format;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files of numbers, one a line.")
  private List<Path> files;

  /** One file's answers. */
  record Detections(String file, long samples, List<Long> detections, List<Long> warnings) {}

  @Override
  public Integer call() throws JsonProcessingException {
    if (!format.equals("text") && !format.equals("json")) {
      throw new UserInputException("--format must be text or json, got '" + format + "'");
    }
    Map<String, String> parameters = parameters();
    newDetector(parameters); // refuses bad parameters before any file is read
    List<Detections> results = new ArrayList<>();
    for (Path file : files) {
      results.add(run(newDetector(parameters), file));
    }
    PrintWriter out = spec.commandLine().getOut();
    for (Detections d : results) {
      if (format.equals("json")) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("file", d.file());
        line.put("detections", d.detections());
        line.put("warnings", d.warnings());
        out.println(Json.MAPPER.writeValueAsString(line));
      } else {
        out.println(d.file() + ": " + d.samples() + " samples, " + detector);
        out.println("  drifts:   " + describe(d.detections(), "at"));
        out.println("  warnings: " + describe(d.warnings(), "starting at"));
      }
    }
    out.flush();
    return 0;
  }

  private Map<String, String> parameters() {
    if (!ChangeDetectors.ids().contains(detector)) {
      throw new UserInputException("--detector '" + detector + "' is unknown; valid: "
          + String.join(", ", ChangeDetectors.ids()));
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String p : params) {
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new UserInputException("--param '" + p + "' must be name=value; " + detector + " parameters: "
            + String.join(", ", ChangeDetectors.parameters(detector)));
      }
      String name = p.substring(0, eq).trim();
      if (parameters.put(name, p.substring(eq + 1)) != null) {
        throw new UserInputException("--param " + name + " is given twice");
      }
    }
    return parameters;
  }

  private ChangeDetector newDetector(Map<String, String> parameters) {
    try {
      return ChangeDetectors.create(detector, parameters);
    } catch (IllegalArgumentException e) {
      throw new UserInputException("--param: " + e.getMessage(), e);
    }
  }

  private static Detections run(ChangeDetector detector, Path file) {
    List<Long> detections = new ArrayList<>();
    List<Long> warnings = new ArrayList<>();
    long index = 0;
    DetectorState previous = DetectorState.STABLE;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      long lineNumber = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNumber++;
        double value = parse(file, lineNumber, line);
        DetectorState state;
        try {
          state = detector.update(value);
        } catch (IllegalArgumentException e) {
          throw new UserInputException(file + ":" + lineNumber + ": " + e.getMessage(), e);
        }
        if (state == DetectorState.DRIFT) {
          detections.add(index);
        } else if (state == DetectorState.WARNING && previous != DetectorState.WARNING) {
          warnings.add(index);
        }
        previous = state;
        index++;
      }
    } catch (NoSuchFileException e) {
      throw new UserInputException(file + ": no such file", e);
    } catch (IOException e) {
      throw new UserInputException(file + ": cannot be read: " + e.getMessage(), e);
    }
    return new Detections(file.toString(), index, List.copyOf(detections), List.copyOf(warnings));
  }

  private static double parse(Path file, long lineNumber, String line) {
    String text = line.strip();
    if (text.isEmpty()) {
      throw new UserInputException(file + ":" + lineNumber + ": empty line; each line must hold one number");
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new UserInputException(file + ":" + lineNumber + ": '" + abbreviate(text) + "' is not a number", e);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }

  private static String describe(List<Long> indices, String preposition) {
    if (indices.isEmpty()) {
      return "none";
    }
    String listed = indices.stream().limit(TEXT_LIST_LIMIT).map(String::valueOf).collect(Collectors.joining(", "));
    String more = indices.size() > TEXT_LIST_LIMIT ? " and " + (indices.size() - TEXT_LIST_LIMIT) + " more" : "";
    return indices.size() + ", " + preposition + (indices.size() == 1 ? " sample " : " samples ") + listed + more;
  }
}
