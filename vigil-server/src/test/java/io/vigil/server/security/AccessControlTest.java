package io.vigil.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessControlTest {

  @Test
  void scopesFollowTheMethodAndPath() {
    assertThat(AccessControl.required(HandlerType.POST, "/api/v1/predictions")).contains(Scope.INGEST);
    assertThat(AccessControl.required(HandlerType.POST, "/api/v1/labels")).contains(Scope.INGEST);
    assertThat(AccessControl.required(HandlerType.POST, "/api/v1/predictions/")).contains(Scope.INGEST);
    assertThat(AccessControl.required(HandlerType.GET, "/api/v1/models/fraud/drift")).contains(Scope.READ);
    assertThat(AccessControl.required(HandlerType.GET, "/metrics")).contains(Scope.READ);
    assertThat(AccessControl.required(HandlerType.GET, "/")).contains(Scope.READ);
    assertThat(AccessControl.required(HandlerType.PUT, "/api/v1/models/fraud")).contains(Scope.ADMIN);
    assertThat(AccessControl.required(HandlerType.POST, "/api/v1/models/f/versions/v/reference/from-window"))
        .contains(Scope.ADMIN);
    assertThat(AccessControl.required(HandlerType.DELETE, "/api/v1/predictions")).contains(Scope.ADMIN);
    assertThat(AccessControl.required(HandlerType.GET, "/healthz")).isEmpty();
    assertThat(AccessControl.required(HandlerType.GET, "//readyz/")).isEmpty();
    assertThat(AccessControl.required(HandlerType.POST, "/healthz")).contains(Scope.ADMIN);
  }

  @Test
  void methodsCompareByValueNotIdentity() {
    // HandlerType is a record in Javalin 7: a request's method need not be the very constant
    assertThat(AccessControl.required(new HandlerType("GET"), "/metrics")).contains(Scope.READ);
    assertThat(AccessControl.required(new HandlerType("HEAD"), "/healthz")).isEmpty();
    assertThat(AccessControl.required(new HandlerType("POST"), "/api/v1/predictions")).contains(Scope.INGEST);
  }

  @Test
  void readsBearerAndTheBasicPassword() {
    assertThat(AccessControl.presented("Bearer abc")).isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
    assertThat(AccessControl.presented("bearer  abc ")).isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
    String basic = Base64.getEncoder().encodeToString("user:s3cret:x".getBytes(StandardCharsets.UTF_8));
    assertThat(AccessControl.presented("Basic " + basic)).isEqualTo("s3cret:x".getBytes(StandardCharsets.UTF_8));
    assertThat(AccessControl.presented(null)).isNull();
    assertThat(AccessControl.presented("Bearer ")).isNull();
    assertThat(AccessControl.presented("Basic ****")).isNull();
    assertThat(AccessControl.presented("Basic " + Base64.getEncoder().encodeToString("nopassword:".getBytes()))).isNull();
    assertThat(AccessControl.presented("Digest abc")).isNull();
  }

  @Test
  void refusesANetworkAddressWithoutTokensUnlessInsecure() {
    assertThatThrownBy(() -> AccessControl.checkExposure("0.0.0.0", AuthSettings.OFF, false))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("0.0.0.0").hasMessageContaining("--insecure");
    AccessControl.checkExposure("0.0.0.0", AuthSettings.OFF, true);
    AccessControl.checkExposure("127.0.0.1", AuthSettings.OFF, false);
    AccessControl.checkExposure("localhost", AuthSettings.OFF, false);
    AccessControl.checkExposure("0.0.0.0",
        new AuthSettings(List.of(ApiToken.issue("t", Set.of(Scope.READ)).token()), 10), false);
    assertThat(AccessControl.loopback("::1")).isTrue();
    assertThat(AccessControl.loopback("0.0.0.0")).isFalse();
    assertThat(AccessControl.loopback("no-such-host.invalid")).isFalse();
  }

  @Test
  void adminAlsoReadsButNoScopeImpliesIngest() {
    ApiToken admin = ApiToken.issue("a", Set.of(Scope.ADMIN)).token();
    assertThat(admin.allows(Scope.READ)).isTrue();
    assertThat(admin.allows(Scope.INGEST)).isFalse();
    assertThat(ApiToken.issue("r", Set.of(Scope.READ)).token().allows(Scope.INGEST)).isFalse();
    assertThat(ApiToken.issue("b", Set.of(Scope.READ, Scope.INGEST)).token().allows(Scope.INGEST)).isTrue();
    assertThat(Optional.of(Scope.parse("admin"))).contains(Scope.ADMIN);
  }

  @Test
  void saysLoudlyWhenAuthIsOff() {
    ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(AccessControl.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
        new ch.qos.logback.core.read.ListAppender<>();
    lines.start();
    log.addAppender(lines);
    try {
      AccessControl.checkExposure("127.0.0.1", AuthSettings.OFF, false);
      AccessControl.checkExposure("0.0.0.0", AuthSettings.OFF, true);
    } finally {
      log.detachAppender(lines);
    }
    assertThat(lines.list).hasSize(2).allSatisfy(e -> {
      assertThat(e.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
      assertThat(e.getFormattedMessage()).startsWith("AUTH IS OFF");
    });
    assertThat(lines.list.get(1).getFormattedMessage()).contains("0.0.0.0", "--insecure");
  }
}
