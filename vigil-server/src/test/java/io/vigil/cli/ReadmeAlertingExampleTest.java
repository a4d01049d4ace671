package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's alerting example is a valid vigil.yaml, checked by the same command the README shows. */
class ReadmeAlertingExampleTest {

  @TempDir
  Path dir;

  @Test
  void theReadmeExampleChecksOut() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    int section = readme.indexOf("## Alerting");
    assertThat(section).as("README has an Alerting section").isPositive();
    int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
    String yaml = readme.substring(start, readme.indexOf("```", start));
    Path file = Files.writeString(dir.resolve("vigil.yaml"), yaml);
    CommandRun run = CommandRun.of("check-config", file.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("4 alert rules, 2 notifiers");
  }
}
