package org.storyline.io;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the publication dates found in news feeds and archives into an {@link Instant} (UTC). Accepted:
 *
 * <ul>
 *   <li>ISO-8601 with or without time and zone ({@code 2025-09-03}, {@code 2025-09-03T10:00:00+09:00},
 *       {@code 2025-09-03 10:00:00.123}); a missing zone means UTC;
 *   <li>RFC-1123 / RFC-822 ({@code Wed, 03 Sep 2025 10:00:00 GMT}, zone abbreviations such as EST or ET);
 *   <li>epoch seconds (9 to 11 digits) and milliseconds (12 or 13 digits); {@code yyyyMMdd} and
 *       {@code yyyyMMddHHmmss} (GDELT);
 *   <li>written dates: {@code September 3, 2025}, {@code Sept. 3 2025}, {@code 3 Sep 2025}, {@code 18-Jul-20},
 *       {@code 26-FEB-1987 15:01:01.79} (Reuters-21578), {@code 7:51 PM ET Fri, 17 July 2020} (CNBC), with an
 *       optional weekday, time, AM/PM and zone.
 * </ul>
 *
 * Everything else gives {@code null}: the caller rejects the record as {@code unparseable_date}. Resolution is
 * strict in every form: a day the month does not have ({@code 2025-02-30}, {@code 20250230}, {@code 30 Feb 2025})
 * or an hour 24 is not a date, rather than being moved to the nearest one (Java's default, SMART, would turn
 * {@code 2025-02-30} into 28 February). A plain Java
 * function rather than a chain of Spark {@code to_timestamp} calls because the written forms need a tokenizer,
 * and because a pure function can be property-tested.
 */
public final class DateParsing {
  private DateParsing() {}

  private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart()
      .appendLiteral('T').optionalEnd()
      .optionalStart().appendLiteral(' ').optionalEnd()
      .optionalStart()
      .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
      .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
      .optionalEnd()
      .optionalStart().appendLiteral(' ').optionalEnd()
      .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HH", "Z").optionalEnd()
      .toFormatter(Locale.ROOT)
      .withResolverStyle(ResolverStyle.STRICT);

  /** GDELT's {@code yyyyMMddHHmmss}; {@code uuuu} (proleptic year) because STRICT needs an era with {@code yyyy}. */
  private static final DateTimeFormatter COMPACT_DATE_TIME =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  private static final ZoneId DENVER = ZoneId.of("America/Denver");
  private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

  /** Zone abbreviations seen in news feeds. ET/PT/CT/MT follow daylight saving; the others are fixed. */
  private static final Map<String, ZoneId> ZONES = Map.ofEntries(
      Map.entry("z", ZoneOffset.UTC), Map.entry("utc", ZoneOffset.UTC), Map.entry("gmt", ZoneOffset.UTC),
      Map.entry("ut", ZoneOffset.UTC),
      Map.entry("et", NEW_YORK), Map.entry("est", ZoneOffset.ofHours(-5)), Map.entry("edt", ZoneOffset.ofHours(-4)),
      Map.entry("ct", CHICAGO), Map.entry("cst", ZoneOffset.ofHours(-6)), Map.entry("cdt", ZoneOffset.ofHours(-5)),
      Map.entry("mt", DENVER), Map.entry("mst", ZoneOffset.ofHours(-7)), Map.entry("mdt", ZoneOffset.ofHours(-6)),
      Map.entry("pt", LOS_ANGELES), Map.entry("pst", ZoneOffset.ofHours(-8)),
      Map.entry("pdt", ZoneOffset.ofHours(-7)),
      Map.entry("bst", ZoneOffset.ofHours(1)), Map.entry("cet", ZoneOffset.ofHours(1)),
      Map.entry("cest", ZoneOffset.ofHours(2)), Map.entry("msk", ZoneOffset.ofHours(3)),
      Map.entry("ist", ZoneOffset.ofHoursMinutes(5, 30)), Map.entry("kst", ZoneOffset.ofHours(9)),
      Map.entry("jst", ZoneOffset.ofHours(9)), Map.entry("aest", ZoneOffset.ofHours(10)),
      Map.entry("aedt", ZoneOffset.ofHours(11)));

  private static final String MONTH =
      "(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august"
          + "|september|october|november|december)\\.?";

  private static final Pattern WEEKDAY = Pattern.compile(
      "\\b(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(day|sday|nesday|rsday|urday)?\\b\\.?");
  private static final Pattern TIME = Pattern.compile(
      "\\b(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?\\s*(a\\.?m\\.?|p\\.?m\\.?)?(?=\\s|$|[,;])");
  private static final Pattern OFFSET = Pattern.compile("(?<![\\d-])([+-])(\\d{2}):?(\\d{2})\\b");
  private static final Pattern ZONE_WORD = Pattern.compile("\\b([a-z]{1,4})\\b");
  private static final Pattern DAY_MONTH_YEAR =
      Pattern.compile("\\b(\\d{1,2})(?:st|nd|rd|th)?[\\s-]+" + MONTH + "[\\s-]+(\\d{4}|\\d{2})\\b");
  private static final Pattern MONTH_DAY_YEAR =
      Pattern.compile("\\b" + MONTH + "[\\s-]+(\\d{1,2})(?:st|nd|rd|th)?[\\s-]+(\\d{4})\\b");
  private static final Pattern YEAR_MONTH_DAY = Pattern.compile("\\b(\\d{4})[/.](\\d{1,2})[/.](\\d{1,2})\\b");
  private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");

