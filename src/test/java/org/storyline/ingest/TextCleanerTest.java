package org.storyline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import org.junit.jupiter.api.Test;

class TextCleanerTest {

  @Test
  void htmlBecomesParagraphsOfText() {
    String html = "<div><h1>Kim meets Putin</h1><p>North Korean leader <b>Kim Jong-un</b> met Putin&nbsp;in "
        + "Beijing.</p>\n<p>Aides wiped his chair &amp; took his glass.<br>They left.</p>"
        + "<script>alert('x')</script><style>p{}</style></div>";
    assertThat(TextCleaner.clean(html)).as("cleaned html").isEqualTo(
        "Kim meets Putin\n\nNorth Korean leader Kim Jong-un met Putin in Beijing.\n\n"
            + "Aides wiped his chair & took his glass. They left.");
  }

  @Test
  void entitiesAreDecodedInPlainText() {
    assertThat(TextCleaner.clean("Fish &amp; chips &#8211; &quot;cheap&quot; &lt;3"))
        .as("entities").isEqualTo("Fish & chips – \"cheap\" <3");
  }

  @Test
  void hardWrappedWireCopyKeepsItsParagraphs() {
    String wire = "Showers continued throughout the week in\nthe Bahia cocoa zone.\n"
        + "    The dry period means the temporao\nwill be late.\n\n\n  Reuter\n\u0003";
    assertThat(TextCleaner.clean(wire)).as("wire copy").isEqualTo(
        "Showers continued throughout the week in the Bahia cocoa zone.\n\n"
            + "The dry period means the temporao will be late.\n\nReuter");
  }

  @Test
  void unicodeIsNormalisedAndInvisibleCharactersDropped() {
    assertThat(TextCleaner.clean("ﬁnal\u00A0score\u200B: ２０２５ caf\u0065\u0301"))
        .as("NFKC, nbsp, zero-width").isEqualTo("final score: 2025 café");
  }

  @Test
  void titlesAreCleanedOnOneLine() {
    assertThat(TextCleaner.cleanLine("  <i>Kim's</i>\n aides  wipe chair ")).as("title")
        .isEqualTo("Kim's aides wipe chair");
    assertThat(TextCleaner.cleanLine("Why &lt;img src=x onerror=alert(1)&gt; breaks sites"))
        .as("escaped markup in a title stays literal text")
        .isEqualTo("Why <img src=x onerror=alert(1)> breaks sites");
    assertThat(TextCleaner.clean(null)).as("null").isNull();
  }

  @Property(tries = 200)
  void textOfOnlyBlankCharactersOfAnyKindIsBlankAndCleansToNull(
      @ForAll @Chars({' ', '\t', '\n', '\r', '\u000B', '\f', '\u00A0', '\u1680', '\u2000', '\u2003', '\u2007',
          '\u200A', '\u2028', '\u2029', '\u202F', '\u205F', '\u3000', '\u200B', '\u200C', '\u200D', '\u2060',
          '\uFEFF', '\u00AD', '\u0003'}) String blank) {
    assertThat(TextCleaner.isBlank(blank)).as("isBlank").isTrue();
    assertThat(TextCleaner.clean(blank)).as("clean").isNull();
    assertThat(TextCleaner.cleanLine(blank)).as("cleanLine").isNull();
    assertThat(TextCleaner.isBlank(blank + "a" + blank)).as("one letter is text").isFalse();
  }

  @Test
  void isBlankMatchesCharacterIsWhitespaceAndTheSpacesItLeavesOut() {
    for (char c = 0; c < 0x3001; c++) {
      if (Character.isWhitespace(c) || Character.getType(c) == Character.SPACE_SEPARATOR) {
        assertThat(TextCleaner.isBlank(String.valueOf(c))).as("U+%04X", (int) c).isTrue();
      }
    }
    assertThat(TextCleaner.isBlank("&nbsp;")).as("an entity is text until cleaned").isFalse();
    assertThat(TextCleaner.clean("<p>&nbsp;</p>")).as("blank after cleaning").isNull();
  }

  @Property(tries = 200)
  void cleaningIsIdempotent(@ForAll String text) {
    String once = TextCleaner.clean(text);
    assertThat(TextCleaner.clean(once)).as("clean(clean(x)) == clean(x)").isEqualTo(once);
  }
}
