package org.storyline.entities;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountriesTest {

  @Test
  void commonVariantsMapToOneName() {
    for (String variant : new String[] {"U.S.", "US", "United States", "America", "USA", "U.S.A.",
        "United States of America"}) {
      assertThat(Countries.lookup(Names.fold(variant))).as(variant).contains("United States");
    }
    for (String variant : new String[] {"UK", "U.K.", "Britain", "Great Britain", "United Kingdom"}) {
      assertThat(Countries.lookup(Names.fold(variant))).as(variant).contains("United Kingdom");
    }
    assertThat(Countries.lookup(Names.fold("Russian Federation"))).as("Russia").contains("Russia");
    assertThat(Countries.lookup(Names.fold("DPRK"))).as("North Korea").contains("North Korea");
    assertThat(Countries.lookup(Names.fold("Burma"))).as("Myanmar").contains("Myanmar");
    assertThat(Countries.lookup(Names.fold("C\u00f4te d\u2019Ivoire"))).as("JDK name").contains("Ivory Coast");
  }

  @Test
  void theJdkListIsCoveredAndEveryNameMapsToItself() {
    assertThat(Countries.names()).as("about 250 ISO countries").hasSizeGreaterThan(240)
        .contains("France", "Germany", "Japan", "Brazil", "Hong Kong", "Saint Lucia", "Bosnia and Herzegovina");
    for (String name : Countries.names()) {
      assertThat(Countries.lookup(Names.fold(name))).as(name).contains(name);
    }
  }

  @Test
  void otherNamesAreNotCountries() {
    assertThat(Countries.lookup(Names.fold("Americas"))).as("Americas").isEmpty();
    assertThat(Countries.lookup(Names.fold("Latin America"))).as("Latin America").isEmpty();
    assertThat(Countries.lookup(Names.fold("American"))).as("demonym").isEmpty();
    assertThat(Countries.lookup(Names.fold("New Jersey"))).as("state").isEmpty();
  }
}
