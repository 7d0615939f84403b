package org.storyline.trends;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.storyline.config.TrendsConfig;
import org.storyline.schema.Period;
import org.storyline.testing.TestSpark;

/** Trend statistics on a hand-made series, checked against values computed by hand. */
class TrendsTest {
  static final LocalDate MONDAY = LocalDate.of(2025, 3, 3);
  /** Articles of key x per day (days 0..11); day 10 has no article at all. */
  static final int[] X = {1, 0, 2, 1, 0, 5, 0, 4, 8, 10, 0, 0};
  /** Key y: absent, then 3, then absent (zero-variance baseline). */
  static final int[] Y = {0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0};
  static final int PER_DAY = 10;

  static Dataset<Row> articles;
  static Dataset<Row> items;
  static Dataset<Row> keys;
  static Map<String, Row> daily;

  @BeforeAll
  static void build() {
    SparkSession spark = TestSpark.session();
    List<Row> docs = new ArrayList<>();
    List<Row> its = new ArrayList<>();
    for (int day = 0; day < X.length; day++) {
      if (day == 10) {
        continue; // a day without any article: its calendar row must still exist
      }
      for (int i = 0; i < PER_DAY; i++) {
        String id = "d" + day + "-" + i;
        Timestamp published = Timestamp.valueOf(MONDAY.plusDays(day).atTime(12, i));
        docs.add(RowFactory.create(id, published));
        if (i < X[day]) {
          its.add(RowFactory.create("x", id, published));
        }
        if (i < Y[day]) {
          its.add(RowFactory.create("y", id, published));
        }
      }
    }
    articles = spark.createDataFrame(docs, new StructType().add("doc_id", DataTypes.StringType)
        .add("published", DataTypes.TimestampType));
    items = spark.createDataFrame(its, new StructType().add("key", DataTypes.StringType)
        .add("doc_id", DataTypes.StringType).add("published", DataTypes.TimestampType));
    keys = spark.createDataFrame(List.of(RowFactory.create("x"), RowFactory.create("y"), RowFactory.create("z")),
        new StructType().add("key", DataTypes.StringType));
    Dataset<Row> calendar = Trends.calendar(articles, List.of(Period.DAY, Period.WEEK));
    Dataset<Row> mentions = spark.createDataFrame(List.of(
            RowFactory.create("d5-0", "Kim Jong-un"), RowFactory.create("d5-0", "Vladimir Putin"),
            RowFactory.create("d5-1", "Kim Jong-un"), RowFactory.create("d5-1", "Kim Jong-un"),
            RowFactory.create("d5-2", "Xi Jinping"), RowFactory.create("d5-2", "Vladimir Putin"),
            RowFactory.create("d5-3", "Kim Jong-un"), RowFactory.create("d5-9", "Lionel Messi")),
        new StructType().add("doc_id", DataTypes.StringType).add("entity", DataTypes.StringType));
    Dataset<Row> top = Trends.topEntities(items, mentions, List.of("key"), List.of(Period.DAY, Period.WEEK), 2);
    TrendsConfig config = new TrendsConfig(3, 2, 1, 2, 10, 3);
    Dataset<Row> result = Trends.analyse(items.select("key", "published"), keys, calendar, List.of("key"), top,
        config);
    daily = new HashMap<>();
    for (Row r : result.collectAsList()) {
      daily.put(r.getString(0) + "/" + r.getString(1) + "/" + r.getDate(2), r);
    }
  }

  static Row row(String key, String period, int day) {
    return daily.get(key + "/" + period + "/" + Date.valueOf(MONDAY.plusDays(day)));
  }

  static Double value(Row r, String column) {
    return r.isNullAt(r.fieldIndex(column)) ? null : ((Number) r.get(r.fieldIndex(column))).doubleValue();
  }

