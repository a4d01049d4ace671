package io.vigil.cli;

import io.vigil.server.security.ApiToken;
import io.vigil.server.security.Scope;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil token create}: makes an API token, prints it once, and prints the salted hash to put in {@code
 * vigil.yaml}. The server never sees or stores the token itself.
 *
 * <pre>{@code
 * vigil token create --scope ingest --name model-server
 * }</pre>
 */
@Command(name = "token", mixinStandardHelpOptions = true,
    description = "Make API tokens for the server's auth section (scopes: ingest, read, admin).")
final class TokenCommand implements Runnable {

  @Spec
  private CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = {"Print a new token (once: it is not stored anywhere) and the vigil.yaml entry with its hash.",
        "ingest: send events; read: query API, /metrics, dashboard; admin: models, references, rules (and read)."})
  int create(
      @Option(names = "--scope", required = true, split = ",", paramLabel = "SCOPE",
          description = "ingest, read or admin; repeat or separate with commas for several.") List<String> scopes,
      @Option(names = "--name", paramLabel = "NAME",
          description = "Who holds it, shown in logs and 403 answers (default: a generated name).") String name) {
    Set<Scope> parsed = new LinkedHashSet<>();
    for (String s : scopes) {
      try {
        parsed.add(Scope.parse(s.trim()));
      } catch (IllegalArgumentException e) {
        throw new UserInputException("--scope " + s + ": " + e.getMessage(), e);
      }
    }
    String holder = name != null ? name
        : parsed.stream().map(Scope::id).collect(Collectors.joining("-")) + "-"
            + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    if (!holder.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
      throw new UserInputException("--name '" + holder + "': use letters, digits, '.', '_' and '-' (at most 64)");
    }
    ApiToken.Issued issued = ApiToken.issue(holder, parsed);
    PrintWriter out = spec.commandLine().getOut();
    out.println(issued.secret());
    out.println("# The line above is the token: give it to the client now, it is shown only once.");
    out.println("# Add this entry to the auth.tokens list of vigil.yaml (the server keeps only the salted hash):");
    out.println("auth:");
    out.println("  tokens:");
    out.println("    - {name: " + holder + ", scopes: ["
        + parsed.stream().map(Scope::id).collect(Collectors.joining(", ")) + "], hash: \"" + issued.token().hash() + "\"}");
    out.flush();
    return 0;
  }
}
