package org.storyline.entities;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class NamesTest {

  @Test
  void foldMakesHyphenCaseAccentAndDotVariantsOneKey() {
    assertThat(Names.fold("Kim Jong-un")).as("hyphen").isEqualTo("kim jong un");
    assertThat(Names.fold("Kim Jong Un")).as("space").isEqualTo("kim jong un");
    assertThat(Names.fold("KIM JONG-UN")).as("case").isEqualTo("kim jong un");
    assertThat(Names.fold("Volodymyr Zelenskyy")).as("plain").isEqualTo("volodymyr zelenskyy");
    assertThat(Names.fold("Ant\u00f3nio Guterres")).as("accent").isEqualTo("antonio guterres");
    assertThat(Names.fold("U.S.")).as("dots").isEqualTo(Names.fold("US"));
    assertThat(Names.fold("O'Brien")).as("apostrophe").isEqualTo("obrien");
    assertThat(Names.fold("S\u00f8ren \u0141ukasz")).as("letters without decomposition").isEqualTo("soren lukasz");
    assertThat(Names.fold("AT&T")).as("ampersand kept").isEqualTo("at&t");
    assertThat(Names.fold(" -- ")).as("no letters").isEmpty();
  }

  @Property
  void foldIsIdempotentAndCaseBlind(@ForAll String name) {
    String key = Names.fold(name);
    assertThat(Names.fold(key)).as("fold(fold(x)) = fold(x)").isEqualTo(key);
    assertThat(Names.fold(name.toUpperCase(java.util.Locale.ROOT)))
        .as("upper case folds like the original").isEqualTo(Names.fold(name.toUpperCase(java.util.Locale.ROOT)
            .toLowerCase(java.util.Locale.ROOT)));
    assertThat(key).as("no edge spaces, no double spaces, no hyphens").doesNotStartWith(" ").doesNotEndWith(" ")
        .doesNotContain("  ").doesNotContain("-");
  }

  @Test
  void titlesAndHonorificsAreStrippedFromPeople() {
    assertThat(Names.clean("Russian President Vladimir Putin", EntityType.PERSON)).as("nationality and office")
        .isEqualTo("Vladimir Putin");
    assertThat(Names.clean("President Putin", EntityType.PERSON)).as("office").isEqualTo("Putin");
    assertThat(Names.clean("Mr. Kim", EntityType.PERSON)).as("honorific with dot").isEqualTo("Kim");
    assertThat(Names.clean("Mr Kim", EntityType.PERSON)).as("honorific").isEqualTo("Kim");
    assertThat(Names.clean("Chinese leader Xi Jinping", EntityType.PERSON)).as("'Chinese leader'")
        .isEqualTo("Xi Jinping");
    assertThat(Names.clean("North Korean leader Kim Jong-un", EntityType.PERSON)).as("two qualifiers")
        .isEqualTo("Kim Jong-un");
    assertThat(Names.clean("U.S. Secretary of State Marco Rubio", EntityType.PERSON)).as("office with 'of'")
        .isEqualTo("Marco Rubio");
    assertThat(Names.clean("UN Secretary-General Antonio Guterres", EntityType.PERSON)).as("hyphenated office")
        .isEqualTo("Antonio Guterres");
    assertThat(Names.clean("King Charles", EntityType.PERSON)).as("royal titles stay").isEqualTo("King Charles");
    assertThat(Names.clean("John Major", EntityType.PERSON)).as("a surname that is a title word")
        .isEqualTo("John Major");
    assertThat(Names.clean("President", EntityType.PERSON)).as("a title alone is left (and is junk)")
        .isEqualTo("President");
    assertThat(Names.clean("General Motors", EntityType.ORGANIZATION)).as("only people lose titles")
        .isEqualTo("General Motors");
  }

  @Test
  void possessivesAndStrayPunctuationAreRemoved() {
    assertThat(Names.clean("Kim's", EntityType.PERSON)).as("possessive").isEqualTo("Kim");
    assertThat(Names.clean("Kim Jong-un\u2019s", EntityType.PERSON)).as("curly possessive").isEqualTo("Kim Jong-un");
    assertThat(Names.clean("Reuters'", EntityType.ORGANIZATION)).as("plural possessive").isEqualTo("Reuters");
    assertThat(Names.clean("\"Nvidia\",", EntityType.ORGANIZATION)).as("quotes and comma").isEqualTo("Nvidia");
    assertThat(Names.clean("U.S.", EntityType.LOCATION)).as("final dot of an abbreviation kept").isEqualTo("U.S.");
  }

  @Test
  void junkNamesAreRecognised() {
    assertThat(Names.isJunk("")).as("empty").isTrue();
    assertThat(Names.isJunk("X")).as("one letter").isTrue();
    assertThat(Names.isJunk("internet")).as("no capital").isTrue();
    assertThat(Names.isJunk("President")).as("title only").isTrue();
    assertThat(Names.isJunk("Mr.")).as("honorific only").isTrue();
    assertThat(Names.isJunk("da")).as("particle").isTrue();
    assertThat(Names.isJunk("EU")).as("two-letter acronym").isFalse();
    assertThat(Names.isJunk("Kim")).as("a name").isFalse();
  }

  @Test
  void properPartsAreContiguousShorterRuns() {
    assertThat(Names.isProperPart(Names.words("putin"), Names.words("vladimir putin"))).as("surname").isTrue();
    assertThat(Names.isProperPart(Names.words("jinping"), Names.words("xi jinping"))).as("given name").isTrue();
    assertThat(Names.isProperPart(Names.words("jong un"), Names.words("kim jong un"))).as("two words").isTrue();
    assertThat(Names.isProperPart(Names.words("kim un"), Names.words("kim jong un"))).as("not contiguous")
        .isFalse();
    assertThat(Names.isProperPart(Names.words("xi jinping"), Names.words("xi jinping"))).as("not shorter")
        .isFalse();
  }
}
