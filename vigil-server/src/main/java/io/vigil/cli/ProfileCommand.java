package io.vigil.cli;

import picocli.CommandLine.Command;

@Command(name = "profile", mixinStandardHelpOptions = true)
final class ProfileCommand implements Runnable {
  @Override
  public void run() {
  }
}
