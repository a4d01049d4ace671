package io.vigil.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchemaInferenceTest {

  private static Optional<FeatureType> infer(String... values) {
    SchemaInference inference = new SchemaInference();
    Arrays.stream(values).forEach(inference::accept);
    return inference.type();
  }

  @Test
  void numericWhenEveryPresentValueIsANumber() {
    assertThat(infer("1", "", null, "2.5", "-3e2")).contains(FeatureType.NUMERIC);
  }

  @Test
  void oneWordMakesAColumnCategorical() {
    assertThat(infer("1", "2", "three")).contains(FeatureType.CATEGORICAL);
  }

  @Test
  void nonFiniteNumbersDoNotBreakANumericColumnButCannotMakeOne() {
    assertThat(infer("1", "nan", "inf")).contains(FeatureType.NUMERIC);
    assertThat(infer("nan", "nan")).contains(FeatureType.CATEGORICAL);
  }

  @Test
  void booleanWhenEveryValueIsTrueOrFalse() {
    assertThat(infer("true", "False", "")).contains(FeatureType.BOOLEAN);
    assertThat(infer("true", "maybe")).contains(FeatureType.CATEGORICAL);
  }

  @Test
  void zeroesAndOnesAreNumbersNotBooleans() {
    assertThat(infer("0", "1", "1")).contains(FeatureType.NUMERIC);
  }

  @Test
  void noTypeWhenEveryValueIsMissing() {
    assertThat(infer("", null, "")).isEmpty();
  }
}
