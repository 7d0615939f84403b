package org.storyline.entities;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArticleResolverTest {

  /** Mentions in text order; offsets are irrelevant to resolution. */
  private static List<Mention> mentions(Object... typeAndSurface) {
    List<Mention> out = new ArrayList<>();
    for (int i = 0; i < typeAndSurface.length; i += 2) {
      String surface = (String) typeAndSurface[i + 1];
      out.add(new Mention(i / 2, (EntityType) typeAndSurface[i], surface, i * 10, i * 10 + surface.length()));
    }
    return out;
  }

  private static List<String> names(List<ArticleResolver.Resolved> resolved) {
    return resolved.stream().map(r -> r.name() + "/" + r.type()).toList();
  }

  @Test
  void surnameAndGivenNameResolveToTheFullNameInTheArticle() {
    List<ArticleResolver.Resolved> r = ArticleResolver.resolve(mentions(
        EntityType.PERSON, "Russian President Vladimir Putin", EntityType.PERSON, "Putin",
        EntityType.PERSON, "Xi Jinping", EntityType.PERSON, "Jinping", EntityType.PERSON, "Kim Jong-un",
        EntityType.PERSON, "Kim", EntityType.PERSON, "Jong-un", EntityType.PERSON, "Kim Jong Un's"),
        EntityRules.none());
    assertThat(names(r)).as("canonical names").containsExactly("Vladimir Putin/PERSON", "Vladimir Putin/PERSON",
        "Xi Jinping/PERSON", "Xi Jinping/PERSON", "Kim Jong-un/PERSON", "Kim Jong-un/PERSON", "Kim Jong-un/PERSON",
        "Kim Jong Un/PERSON");
    assertThat(r.get(1).shortKey()).as("the short form is recorded for alias learning").isEqualTo("putin");
    assertThat(r.get(7).key()).as("hyphen variant shares the key").isEqualTo(r.get(4).key());
    assertThat(r.get(7).shortKey()).as("a variant of the full name is not a short form").isNull();
  }

  @Test
  void theNearestFullNameBeforeWinsThenTheFirstAfter() {
    List<ArticleResolver.Resolved> r = ArticleResolver.resolve(mentions(
        EntityType.PERSON, "Kim", EntityType.PERSON, "Kim Yo-jong", EntityType.PERSON, "Kim Jong-un",
        EntityType.PERSON, "Kim"), EntityRules.none());
    assertThat(names(r)).as("first Kim: first full name after; last Kim: nearest before").containsExactly(
        "Kim Yo-jong/PERSON", "Kim Yo-jong/PERSON", "Kim Jong-un/PERSON", "Kim Jong-un/PERSON");
  }

  @Test
  void aShorterFullNameResolvesToTheLongerOne() {
    List<ArticleResolver.Resolved> r = ArticleResolver.resolve(mentions(
        EntityType.PERSON, "Luiz Inacio Lula da Silva", EntityType.PERSON, "Lula da Silva",
        EntityType.PERSON, "Lula", EntityType.PERSON, "da Silva"), EntityRules.none());
    assertThat(names(r)).as("all to the longest").containsOnly("Luiz Inacio Lula da Silva/PERSON");
  }

  @Test
  void aMistypedShortFormStillResolvesButACountryStaysACountry() {
    List<ArticleResolver.Resolved> r = ArticleResolver.resolve(mentions(
        EntityType.PERSON, "Kim Jong-un", EntityType.LOCATION, "Kim", EntityType.PERSON, "Michael Jordan",
        EntityType.LOCATION, "Jordan", EntityType.PERSON, "Jordan"), EntityRules.none());
    assertThat(names(r)).as("Kim tagged LOCATION; Jordan the country; Jordan tagged PERSON").containsExactly(
        "Kim Jong-un/PERSON", "Kim Jong-un/PERSON", "Michael Jordan/PERSON", "Jordan/LOCATION",
        "Michael Jordan/PERSON");
    assertThat(r.get(3).fixed()).as("country is fixed").isEqualTo(ArticleResolver.FIXED_COUNTRY);
  }

  @Test
  void countryVariantsBecomeTheCountry() {
    List<ArticleResolver.Resolved> r = ArticleResolver.resolve(mentions(
        EntityType.LOCATION, "U.S.", EntityType.ORGANIZATION, "US", EntityType.LOCATION, "America",
        EntityType.LOCATION, "Britain", EntityType.MISC, "American"), EntityRules.none());
    assertThat(names(r)).as("countries; the demonym stays").containsExactly("United States/LOCATION",
        "United States/LOCATION", "United States/LOCATION", "United Kingdom/LOCATION", "American/MISC");
  }

  @Test
  void junkIsDroppedAndTheAliasFileWins() {
    EntityRules rules = EntityRules.of("Putin,Vladimir Putin,PERSON,Q7747\nFed,Federal Reserve,ORGANIZATION\n",
        "Reuters\n");
    List<ArticleResolver.Resolved> r = ArticleResolver.resolve(mentions(
        EntityType.PERSON, "President", EntityType.ORGANIZATION, "REUTERS", EntityType.PERSON, "Putin",
        EntityType.PERSON, "Fed", EntityType.PERSON, "Mr. Fed"), rules);
    assertThat(names(r)).as("title-only dropped (blocked ones go later); alias file entries with their type")
        .containsExactly("REUTERS/ORGANIZATION", "Vladimir Putin/PERSON", "Federal Reserve/ORGANIZATION",
            "Federal Reserve/ORGANIZATION");
    assertThat(r.subList(1, 4)).as("fixed by the user").allMatch(x -> ArticleResolver.FIXED_USER.equals(x.fixed()));
  }
}
