package io.vigil.cli;

import io.vigil.server.alert.AlertSettings;
import io.vigil.server.config.ConfigException;
import io.vigil.server.config.VigilConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigil check-config FILE}: reads {@code vigil.yaml} as {@code vigil serve --config} does and says what is
 * wrong with it (exit 2, the message naming the key), or how many models, rules and notifiers it holds (exit 0).
 *
 * <pre>{@code
 * vigil check-config vigil.yaml
 * }</pre>
 */
@Command(name = "check-config", mixinStandardHelpOptions = true,
    description = "Check a vigil.yaml (models, retention, alert rules, notifiers) without starting the server.")
final class CheckConfigCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The configuration file.")
  private Path file;

  @Override
  public Integer call() {
    VigilConfig config;
    AlertSettings alerts;
    try {
      config = VigilConfig.load(file);
      alerts = AlertSettings.of(config);
    } catch (ConfigException e) {
      throw new UserInputException(e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%s: ok (%d models, %d alert rules, %d notifiers, evaluated every %ss)%n", file,
        config.models().size(), alerts.rules().size(), alerts.notifiers().size(),
        alerts.evaluationInterval().toMillis() / 1000.0);
    out.flush();
    return 0;
  }
}
