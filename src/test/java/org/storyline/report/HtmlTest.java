package org.storyline.report;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class HtmlTest {

  @Test
  void escapesMarkupInText() {
    assertThat(Html.escape("<img src=x onerror=alert(1)>"))
        .as("a tag from a title becomes text")
        .isEqualTo("&lt;img src=x onerror=alert(1)&gt;");
    assertThat(Html.escape("Tom & Jerry's \"show\""))
        .as("ampersand and both quotes, so attribute values cannot be closed")
        .isEqualTo("Tom &amp; Jerry&#39;s &quot;show&quot;");
    assertThat(Html.escape("&lt;")).as("an existing reference is escaped again, not passed through")
        .isEqualTo("&amp;lt;");
  }

  @Test
  void keepsPlainTextAndReplacesControlCharacters() {
    assertThat(Html.escape("Kim Jong-un – Москва 北京")).as("plain text, any script, unchanged")
        .isEqualTo("Kim Jong-un – Москва 北京");
    assertThat(Html.escape("a\u0000b\u0007c\td\ne")).as("NUL and BEL replaced, tab and newline kept")
        .isEqualTo("a\uFFFDb\uFFFDc\td\ne");
    assertThat(Html.escape(null)).as("null is empty").isEmpty();
  }

  @Test
  void formatsNumbers() {
    assertThat(Html.count(1234567)).as("thousands separators").isEqualTo("1,234,567");
    assertThat(Html.decimal(0.81249, 3)).as("rounded").isEqualTo("0.812");
    assertThat(Html.decimal(null, 3)).as("missing").isEqualTo("\u2013");
    assertThat(Html.decimal(Double.NaN, 1)).as("NaN").isEqualTo("\u2013");
    assertThat(Html.coord(12.0)).as("whole coordinate").isEqualTo("12");
    assertThat(Html.coord(12.345)).as("one decimal").isEqualTo("12.3");
  }

  @Property
  void escapedTextHasNoMarkupAndDecodesBack(@ForAll String text) {
    String escaped = Html.escape(text);
    assertThat(escaped).as("no character that opens a tag or closes an attribute").doesNotContain("<", ">", "\"",
        "'");
    String decoded = escaped.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
        .replace("&#39;", "'").replace("&amp;", "&");
    String expected = text.codePoints().collect(StringBuilder::new, (sb, c) -> sb.appendCodePoint(
        (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f ? 0xFFFD : c), StringBuilder::append)
        .toString();
    assertThat(decoded).as("decoding gives back the text (control characters replaced)").isEqualTo(expected);
  }
}
