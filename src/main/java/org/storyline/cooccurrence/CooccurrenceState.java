package org.storyline.cooccurrence;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.bit_xor;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.storyline.config.CooccurrenceConfig;
import org.storyline.io.ReportStore;
import org.storyline.schema.Col;
import org.storyline.schema.Period;

/**
 * What a nightly run keeps of the co-occurrence stage so that it recounts only the periods a night changed.
 *
 * <ul>
 *   <li>{@code cooccurrence_days}: per day, the number of counted articles and two 64-bit fingerprints (the XOR of
 *       one hash per article) of everything the day contributes to a count: each counted article's id and
 *       {@code doc_key}, and each article's capped entities with their sentences. A day whose row differs from the
 *       published run's (or that one run has and the other not) changed; every other day contributes exactly what it
 *       contributed before, so the day, week and month buckets made only of unchanged days keep their counts.
 *   <li>{@code pair_months}: the unfiltered pair counts of every month (articles with both entities, per window the
 *       articles and the first and last {@code doc_key}), one folder per month. The {@code all} period is rolled up
 *       from them (sums, minimum and maximum are exact over months), so a night recounts the months it changed and
 *       sums the others' stored rows instead of generating every article's pairs again.
 * </ul>
 * Both carry the settings that shape them ({@link #settings}): with other settings a run counts everything again.
 */
public final class CooccurrenceState {
  private CooccurrenceState() {}

  public static final String DAY = Cooccurrence.DAY;
  public static final String ARTICLES = "articles";
  public static final String COUNTED_HASH = "counted_hash";
  public static final String ENTITIES_HASH = "entities_hash";
  public static final String SETTINGS = "settings";
  public static final String MONTH = "month";
  public static final String PAIR_DOCS = "pair_docs";
  public static final String FIRST_DOCS = "first_docs";
  public static final String LAST_DOCS = "last_docs";

  /**
   * The settings the stored counts and the published tables depend on: windows, sliding span, the per-article cap,
   * the minimum support, the reported periods and the emerging-pair knobs. (The languages counted are in the day
   * fingerprints already.)
   */
  public static String settings(CooccurrenceConfig config, List<Period> reported) {
    return "windows=" + String.join(",", config.windowLabels()) + ";sliding=" + config.slidingWindow()
        + ";cap=" + config.maxEntitiesPerDoc() + ";min_support=" + config.minSupport()
        + ";periods=" + String.join(",", reported.stream().map(Period::label).toList())
        + ";emerging=" + config.emergingWindow() + "," + config.emergingBaselineWeeks() + ","
        + config.emergingMinDocs() + "," + config.emergingTop();
  }

  /**
   * The {@code cooccurrence_days} rows: one per day with a counted article. Two small aggregations of the cached
   * per-article tables of {@link Cooccurrence#prepare}.
   *
   * @return {@code day, articles, counted_hash, entities_hash, settings}
   */
  public static Dataset<Row> dayFingerprints(Cooccurrence.Prepared prepared, String settings) {
    Dataset<Row> counted = prepared.counted().groupBy(col(DAY))
        .agg(count(lit(1)).as(ARTICLES), bit_xor(xxhash64(col(Col.DOC_ID), col(Cooccurrence.DOC_KEY)))
            .as(COUNTED_HASH));
    Dataset<Row> entities = prepared.articleEntities().groupBy(col(DAY))
        .agg(bit_xor(xxhash64(col(Cooccurrence.DOC_KEY), col(Cooccurrence.ENTITIES))).as(ENTITIES_HASH));
    return counted.join(entities, new String[] {DAY}, "left")
        .select(col(DAY), col(ARTICLES), col(COUNTED_HASH), coalesce(col(ENTITIES_HASH), lit(0L)).as(ENTITIES_HASH),
            lit(settings).as(SETTINGS));
  }

  /** Whether every row of the published {@code cooccurrence_days} has {@code settings} (and there is a row). */
  public static boolean sameSettings(Dataset<Row> publishedDays, String settings) {
    List<String> distinct = publishedDays.select(col(SETTINGS)).distinct().limit(2).as(Encoders.STRING())
        .collectAsList();
    return distinct.size() == 1 && settings.equals(distinct.get(0));
  }

  /**
   * The days a night changed, in two kinds: {@code articles}, the days whose counted articles differ (their number,
   * ids or order), or that only one run has; {@code entitiesOnly}, the days with the same counted articles whose
   * entities differ (an alias or a type decided by other days' articles renamed some). A bucket with a day of the
   * first kind is counted again whole (its article total changed, and with it every statistic); one with days of the
   * second kind only keeps its article total and the counts of every pair without a {@link #changedEntities changed
   * entity}.
   */
  public record ChangedDays(Set<LocalDate> articles, Set<LocalDate> entitiesOnly) {
    public Set<LocalDate> all() {
      Set<LocalDate> all = new TreeSet<>(articles);
      all.addAll(entitiesOnly);
      return all;
    }
  }

