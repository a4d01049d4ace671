package io.vigil.cli;

import java.util.Locale;

/** The report formats of the command line. */
enum OutputFormat {
  TEXT,
  JSON,
  HTML;

  static OutputFormat parse(String s) {
    try {
      return valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UserInputException("--format must be text, json or html, got '" + s + "'");
    }
  }
}
