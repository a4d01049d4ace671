package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.config.VigilConfig;
import io.vigil.server.security.AuthSettings;
import io.vigil.server.security.Scope;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TokenCommandTest {

  @Test
  void createPrintsTheTokenOnceAndAConfigEntryThatAcceptsIt() {
    CommandRun run = CommandRun.of("token", "create", "--scope", "ingest,read", "--name", "model-server");
    assertThat(run.exitCode()).as(run.err()).isZero();
    String[] lines = run.out().split("\n");
    String secret = lines[0].trim();
    assertThat(secret).startsWith("vigil_");
    String yaml = run.out().substring(run.out().indexOf("auth:"));
    assertThat(yaml).doesNotContain(secret);
    AuthSettings settings = AuthSettings.from(VigilConfig.parse(yaml, "pasted"));
    assertThat(settings.tokens()).singleElement().satisfies(t -> {
      assertThat(t.name()).isEqualTo("model-server");
      assertThat(t.scopes()).containsExactlyInAnyOrder(Scope.INGEST, Scope.READ);
      assertThat(t.matches(secret.getBytes(StandardCharsets.UTF_8))).isTrue();
    });
  }

  @Test
  void twoRunsGiveTwoTokensWithGeneratedNames() {
    CommandRun a = CommandRun.of("token", "create", "--scope", "admin");
    CommandRun b = CommandRun.of("token", "create", "--scope", "admin");
    assertThat(a.out().split("\n")[0]).isNotEqualTo(b.out().split("\n")[0]);
    assertThat(a.out()).contains("{name: admin-", "scopes: [admin]");
  }

  @Test
  void anUnknownScopeOrBadNameIsAUsageError() {
    CommandRun bad = CommandRun.of("token", "create", "--scope", "write");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--scope write", "ingest, read, admin").doesNotContain("\tat ");
    CommandRun name = CommandRun.of("token", "create", "--scope", "read", "--name", "a b");
    assertThat(name.exitCode()).isEqualTo(2);
    assertThat(name.err()).contains("--name 'a b'");
    assertThat(CommandRun.of("token", "create").exitCode()).isEqualTo(2);
  }
}
