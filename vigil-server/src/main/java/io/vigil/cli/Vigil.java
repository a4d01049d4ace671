package io.vigil.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code vigil} command line.
 *
 * <pre>{@code
 * vigil drift --reference ref.csv --current cur.csv
 * vigil profile ref.csv --output ref.vigil
 * }</pre>
 *
 * <p>Exit codes follow SPEC section 7: 0 fine, 1 drift found with {@code --fail-on-drift}, 2 bad usage or input.
 */
@Command(
    name = "vigil",
    mixinStandardHelpOptions = true,
    versionProvider = Vigil.VersionProvider.class,
    description = "Monitors machine-learning models in production: usage, performance, drift, data quality.",
    subcommands = {DriftCommand.class, ReportCommand.class, ProfileCommand.class, ServeCommand.class, DemoCommand.class,
      DetectCommand.class, GrafanaDashboardCommand.class, CheckConfigCommand.class, AlertRulesCommand.class,
      TokenCommand.class, CommandLine.HelpCommand.class})
public final class Vigil implements Runnable {

  /** Exit code for bad usage or input (SPEC section 7). */
  public static final int EXIT_USAGE = 2;

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code, for tests and for {@link #main}. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The configured picocli command line: usage errors exit 2, user-input errors print one line and exit 2. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Vigil());
    cl.setExitCodeExceptionMapper(e -> EXIT_USAGE);
    cl.setParameterExceptionHandler((e, args) -> {
      CommandLine cmd = e.getCommandLine();
      cmd.getErr().println("vigil: " + e.getMessage());
      cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
      return EXIT_USAGE;
    });
    cl.setExecutionExceptionHandler((e, cmd, parseResult) -> {
      if (e instanceof UserInputException) {
        cmd.getErr().println("vigil: " + e.getMessage());
        return EXIT_USAGE;
      }
      throw e;
    });
    return cl;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Reads the version Maven wrote into the jar. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      Properties p = new Properties();
      try (InputStream in = Vigil.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new String[] {
        "vigil " + p.getProperty("version", "unknown"),
        "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
      };
    }
  }
}
