package org.storyline.trends;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.arrays_zip;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.inline;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.storyline.config.TrendsConfig;
import org.storyline.schema.Col;
import org.storyline.schema.Period;
import org.storyline.schema.Schemas;

/**
 * Trend statistics of anything that can be counted per article (an LDA topic, a tracked query, an entity), per
 * period (day, ISO week, month; UTC), as composable {@code Dataset<Row> -> Dataset<Row>} steps:
 *
 * <ol>
 *   <li>{@link #calendar}: the dense calendar of periods between the first and the last article, with the number
 *       of articles in each ({@code total_docs}), so that periods without any article of a topic still exist;
 *   <li>{@link #series}: per key and calendar period, {@code doc_count}, {@code weight}, {@code share};
 *   <li>{@link #withChange}, {@link #withZScore}, {@link #withBursts}: the statistics, each on its own;
 *   <li>{@link #topEntities}: the entities most often in a key's articles per period;
 *   <li>{@link #analyse}: all of them in order, as the report tables carry them;
 *   <li>{@link #emergingTerms}: terms whose article frequency jumps against the trailing baseline.
 * </ol>
 *
 * Definitions (docs/topics.md has the formulas with examples): {@code change} is the relative change of
 * {@code doc_count} against the previous period; {@code zscore} compares {@code doc_count} with the mean and
 * standard deviation of the previous {@link #baselinePeriods} periods; the burst columns come from
 * {@link Kleinberg}. Everything here is corpus-level and cheap: it runs on per-article results (topic
 * assignments, query matches) that an incremental run can keep from earlier runs.
 */
public final class Trends {
  private Trends() {}

  public static final String TOTAL_DOCS = "total_docs";
  public static final String WEIGHT = "weight";
  /** Topic weights (in [0, 1]) to 18 decimal places; sums of a hundred billion of them still fit. */
  private static final String EXACT_WEIGHT = "decimal(38,18)";
  public static final String CHANGE = "change";
  public static final String ZSCORE = "zscore";
  public static final String BURST = "burst";
  public static final String BURST_STRENGTH = "burst_strength";
  public static final String BURST_START = "burst_start";
  public static final String BURST_END = "burst_end";
  public static final String TOP_ENTITIES = "top_entities";
  public static final String TERM = "term";
  public static final String COUNT = "count";
  public static final String BASELINE = "baseline";
  public static final String SCORE = "score";

  /** The nominal length in days of a period, for sizing the baseline window. */
  static int nominalDays(Period period) {
    return switch (period) {
      case DAY -> 1;
      case WEEK -> 7;
      case MONTH -> 30;
      case ALL -> throw new IllegalArgumentException("no baseline for the whole run");
    };
  }

  /**
   * How many previous periods form the trailing baseline of {@code baselineDays} days: {@code max(3,
   * ceil(baselineDays / nominal length))} with lengths day 1, week 7, month 30. Defaults (28 days): 28 days, 4
   * weeks, 3 months (at least three periods, so that a standard deviation means something).
   */
  public static int baselinePeriods(Period period, int baselineDays) {
    return Math.max(3, (baselineDays + nominalDays(period) - 1) / nominalDays(period));
  }

  /** A whole number that grows by one from each period to the next: days, weeks or months since 1970. */
  public static Column periodIndex(Period period, Column periodStart) {
    return switch (period) {
      case DAY -> datediff(periodStart, lit(LocalDate.of(1970, 1, 1)));
      case WEEK -> datediff(periodStart, lit(LocalDate.of(1970, 1, 5))).divide(7).cast("int");
      case MONTH -> year(periodStart).multiply(12).plus(month(periodStart));
      case ALL -> lit(0);
    };
  }

  // ---------------------------------------------------------------------------------------------------------
  // Calendar and series.

