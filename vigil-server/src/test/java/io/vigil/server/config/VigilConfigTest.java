package io.vigil.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.schema.FeatureType;
import io.vigil.server.registry.ModelInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VigilConfigTest {

  @TempDir
  Path dir;

  @Test
  void readsModelsAndRetention() throws Exception {
    Path file = dir.resolve("vigil.yaml");
    Files.writeString(file, """
        models:
          fraud: {task: binary_classification, classes: [ok, fraud], positive_class: fraud,
                  features: [{name: amount, type: numeric}, {name: country, type: categorical}]}
          price: {task: regression}
        retention: {events: 2d, profiles: 90d, minute_profiles: 1d12h}
        evaluation_interval: 30s
        """);
    VigilConfig c = VigilConfig.load(file);
    assertThat(c.models()).extracting(ModelInfo::name).containsExactly("fraud", "price");
    ModelInfo fraud = c.models().get(0);
    assertThat(fraud.positiveClass()).contains("fraud");
    assertThat(fraud.declared()).isTrue();
    assertThat(fraud.schema().feature("country").orElseThrow().type()).isEqualTo(FeatureType.CATEGORICAL);
    assertThat(c.retention()).isEqualTo(new VigilConfig.Retention(Duration.ofDays(2), Duration.ofDays(90),
        Duration.ofHours(36)));
    assertThat(c.section("evaluation_interval").asText()).isEqualTo("30s");
    assertThat(c.section("alerts").isMissingNode()).isTrue();
  }

  @Test
  void anEmptyFileMeansDefaults() {
    VigilConfig c = VigilConfig.parse("", "empty.yaml");
    assertThat(c.models()).isEmpty();
    assertThat(c.retention()).isEqualTo(VigilConfig.Retention.DEFAULT);
    assertThat(VigilConfig.Retention.DEFAULT.events()).isEqualTo(Duration.ofDays(7));
    assertThat(VigilConfig.Retention.DEFAULT.profiles()).isEqualTo(Duration.ofDays(400));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "modles: {}|vigil.yaml: modles: unknown section",
      "models: [a, b]|vigil.yaml: models: expected a mapping",
      "models: {fraud: {task: clustering}}|vigil.yaml: models.fraud: task: expected binary_classification",
      "models: {fraud: {features: [{name: a, type: num}]}}|vigil.yaml: models.fraud: features[0].type",
      "models: {fraud: {features: [{type: numeric}]}}|vigil.yaml: models.fraud: features[0].name: required",
      "retention: {events: soon}|vigil.yaml: retention.events: 'soon' is not a duration",
      "retention: {events: 0s}|vigil.yaml: retention.events: '0s' is not a duration",
      "retention: {raw: 7d}|vigil.yaml: retention.raw: unknown key",
      "retention: {profiles: 1d, minute_profiles: 3d}|retention.profiles (PT24H) is shorter than",
      "models: {a: 1|vigil.yaml: not valid YAML at line",
      "- a list|vigil.yaml: expected a mapping of sections",
  })
  void mistakesNameTheFileAndTheKey(String yaml, String message) {
    assertThatThrownBy(() -> VigilConfig.parse(yaml, "vigil.yaml")).isInstanceOf(ConfigException.class)
        .hasMessageContaining(message);
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(() -> VigilConfig.load(dir.resolve("nope.yaml"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("nope.yaml: no such file");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"15s, 15000", "10m, 600000", "1h30m, 5400000", "7d, 604800000", "2w, 1209600000", "250ms, 250"})
  void durations(String text, long millis) {
    assertThat(VigilConfig.duration(text, "x").toMillis()).isEqualTo(millis);
  }
}
