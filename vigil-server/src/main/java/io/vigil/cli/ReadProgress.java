package io.vigil.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.UnaryOperator;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr while a large input file is read (me.tongfei progressbar, counting bytes). It never
 * touches stdout, so a report written there stays intact.
 *
 * <pre>{@code
 * Dataset d = MonitoredTableReader.read(file, options, progress.monitor(file, "read reference"));
 * }</pre>
 *
 * <p>{@code auto} (the default) shows a bar for files of at least {@link #LARGE} bytes when stderr is a terminal,
 * and for files of at least {@link #HUGE} bytes always (so a long CI step shows signs of life); {@code always}
 * and {@code never} do what they say.
 */
final class ReadProgress {

  /** Files from this size get a bar when stderr is a terminal: below it reading takes about a second. */
  static final long LARGE = 16L << 20;

  /** Files from this size get a bar even when stderr is not a terminal. */
  static final long HUGE = 256L << 20;

  private final String mode;
  private final PrintWriter err;

  ReadProgress(String mode, PrintWriter err) {
    if (!mode.equals("auto") && !mode.equals("always") && !mode.equals("never")) {
      throw new UserInputException("--progress must be auto, always or never, got '" + mode + "'");
    }
    this.mode = mode;
    this.err = err;
  }

  /** Wraps the file's byte stream in a bar when {@link #shows} says so, else leaves it alone. */
  UnaryOperator<InputStream> monitor(Path file, String task) {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      return in -> in;   // the reader reports the missing or unreadable file with its own message
    }
    if (!shows(size)) {
      return in -> in;
    }
    return in -> ProgressBar.wrap(in, new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(size)
        .setUnit(" MiB", 1L << 20)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(250)
        .setConsumer(new DelegatingProgressBarConsumer(line -> {
          err.print("\r" + line);
          err.flush();
        }, 100) {
          @Override
          public void close() {
            err.println();
            err.flush();
          }
        }));
  }

  boolean shows(long size) {
    switch (mode) {
      case "always":
        return true;
      case "never":
        return false;
      default:
        return size >= HUGE || (size >= LARGE && stderrIsTerminal());
    }
  }

  /** Linux: whether file descriptor 2 is a terminal device. Elsewhere: whether the JVM has a console. */
  private static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString().toLowerCase(Locale.ROOT);
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }
}
