package io.vigil.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vigil demo}: the server with simulated traffic. The server lands with its own issue; until then this says so. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Start the server with simulated traffic for three models (drift and an accuracy drop are"
        + " injected after a few minutes) and open the dashboard.")
final class DemoCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    out.println("vigil demo will start the monitoring server on http://127.0.0.1:8080 with simulated traffic for");
    out.println("three models (fraud, churn, price), inject input drift and an accuracy drop after a few minutes,");
    out.println("and show every panel of the dashboard and an alert firing.");
    out.println();
    out.println("The server is not built yet. What works today is offline drift detection:");
    out.println("  ./vigil drift --reference examples/reference.csv --current examples/current.csv");
    return 0;
  }
}