  /** The instant {@code value} denotes, or {@code null} if it is not a date in one of the accepted forms. */
  public static Instant parse(String value) {
    if (value == null) {
      return null;
    }
    String s = value.strip();
    if (s.isEmpty() || s.length() > 80) {
      return null;
    }
    try {
      if (NUMBER.matcher(s).matches()) {
        return parseNumber(s);
      }
      Instant iso = parseIso(s);
      if (iso != null) {
        return iso;
      }
      return parseWritten(s);
    } catch (DateTimeException | ArithmeticException e) {
      return null;
    }
  }

  private static Instant parseNumber(String s) {
    String digits = s.contains(".") ? s.substring(0, s.indexOf('.')) : s;
    int n = digits.length();
    if (n == 8 && !s.contains(".")) {
      return LocalDate.parse(s, DateTimeFormatter.BASIC_ISO_DATE).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    if (n == 14 && !s.contains(".")) {
      return LocalDateTime.parse(s, COMPACT_DATE_TIME).toInstant(ZoneOffset.UTC);
    }
    if (n >= 9 && n <= 11) {
      double seconds = Double.parseDouble(s);
      return Instant.ofEpochMilli(Math.round(seconds * 1000));
    }
    if (n == 12 || n == 13) {
      return Instant.ofEpochMilli(Long.parseLong(digits));
    }
    return null;
  }

  private static Instant parseIso(String s) {
    if (s.length() < 10 || !Character.isDigit(s.charAt(0)) || s.charAt(4) != '-') {
      return null;
    }
    try {
      TemporalAccessor t = ISO.parse(s);
      LocalDate date = LocalDate.from(t);
      LocalTime time = t.isSupported(ChronoField.HOUR_OF_DAY) ? LocalTime.from(t) : LocalTime.MIDNIGHT;
      ZoneOffset offset = t.isSupported(ChronoField.OFFSET_SECONDS)
          ? ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS)) : ZoneOffset.UTC;
      return date.atTime(time).toInstant(offset);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Instant parseWritten(String value) {
    String s = value.toLowerCase(Locale.ROOT).replace(',', ' ');
    s = WEEKDAY.matcher(s).replaceAll(" ");

    LocalTime time = LocalTime.MIDNIGHT;
    Matcher tm = TIME.matcher(s);
    if (tm.find()) {
      int hour = Integer.parseInt(tm.group(1));
      int minute = Integer.parseInt(tm.group(2));
      int second = tm.group(3) == null ? 0 : Integer.parseInt(tm.group(3));
      int nanos = tm.group(4) == null ? 0 : Integer.parseInt((tm.group(4) + "00000000").substring(0, 9));
      String ampm = tm.group(5);
      if (ampm != null) {
        if (hour < 1 || hour > 12) {
          return null;
        }
        boolean pm = ampm.startsWith("p");
        hour = hour % 12 + (pm ? 12 : 0);
      }
      time = LocalTime.of(hour, minute, second, nanos);
      s = s.substring(0, tm.start()) + " " + s.substring(tm.end());
    }

    LocalDate date = null;
    int dateStart = -1;
    int dateEnd = -1;
    Matcher m = DAY_MONTH_YEAR.matcher(s);
    if (m.find()) {
      date = LocalDate.of(year(m.group(3)), month(m.group(2)), Integer.parseInt(m.group(1)));
      dateStart = m.start();
      dateEnd = m.end();
    } else if ((m = MONTH_DAY_YEAR.matcher(s)).find()) {
      date = LocalDate.of(Integer.parseInt(m.group(3)), month(m.group(1)), Integer.parseInt(m.group(2)));
      dateStart = m.start();
      dateEnd = m.end();
    } else if ((m = YEAR_MONTH_DAY.matcher(s)).find()) {
      date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
      dateStart = m.start();
      dateEnd = m.end();
    }
    if (date == null) {
      return null;
    }
    String rest = (s.substring(0, dateStart) + " " + s.substring(dateEnd)).strip();

    ZoneId zone = ZoneOffset.UTC;
    Matcher om = OFFSET.matcher(rest);
    if (om.find()) {
      int sign = om.group(1).equals("-") ? -1 : 1;
      zone = ZoneOffset.ofHoursMinutes(sign * Integer.parseInt(om.group(2)), sign * Integer.parseInt(om.group(3)));
      rest = (rest.substring(0, om.start()) + " " + rest.substring(om.end())).strip();
    }
    Matcher zm = ZONE_WORD.matcher(rest);
    while (zm.find()) {
      ZoneId named = ZONES.get(zm.group(1));
      if (named == null) {
        return null; // a word we do not understand: better unparseable than a wrong date
      }
      zone = named;
    }
    if (rest.replaceAll("[a-z]{1,4}|[\\s.:/-]", "").length() > 0) {
      return null; // leftover digits: an unknown layout
    }
    return ZonedDateTime.of(date, time, zone).toInstant();
  }

  private static int month(String token) {
    String t = token.replace(".", "");
    return switch (t.substring(0, 3)) {
      case "jan" -> 1;
      case "feb" -> 2;
      case "mar" -> 3;
      case "apr" -> 4;
      case "may" -> 5;
      case "jun" -> 6;
      case "jul" -> 7;
      case "aug" -> 8;
      case "sep" -> 9;
      case "oct" -> 10;
      case "nov" -> 11;
      case "dec" -> 12;
      default -> throw new DateTimeException("month " + token);
    };
  }

  /** Two-digit years (18-Jul-20) pivot at 50: 00..49 are 2000s, 50..99 are 1900s. */
  private static int year(String token) {
    int y = Integer.parseInt(token);
    if (token.length() == 2) {
      return y < 50 ? 2000 + y : 1900 + y;
    }
    return y;
  }
}