  /**
   * The dense calendar: for each period, every period from the one holding the first article to the one holding
   * the last, with the number of articles in it. Needs {@code published}; the caller filters the articles that
   * count (analysed languages, no duplicates). Adds nothing: returns {@code period, period_start, total_docs}.
   * Only two dates reach the driver.
   */
  public static Dataset<Row> calendar(Dataset<Row> articles, List<Period> periods) {
    Schemas.requireColumns("trends calendar", articles, Col.PUBLISHED);
    SparkSession spark = articles.sparkSession();
    // As ISO strings: decoding a DateType on the driver needs sun.util.calendar opened to Spark, which a JVM
    // started without Spark's launcher flags may not have.
    Row bounds = articles.agg(min(to_date(col(Col.PUBLISHED))).cast("string"),
        max(to_date(col(Col.PUBLISHED))).cast("string")).first();
    List<Row> rows = new ArrayList<>();
    if (!bounds.isNullAt(0)) {
      LocalDate first = toLocalDate(bounds.get(0));
      LocalDate last = toLocalDate(bounds.get(1));
      for (Period p : periods) {
        for (LocalDate d = p.start(first); !d.isAfter(last); d = p.next(d)) {
          rows.add(RowFactory.create(p.label(), Date.valueOf(d)));
        }
      }
    }
    StructType schema = new StructType()
        .add(Col.PERIOD, DataTypes.StringType, false)
        .add(Col.PERIOD_START, DataTypes.DateType, false);
    Dataset<Row> days = spark.createDataFrame(rows, schema);
    Dataset<Row> counts = byPeriod(articles.select(col(Col.PUBLISHED)), periods)
        .groupBy(Col.PERIOD, Col.PERIOD_START).agg(count(lit(1)).as(TOTAL_DOCS));
    return days.join(counts, toSeq(List.of(Col.PERIOD, Col.PERIOD_START)), "left")
        .select(col(Col.PERIOD), col(Col.PERIOD_START), coalesce(col(TOTAL_DOCS), lit(0L)).as(TOTAL_DOCS));
  }

  private static LocalDate toLocalDate(Object value) {
    return value instanceof LocalDate d ? d : value instanceof Date d ? d.toLocalDate() : LocalDate.parse((String) value);
  }

  /**
   * Adds {@code period} and {@code period_start} (from {@code published}): one row per input row and period, by one
   * explode, so the input's plan runs once whatever the number of periods (a union of one copy per period would
   * scan and join it once per period). No periods (an empty calendar: no analysed article) gives no rows, with the
   * same columns.
   */
  public static Dataset<Row> byPeriod(Dataset<Row> rows, List<Period> periods) {
    if (periods.isEmpty()) {
      return rows.limit(0).withColumns(Map.of(
          Col.PERIOD, lit(null).cast("string"), Col.PERIOD_START, to_date(col(Col.PUBLISHED))));
    }
    return rows.withColumn("_bucket", explode(Period.buckets(periods, col(Col.PUBLISHED))))
        .select(plus(cols(List.of(rows.columns())), List.of(col("_bucket." + Col.PERIOD).as(Col.PERIOD),
            col("_bucket." + Col.PERIOD_START).as(Col.PERIOD_START))));
  }

  /**
   * Per key and calendar period: {@code doc_count} (rows of {@code items} in the period), {@code weight} (sum of
   * the items' {@code weight} column, or {@code doc_count} when items have none), {@code total_docs} and
   * {@code share = doc_count / total_docs} (null for a period without articles). Every key of {@code keys} gets
   * every calendar period, zeros included.
   *
   * @param items one row per (key, article): the key columns, {@code published} and optionally {@code weight}
   * @param keys the distinct keys (so that keys without any article still get rows)
   * @param calendar {@link #calendar}
   * @param keyColumns the key column names
   */
  public static Dataset<Row> series(Dataset<Row> items, Dataset<Row> keys, Dataset<Row> calendar,
      List<String> keyColumns) {
    Schemas.requireColumns("trends series", items, names(keyColumns, List.of(Col.PUBLISHED)));
    boolean weighted = List.of(items.columns()).contains(WEIGHT);
    List<String> periods = calendar.select(Col.PERIOD).distinct().as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList();
    Dataset<Row> perPeriod = byPeriod(items, periods.stream().map(Period::parse).sorted().toList());
    // Weights are summed as decimals: exact, so the sum does not depend on the order Spark adds the rows in (a
    // nightly report must equal the batch's bit for bit, and a period's weight the sum of its days').
    Column weight = weighted ? sum(col(WEIGHT).cast(EXACT_WEIGHT)).cast("double") : count(lit(1)).cast("double");
    Dataset<Row> counts = perPeriod.groupBy(columns(concat(keyColumns, List.of(Col.PERIOD, Col.PERIOD_START))))
        .agg(count(lit(1)).as(Col.DOC_COUNT), weight.as(WEIGHT));
    List<String> joinKeys = concat(keyColumns, List.of(Col.PERIOD, Col.PERIOD_START));
    List<Column> out = new ArrayList<>(cols(joinKeys));
    out.add(coalesce(col(Col.DOC_COUNT), lit(0L)).as(Col.DOC_COUNT));
    out.add(coalesce(col(WEIGHT), lit(0.0)).as(WEIGHT));
    out.add(col(TOTAL_DOCS));
    out.add(when(col(TOTAL_DOCS).gt(0), coalesce(col(Col.DOC_COUNT), lit(0L)).divide(col(TOTAL_DOCS)))
        .as(Col.SHARE));
    return keys.select(columns(keyColumns)).distinct().crossJoin(calendar)
        .join(counts, toSeq(joinKeys), "left")
        .select(out.toArray(Column[]::new));
  }