  /**
   * The days whose fingerprint row differs between this run ({@code current}) and the published one, or that only
   * one of them has, by kind ({@link ChangedDays}). At most one short string per day of the corpus comes to the
   * driver.
   */
  public static ChangedDays changedDays(Dataset<Row> current, Dataset<Row> published) {
    Column sameArticles = col("c." + ARTICLES).eqNullSafe(col("p." + ARTICLES))
        .and(col("c." + COUNTED_HASH).eqNullSafe(col("p." + COUNTED_HASH)));
    Column sameEntities = col("c." + ENTITIES_HASH).eqNullSafe(col("p." + ENTITIES_HASH));
    List<Row> days = current.alias("c")
        .join(published.alias("p"), col("c." + DAY).equalTo(col("p." + DAY)), "full_outer")
        .filter(org.apache.spark.sql.functions.not(sameArticles.and(sameEntities)))
        .select(coalesce(col("c." + DAY), col("p." + DAY)).cast("string"), sameArticles)
        .collectAsList();
    Set<LocalDate> articles = new TreeSet<>();
    Set<LocalDate> entitiesOnly = new TreeSet<>();
    for (Row r : days) {
      (r.getBoolean(1) ? entitiesOnly : articles).add(LocalDate.parse(r.getString(0)));
    }
    return new ChangedDays(articles, entitiesOnly);
  }

  /**
   * The entity keys ({@code entity_key}) whose entries differ between two {@link Cooccurrence#articleEntities}
   * tables of the same counted articles: an entity that an article has in one and not the other, or with other
   * sentences. A pair of two entities that are not among them has the same articles, windows and doc keys in both,
   * and each entity the same articles: its counts and statistics stand.
   */
  public static Dataset<Row> changedEntities(Dataset<Row> before, Dataset<Row> after) {
    return entries(before, "_before").join(entries(after, "_after"), new String[] {Cooccurrence.KEY, "_entry"},
            "full_outer")
        .filter(col("_before").isNull().or(col("_after").isNull()))
        .select(col(Cooccurrence.KEY)).distinct();
  }

  /** One row per (article, entity): the entity's key and a hash of the article, the key and the sentences. */
  private static Dataset<Row> entries(Dataset<Row> articleEntities, String side) {
    return articleEntities.select(col(Cooccurrence.DOC_KEY), explode(col(Cooccurrence.ENTITIES)).as("_e"))
        .select(col("_e." + Cooccurrence.KEY).as(Cooccurrence.KEY),
            xxhash64(col(Cooccurrence.DOC_KEY), col("_e." + Cooccurrence.KEY), col("_e." + Cooccurrence.SENTENCES))
                .as("_entry"),
            lit(true).as(side));
  }

  /**
   * The rows of {@code pairs} (with {@code keyA}, {@code keyB} columns of entity keys) that have ({@code involving})
   * or do not have (otherwise) an entity of {@code entities} ({@code entity_key}).
   */
  public static Dataset<Row> withEntities(Dataset<Row> pairs, Column keyA, Column keyB, Dataset<Row> entities,
      boolean involving) {
    Dataset<Row> a = entities.select(col(Cooccurrence.KEY).as("_changed_a"));
    Dataset<Row> b = entities.select(col(Cooccurrence.KEY).as("_changed_b"));
    Column any = col("_changed_a").isNotNull().or(col("_changed_b").isNotNull());
    return pairs.join(a, keyA.equalTo(col("_changed_a")), "left").join(b, keyB.equalTo(col("_changed_b")), "left")
        .filter(involving ? any : org.apache.spark.sql.functions.not(any))
        .drop("_changed_a", "_changed_b");
  }

  /** The articles of {@code articleEntities} that have one of {@code entities} ({@code entity_key}). */
  public static Dataset<Row> mentioning(Dataset<Row> articleEntities, Dataset<Row> entities) {
    Dataset<Row> docs = articleEntities
        .select(col(Cooccurrence.DOC_KEY), explode(col(Cooccurrence.ENTITIES + "." + Cooccurrence.KEY))
            .as(Cooccurrence.KEY))
        .join(entities, new String[] {Cooccurrence.KEY}, "left_semi")
        .select(col(Cooccurrence.DOC_KEY)).distinct();
    return articleEntities.join(docs, new String[] {Cooccurrence.DOC_KEY}, "left_semi");
  }

  /** {@code buckets} without those of {@code minus}, period by period (periods left empty are dropped). */
  public static Map<Period, Set<LocalDate>> without(Map<Period, Set<LocalDate>> buckets,
      Map<Period, Set<LocalDate>> minus) {
    Map<Period, Set<LocalDate>> out = new EnumMap<>(Period.class);
    buckets.forEach((p, starts) -> {
      Set<LocalDate> left = new TreeSet<>(starts);
      left.removeAll(minus.getOrDefault(p, Set.of()));
      if (!left.isEmpty()) {
        out.put(p, left);
      }
    });
    return out;
  }