  @Test
  void denseCalendarWithZerosAndShares() {
    assertThat(daily).as("3 keys x (12 days + 2 weeks)").hasSize(3 * 14);
    assertThat(row("x", "day", 5).getLong(row("x", "day", 5).fieldIndex("doc_count"))).as("count").isEqualTo(5);
    assertThat(value(row("x", "day", 5), "share")).as("share 5/10").isCloseTo(0.5, within(1e-12));
    assertThat(value(row("x", "day", 5), "weight")).as("unweighted items: weight = count").isEqualTo(5.0);
    Row gap = row("x", "day", 10);
    assertThat(gap).as("the day without articles has a row").isNotNull();
    assertThat(value(gap, "doc_count")).as("zero count").isEqualTo(0.0);
    assertThat(value(gap, "total_docs")).as("zero total").isEqualTo(0.0);
    assertThat(value(gap, "share")).as("share undefined without articles").isNull();
    assertThat(value(row("z", "day", 4), "doc_count")).as("a key with no article at all").isEqualTo(0.0);
    assertThat(value(row("x", "week", 0), "doc_count")).as("week 1 = 1+0+2+1+0+5+0").isEqualTo(9.0);
    assertThat(value(row("x", "week", 7), "doc_count")).as("week 2 = 4+8+10+0+0").isEqualTo(22.0);
    assertThat(value(row("x", "week", 7), "total_docs")).as("week 2 total: 4 days of 10").isEqualTo(40.0);
  }

  /**
   * A period's weight does not depend on the order its articles are added in: 0.1 + 0.2 + 0.3 is 0.6 in every
   * order (in doubles, (0.1 + 0.2) + 0.3 is 0.6000000000000001), so a nightly report equals the batch's exactly.
   */
  @Test
  void weightsSumToTheSameBitsInAnyOrder() {
    SparkSession spark = TestSpark.session();
    StructType schema = new StructType().add("key", DataTypes.StringType).add("published", DataTypes.TimestampType)
        .add("weight", DataTypes.DoubleType);
    Timestamp noon = Timestamp.valueOf("2025-03-05 12:00:00");
    List<Double> sums = new ArrayList<>();
    for (List<Double> order : List.of(List.of(0.1, 0.2, 0.3), List.of(0.3, 0.2, 0.1))) {
      List<Row> rows = order.stream().map(w -> RowFactory.create("t", noon, w)).toList();
      Dataset<Row> weighted = spark.createDataFrame(rows, schema).coalesce(1);
      Dataset<Row> series = Trends.series(weighted, weighted.select("key"),
          Trends.calendar(weighted.selectExpr("key AS doc_id", "published"), List.of(Period.DAY)), List.of("key"));
      sums.add(series.filter(col("period").equalTo("day")).first().getAs("weight"));
    }
    assertThat(sums).as("the day's weight, added in two orders").containsExactly(0.6, 0.6);
  }