  // ---------------------------------------------------------------------------------------------------------
  // Statistics.

  private static WindowSpec ordered(List<String> keyColumns) {
    return Window.partitionBy(columns(concat(keyColumns, List.of(Col.PERIOD)))).orderBy(col(Col.PERIOD_START));
  }

  /**
   * Adds {@code change}: the relative change of {@code doc_count} against the previous calendar period,
   * {@code (c[t] - c[t-1]) / c[t-1]}; 0 when both are 0; null when the previous period had none but this one has
   * some (an unbounded rise), and null in the first period of the calendar (no previous period). Needs a dense
   * series ({@link #series}).
   */
  public static Dataset<Row> withChange(Dataset<Row> series, List<String> keyColumns) {
    Schemas.requireColumns("trends change", series,
        names(keyColumns, List.of(Col.PERIOD, Col.PERIOD_START, Col.DOC_COUNT)));
    Column previous = lag(col(Col.DOC_COUNT), 1).over(ordered(keyColumns));
    Column current = col(Col.DOC_COUNT);
    return series.withColumn(CHANGE,
        when(previous.isNull(), lit(null).cast("double"))
            .when(previous.equalTo(0), when(current.equalTo(0), lit(0.0)).otherwise(lit(null).cast("double")))
            .otherwise(current.minus(previous).divide(previous)));
  }

  /**
   * Adds {@code zscore}: {@code (c[t] - mean) / max(sd, 1)} where mean and sd (sample standard deviation, n - 1)
   * are those of {@code doc_count} over the previous {@code N = }{@link #baselinePeriods} calendar periods. The
   * floor of one article on the deviation is the zero-variance rule: a flat baseline (sd = 0, e.g. a topic absent
   * for four weeks) gives {@code c[t] - mean}, the rise in articles, instead of an infinite score, and a rise of
   * one article over a near-empty baseline does not look like a rare event. Null for the first {@code N} periods
   * of the calendar (no complete baseline yet). Needs a dense series.
   */
  public static Dataset<Row> withZScore(Dataset<Row> series, List<String> keyColumns, int baselineDays) {
    Schemas.requireColumns("trends zscore", series,
        names(keyColumns, List.of(Col.PERIOD, Col.PERIOD_START, Col.DOC_COUNT)));
    Column z = lit(null).cast("double");
    for (Period p : List.of(Period.DAY, Period.WEEK, Period.MONTH)) {
      int n = baselinePeriods(p, baselineDays);
      WindowSpec w = ordered(keyColumns).rowsBetween(-n, -1);
      Column c = col(Col.DOC_COUNT).cast("double");
      Column mean = avg(c).over(w);
      Column sd = coalesce(stddev_samp(c).over(w), lit(0.0));
      Column complete = count(c).over(w).equalTo(n);
      z = when(col(Col.PERIOD).equalTo(p.label()),
          when(complete, c.minus(mean).divide(greatest(sd, lit(1.0))))).otherwise(z);
    }
    return series.withColumn(ZSCORE, z);
  }

