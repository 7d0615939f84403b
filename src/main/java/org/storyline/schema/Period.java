package org.storyline.schema;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;

/**
 * The time buckets trends are reported in. Weeks are ISO weeks starting on Monday; all boundaries are in UTC
 * (the session time zone is pinned to UTC). {@link #ALL} is the whole run, reported by stages that need a total.
 */
public enum Period {
  DAY("day"), WEEK("week"), MONTH("month"), ALL("all");

  /** The first day of {@link #ALL}: every article falls in one bucket. */
  public static final LocalDate ALL_START = LocalDate.of(1970, 1, 1);

  private final String label;

  Period(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /**
   * The buckets of {@code published} in each of {@code periods}: an array of structs {@code (period: its label,
   * period_start: its start)}, one per period, for one explode that gives a row per input row and period.
   */
  public static Column buckets(java.util.List<Period> periods, Column published) {
    return array(periods.stream()
        .map(p -> struct(lit(p.label()).as(Col.PERIOD), p.start(published).as(Col.PERIOD_START)))
        .toArray(Column[]::new));
  }

  /** The first day of the period that contains the timestamp {@code published}, as a DATE column. */
  public Column start(Column published) {
    return switch (this) {
      case DAY -> to_date(published);
      case WEEK -> to_date(date_trunc("week", published));
      case MONTH -> to_date(date_trunc("month", published));
      case ALL -> lit(ALL_START);
    };
  }

  /** The same as {@link #start(Column)}, for a day on the driver. */
  public LocalDate start(LocalDate day) {
    return switch (this) {
      case DAY -> day;
      case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> day.withDayOfMonth(1);
      case ALL -> ALL_START;
    };
  }

  /** The first day of the period after the one starting on {@code start}. */
  public LocalDate next(LocalDate start) {
    return switch (this) {
      case DAY -> start.plusDays(1);
      case WEEK -> start.plusWeeks(1);
      case MONTH -> start.plusMonths(1);
      case ALL -> LocalDate.MAX;
    };
  }

  /**
   * Parses a period a user may ask for (day, week, month).
   *
   * @throws IllegalArgumentException naming the allowed values (the option parsers make it a configuration error)
   */
  public static Period parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (Period p : values()) {
      if (p != ALL && p.label.equals(v)) {
        return p;
      }
    }
    throw new IllegalArgumentException("--period should be day, week or month, value: " + value);
  }

  /** Every day of the buckets {@code buckets} (bucket starts per period): the articles their counts are made of. */
  public static Set<LocalDate> daysOf(Map<Period, Set<LocalDate>> buckets) {
    Set<LocalDate> days = new TreeSet<>();
    buckets.forEach((p, starts) -> {
      for (LocalDate s : starts) {
        for (LocalDate d = s; d.isBefore(p.next(s)); d = d.plusDays(1)) {
          days.add(d);
        }
      }
    });
    return days;
  }

  /** Rows of a table with {@code period, period_start} that fall in one of {@code buckets} (false for none). */
  public static Column inBuckets(Map<Period, Set<LocalDate>> buckets) {
    Column in = lit(false);
    for (Map.Entry<Period, Set<LocalDate>> e : buckets.entrySet()) {
      Column starts = e.getValue().isEmpty() ? lit(false)
          : col(Col.PERIOD_START).cast("string").isin(e.getValue().stream().map(LocalDate::toString).toArray());
      in = in.or(col(Col.PERIOD).equalTo(e.getKey().label()).and(starts));
    }
    return in;
  }
}