  /** The calendar spans the articles' own first to last day, nothing wider: an outlier date widens nothing else. */
  @Test
  void theDenseCalendarSpansExactlyTheArticlesRange() {
    SparkSession spark = TestSpark.session();
    StructType schema = new StructType().add("key", DataTypes.StringType).add("doc_id", DataTypes.StringType)
        .add("published", DataTypes.TimestampType);
    Dataset<Row> two = spark.createDataFrame(List.of(
        RowFactory.create("t1", "first", Timestamp.valueOf("2025-03-05 23:30:00")),
        RowFactory.create("t2", "last", Timestamp.valueOf("2025-03-15 00:10:00"))), schema);
    Dataset<Row> calendar = Trends.calendar(two.select("doc_id", "published"),
        List.of(Period.DAY, Period.WEEK, Period.MONTH));
    assertThat(calendar.groupBy("period").count().collectAsList()).as("calendar rows per period")
        .extracting(r -> r.getString(0), r -> r.getLong(1))
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("day", 11L),
            org.assertj.core.groups.Tuple.tuple("week", 2L), org.assertj.core.groups.Tuple.tuple("month", 1L));
    assertThat(calendar.filter(col("period").equalTo("day")).selectExpr("cast(min(period_start) AS string)",
            "cast(max(period_start) AS string)", "sum(total_docs)").first())
        .as("first day, last day, articles").extracting(r -> r.getString(0), r -> r.getString(1), r -> r.getLong(2))
        .isEqualTo(org.assertj.core.groups.Tuple.tuple("2025-03-05", "2025-03-15", 2L).toList());
    Dataset<Row> series = Trends.series(two.select("key", "published"), two.select("key"), calendar, List.of("key"));
    assertThat(series.filter(col("period").equalTo("day")).groupBy("key").count().collectAsList())
        .as("11 day rows per topic").extracting(r -> r.getString(0), r -> r.getLong(1))
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("t1", 11L),
            org.assertj.core.groups.Tuple.tuple("t2", 11L));
  }

  @Test
  void changeAgainstThePreviousPeriod() {
    Double[] expected = {null, -1.0, null, -0.5, -1.0, null, -1.0, null, 1.0, 0.25, -1.0, null};
    // day 11: previous day 10 had 0 and day 11 has 0 -> 0
    expected[11] = 0.0;
    for (int day = 0; day < X.length; day++) {
      assertThat(value(row("x", "day", day), "change")).as("change of x on day %d", day).isEqualTo(expected[day]);
    }
    assertThat(value(row("x", "week", 7), "change")).as("week change (22 - 9) / 9")
        .isCloseTo(13.0 / 9, within(1e-12));
    assertThat(value(row("x", "week", 0), "change")).as("first week has no previous").isNull();
    assertThat(value(row("z", "day", 4), "change")).as("0 after 0").isEqualTo(0.0);
  }

  @Test
  void zScoreAgainstTheTrailingBaseline() {
    // baseline-days 3 -> the previous 3 days; sample standard deviation; floor of 1 on the deviation.
    Double[] expected = {null, null, null,
        (1 - 1.0) / 1,                       // window 1,0,2: mean 1, sd 1
        (0 - 1.0) / 1,                       // 0,2,1
        (5 - 1.0) / 1,                       // 2,1,0
        (0 - 2.0) / Math.sqrt(7),            // 1,0,5: mean 2, sd sqrt(14/2)
        (4 - 5 / 3.0) / Math.sqrt(150 / 18.0), // 0,5,0: mean 5/3, sd sqrt((25/9*2 + 100/9)/2)
        (8 - 3.0) / Math.sqrt(7),            // 5,0,4: mean 3, sd sqrt(14/2)
        (10 - 4.0) / 4};                     // 0,4,8: mean 4, sd 4
    for (int day = 0; day < expected.length; day++) {
      Double z = value(row("x", "day", day), "zscore");
      if (expected[day] == null) {
        assertThat(z).as("no complete baseline on day %d", day).isNull();
      } else {
        assertThat(z).as("z of x on day %d", day).isCloseTo(expected[day], within(1e-9));
      }
    }
    assertThat(value(row("y", "day", 3), "zscore")).as("flat baseline: sd floor 1 -> (3 - 0) / 1")
        .isCloseTo(3.0, within(1e-12));
    assertThat(value(row("y", "day", 4), "zscore")).as("window 0,0,3: mean 1, sd sqrt(3)")
        .isCloseTo(-1 / Math.sqrt(3), within(1e-9));
    assertThat(value(row("z", "day", 5), "zscore")).as("always zero: z 0").isEqualTo(0.0);
    assertThat(value(row("x", "week", 7), "zscore")).as("weeks need 3 previous weeks").isNull();
  }

  @Test
  void burstColumnsAndTopEntities() {
    // By hand (s 2, gamma 1, 12 days): p0 = 31 / 110, p1 = 2 p0; a day in the burst saves
    // r ln 2 + (10 - r) ln((1 - p1) / (1 - p0)) = 0.693 r - 0.498 (10 - r), and entering costs ln 12 = 2.48.
    // Savings by day: -3.79 -4.98 -2.60 -3.79 -4.98 0.97 -4.98 -0.22 4.55 6.93 0 -4.98: only days 8..9 pay for
    // the entry (day 5 saves less than it; day 7 and the empty day 10 would not add to the saving).
    for (int day = 0; day < X.length; day++) {
      Row r = row("x", "day", day);
      assertThat(r.getBoolean(r.fieldIndex("burst"))).as("burst of x on day %d", day).isEqualTo(day == 8 || day == 9);
    }
    Row busy = row("x", "day", 9);
    for (Row r : List.of(row("x", "day", 8), busy)) {
      assertThat(r.getDate(r.fieldIndex("burst_start"))).as("burst start: day 8")
          .isEqualTo(Date.valueOf(MONDAY.plusDays(8)));
      assertThat(r.getDate(r.fieldIndex("burst_end"))).as("burst end: day 9")
          .isEqualTo(Date.valueOf(MONDAY.plusDays(9)));
    }
    double p0 = 31 / 110.0;
    double p1 = 2 * p0;
    assertThat(value(busy, "burst_strength")).as("saving of days 8 and 9: 18 ln 2 + 2 ln((1 - p1) / (1 - p0))")
        .isCloseTo(18 * Math.log(2) + 2 * Math.log((1 - p1) / (1 - p0)), within(1e-9));
    Row quiet = row("x", "day", 1);
    assertThat(quiet.getBoolean(quiet.fieldIndex("burst"))).as("quiet day").isFalse();
    assertThat(value(quiet, "burst_strength")).as("no strength outside a burst").isEqualTo(0.0);
    assertThat(quiet.isNullAt(quiet.fieldIndex("burst_start"))).as("no start outside a burst").isTrue();

    Row five = row("x", "day", 5);
    assertThat(five.getList(five.fieldIndex("top_entities"))).as("by articles (Kim 3, Putin 2), top 2")
        .containsExactly("Kim Jong-un", "Vladimir Putin");
    Row none = row("x", "day", 6);
    assertThat(none.getList(none.fieldIndex("top_entities"))).as("no mentions: empty array").isEmpty();
    Row week = row("x", "week", 0);
    assertThat(week.getList(week.fieldIndex("top_entities"))).as("week: same articles")
        .containsExactly("Kim Jong-un", "Vladimir Putin");
  }

  @Test
  void baselinePeriodsPerPeriodKind() {
    assertThat(Trends.baselinePeriods(Period.DAY, 28)).as("day").isEqualTo(28);
    assertThat(Trends.baselinePeriods(Period.WEEK, 28)).as("week").isEqualTo(4);
    assertThat(Trends.baselinePeriods(Period.MONTH, 28)).as("month: at least 3").isEqualTo(3);
    assertThat(Trends.baselinePeriods(Period.WEEK, 30)).as("30 days: ceil(30/7)").isEqualTo(5);
    assertThat(Trends.baselinePeriods(Period.DAY, 2)).as("at least 3").isEqualTo(3);
  }

  @Test
  void emergingTermsBySmoothedLogRatio() {
    SparkSession spark = TestSpark.session();
    List<Row> rows = new ArrayList<>();
    for (int day = 0; day < 4; day++) {
      for (int i = 0; i < 4; i++) {
        List<String> terms = new ArrayList<>(List.of("gamma", "gamma"));
        if (day < 3 && i == 0) {
          terms.add("alpha");
        }
        if (day == 3) {
          terms.add("alpha");
          if (i < 3) {
            terms.add("beta");
          }
          if (i == 0) {
            terms.add("delta");
          }
        }
        rows.add(RowFactory.create(Timestamp.valueOf(MONDAY.plusDays(day).atTime(9, i)),
            terms.toArray(String[]::new)));
      }
    }
    Dataset<Row> docs = spark.createDataFrame(rows, new StructType().add("published", DataTypes.TimestampType)
        .add("terms", DataTypes.createArrayType(DataTypes.StringType)));
    Dataset<Row> calendar = Trends.calendar(docs, List.of(Period.DAY));
    List<Row> out = Trends.emergingTerms(Trends.dailyTermCounts(docs), calendar, List.of(Period.DAY), 3, 3, 2)
        .orderBy(col("period_start"), col("score").desc()).collectAsList();
    List<Row> day3 = out.stream().filter(r -> r.getDate(1).equals(Date.valueOf(MONDAY.plusDays(3)))).toList();
    assertThat(day3).as("top 2 of day 3").hasSize(2);
    assertThat(day3.get(0).getString(2)).as("beta is new").isEqualTo("beta");
    assertThat(day3.get(0).getLong(3)).as("beta count").isEqualTo(3);
    assertThat(day3.get(0).getDouble(4)).as("beta baseline").isEqualTo(0.0);
    assertThat(day3.get(0).getDouble(5)).as("ln(3.5/5) - ln(0.5/13)")
        .isCloseTo(Math.log(3.5 / 5) - Math.log(0.5 / 13), within(1e-9));
    assertThat(day3.get(1).getString(2)).as("alpha rose from 1 a day to 4").isEqualTo("alpha");
    assertThat(day3.get(1).getDouble(4)).as("alpha baseline 3 * 4 / 12").isCloseTo(1.0, within(1e-12));
    assertThat(day3.get(1).getDouble(5)).as("ln(4.5/5) - ln(3.5/13)")
        .isCloseTo(Math.log(4.5 / 5) - Math.log(3.5 / 13), within(1e-9));
    assertThat(out.stream().noneMatch(r -> r.getDate(1).equals(Date.valueOf(MONDAY)))).as("no baseline, no rows")
        .isTrue();
    assertThat(out.stream().noneMatch(r -> r.getString(2).equals("delta"))).as("below the minimum count")
        .isTrue();
  }

  /** A run with no analysed article (every one in another language, say) has an empty calendar: no rows, no crash. */
  @Test
  void noAnalysedArticleGivesAnEmptyCalendarAndNoTrendRows() {
    Dataset<Row> none = articles.limit(0);
    Dataset<Row> calendar = Trends.calendar(none, List.of(Period.DAY, Period.WEEK));
    assertThat(calendar.count()).as("calendar rows without articles").isZero();
    Dataset<Row> noItems = items.limit(0).select("key", "published");
    Dataset<Row> series = Trends.series(noItems, keys, calendar, List.of("key"));
    assertThat(series.count()).as("series rows over an empty calendar").isZero();
    assertThat(series.columns()).as("the series' columns all the same")
        .contains("key", "period", "period_start", "doc_count", "total_docs", "share");
  }

  @Test
  void emergingTermsRankedAgainOnlyWhereADayChangedEqualThoseOfEveryBucket() {
    // Ten weeks of articles with drifting terms; then a late article for day 20 and a new last day. Ranking again
    // only the buckets those days can change, from the days they and their baselines are made of, and keeping the
    // earlier rows of every other bucket, must give every row of a full ranking.
    SparkSession spark = TestSpark.session();
    java.util.Random random = new java.util.Random(11);
    String[] vocabulary = {"alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta"};
    List<Row> before = new ArrayList<>();
    for (int day = 0; day < 70; day++) {
      for (int i = 0; i < 1 + day % 3; i++) {
        before.add(termsRow(MONDAY.plusDays(day), i, random, vocabulary, day / 10));
      }
    }
    List<Row> after = new ArrayList<>(before);
    after.add(termsRow(MONDAY.plusDays(20), 7, random, vocabulary, 6));
    after.add(termsRow(MONDAY.plusDays(74), 0, random, vocabulary, 7));
    List<Period> periods = List.of(Period.DAY, Period.WEEK, Period.MONTH);
    int baselineDays = 14;
    Dataset<Row> published = emerging(spark, before, periods, baselineDays, null);
    Map<Period, java.util.Set<LocalDate>> ranked = Trends.emergingTermBuckets(periods,
        List.of(MONDAY.plusDays(20), MONDAY.plusDays(74)), baselineDays);
    assertThat(ranked.get(Period.DAY)).as("day 20 and the 14 after, day 74 and the 14 after").hasSize(30);
    assertThat(ranked.get(Period.WEEK)).as("two weeks and 3 after each (max(3, 2))").hasSize(8);
    java.util.Set<LocalDate> days = Trends.emergingTermDays(ranked, baselineDays);
    Dataset<Row> night = emerging(spark, after, periods, baselineDays, days)
        .filter(Period.inBuckets(ranked))
        .unionByName(published.filter(org.apache.spark.sql.functions.not(Period.inBuckets(ranked))));
    List<String> full = sorted(emerging(spark, after, periods, baselineDays, null));
    assertThat(full).as("rows of every period").hasSizeGreaterThan(100)
        .isNotEqualTo(sorted(published));
    assertThat(sorted(night)).as("ranked again where days changed + carried = full").isEqualTo(full);
  }

  private static Row termsRow(LocalDate day, int i, java.util.Random random, String[] vocabulary, int drift) {
    List<String> terms = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      terms.add(vocabulary[(drift + random.nextInt(4)) % vocabulary.length]);
    }
    return RowFactory.create(Timestamp.valueOf(day.atTime(8, i)), terms.toArray(String[]::new));
  }

  /** emerging_terms of the articles {@code rows}, their term counts from the days {@code days} only (null: all). */
  private static Dataset<Row> emerging(SparkSession spark, List<Row> rows, List<Period> periods, int baselineDays,
      java.util.Set<LocalDate> days) {
    Dataset<Row> docs = spark.createDataFrame(rows, new StructType().add("published", DataTypes.TimestampType)
        .add("terms", DataTypes.createArrayType(DataTypes.StringType)));
    Dataset<Row> counted = days == null ? docs : docs.filter(org.apache.spark.sql.functions.to_date(
        col("published")).cast("string").isin(days.stream().map(LocalDate::toString).toArray()));
    return Trends.emergingTerms(Trends.dailyTermCounts(counted), Trends.calendar(docs, periods), periods,
        baselineDays, 2, 3);
  }

  private static List<String> sorted(Dataset<Row> rows) {
    return rows.collectAsList().stream().map(Row::toString).sorted().toList();
  }
}
