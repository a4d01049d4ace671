package io.vigil.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueParsingTest {

  @ParameterizedTest
  @CsvSource({"1,1", "-2.5,-2.5", "+3,3", "1e3,1000", "1.5E-2,0.015", ".5,0.5", "5.,5"})
  void parsesWhatCsvWritersPrint(String text, double expected) {
    assertThat(ValueParsing.parseNumber(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"nan", "NaN", "inf", "-Infinity", "+inf"})
  void parsesNonFiniteWords(String text) {
    double x = ValueParsing.parseNumber(text);
    assertThat(ValueParsing.isNumber(x)).isTrue();
    assertThat(Double.isFinite(x)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "1d", "12f", "0x1p3", " 1", "1 ", "1,5", "-", "e", "1e", "--1", "DE"})
  void rejectsTextThatIsNotANumber(String text) {
    assertThat(ValueParsing.isNumber(ValueParsing.parseNumber(text))).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"true,true", "False,false", "TRUE,true"})
  void parsesBooleansInAnyCase(String text, boolean expected) {
    assertThat(ValueParsing.parseBoolean(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes", "1", "t", ""})
  void rejectsOtherBooleanSpellings(String text) {
    assertThat(ValueParsing.parseBoolean(text)).isNull();
  }
}
