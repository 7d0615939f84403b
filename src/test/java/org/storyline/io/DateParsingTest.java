package org.storyline.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateParsingTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // ISO-8601 with and without zone and time
      "2025-09-03T10:00:00Z                | 2025-09-03T10:00:00Z",
      "2025-09-03T19:00:00+09:00           | 2025-09-03T10:00:00Z",
      "2025-09-03T10:00:00.250Z            | 2025-09-03T10:00:00.250Z",
      "2025-09-03T06:00:00-0400            | 2025-09-03T10:00:00Z",
      "2025-09-03 10:00:00                 | 2025-09-03T10:00:00Z",
      "2025-09-03T10:00                    | 2025-09-03T10:00:00Z",
      "2025-09-03                          | 2025-09-03T00:00:00Z",
      // RFC-1123 / RFC-822, with offsets and zone abbreviations
      "'Wed, 03 Sep 2025 10:00:00 GMT'     | 2025-09-03T10:00:00Z",
      "'Wed, 3 Sep 2025 12:00:00 +0200'    | 2025-09-03T10:00:00Z",
      "'Wed, 03 Sep 2025 06:00:00 EDT'     | 2025-09-03T10:00:00Z",
      // epoch seconds and milliseconds
      "1756893600                          | 2025-09-03T10:00:00Z",
      "1756893600000                       | 2025-09-03T10:00:00Z",
      // written dates
      "'September 3, 2025'                 | 2025-09-03T00:00:00Z",
      "'Sept. 3, 2025'                     | 2025-09-03T00:00:00Z",
      "'Sep 3 2025'                        | 2025-09-03T00:00:00Z",
      "3 Sep 2025                          | 2025-09-03T00:00:00Z",
      "3 September 2025                    | 2025-09-03T00:00:00Z",
      "'September 3, 2025 10:15'           | 2025-09-03T10:15:00Z",
      "18-Jul-20                           | 2020-07-18T00:00:00Z",
      // Reuters-21578, CNBC (ET follows daylight saving: EDT in July), GDELT, compact dates
      "26-FEB-1987 15:01:01.79             | 1987-02-26T15:01:01.790Z",
      "' 7:51  PM ET Fri, 17 July 2020'    | 2020-07-17T23:51:00Z",
      "20160101020000                      | 2016-01-01T02:00:00Z",
      "20250903                            | 2025-09-03T00:00:00Z",
      "2025/09/03                          | 2025-09-03T00:00:00Z",
  })
  void parsesTheFormatsFoundInNewsFeeds(String input, String expected) {
    assertThat(DateParsing.parse(input)).as("parse(%s)", input).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @ValueSource(strings = {"", "   ", "yesterday", "last Tuesday", "TBD", "Jul-18", "2025-13-45", "31 Feb 2025",
      "Wed, 03 Sep 2025 10:00:00 XYZ", "12", "tomorrow at 10:00", "2025-09-03T25:00:00Z"})
  void givesNullForWhatIsNotADate(String input) {
    assertThat(DateParsing.parse(input)).as("parse(%s)", input).isNull();
  }

  /** Days a month does not have, and hour 24, in every form: strict resolution, never the nearest real day. */
  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @ValueSource(strings = {"2025-02-30", "2025-02-29", "2025-04-31", "2025-02-30T10:00:00Z", "2025-02-30 10:00:00",
      "2025-09-03T24:00", "2025-09-03 24:00:00", "20250230", "20250431", "20250230120000", "20250903240000",
      "30 Feb 2025", "February 30, 2025", "Sun, 30 Feb 2025 10:00:00 GMT", "2025/02/30", "30-FEB-25"})
  void rejectsDaysTheMonthDoesNotHaveInEveryForm(String input) {
    assertThat(DateParsing.parse(input)).as("parse(%s)", input).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "2024-02-29                          | 2024-02-29T00:00:00Z",
      "2024-02-29T23:59:59Z                | 2024-02-29T23:59:59Z",
      "20240229                            | 2024-02-29T00:00:00Z",
      "20240229235959                      | 2024-02-29T23:59:59Z",
      "'February 29, 2024'                 | 2024-02-29T00:00:00Z",
      "2025-04-30                          | 2025-04-30T00:00:00Z",
  })
  void acceptsTheLastDayOfEachMonthIncludingLeapDays(String input, String expected) {
    assertThat(DateParsing.parse(input)).as("parse(%s)", input).isEqualTo(Instant.parse(expected));
  }

  @Property(tries = 300)
  void isoRfcAndEpochRenderingsOfAnInstantParseBackToIt(
      @ForAll @LongRange(min = 0L, max = 4_102_444_800L) long epochSecond) {
    Instant instant = Instant.ofEpochSecond(epochSecond);
    assertThat(DateParsing.parse(instant.toString())).as("ISO %s", instant).isEqualTo(instant);
    assertThat(DateParsing.parse(DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atZone(ZoneOffset.UTC))))
        .as("RFC-1123 %s", instant).isEqualTo(instant);
    if (epochSecond >= 100_000_000L) {
      assertThat(DateParsing.parse(Long.toString(epochSecond))).as("epoch s %s", instant).isEqualTo(instant);
      assertThat(DateParsing.parse(Long.toString(epochSecond * 1000))).as("epoch ms %s", instant).isEqualTo(instant);
    }
    String written = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH).format(instant.atZone(ZoneOffset.UTC));
    assertThat(DateParsing.parse(written)).as("written %s", written)
        .isEqualTo(instant.truncatedTo(ChronoUnit.DAYS));
  }
}
