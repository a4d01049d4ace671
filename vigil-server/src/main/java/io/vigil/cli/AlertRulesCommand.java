package io.vigil.cli;

import io.vigil.server.alert.AlertSettings;
import io.vigil.server.alert.PrometheusRuleExport;
import io.vigil.server.config.ConfigException;
import io.vigil.server.config.VigilConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil alert-rules export --config vigil.yaml [--output F]}: the rules of {@code vigil.yaml} that PromQL can
 * express over Vigil's metrics, as a Prometheus alerting-rules file; the others are listed on standard error with
 * the reason.
 *
 * <pre>{@code
 * vigil alert-rules export --config vigil.yaml --output vigil-rules.yml && promtool check rules vigil-rules.yml
 * }</pre>
 */
@Command(name = "alert-rules", mixinStandardHelpOptions = true, description = "Work with the alert rules of vigil.yaml.",
    subcommands = AlertRulesCommand.Export.class)
final class AlertRulesCommand implements Runnable {

  @Spec
  private CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Write the equivalent Prometheus alerting rules (for the rules PromQL can express).")
  static final class Export implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "vigil.yaml", description = "The configuration file.")
    private Path config;

    @Option(names = "--output", paramLabel = "F", description = "Write here instead of standard output.")
    private Path output;

    @Override
    public Integer call() {
      AlertSettings settings;
      try {
        settings = AlertSettings.of(VigilConfig.load(config));
      } catch (ConfigException e) {
        throw new UserInputException(e.getMessage(), e);
      }
      PrometheusRuleExport.Result r = PrometheusRuleExport.of(settings.rules());
      if (output == null) {
        spec.commandLine().getOut().print(r.yaml());
        spec.commandLine().getOut().flush();
      } else {
        try {
          Files.writeString(output, r.yaml());
        } catch (IOException e) {
          throw new UserInputException("--output " + output + ": cannot write: " + e.getMessage(), e);
        }
      }
      PrintWriter err = spec.commandLine().getErr();
      err.printf("vigil: exported %d of %d rules%s%n", r.exported(), settings.rules().size(),
          r.skipped().isEmpty() ? "" : "; skipped:");
      r.skipped().forEach(s -> err.println("  " + s));
      err.flush();
      return 0;
    }
  }
}