  /**
   * Adds {@code burst} (boolean), {@code burst_strength} (0 outside bursts), {@code burst_start} and
   * {@code burst_end} (first and last period_start of the burst; null outside bursts) from {@link Kleinberg} run on
   * each key's series of {@code doc_count} out of {@code total_docs}. Needs a dense series: the automaton's
   * entering cost depends on the number of periods. Runs once per key and period kind (a grouped UDF).
   */
  public static Dataset<Row> withBursts(Dataset<Row> series, List<String> keyColumns, double s, double gamma) {
    Schemas.requireColumns("trends bursts", series,
        names(keyColumns, List.of(Col.PERIOD, Col.PERIOD_START, Col.DOC_COUNT, TOTAL_DOCS)));
    List<String> carried = Stream.of(series.columns())
        .filter(c -> !keyColumns.contains(c) && !c.equals(Col.PERIOD) && !c.equals(Col.PERIOD_START)).toList();
    List<Column> fields = new ArrayList<>();
    fields.add(col(Col.PERIOD_START));
    carried.forEach(c -> fields.add(col(c)));
    List<Column> groupBy = cols(concat(keyColumns, List.of(Col.PERIOD)));
    Dataset<Row> grouped = series.groupBy(groupBy.toArray(Column[]::new))
        .agg(array_sort(collect_list(struct(fields.toArray(Column[]::new)))).as("_points"));
    Column bursts = BurstUdf.apply(s, gamma,
        transform(col("_points"), x -> x.getField(Col.PERIOD_START)),
        transform(col("_points"), x -> x.getField(Col.DOC_COUNT)),
        transform(col("_points"), x -> x.getField(TOTAL_DOCS)));
    Dataset<Row> zipped = grouped
        .select(plus(groupBy, List.of(inline(arrays_zip(col("_points"), bursts.as("_bursts"))))));
    List<Column> out = new ArrayList<>(cols(keyColumns));
    out.add(col(Col.PERIOD));
    out.add(col("_points." + Col.PERIOD_START).as(Col.PERIOD_START));
    carried.forEach(c -> out.add(col("_points." + c).as(c)));
    for (String c : List.of(BURST, BURST_STRENGTH, BURST_START, BURST_END)) {
      out.add(col("_bursts." + c).as(c));
    }
    return zipped.select(out.toArray(Column[]::new));
  }

  /**
   * Per key and period, the {@code n} entities found in most of the key's articles of that period (ties by name),
   * as {@code top_entities} (array of entity names, most frequent first). Only periods where the key has
   * articles with entities appear.
   *
   * @param items one row per (key, article): key columns, {@code doc_id}, {@code published}
   * @param mentions {@code entity_mentions}: {@code doc_id}, {@code entity} (one row per mention)
   */
  public static Dataset<Row> topEntities(Dataset<Row> items, Dataset<Row> mentions, List<String> keyColumns,
      List<Period> periods, int n) {
    Schemas.requireColumns("trends top entities", items,
        names(keyColumns, List.of(Col.DOC_ID, Col.PUBLISHED)));
    Schemas.requireColumns("trends top entities", mentions, Col.DOC_ID, Col.ENTITY);
    Dataset<Row> docEntities = mentions.select(col(Col.DOC_ID), col(Col.ENTITY)).where(col(Col.ENTITY).isNotNull())
        .distinct();
    List<String> group = concat(keyColumns, List.of(Col.PERIOD, Col.PERIOD_START));
    // Articles per key, day and entity first, then summed into each period: an article falls on one day, so a
    // period's count is the sum of its days'. The join with the mentions then runs once, not once per period.
    List<String> daily = concat(keyColumns, List.of(Col.PUBLISHED, Col.ENTITY));
    Dataset<Row> perDay = items
        .select(plus(cols(keyColumns), List.of(col(Col.DOC_ID), to_date(col(Col.PUBLISHED)).as(Col.PUBLISHED))))
        .join(docEntities, Col.DOC_ID)
        .groupBy(columns(daily))
        .agg(countDistinct(col(Col.DOC_ID)).as("_docs"));
    Dataset<Row> counted = byPeriod(perDay, periods)
        .groupBy(columns(concat(group, List.of(Col.ENTITY))))
        .agg(sum(col("_docs")).as("_docs"));
    WindowSpec rank = Window.partitionBy(columns(group))
        .orderBy(col("_docs").desc(), col(Col.ENTITY));
    return counted.withColumn("_rank", row_number().over(rank))
        .where(col("_rank").leq(n))
        .groupBy(columns(group))
        .agg(array_sort(collect_list(struct(col("_rank"), col(Col.ENTITY)))).as("_top"))
        .select(plus(cols(group),
            List.of(transform(col("_top"), x -> x.getField(Col.ENTITY)).as(TOP_ENTITIES))));
  }

