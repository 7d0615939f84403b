package org.storyline.cooccurrence;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.storyline.config.CooccurrenceConfig;
import org.storyline.config.JobConfig;
import org.storyline.io.Observed;
import org.storyline.io.ReportStore;
import org.storyline.run.RunContext;
import org.storyline.run.Stage;
import org.storyline.run.StageResult;
import org.storyline.schema.Col;
import org.storyline.schema.Period;
import org.storyline.schema.Tables;

/**
 * The co-occurrence stage: reads {@code entity_mentions} and {@code articles} back from this run and writes
 * {@code cooccurrence} (partitioned by window and period), {@code top_neighbours} (read from the written
 * cooccurrence table) and {@code emerging_pairs}. The rows per window are observed on the cooccurrence write.
 */
public final class CooccurrenceStage implements Stage {
  public static final String NAME = "cooccurrence";

  @Override
  public String name() {
    return NAME;
  }

  /** What the stage counted; {@code rowsByWindow} has the windows with at least one row. */
  public record Result(Cooccurrence.Counts counts, Map<String, Long> rowsByWindow, long rows, long neighbourRows,
      long emergingRows, long countedDays, long recountedDays, long scopedDays, long changedEntities)
      implements StageResult {
    public Result {
      rowsByWindow = Map.copyOf(rowsByWindow);
    }

    @Override
    public Map<String, Object> stageCounts() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("counted_articles", counts.countedArticles());
      m.put("articles_with_entities", counts.articlesWithEntities());
      m.put("capped_articles", counts.cappedArticles());
      m.put("cooccurrence_rows", rows);
      m.put("counted_days", countedDays);
      m.put("recounted_days", recountedDays);
      m.put("entity_recounted_days", scopedDays);
      m.put("changed_entities", changedEntities);
      return m;
    }

