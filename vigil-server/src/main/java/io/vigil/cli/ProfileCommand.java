package io.vigil.cli;

import io.vigil.dataset.Dataset;
import io.vigil.dataset.DatasetCodec;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigil profile}: computes a reference once and saves it, so later {@code vigil drift} runs skip parsing and
 * sorting it.
 *
 * <pre>{@code
 * vigil profile ref.csv --output ref.vigil
 * vigil drift --reference ref.vigil --current today.csv
 * }</pre>
 */
@Command(name = "profile", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Compute a reference's profile once and save it for 'vigil drift --reference'.",
      "By default the profile keeps each numeric column's exact sorted values (as distinct values and counts) and",
      "each categorical column's exact counts, so drift from it is exact and equal to drift from the raw file.",
      "With --sketch it keeps the mergeable profiles the server uses instead (KLL quantile sketch with k = 1600,",
      "frequent items): a few tens of KB per column whatever the row count; drift statistics from it carry the",
      "sketch's error bound (shown as ±) and a feature is called drifted only when the bound cannot explain it."
    })
final class ProfileCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "REF", description = "Reference data: CSV or NDJSON.")
  private Path reference;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "F", description = "Where to save the profile.")
  private Path output;

  @Option(names = "--sketch", description = "Save sketches instead of exact sorted values (fixed size, approximate).")
  private boolean sketch;

  @Override
  public Integer call() throws IOException {
    Dataset d = Datasets.readReference(reference, Optional.empty());
    Path parent = output.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new UserInputException(output + ": the folder " + parent + " does not exist");
    }
    Path partial = output.resolveSibling(output.getFileName() + ".tmp");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
      DatasetCodec.write(d, out, sketch ? DatasetCodec.Mode.SKETCH : DatasetCodec.Mode.EXACT);
    }
    Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    spec.commandLine().getErr().printf(Locale.ROOT, "vigil: saved the profile of %s (%,d rows, %d columns) to %s"
        + " (%,d bytes)%n", reference, d.rows(), d.columns().size(), output, Files.size(output));
    return 0;
  }
}
