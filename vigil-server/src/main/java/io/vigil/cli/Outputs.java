package io.vigil.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a command's report goes: a file (its folder must exist) or the command's standard output. */
final class Outputs {

  private Outputs() {}

  /** A writer to {@code file}, or to {@code stdout} (not closed with the writer) when no file is given. */
  static PrintWriter open(Path file, PrintWriter stdout) {
    if (file == null) {
      return new PrintWriter(stdout) {
        @Override
        public void close() {
          flush();
        }
      };
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new UserInputException(file + ": the folder " + parent + " does not exist");
    }
    try {
      return new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UserInputException(file + ": cannot be written: " + e.getMessage(), e);
    }
  }
}
