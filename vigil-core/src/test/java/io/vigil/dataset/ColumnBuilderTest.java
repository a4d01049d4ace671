package io.vigil.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.schema.FeatureType;
import org.junit.jupiter.api.Test;

class ColumnBuilderTest {

  @Test
  void infersNumericAndCountsMissingAndNonFinite() {
    ColumnBuilder b = ColumnBuilder.inferring("amount");
    String[] values = {"3", "", "1", "nan", "2", "2", "inf"};
    for (int i = 0; i < values.length; i++) {
      b.accept(values[i], i + 2);
    }
    Column c = b.build();
    assertThat(c.type()).contains(FeatureType.NUMERIC);
    assertThat(c.rows()).isEqualTo(7);
    assertThat(c.missing()).isEqualTo(1);
    assertThat(c.nonFinite()).isEqualTo(2);
    assertThat(c.valid()).isEqualTo(4);
    assertThat(c.numbers().orElseThrow().values()).containsExactly(1, 2, 3);
    assertThat(c.numbers().orElseThrow().count()).isEqualTo(4);
  }

  @Test
  void aWordTurnsAnInferredColumnCategoricalWithAllItsValues() {
    ColumnBuilder b = ColumnBuilder.inferring("code");
    for (String v : new String[] {"1", "2", "A7", "1"}) {
      b.accept(v, 1);
    }
    Column c = b.build();
    assertThat(c.type()).contains(FeatureType.CATEGORICAL);
    assertThat(c.numbers()).isEmpty();
    assertThat(c.categories().orElseThrow().counts()).containsEntry("1", 2L).containsEntry("A7", 1L).hasSize(3);
  }

  @Test
  void textInANumericColumnIsATypeErrorWithItsLineAndTheRestIsKept() {
    ColumnBuilder b = ColumnBuilder.expecting("age", FeatureType.NUMERIC);
    for (int line = 2; line < 20; line++) {
      b.accept(line % 3 == 0 ? "n/a" : Integer.toString(line), line);
    }
    Column c = b.build();
    assertThat(c.typeErrors()).isEqualTo(6);
    assertThat(c.typeErrorLines()).containsExactly(3L, 6L, 9L, 12L, 15L);
    assertThat(c.numbers().orElseThrow().count()).isEqualTo(12);
  }

  @Test
  void booleansAreNormalisedAndOtherWordsAreTypeErrors() {
    ColumnBuilder b = ColumnBuilder.expecting("vip", FeatureType.BOOLEAN);
    for (String v : new String[] {"True", "false", "FALSE", "yes"}) {
      b.accept(v, 1);
    }
    Column c = b.build();
    assertThat(c.categories().orElseThrow().counts()).containsEntry("true", 1L).containsEntry("false", 2L);
    assertThat(c.typeErrors()).isEqualTo(1);
  }

  @Test
  void tooManyDistinctWordsDropTheDistributionWithANote() {
    ColumnBuilder b = ColumnBuilder.inferring("id");
    for (int i = 0; i <= ColumnBuilder.CATEGORY_CAP; i++) {
      b.accept("id-" + i, i);
    }
    Column c = b.build();
    assertThat(c.type()).contains(FeatureType.CATEGORICAL);
    assertThat(c.categories()).isEmpty();
    assertThat(c.note().orElseThrow()).contains("distinct values");
  }

  @Test
  void manyDistinctNumbersStayNumeric() {
    ColumnBuilder b = ColumnBuilder.inferring("x");
    for (int i = 0; i <= 3 * ColumnBuilder.CATEGORY_CAP; i++) {
      b.accept(Integer.toString(i), i);
    }
    assertThat(b.build().numbers().orElseThrow().count()).isEqualTo(3 * ColumnBuilder.CATEGORY_CAP + 1);
  }

  @Test
  void anAllMissingColumnHasNoTypeAndSaysSo() {
    ColumnBuilder b = ColumnBuilder.inferring("empty");
    b.accept("", 1);
    b.acceptAbsent(2);
    Column c = b.build();
    assertThat(c.type()).isEmpty();
    assertThat(c.missing()).isEqualTo(3);
    assertThat(c.note()).contains("no values");
  }
}
