package io.vigil.cli;

import io.vigil.dataset.Dataset;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/** Times a command's phases and, with {@code --verbose}, reports each on stderr as it ends. */
final class Phases {

  private final boolean verbose;
  private final PrintWriter err;

  Phases(boolean verbose, PrintWriter err) {
    this.verbose = verbose;
    this.err = err;
  }

  <T> T time(String phase, Supplier<T> work, Function<T, String> describe) {
    long start = System.nanoTime();
    T result = work.get();
    if (verbose) {
      err.printf(Locale.ROOT, "vigil: %s: %s in %.2f s%n", phase, describe.apply(result),
          (System.nanoTime() - start) / 1e9);
    }
    return result;
  }

  static String describe(Dataset d) {
    return String.format(Locale.ROOT, "%s, %,d rows × %d columns", d.source(), d.rows(), d.columns().size());
  }
}
