package io.vigil.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.server.config.ConfigException;
import io.vigil.server.config.VigilConfig;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthSettingsTest {

  private static final String HASH = ApiToken.issue("x", Set.of(Scope.READ)).token().hash();

  private static AuthSettings parse(String yaml) {
    return AuthSettings.from(VigilConfig.parse(yaml, "vigil.yaml"));
  }

  @Test
  void noSectionMeansAuthOff() {
    assertThat(parse("").enabled()).isFalse();
    assertThat(AuthSettings.from(VigilConfig.DEFAULTS).enabled()).isFalse();
  }

  @Test
  void readsTokensScopesAndRates() {
    AuthSettings s = parse("auth:\n  rate_limit: 50\n  tokens:\n"
        + "    - {name: ci, scopes: [ingest, read], hash: \"" + HASH + "\", rate_limit: 5}\n");
    assertThat(s.enabled()).isTrue();
    assertThat(s.rateLimit()).isEqualTo(50);
    assertThat(s.tokens().get(0).scopes()).containsExactlyInAnyOrder(Scope.INGEST, Scope.READ);
    assertThat(s.tokens().get(0).rateLimit()).isEqualTo(5);
  }

  @Test
  void everyMistakeNamesTheFileAndKey() {
    assertError("auth:\n  tokens:\n    - {name: ci, scopes: [write], hash: \"" + HASH + "\"}\n",
        "vigil.yaml: auth.tokens[0].scopes[0]: unknown scope 'write'");
    assertError("auth:\n  tokens:\n    - {name: ci, scopes: [read], hash: \"vigil_abc\"}\n",
        "vigil.yaml: auth.tokens[0].hash:");
    assertError("auth:\n  tokens:\n    - {scopes: [read], hash: \"" + HASH + "\"}\n", "auth.tokens[0].name: required");
    assertError("auth:\n  tokens:\n    - {name: a, hash: \"" + HASH + "\"}\n", "auth.tokens[0].scopes: required");
    assertError("auth:\n  tokens:\n    - {name: a, scopes: [read], hash: \"" + HASH + "\"}\n"
        + "    - {name: a, scopes: [read], hash: \"" + ApiToken.issue("y", Set.of(Scope.READ)).token().hash() + "\"}\n",
        "auth.tokens[1].name: 'a' is used by two tokens");
    assertError("auth:\n  rate_limit: -3\n", "auth.rate_limit: '-3' must be a positive");
    assertError("auth:\n  token: []\n", "auth.token: unknown key");
    assertError("auth:\n  tokens:\n    - {name: a, scopes: [read], hash: \"" + HASH + "\", secret: x}\n",
        "auth.tokens[0].secret: unknown key");
  }

  private static void assertError(String yaml, String expected) {
    assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class).hasMessageContaining(expected);
  }
}