    @Override
    public Map<String, Object> runCounts() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("cooccurrence_counted_articles", counts.countedArticles());
      m.put("cooccurrence_articles_with_entities", counts.articlesWithEntities());
      m.put("cooccurrence_capped_articles", counts.cappedArticles());
      m.put("cooccurrence_entities_dropped_by_cap", counts.entitiesDroppedByCap());
      m.put("cooccurrence_rows_by_window", new TreeMap<>(rowsByWindow));
      return m;
    }

    @Override
    public Map<String, Long> tables() {
      Map<String, Long> m = new LinkedHashMap<>();
      m.put(Tables.COOCCURRENCE.name(), rows);
      m.put(Tables.TOP_NEIGHBOURS.name(), neighbourRows);
      m.put(Tables.EMERGING_PAIRS.name(), emergingRows);
      return m;
    }
  }

  @Override
  public Result run(RunContext ctx) {
    JobConfig config = ctx.config();
    ReportStore store = ctx.store();
    CooccurrenceConfig cc = config.cooccurrence();
    List<String> windows = cc.windowLabels();
    List<String> labels = windows.stream().distinct().toList();
    Column[] perWindow = new Column[labels.size()];
    for (int i = 0; i < labels.size(); i++) {
      perWindow[i] = sum(when(col(Cooccurrence.WINDOW).equalTo(labels.get(i)), 1L).otherwise(0L)).as("window_" + i);
    }
    List<Period> reported = Cooccurrence.reportedPeriods(config.periods());
    // The buckets counted from articles: the reported ones but `all`, which is rolled up from the months, so the
    // months are counted whatever the periods reported.
    Set<Period> countedSet = new LinkedHashSet<>(reported);
    countedSet.remove(Period.ALL);
    countedSet.add(Period.MONTH);
    List<Period> countedPeriods = List.copyOf(countedSet);
    String settings = CooccurrenceState.settings(cc, reported);
    try (Cooccurrence.Prepared prepared = Cooccurrence.prepare(store.read(Tables.ENTITY_MENTIONS),
        store.readCached(Tables.ARTICLES, Tables.ARTICLE_KEYS), config.ingest().languages(), cc)) {
      Cooccurrence.Counts counts = Cooccurrence.counts(prepared, cc.maxEntitiesPerDoc());
      long countedDays = store.write(Tables.COOCCURRENCE_DAYS, CooccurrenceState.dayFingerprints(prepared, settings))
          .rows();
      store.write(Tables.ENTITY_NAMES, prepared.names());
      Optional<Published> published = config.incremental() ? Published.of(store, settings) : Optional.empty();
      // A night: the buckets (day, week, month) that hold a day whose counted articles changed are counted again
      // whole (`changed`); those that hold only days whose entities changed (`scoped`) keep their article totals,
      // and only the pairs with an entity whose articles changed are counted again. Every other bucket's rows are
      // carried. Without a usable published run: every bucket is counted.
      CooccurrenceState.ChangedDays changedDays = published
          .map(p -> CooccurrenceState.changedDays(store.read(Tables.COOCCURRENCE_DAYS), p.days())).orElse(null);
      Map<Period, Set<LocalDate>> changed = changedDays == null ? null
          : CooccurrenceState.bucketsOf(changedDays.articles(), countedPeriods);
      Map<Period, Set<LocalDate>> scoped = changedDays == null ? Map.of()
          : CooccurrenceState.without(CooccurrenceState.bucketsOf(changedDays.entitiesOnly(), countedPeriods),
              changed);
      Dataset<Row> entities = prepared.articleEntities();
      Set<LocalDate> recountedDays = changed == null ? null : Period.daysOf(changed);
      Set<LocalDate> scopedDays = Period.daysOf(scoped);
      Dataset<Row> changedEntities = scoped.isEmpty() ? null
          : changedEntities(prepared, published.get(), changedDays.entitiesOnly(), cc)
              .persist(StorageLevel.MEMORY_AND_DISK());
      try {
        long changedEntityCount = changedEntities == null ? 0 : changedEntities.count();
        Dataset<Row> recounted = changed == null ? entities
            : entities.filter(CooccurrenceState.dayIn(Cooccurrence.DAY, recountedDays));
        Dataset<Row> pairCounts = Cooccurrence.pairCounts(recounted, windows, cc.slidingWindow(), countedPeriods);
        if (changed != null) {
          pairCounts = pairCounts.filter(Period.inBuckets(changed));
        }
        if (changedEntities != null) {
          Dataset<Row> mentioning = CooccurrenceState.mentioning(
              entities.filter(CooccurrenceState.dayIn(Cooccurrence.DAY, scopedDays)), changedEntities);
          pairCounts = pairCounts.unionByName(CooccurrenceState.withEntities(
              Cooccurrence.pairCounts(mentioning, windows, cc.slidingWindow(), countedPeriods)
                  .filter(Period.inBuckets(scoped)),
              col(Cooccurrence.KEY_A), col(Cooccurrence.KEY_B), changedEntities, true));
        }
        pairCounts = pairCounts.persist(StorageLevel.MEMORY_AND_DISK());
        Observed pairs;
        try {
          Dataset<Row> months = CooccurrenceState.monthRows(pairCounts, windows);
          if (changed == null) {
            store.write(Tables.PAIR_MONTHS, months);
          } else {
            Set<LocalDate> monthsWritten = new TreeSet<>(changed.getOrDefault(Period.MONTH, Set.of()));
            Set<LocalDate> scopedMonths = scoped.getOrDefault(Period.MONTH, Set.of());
            monthsWritten.addAll(scopedMonths);
            if (!scopedMonths.isEmpty()) {
              // The stored counts of the scoped months' pairs without a changed entity stand.
              Dataset<Row> kept = published.get().pairMonths()
                  .filter(CooccurrenceState.dayIn(CooccurrenceState.MONTH, scopedMonths))
                  .selectExpr(Tables.PAIR_MONTHS.schema().fieldNames());
              months = months.unionByName(CooccurrenceState.withEntities(kept, col(Cooccurrence.KEY_A),
                  col(Cooccurrence.KEY_B), changedEntities, false));
            }
            store.writeChanged(Tables.PAIR_MONTHS, months, monthsWritten.stream().map(LocalDate::toString).toList());
          }
          pairs = store.write(Tables.COOCCURRENCE, cooccurrence(prepared, pairCounts, changed, scoped,
              changedEntities, published.map(Published::cooccurrence), store.read(Tables.PAIR_MONTHS), reported,
              cc), perWindow);
        } finally {
          pairCounts.unpersist();
        }
        Observed neighbours = store.write(Tables.TOP_NEIGHBOURS,
            Cooccurrence.topNeighbours(store.read(Tables.COOCCURRENCE), cc));
        Observed emerging = store.write(Tables.EMERGING_PAIRS, changed == null
            ? Cooccurrence.emergingPairs(prepared, cc)
            : emergingPairs(prepared, CooccurrenceState.bucketsOf(changedDays.all(), List.of(Period.WEEK))
                .get(Period.WEEK), published.get(), cc));
        Map<String, Long> rowsByWindow = new TreeMap<>();
        for (int i = 0; i < labels.size(); i++) {
          long n = pairs.count("window_" + i);
          if (n > 0) {
            rowsByWindow.merge(labels.get(i), n, Long::sum);
          }
        }
        return new Result(counts, rowsByWindow, pairs.rows(), neighbours.rows(), emerging.rows(), countedDays,
            recountedDays == null ? countedDays : recountedDays.size(), scopedDays.size(), changedEntityCount);
      } finally {
        if (changedEntities != null) {
          changedEntities.unpersist();
        }
      }
    }
  }

  /**
   * The keys of the entities whose articles or sentences on the days {@code days} (same counted articles in both
   * runs) differ from the published run's: the published run's per-article entities are computed again from its
   * {@code entity_mentions}, for the articles of those days only, as this run computed its own.
   */
  static Dataset<Row> changedEntities(Cooccurrence.Prepared prepared, Published published, Set<LocalDate> days,
      CooccurrenceConfig cc) {
    Dataset<Row> counted = prepared.counted().filter(CooccurrenceState.dayIn(Cooccurrence.DAY, days));
    Dataset<Row> mentions = published.mentions().join(counted.select(col(Col.DOC_ID)), new String[] {Col.DOC_ID},
        "left_semi");
    Dataset<Row> before = Cooccurrence.articleEntities(mentions, counted, cc.maxEntitiesPerDoc(),
        cc.needsSentences());
    Dataset<Row> after = prepared.articleEntities().filter(CooccurrenceState.dayIn(Cooccurrence.DAY, days));
    return CooccurrenceState.changedEntities(before, after);
  }
  /** The published run's co-occurrence tables and state, when they were made with this run's settings. */
  record Published(Dataset<Row> days, Dataset<Row> names, Dataset<Row> cooccurrence, Dataset<Row> emerging,
      Dataset<Row> pairMonths, Dataset<Row> mentions) {
    static Optional<Published> of(ReportStore store, String settings) {
      Optional<Dataset<Row>> days = store.readPublished(Tables.COOCCURRENCE_DAYS);
      Optional<Dataset<Row>> names = store.readPublished(Tables.ENTITY_NAMES);
      Optional<Dataset<Row>> cooccurrence = store.readPublished(Tables.COOCCURRENCE);
      Optional<Dataset<Row>> emerging = store.readPublished(Tables.EMERGING_PAIRS);
      Optional<Dataset<Row>> pairMonths = store.readPublished(Tables.PAIR_MONTHS);
      Optional<Dataset<Row>> mentions = store.readPublished(Tables.ENTITY_MENTIONS);
      if (days.isEmpty() || names.isEmpty() || cooccurrence.isEmpty() || emerging.isEmpty() || pairMonths.isEmpty()
          || mentions.isEmpty() || !CooccurrenceState.sameSettings(days.get(), settings)) {
        return Optional.empty();
      }
      return Optional.of(new Published(days.get(), names.get(), cooccurrence.get(), emerging.get(),
          pairMonths.get(), mentions.get()));
    }
  }

  /**
   * The {@code cooccurrence} table: the statistics of the pairs counted now ({@code pairCounts}: every bucket when
   * {@code changed} is null; else the buckets {@code changed}, and the pairs with a changed entity of the buckets
   * {@code scoped}) and of {@code all} (rolled up from {@code pairMonths}), and, on a night, the published rows of
   * every other bucket and of the scoped buckets' pairs without a changed entity, named again.
   */
  static Dataset<Row> cooccurrence(Cooccurrence.Prepared prepared, Dataset<Row> pairCounts,
      Map<Period, Set<LocalDate>> changed, Map<Period, Set<LocalDate>> scoped, Dataset<Row> changedEntities,
      Optional<Dataset<Row>> published, Dataset<Row> pairMonths, List<Period> reported, CooccurrenceConfig cc) {
    List<String> windows = cc.windowLabels();
    List<String> reportedLabels = reported.stream().map(Period::label).toList();
    Dataset<Row> counts = pairCounts.filter(col(Col.PERIOD).isin(reportedLabels.toArray()))
        .unionByName(CooccurrenceState.allFromMonths(pairMonths, windows));
    List<Period> buckets = reported.stream().filter(p -> p != Period.ALL).toList();
    Map<Period, Set<LocalDate>> counted = changed == null ? null : CooccurrenceState.union(changed, scoped);
    Dataset<Row> entityDocs = changed == null ? Cooccurrence.entityDocs(prepared.articleEntities(), reported)
        : Cooccurrence.entityDocs(prepared.articleEntities().filter(CooccurrenceState.dayIn(Cooccurrence.DAY,
                Period.daysOf(counted))), buckets)
            .filter(Period.inBuckets(counted))
            .unionByName(Cooccurrence.entityDocs(prepared.articleEntities(), List.of(Period.ALL)));
    Dataset<Row> fresh = Cooccurrence.report(Cooccurrence.statistics(counts, entityDocs,
            Cooccurrence.periodArticles(prepared.counted(), reported), windows, cc.minSupport()),
        prepared.names(), prepared.counted());
    if (changed == null) {
      return fresh;
    }
    Dataset<Row> all = published.orElseThrow();
    Dataset<Row> carried = all.filter(not(Period.inBuckets(counted))
        .and(col(Col.PERIOD).notEqual(Period.ALL.label())));
    if (changedEntities != null) {
      carried = carried.unionByName(CooccurrenceState.withEntities(all.filter(Period.inBuckets(scoped)),
          Cooccurrence.entityKey(col(Cooccurrence.ENTITY_ID_A)), Cooccurrence.entityKey(col(Cooccurrence.ENTITY_ID_B)),
          changedEntities, false));
    }
    return fresh.unionByName(Cooccurrence.renamed(carried, prepared.names()));
  }

  /**
   * A night's {@code emerging_pairs}: the weeks whose rows can differ from the published ones are ranked again,
   * from the weekly counts of their own and their baseline weeks only; the other weeks' rows are carried. A week
   * can differ when it, or one of the {@code emerging-baseline-weeks} weeks before it, holds a changed day, or when
   * an entity of one of its articles has another name now (ties are broken by name).
   */
  static Dataset<Row> emergingPairs(Cooccurrence.Prepared prepared, Set<LocalDate> changedWeeks,
      Published published, CooccurrenceConfig cc) {
    int baselineWeeks = cc.emergingBaselineWeeks();
    Set<LocalDate> ranked = new TreeSet<>();
    for (LocalDate w : changedWeeks) {
      for (int k = 0; k <= baselineWeeks; k++) {
        ranked.add(w.plusWeeks(k));
      }
    }
    ranked.addAll(weeksOfRenamedEntities(prepared, published.names()));
    Set<LocalDate> counted = new TreeSet<>();
    for (LocalDate w : ranked) {
      for (int k = 0; k <= baselineWeeks; k++) {
        counted.add(w.minusWeeks(k));
      }
    }
    Dataset<Row> recounted = prepared.articleEntities().filter(CooccurrenceState.dayIn(Cooccurrence.DAY,
        Period.daysOf(Map.of(Period.WEEK, counted))));
    Dataset<Row> fresh = Cooccurrence.emergingPairs(recounted, prepared.counted(), prepared.names(), cc)
        .filter(CooccurrenceState.dayIn(Col.PERIOD_START, ranked));
    Dataset<Row> carried = retyped(published.emerging().filter(not(CooccurrenceState.dayIn(Col.PERIOD_START,
        ranked))), prepared.names())
        .select(Arrays.stream(fresh.columns()).map(functions::col).toArray(Column[]::new));
    return fresh.unionByName(carried);
  }

  /**
   * Published {@code emerging_pairs} rows with each entity's type as this run names it: a type decides no rank, so
   * a week whose entities changed only their type is carried, not ranked again. Joined by id with {@code names}
   * (every entity of the corpus; Spark decides whether to broadcast either side). Every carried entity is in it: an
   * entity that is gone changed the days it was on, whose weeks are ranked again.
   */
  static Dataset<Row> retyped(Dataset<Row> emerging, Dataset<Row> names) {
    Dataset<Row> a = names.select(col(Col.ENTITY_ID).as("_id_a"), col(Col.TYPE).as("_type_a"));
    Dataset<Row> b = names.select(col(Col.ENTITY_ID).as("_id_b"), col(Col.TYPE).as("_type_b"));
    return emerging
        .join(a, col(Cooccurrence.ENTITY_ID_A).equalTo(col("_id_a")), "left")
        .join(b, col(Cooccurrence.ENTITY_ID_B).equalTo(col("_id_b")), "left")
        .withColumn(Cooccurrence.TYPE_A, functions.coalesce(col("_type_a"), col(Cooccurrence.TYPE_A)))
        .withColumn(Cooccurrence.TYPE_B, functions.coalesce(col("_type_b"), col(Cooccurrence.TYPE_B)))
        .drop("_id_a", "_type_a", "_id_b", "_type_b");
  }

  /**
   * The weeks of the articles that mention an entity whose name differs from the published run's (names break ties
   * in the ranking; a changed type alone is set on the carried rows by {@link #retyped}): a few week starts come to
   * the driver.
   */
  static Set<LocalDate> weeksOfRenamedEntities(Cooccurrence.Prepared prepared, Dataset<Row> publishedNames) {
    Dataset<Row> renamed = prepared.names().alias("c")
        .join(publishedNames.alias("p"), col("c." + Cooccurrence.KEY).equalTo(col("p." + Cooccurrence.KEY)))
        .filter(not(col("c." + Col.ENTITY).eqNullSafe(col("p." + Col.ENTITY))))
        .select(col("c." + Cooccurrence.KEY).as(Cooccurrence.KEY));
    List<String> weeks = prepared.articleEntities()
        .select(col(Cooccurrence.DAY), explode(col(Cooccurrence.ENTITIES + "." + Cooccurrence.KEY))
            .as(Cooccurrence.KEY))
        .join(renamed, new String[] {Cooccurrence.KEY}, "left_semi")
        .select(Period.WEEK.start(col(Cooccurrence.DAY)).cast("string")).distinct()
        .as(Encoders.STRING()).collectAsList();
    Set<LocalDate> out = new TreeSet<>();
    weeks.forEach(w -> out.add(LocalDate.parse(w)));
    return out;
  }
}