  /** The buckets of both maps, period by period. */
  public static Map<Period, Set<LocalDate>> union(Map<Period, Set<LocalDate>> a, Map<Period, Set<LocalDate>> b) {
    Map<Period, Set<LocalDate>> out = new EnumMap<>(Period.class);
    for (Map<Period, Set<LocalDate>> m : List.of(a, b)) {
      m.forEach((p, starts) -> out.computeIfAbsent(p, k -> new TreeSet<>()).addAll(starts));
    }
    return out;
  }

  /** The starts of the buckets of each period (not {@link Period#ALL}) that hold one of {@code days}. */
  public static Map<Period, Set<LocalDate>> bucketsOf(Collection<LocalDate> days, List<Period> periods) {
    Map<Period, Set<LocalDate>> buckets = new EnumMap<>(Period.class);
    for (Period p : periods) {
      if (p == Period.ALL) {
        continue;
      }
      Set<LocalDate> starts = new TreeSet<>();
      for (LocalDate d : days) {
        starts.add(p.start(d));
      }
      buckets.put(p, starts);
    }
    return buckets;
  }

  /** Rows whose DATE column {@code column} is one of {@code days} (false for none). */
  public static Column dayIn(String column, Collection<LocalDate> days) {
    if (days.isEmpty()) {
      return lit(false);
    }
    return ReportStore.inPartitions(column, days.stream().map(LocalDate::toString).toList());
  }

  /**
   * The {@code pair_months} rows of the month rows of {@link Cooccurrence#pairCounts}: the per-window columns as
   * arrays (in the order of {@code windows}), so that the table's columns do not depend on the windows configured.
   *
   * @return {@code entity_key_a, entity_key_b, article_pair_docs, pair_docs, first_docs, last_docs, month}
   */
  public static Dataset<Row> monthRows(Dataset<Row> pairCounts, List<String> windows) {
    Column[] docs = new Column[windows.size()];
    Column[] first = new Column[windows.size()];
    Column[] last = new Column[windows.size()];
    for (int w = 0; w < windows.size(); w++) {
      docs[w] = col(Cooccurrence.PAIR_DOCS + "_" + w);
      first[w] = col(Cooccurrence.FIRST_DOC + "_" + w);
      last[w] = col(Cooccurrence.LAST_DOC + "_" + w);
    }
    return pairCounts.filter(col(Col.PERIOD).equalTo(Period.MONTH.label()))
        .select(col(Cooccurrence.KEY_A), col(Cooccurrence.KEY_B), col(Cooccurrence.ARTICLE_PAIR_DOCS),
            array(docs).as(PAIR_DOCS), array(first).as(FIRST_DOCS), array(last).as(LAST_DOCS),
            col(Col.PERIOD_START).as(MONTH));
  }

  /**
   * The {@code all} rows of {@link Cooccurrence#pairCounts}, rolled up from {@code pair_months}: per pair, the sums
   * of the counts and the minimum first and maximum last article over the months. One aggregation by pair.
   */
  public static Dataset<Row> allFromMonths(Dataset<Row> pairMonths, List<String> windows) {
    List<Column> aggs = new ArrayList<>();
    List<Column> out = new ArrayList<>(List.of(lit(Period.ALL.label()).as(Col.PERIOD),
        lit(Period.ALL_START).as(Col.PERIOD_START), col(Cooccurrence.KEY_A), col(Cooccurrence.KEY_B),
        col(Cooccurrence.ARTICLE_PAIR_DOCS)));
    for (int w = 0; w < windows.size(); w++) {
      aggs.add(sum(element_at(col(PAIR_DOCS), w + 1)).as(Cooccurrence.PAIR_DOCS + "_" + w));
      aggs.add(min(element_at(col(FIRST_DOCS), w + 1)).as(Cooccurrence.FIRST_DOC + "_" + w));
      aggs.add(max(element_at(col(LAST_DOCS), w + 1)).as(Cooccurrence.LAST_DOC + "_" + w));
      out.add(col(Cooccurrence.PAIR_DOCS + "_" + w));
      out.add(col(Cooccurrence.FIRST_DOC + "_" + w));
      out.add(col(Cooccurrence.LAST_DOC + "_" + w));
    }
    return pairMonths.groupBy(col(Cooccurrence.KEY_A), col(Cooccurrence.KEY_B))
        .agg(sum(col(Cooccurrence.ARTICLE_PAIR_DOCS)).as(Cooccurrence.ARTICLE_PAIR_DOCS), aggs.toArray(Column[]::new))
        .select(out.toArray(Column[]::new));
  }
}
