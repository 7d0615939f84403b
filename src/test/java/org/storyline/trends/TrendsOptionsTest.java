package org.storyline.trends;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.storyline.cli.OptionCase;
import org.storyline.config.JobConfig;
import org.storyline.schema.Col;
import org.storyline.testing.TestSpark;

/**
 * Every trend option of {@code storyline run} changes what it governs: each case parses the option through the
 * command's own parser and runs what the pipeline's trends and topics stages run (Trends.calendar, analyse,
 * topEntities, emergingTerms) on the hand-made series of {@link TrendsTest} (key x: 1 0 2 1 0 5 0 4 8 10 0 0
 * articles of 10 a day, day 10 without articles) and the terms of its emerging-terms test.
 */
class TrendsOptionsTest {
  private static final SparkSession SPARK = TestSpark.session();
  private static final List<String> DAYS = List.of("--input", "in", "--output", "out", "--period", "day");

  private static Dataset<Row> articles() {
    List<Row> docs = new ArrayList<>();
    for (int day = 0; day < TrendsTest.X.length; day++) {
      if (day == 10) {
        continue;
      }
      for (int i = 0; i < TrendsTest.PER_DAY; i++) {
        docs.add(RowFactory.create("d" + day + "-" + i,
            Timestamp.valueOf(TrendsTest.MONDAY.plusDays(day).atTime(12, i))));
      }
    }
    return SPARK.createDataFrame(docs, new StructType().add("doc_id", DataTypes.StringType)
        .add("published", DataTypes.TimestampType));
  }

  private static Dataset<Row> items() {
    List<Row> its = new ArrayList<>();
    for (int day = 0; day < TrendsTest.X.length; day++) {
      for (int i = 0; i < TrendsTest.X[day]; i++) {
        its.add(RowFactory.create("x", "d" + day + "-" + i,
            Timestamp.valueOf(TrendsTest.MONDAY.plusDays(day).atTime(12, i))));
      }
    }
    return SPARK.createDataFrame(its, new StructType().add("key", DataTypes.StringType)
        .add("doc_id", DataTypes.StringType).add("published", DataTypes.TimestampType));
  }

  /** x's daily rows: "day zscore burst strength top_entities", in day order. */
  private static List<String> series(JobConfig config) {
    Dataset<Row> items = items();
    Dataset<Row> mentions = SPARK.createDataFrame(List.of(
            RowFactory.create("d5-0", "Kim Jong-un"), RowFactory.create("d5-0", "Vladimir Putin"),
            RowFactory.create("d5-1", "Kim Jong-un"), RowFactory.create("d5-2", "Xi Jinping"),
            RowFactory.create("d5-2", "Vladimir Putin"), RowFactory.create("d5-3", "Kim Jong-un")),
        new StructType().add("doc_id", DataTypes.StringType).add("entity", DataTypes.StringType));
    Dataset<Row> keys = SPARK.createDataFrame(List.of(RowFactory.create("x")),
        new StructType().add("key", DataTypes.StringType));
    Dataset<Row> calendar = Trends.calendar(articles(), config.periods());
    Dataset<Row> top = Trends.topEntities(items, mentions, List.of("key"), config.periods(),
        config.trends().topEntities());
    List<String> out = new ArrayList<>();
    for (Row r : Trends.analyse(items.select("key", "published"), keys, calendar, List.of("key"), top,
        config.trends()).orderBy(Col.PERIOD_START).collectAsList()) {
      int day = (int) (r.getDate(r.fieldIndex(Col.PERIOD_START)).toLocalDate().toEpochDay()
          - TrendsTest.MONDAY.toEpochDay());
      Object z = r.get(r.fieldIndex(Trends.ZSCORE));
      out.add(day + " " + (z == null ? "-" : String.format("%.6f", (Double) z)) + " "
          + (r.getBoolean(r.fieldIndex(Trends.BURST)) ? "burst " + String.format("%.6f",
          ((Number) r.get(r.fieldIndex(Trends.BURST_STRENGTH))).doubleValue()) : "-") + " "
          + r.getList(r.fieldIndex(Trends.TOP_ENTITIES)));
    }
    return out;
  }

  /**
   * Four days of four articles: gamma in every article, alpha in one a day then in all four on day 3, beta in
   * three articles and delta in one, both on day 3 only. Rows: "day term count".
   */
  private static List<String> emergingTerms(JobConfig config) {
    List<Row> rows = new ArrayList<>();
    for (int day = 0; day < 4; day++) {
      for (int i = 0; i < 4; i++) {
        List<String> terms = new ArrayList<>(List.of("gamma"));
        if (day < 3 && i == 0 || day == 3) {
          terms.add("alpha");
        }
        if (day == 3 && i < 3) {
          terms.add("beta");
        }
        if (day == 3 && i == 0) {
          terms.add("delta");
        }
        rows.add(RowFactory.create(Timestamp.valueOf(TrendsTest.MONDAY.plusDays(day).atTime(9, i)),
            terms.toArray(String[]::new)));
      }
    }
    Dataset<Row> docs = SPARK.createDataFrame(rows, new StructType().add("published", DataTypes.TimestampType)
        .add("terms", DataTypes.createArrayType(DataTypes.StringType)));
    Dataset<Row> calendar = Trends.calendar(docs, config.periods());
    return Trends.emergingTerms(Trends.dailyTermCounts(docs), calendar, config.periods(),
            config.trends().baselineDays(),
            config.trends().emergingMinCount(), config.trends().emergingTerms()).collectAsList().stream()
        .map(r -> (r.getDate(r.fieldIndex(Col.PERIOD_START)).toLocalDate().toEpochDay()
            - TrendsTest.MONDAY.toEpochDay()) + " " + r.getAs(Trends.TERM) + " " + r.<Long>getAs(Trends.COUNT))
        .sorted().toList();
  }