  /**
   * Every statistic in order: {@link #series}, {@link #withChange}, {@link #withZScore}, {@link #withBursts} and
   * {@code top_entities} (an empty array where {@code topEntities} is null or has no row). Columns: keys,
   * {@code period, period_start, doc_count, weight, share, total_docs, change, zscore, burst, burst_strength,
   * burst_start, burst_end, top_entities}.
   */
  public static Dataset<Row> analyse(Dataset<Row> items, Dataset<Row> keys, Dataset<Row> calendar,
      List<String> keyColumns, Dataset<Row> topEntities, TrendsConfig config) {
    Dataset<Row> stats = withBursts(
        withZScore(withChange(series(items, keys, calendar, keyColumns), keyColumns), keyColumns,
            config.baselineDays()),
        keyColumns, config.burstS(), config.burstGamma());
    List<String> joinKeys = concat(keyColumns, List.of(Col.PERIOD, Col.PERIOD_START));
    Column emptyEntities = org.apache.spark.sql.functions.array().cast("array<string>");
    Dataset<Row> joined = topEntities == null
        ? stats.withColumn(TOP_ENTITIES, emptyEntities)
        : stats.join(topEntities, toSeq(joinKeys), "left")
            .withColumn(TOP_ENTITIES, coalesce(col(TOP_ENTITIES), emptyEntities));
    List<Column> out = new ArrayList<>(cols(keyColumns));
    for (String c : List.of(Col.PERIOD, Col.PERIOD_START, Col.DOC_COUNT, WEIGHT, Col.SHARE, TOTAL_DOCS, CHANGE,
        ZSCORE, BURST, BURST_STRENGTH, BURST_START, BURST_END, TOP_ENTITIES)) {
      out.add(col(c));
    }
    return joined.select(out.toArray(Column[]::new));
  }

  // ---------------------------------------------------------------------------------------------------------
  // Emerging terms.

  /** Column of {@link #dailyTermCounts}: the day. */
  static final String DAY = "_day";

  /**
   * Article frequency per day and term ({@code _day, term, count}): the one pass over the articles' terms that
   * {@link #emergingTerms} needs. A week's or a month's count is the sum of its days' (an article falls on one day
   * and counts a term once), so every period rolls up from these rows.
   *
   * @param docTerms one row per article: {@code published} and {@code terms} (array of terms, stop words already
   *     removed; repeated terms count once)
   */
  public static Dataset<Row> dailyTermCounts(Dataset<Row> docTerms) {
    Schemas.requireColumns("emerging terms", docTerms, Col.PUBLISHED, "terms");
    return docTerms
        .select(to_date(col(Col.PUBLISHED)).as(DAY),
            explode(org.apache.spark.sql.functions.array_distinct(col("terms"))).as(TERM))
        .groupBy(DAY, TERM).agg(count(lit(1)).as(COUNT));
  }

  /**
   * The buckets of each period whose {@link #emergingTerms} rows can change when the articles of {@code days}
   * change: each day's bucket and the {@link #baselinePeriods} buckets after it, whose baselines hold it (the
   * calendar is dense, so "after" counts empty buckets too). Every other bucket has the same counts, baseline and
   * totals as before, and so the same rows.
   */
  public static Map<Period, Set<LocalDate>> emergingTermBuckets(List<Period> periods,
      Collection<LocalDate> days, int baselineDays) {
    Map<Period, Set<LocalDate>> out = new EnumMap<>(Period.class);
    for (Period p : periods) {
      int n = baselinePeriods(p, baselineDays);
      Set<LocalDate> buckets = new TreeSet<>();
      for (LocalDate d : days) {
        LocalDate b = p.start(d);
        for (int k = 0; k <= n; k++, b = p.next(b)) {
          buckets.add(b);
        }
      }
      if (!buckets.isEmpty()) {
        out.put(p, buckets);
      }
    }
    return out;
  }

  /**
   * Every day of the buckets {@code buckets} and of the {@link #baselinePeriods} buckets before each: the days whose
   * term counts the {@link #emergingTerms} rows of those buckets are made of.
   */
  public static Set<LocalDate> emergingTermDays(Map<Period, Set<LocalDate>> buckets,
      int baselineDays) {
    Map<Period, Set<LocalDate>> withBaselines = new EnumMap<>(Period.class);
    buckets.forEach((p, starts) -> {
      int n = baselinePeriods(p, baselineDays);
      Set<LocalDate> all = withBaselines.computeIfAbsent(p, k -> new TreeSet<>());
      for (LocalDate s : starts) {
        LocalDate b = s;
        for (int k = 0; k <= n; k++, b = p.start(b.minusDays(1))) {
          all.add(b);
        }
      }
    });
    return Period.daysOf(withBaselines);
  }

