package io.vigil.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiTokenTest {

  @Test
  void anIssuedTokenMatchesItsHashAndNothingElse() {
    ApiToken.Issued a = ApiToken.issue("a", Set.of(Scope.INGEST));
    ApiToken.Issued b = ApiToken.issue("b", Set.of(Scope.INGEST));
    assertThat(a.secret()).startsWith("vigil_").hasSize(6 + 43);
    assertThat(a.token().matches(a.secret().getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(a.token().matches(b.secret().getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(a.token().matches((a.secret() + "x").getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(a.token().matches(new byte[0])).isFalse();
    assertThat(a.token().hash()).startsWith("sha256:").doesNotContain(a.secret().substring(6));
  }

  @Test
  void theSameSecretHashesDifferentlyWithEachSalt() {
    assertThat(ApiToken.issue("a", Set.of(Scope.READ)).token().hash())
        .isNotEqualTo(ApiToken.issue("a", Set.of(Scope.READ)).token().hash());
  }

  @Test
  void rejectsAHashItDidNotMakeAndKeepsTheHashOutOfToString() {
    assertThatThrownBy(() -> new ApiToken("t", Set.of(Scope.READ), "vigil_plaintext", 0))
        .hasMessageContaining("sha256:<salt>:<digest>");
    assertThatThrownBy(() -> new ApiToken("t", Set.of(Scope.READ), "sha256:AAAA:BBBB", 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ApiToken("t", Set.of(), ApiToken.issue("x", Set.of(Scope.READ)).token().hash(), 0))
        .hasMessageContaining("at least one scope");
    ApiToken t = ApiToken.issue("t", Set.of(Scope.READ)).token();
    assertThat(t.toString()).contains("t").doesNotContain(t.hash());
  }
}