  private static final Function<JobConfig, Object> SERIES = TrendsOptionsTest::series;
  private static final Function<JobConfig, Object> EMERGING = TrendsOptionsTest::emergingTerms;

  private static final List<String> EMERGING_DEFAULT = List.of("1 gamma 4", "2 gamma 4", "3 alpha 4", "3 beta 3",
      "3 gamma 4");

  private static final double P0 = 31 / 110.0;

  /** Kleinberg's saving of days 8 and 9 (8 and 10 of 10 articles) at burst rate s * p0. */
  private static String strength(double s) {
    return String.format("%.6f", 18 * Math.log(s) + 2 * Math.log((1 - s * P0) / (1 - P0)));
  }

  /** x's rows with baseline 28 days (no z-score in 12 days), bursts on days 8 and 9 of the given strength. */
  private static List<String> seriesWith(String[] z, String strength, List<String> topOfDay5) {
    List<String> out = new ArrayList<>();
    for (int day = 0; day < 12; day++) {
      out.add(day + " " + z[day] + " " + (strength != null && (day == 8 || day == 9) ? "burst " + strength : "-")
          + " " + (day == 5 ? topOfDay5 : List.of()));
    }
    return out;
  }

  private static final String[] NO_Z = {"-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-"};
  private static final List<String> TOP3 = List.of("Kim Jong-un", "Vladimir Putin", "Xi Jinping");

  private static String f(double v) {
    return String.format("%.6f", v);
  }

  static Stream<OptionCase> cases() {
    List<String> byDefault = seriesWith(NO_Z, strength(2), TOP3);
    // TrendsTest's z-scores with a 3-day baseline (sample sd, floor 1); day 10 0 (window 8,10,... see below).
    String[] z3 = {"-", "-", "-", f(0), f(-1), f(4), f(-2 / Math.sqrt(7)), f((4 - 5 / 3.0) / Math.sqrt(150 / 18.0)),
        f(5 / Math.sqrt(7)), f(6 / 4.0),
        // day 10: window 4, 8, 10: mean 22/3, sd sqrt(((10/3)^2 + (2/3)^2 + (8/3)^2) / 2) = sqrt(28/3)
        f((0 - 22 / 3.0) / Math.sqrt(28 / 3.0)),
        // day 11: window 8, 10, 0: mean 6, sd sqrt((4 + 16 + 36) / 2) = sqrt(28)
        f((0 - 6.0) / Math.sqrt(28))};
    return Stream.of(
        OptionCase.of("--baseline-days", SERIES, byDefault, seriesWith(z3, strength(2), TOP3),
            "--baseline-days", "3").withBase(DAYS.toArray(String[]::new)),
        OptionCase.of("--burst-s", SERIES, byDefault, seriesWith(NO_Z, strength(3), TOP3),
            "--burst-s", "3").withBase(DAYS.toArray(String[]::new)),
        // Entering the burst state costs 5 ln 12 = 12.4, more than days 8 and 9 save (4.55 + 6.93).
        OptionCase.of("--burst-gamma", SERIES, byDefault, seriesWith(NO_Z, null, TOP3),
            "--burst-gamma", "5").withBase(DAYS.toArray(String[]::new)),
        OptionCase.of("--top-entities", SERIES, byDefault, seriesWith(NO_Z, strength(2), List.of("Kim Jong-un")),
            "--top-entities", "1").withBase(DAYS.toArray(String[]::new)),
        // Every term of 3+ articles in days 1-3 (day 0 has no baseline), ranked by the smoothed log-ratio: day 3
        // beta ln(3.5/5) - ln(0.5/13) = 2.90, alpha ln(4.5/5) - ln(3.5/13) = 1.21, gamma ln(4.5/5) - ln(12.5/13).
        OptionCase.of("--emerging-terms", EMERGING, EMERGING_DEFAULT,
            List.of("1 gamma 4", "2 gamma 4", "3 beta 3"),
            "--emerging-terms", "1").withBase("--input", "in", "--output", "out", "--period", "day",
            "--baseline-days", "3"),
        // Down to one article: alpha on days 1 and 2, delta on day 3.
        OptionCase.of("--emerging-min-count", EMERGING, EMERGING_DEFAULT,
            List.of("1 alpha 1", "1 gamma 4", "2 alpha 1", "2 gamma 4", "3 alpha 4", "3 beta 3", "3 delta 1",
                "3 gamma 4"),
            "--emerging-min-count", "1").withBase("--input", "in", "--output", "out", "--period", "day",
            "--baseline-days", "3"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theOptionChangesWhatItGoverns(OptionCase c) {
    c.check();
  }
}
