package io.vigil.cli;

import picocli.CommandLine.Command;

@Command(name = "drift", mixinStandardHelpOptions = true)
final class DriftCommand implements Runnable {
  @Override
  public void run() {
  }
}
