package io.vigil.drift;

import static io.vigil.drift.ReferenceVectors.numbers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BenjaminiHochbergTest {

  static Stream<Arguments> cases() {
    return ReferenceVectors.cases("multiple_testing").stream().map(c -> Arguments.of(c.get("name").asText(), c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesStatsmodelsFdrBh(String name, JsonNode c) {
    double[] p = numbers(c.get("p_values"));
    double[] adjusted = BenjaminiHochberg.adjust(p);
    double[] expected = numbers(c.get("adjusted"));
    for (int i = 0; i < p.length; i++) {
      ReferenceVectors.assertStatistic(adjusted[i], expected[i], name + " adjusted[" + i + "]");
    }
    boolean[] rejected = BenjaminiHochberg.reject(p, c.get("alpha").asDouble());
    for (int i = 0; i < p.length; i++) {
      assertThat(rejected[i]).as("%s rejected[%d]", name, i).isEqualTo(c.get("rejected").get(i).asBoolean());
    }
  }

  @Test
  void adjustedValuesAreMonotoneInThePValuesAndNeverSmaller() {
    Random random = new Random(7);
    for (int trial = 0; trial < 200; trial++) {
      double[] p = new double[1 + random.nextInt(40)];
      for (int i = 0; i < p.length; i++) {
        p[i] = random.nextDouble() * random.nextDouble();
      }
      double[] adjusted = BenjaminiHochberg.adjust(p);
      for (int i = 0; i < p.length; i++) {
        assertThat(adjusted[i]).isGreaterThanOrEqualTo(p[i]).isLessThanOrEqualTo(1.0);
        for (int j = 0; j < p.length; j++) {
          if (p[i] <= p[j]) {
            assertThat(adjusted[i]).isLessThanOrEqualTo(adjusted[j]);
          }
        }
      }
    }
  }

  @Test
  void rejectsNaNNamingTheIndex() {
    assertThatThrownBy(() -> BenjaminiHochberg.adjust(new double[] {0.1, Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index 1");
  }

  @Test
  void emptyInputGivesEmptyOutput() {
    assertThat(BenjaminiHochberg.adjust(new double[0])).isEmpty();
    assertThat(BenjaminiHochberg.reject(new double[0], 0.05)).isEmpty();
  }
}
