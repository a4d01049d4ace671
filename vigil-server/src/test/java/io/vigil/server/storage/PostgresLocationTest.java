package io.vigil.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresLocationTest {

  @Test
  void splitsUserAndPasswordOffTheJdbcUrl() {
    PostgresLocation l = PostgresLocation.parse("postgresql://vigil:s%40cret@db.internal:5433/monitoring?sslmode=require");
    assertThat(l.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5433/monitoring?sslmode=require");
    assertThat(l.user()).isEqualTo("vigil");
    assertThat(l.password()).isEqualTo("s@cret");
    assertThat(l.toString()).isEqualTo("postgresql://vigil@db.internal:5433/monitoring").doesNotContain("cret");
  }

  @Test
  void userAndPortAreOptional() {
    PostgresLocation l = PostgresLocation.parse("postgres://db/vigil");
    assertThat(l.jdbcUrl()).isEqualTo("jdbc:postgresql://db/vigil");
    assertThat(l.user()).isNull();
    assertThat(l.password()).isNull();
  }

  @Test
  void refusesOtherSchemesAndMissingParts() {
    assertThatThrownBy(() -> PostgresLocation.parse("jdbc:postgresql://db/vigil")).hasMessageContaining("postgresql://");
    assertThatThrownBy(() -> PostgresLocation.parse("postgresql:///vigil")).hasMessageContaining("no host");
    assertThatThrownBy(() -> PostgresLocation.parse("postgresql://db")).hasMessageContaining("no database");
    assertThatThrownBy(() -> PostgresLocation.parse("postgresql://db /x")).hasMessageContaining("not a URL");
  }
}