  /**
   * Per period, the {@code top} terms whose article frequency rises most against the trailing baseline (the
   * previous {@link #baselinePeriods} periods): with {@code c} the articles of the period containing the term,
   * {@code D} the period's articles, {@code b} and {@code B} the same over the baseline periods, the smoothed
   * log-ratio {@code score = ln((c + 0.5) / (D + 1)) - ln((b + 0.5) / (B + 1))}. Kept: terms with {@code c >=
   * minCount} in periods whose baseline holds at least one article. Columns: {@code period, period_start, term,
   * count (c), baseline (b * D / B, the count expected at the baseline rate), score}.
   *
   * @param daily {@link #dailyTermCounts} of the articles (cache it: every period rolls up from it)
   * @param calendar {@link #calendar} of the same articles (cache it too: every period reads it)
   */
  public static Dataset<Row> emergingTerms(Dataset<Row> daily, Dataset<Row> calendar, List<Period> periods,
      int baselineDays, int minCount, int top) {
    Schemas.requireColumns("emerging terms", daily, DAY, TERM, COUNT);
    Dataset<Row> out = null;
    for (Period p : periods) {
      int n = baselinePeriods(p, baselineDays);
      Dataset<Row> perPeriod = p == Period.DAY
          ? daily.select(col(DAY).as(Col.PERIOD_START), col(TERM), col(COUNT))
          : daily.groupBy(p.start(col(DAY)).as(Col.PERIOD_START), col(TERM)).agg(sum(col(COUNT)).as(COUNT));
      Dataset<Row> counts = perPeriod.withColumn("_idx", periodIndex(p, col(Col.PERIOD_START)));
      Column baseline = coalesce(sum(col(COUNT)).over(
          Window.partitionBy(TERM).orderBy(col("_idx")).rangeBetween(-n, -1)), lit(0L));
      Dataset<Row> totals = calendar.where(col(Col.PERIOD).equalTo(p.label()))
          .withColumn("_baseline_docs", coalesce(sum(col(TOTAL_DOCS)).over(
              Window.partitionBy(col(Col.PERIOD)).orderBy(col(Col.PERIOD_START)).rowsBetween(-n, -1)), lit(0L)))
          .select(col(Col.PERIOD_START), col(TOTAL_DOCS), col("_baseline_docs"));
      Column c = col(COUNT).cast("double");
      Column b = col("_b").cast("double");
      Column docs = col(TOTAL_DOCS).cast("double");
      Column baseDocs = col("_baseline_docs").cast("double");
      Dataset<Row> scored = counts.withColumn("_b", baseline)
          .where(col(COUNT).geq(minCount))
          .join(totals, Col.PERIOD_START)
          .where(col("_baseline_docs").gt(0))
          .select(lit(p.label()).as(Col.PERIOD), col(Col.PERIOD_START), col(TERM), col(COUNT),
              b.multiply(docs).divide(baseDocs).as(BASELINE),
              log(c.plus(0.5).divide(docs.plus(1))).minus(log(b.plus(0.5).divide(baseDocs.plus(1)))).as(SCORE));
      Dataset<Row> ranked = scored
          .withColumn("_rank", row_number().over(Window.partitionBy(Col.PERIOD_START)
              .orderBy(col(SCORE).desc(), col(TERM))))
          .where(col("_rank").leq(top)).drop("_rank");
      out = out == null ? ranked : out.unionByName(ranked);
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------------------

  static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  static Column[] plus(List<Column> a, List<Column> b) {
    List<Column> out = new ArrayList<>(a);
    out.addAll(b);
    return out.toArray(Column[]::new);
  }

  static String[] names(List<String> a, List<String> b) {
    return concat(a, b).toArray(String[]::new);
  }

  static Column[] columns(List<String> names) {
    return cols(names).toArray(Column[]::new);
  }

  static List<Column> cols(List<String> names) {
    return names.stream().map(n -> col(n)).toList();
  }

  static scala.collection.immutable.Seq<String> toSeq(List<String> names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(names).toList();
  }
}
