package io.vigil.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeDetectorsTest {

  @Test
  void listsTheFiveDetectorsOfSpecSectionSeven() {
    assertThat(ChangeDetectors.ids()).containsExactly("ddm", "eddm", "adwin", "page_hinkley", "hddm_a");
    for (String id : ChangeDetectors.ids()) {
      assertThat(ChangeDetectors.create(id, Map.of()).id()).isEqualTo(id);
    }
  }

  @Test
  void appliesTheParametersGiven() {
    Adwin adwin = (Adwin) ChangeDetectors.create("adwin", Map.of("check_interval", "1", "delta", "0.01"));
    assertThat(adwin.options()).isEqualTo(new Adwin.Options(0.01, 1));
    PageHinkley ph = (PageHinkley) ChangeDetectors.create("page_hinkley", Map.of("two_sided", "true"));
    assertThat(ph.options().twoSided()).isTrue();
    assertThat(ph.options().lambda()).isEqualTo(50);
  }

  @Test
  void refusesAnUnknownDetectorListingTheValidOnes() {
    assertThatThrownBy(() -> ChangeDetectors.create("kswin", Map.of()))
        .hasMessage("unknown detector 'kswin'; valid: ddm, eddm, adwin, page_hinkley, hddm_a");
  }

  @Test
  void refusesAnUnknownParameterListingTheValidOnes() {
    assertThatThrownBy(() -> ChangeDetectors.create("ddm", Map.of("lambda", "3")))
        .hasMessage("ddm has no parameter 'lambda'; valid: min_instances, warning_level, drift_level");
  }

  @Test
  void refusesValuesThatAreNotNumbersOrBooleansNamingTheParameter() {
    assertThatThrownBy(() -> ChangeDetectors.create("adwin", Map.of("delta", "small")))
        .hasMessage("adwin parameter delta must be a number, got 'small'");
    assertThatThrownBy(() -> ChangeDetectors.create("ddm", Map.of("min_instances", "2.5")))
        .hasMessage("ddm parameter min_instances must be an integer, got '2.5'");
    assertThatThrownBy(() -> ChangeDetectors.create("page_hinkley", Map.of("two_sided", "yes")))
        .hasMessage("page_hinkley parameter two_sided must be true or false, got 'yes'");
  }

  @Test
  void refusesOutOfRangeValuesNamingTheParameter() {
    assertThatThrownBy(() -> ChangeDetectors.create("hddm_a", Map.of("drift_confidence", "2")))
        .hasMessage("drift_confidence must be in (0, 1), got 2.0");
  }
}
