package org.storyline.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.to_date;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storyline.config.IngestConfig;
import org.storyline.config.JobConfig;
import org.storyline.io.InputReader;
import org.storyline.io.ReportStore;
import org.storyline.run.RunContext;
import org.storyline.run.Stage;
import org.storyline.run.StageResult;
import org.storyline.schema.Col;
import org.storyline.schema.Tables;

/**
 * Ingestion: the inputs to {@code rejects} and {@code articles}. In incremental mode the articles and rejects of
 * the current published run are carried over, records whose doc_id was seen before are counted as
 * {@code already_seen}, and duplicates are marked over old and new articles together.
 *
 * <p>Counts: one small aggregate of the classified rows by reason (read, rejected by reason, out of range), one of
 * the articles by duplicate kind and language, and the row counts observed on the two writes.
 */
public final class IngestStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(IngestStage.class);

  public static final String NAME = "ingest";

  /** Manifest counts that {@code storyline run} and {@code storyline status} print. */
  public static final String RECORDS_READ = "records_read";
  public static final String ARTICLES = "articles";
  public static final String REJECTED = "rejected";
  public static final String ALREADY_SEEN = "already_seen";
  public static final String NEW_DAYS = "new_days";
  public static final String FEWEST_ARTICLES_ON_NEW_DAY = "fewest_articles_on_new_day";

  @Override
  public String name() {
    return NAME;
  }

  /**
   * What ingestion counted. {@code alreadySeen} is null in a batch run (the manifest then has no such key).
   * {@code newDays} are the days with new articles that had none before this run (in a batch run, every day);
   * {@code fewestArticlesOnNewDay} is the smallest number of articles on one of them, null without new days.
   */
  public record Result(long recordsRead, long articles, long newArticles, Long alreadySeen, long rejected,
      Map<String, Long> rejectedByReason, long outOfRange, long duplicatesExact, long duplicatesNear,
      Map<String, Long> articlesByLanguage, long articlesInAnalysedLanguages, long newDays,
      Long fewestArticlesOnNewDay, long articleRows, long rejectRows)
      implements StageResult {
    public Result {
      rejectedByReason = Map.copyOf(rejectedByReason);
      articlesByLanguage = Map.copyOf(articlesByLanguage);
    }

    @Override
    public Map<String, Object> stageCounts() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put(RECORDS_READ, recordsRead);
      m.put("new_articles", newArticles);
      m.put(REJECTED, rejected);
      m.put("out_of_range", outOfRange);
      m.put(NEW_DAYS, newDays);
      return m;
    }

    @Override
    public Map<String, Object> runCounts() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put(RECORDS_READ, recordsRead);
      m.put(ARTICLES, articles);
      m.put("new_articles", newArticles);
      if (alreadySeen != null) {
        m.put(ALREADY_SEEN, alreadySeen);
      }
      m.put(REJECTED, rejected);
      m.put("rejected_by_reason", new TreeMap<>(rejectedByReason));
      m.put("out_of_range", outOfRange);
      m.put("duplicates_exact", duplicatesExact);
      m.put("duplicates_near", duplicatesNear);
      m.put("articles_by_language", new TreeMap<>(articlesByLanguage));
      m.put("articles_in_analysed_languages", articlesInAnalysedLanguages);
      m.put("articles_in_other_languages", articles - articlesInAnalysedLanguages);
      m.put(NEW_DAYS, newDays);
      if (fewestArticlesOnNewDay != null) {
        m.put(FEWEST_ARTICLES_ON_NEW_DAY, fewestArticlesOnNewDay);
      }
      return m;
    }

    @Override
    public Map<String, Long> tables() {
      Map<String, Long> m = new LinkedHashMap<>();
      m.put(Tables.ARTICLES.name(), articleRows);
      m.put(Tables.REJECTS.name(), rejectRows);
      return m;
    }
  }

  @Override
  public Result run(RunContext ctx) {
    JobConfig config = ctx.config();
    ReportStore store = ctx.store();
    Optional<Dataset<Row>> previous = config.incremental() ? store.readPublished(Tables.ARTICLES) : Optional.empty();
    Optional<Dataset<Row>> previousRejects =
        config.incremental() ? store.readPublished(Tables.REJECTS) : Optional.empty();
    if (config.incremental()) {
      LOG.info("incremental run on top of {}", store.previousRun().orElse("nothing (first run)"));
    }
    Dataset<Row> raw = InputReader.read(ctx.spark(), ctx.inputs(), config.ingest().maxRecordBytes());
    // What a nightly run reads of the earlier articles besides the texts of candidate pairs and the days it
    // rewrites: narrow columns, one scan of the day folders, cached (the new records' ids are checked against it).
    Optional<Dataset<Row>> earlier = previous.map(p -> p.select(col(Col.DOC_ID), col(Col.PUBLISHED),
        col(Col.CONTENT_HASH), col(Col.DUPLICATE_OF).as("_before"), col(Col.LANG), col(Col.PUBLISHED_DATE),
        col(Col.INPUT_FILE)).persist(StorageLevel.MEMORY_AND_DISK()));
    Dataset<Row> records = Ingest.classify(raw, config);
    Dataset<Row> classified = earlier.map(e -> Ingest.againstEarlier(records, e)).orElse(records)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      // One aggregate of the classified rows: every record is a reject (with its reason), out of range, or
      // accepted.
      long read = 0;
      long outOfRange = 0;
      long accepted = 0;
      Map<String, Long> byReason = new TreeMap<>();
      for (Row r : classified.groupBy(col(Col.REASON), col(Ingest.IN_RANGE)).count().collectAsList()) {
        long n = r.getLong(2);
        read += n;
        if (!r.isNullAt(0)) {
          byReason.merge(r.getString(0), n, Long::sum);
        } else if (r.getBoolean(1)) {
          accepted += n;
        } else {
          outOfRange += n;
        }
      }
      long rejected = byReason.values().stream().mapToLong(Long::longValue).sum();

      Dataset<Row> rejects = Ingest.rejects(classified);
      if (previousRejects.isPresent()) {
        // The same bad record read again is the same row: re-running a night changes nothing.
        rejects = rejects.unionByName(previousRejects.get().selectExpr(rejects.columns())).distinct();
      }
      long rejectRows = store.write(Tables.REJECTS, rejects).rows();

      Dataset<Row> fresh = Ingest.newRecords(classified).persist(StorageLevel.MEMORY_AND_DISK());
      try {
        // In a batch run every accepted record is new; a nightly run counts those not seen before (this fills
        // the cache the articles are computed from).
        long newArticles = previous.isPresent() ? fresh.count() : accepted;
        long alreadySeen = read - rejected - outOfRange - newArticles;
        if (alreadySeen < 0 || (!config.incremental() && alreadySeen != 0)) {
          throw new IllegalStateException(String.format(
              "ingestion lost records: read %d != new articles %d + rejected %d + out of range %d",
              read, newArticles, rejected, outOfRange));
        }
        Row newDays = newDays(fresh, earlier).agg(count(lit(1)), min(col("count"))).first();
        // A nightly run marks duplicates from the published buckets (none needed with near duplicates off); without
        // usable ones it hashes everything again, as a batch run does.
        boolean near = config.ingest().nearDuplicatesEnabled();
        Optional<Dataset<Row>> previousBuckets = previous.isPresent() && near
            ? store.readPublished(Tables.LSH_BUCKETS).map(b -> b.persist(StorageLevel.MEMORY_AND_DISK()))
            : Optional.empty();
        Written written;
        try {
          boolean usable = previousBuckets.map(b -> usableBuckets(b, config.ingest())).orElse(false);
          written = previous.isPresent() && (!near || usable)
              ? addDay(store, fresh, previous.get(), earlier.get(), usable ? previousBuckets.get() : null, config)
              : writeAll(store, fresh, previous, config);
        } finally {
          previousBuckets.ifPresent(Dataset::unpersist);
        }
        Map<String, Long> byKind = new TreeMap<>();
        Map<String, Long> byLang = new TreeMap<>();
        for (Row r : written.kindsAndLanguages()) {
          String kind = r.isNullAt(0) ? "original" : r.getString(0);
          byKind.merge(kind, r.getLong(2), Long::sum);
          byLang.merge(r.isNullAt(1) ? "und" : r.getString(1), r.getLong(2), Long::sum);
        }
        long total = byKind.values().stream().mapToLong(Long::longValue).sum();
        if (total != written.articleRows()) {
          throw new IllegalStateException(String.format("ingestion: %d articles marked but %d rows in the table",
              total, written.articleRows()));
        }
        long analysable = byLang.entrySet().stream()
            .filter(e -> config.ingest().languages().contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
        return new Result(read, total, newArticles, config.incremental() ? alreadySeen : null, rejected, byReason,
            outOfRange, byKind.getOrDefault("exact", 0L), byKind.getOrDefault("near", 0L), byLang, analysable,
            newDays.getLong(0), newDays.isNullAt(1) ? null : newDays.getLong(1), written.articleRows(), rejectRows);
      } finally {
        fresh.unpersist();
      }
    } finally {
      classified.unpersist();
      earlier.ifPresent(Dataset::unpersist);
    }
  }

  /**
   * The new articles per day (published_date, count) of the days that had no article before this run: a
   * feed cut short shows as a new day with few articles (the quality gate --gate-min-articles-per-new-day).
   */
  static Dataset<Row> newDays(Dataset<Row> fresh, Optional<Dataset<Row>> earlier) {
    Dataset<Row> perDay = fresh.groupBy(to_date(col(Col.PUBLISHED)).as(Col.PUBLISHED_DATE)).count();
    return earlier.map(e -> perDay.join(e.select(col(Col.PUBLISHED_DATE)).distinct(),
        perDay.col(Col.PUBLISHED_DATE).equalTo(e.col(Col.PUBLISHED_DATE)), "left_anti")).orElse(perDay);
  }

  /** What the articles' write gave: the rows of the table, and one row per (duplicate kind, language): count. */
  private record Written(long articleRows, List<Row> kindsAndLanguages) {}

  /**
   * Whether the published bucket rows were computed with this run's shingle size (if not: a report from before the
   * table existed, or another shingle size, and the corpus is hashed again).
   */
  static boolean usableBuckets(Dataset<Row> published, IngestConfig config) {
    List<Row> sizes = published.select(col(Col.SHINGLE_SIZE)).distinct().collectAsList();
    boolean same = sizes.size() == 1 && sizes.get(0).getInt(0) == config.shingleSize();
    if (!same) {
      LOG.info("lsh_buckets of the published run have shingle sizes {}, this run {}: hashing every article again",
          sizes, config.shingleSize());
    }
    return same;
  }

  /**
   * A batch run, or a nightly one that cannot reuse the published buckets: every article (new and previous) is
   * hashed and marked, and both tables are written whole.
   */
  private static Written writeAll(ReportStore store, Dataset<Row> fresh, Optional<Dataset<Row>> previous,
      JobConfig config) {
    IngestConfig ingest = config.ingest();
    Dataset<Row> all = Ingest.withLanguage(Ingest.union(fresh, previous)).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> buckets = ingest.nearDuplicatesEnabled()
        ? Deduplication.buckets(all, ingest).persist(StorageLevel.MEMORY_AND_DISK()) : null;
    try {
      Dataset<Row> marked = Deduplication.markings(keys(all), buckets, candidates -> all, ingest)
          .persist(StorageLevel.MEMORY_AND_DISK());
      try {
        Dataset<Row> articles = Deduplication.withMarkings(all, marked);
        long rows = store.write(Tables.ARTICLES, articles.drop(Deduplication.DUPLICATE_KIND)).rows();
        store.write(Tables.LSH_BUCKETS, buckets != null ? buckets : emptyBuckets(all));
        return new Written(rows, kindsAndLanguages(marked, all.select(col(Col.DOC_ID), col(Col.LANG))));
      } finally {
        marked.unpersist();
      }
    } finally {
      if (buckets != null) {
        buckets.unpersist();
      }
      all.unpersist();
    }
  }

  /**
   * A nightly run on top of a published one whose buckets it can reuse: only the new articles are cleaned,
   * language-detected and hashed; duplicates are marked again over every article from narrow columns (ids, dates,
   * content hashes, bucket keys) and the texts of the few candidate pairs; and only the days that changed are
   * written: the days of the new articles and those of earlier articles whose marking changed (a late article can
   * become the original of an earlier copy). Every other day's files are carried over.
   */
  private static Written addDay(ReportStore store, Dataset<Row> fresh, Dataset<Row> previous, Dataset<Row> earlier,
      Dataset<Row> previousBuckets, JobConfig config) {
    IngestConfig ingest = config.ingest();
    Dataset<Row> added = Ingest.withLanguage(Ingest.union(fresh, Optional.empty()))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> addedBuckets = previousBuckets == null ? null
        : Deduplication.buckets(added, ingest).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> allBuckets = previousBuckets == null ? null
        : previousBuckets.selectExpr(Tables.LSH_BUCKETS.schema().fieldNames()).unionByName(addedBuckets);
    Dataset<Row> state = null;
    try {
      // The texts of candidate pairs: the new articles, and the earlier articles of the candidates' days only
      // (a filter on the partition column: Spark reads those days' folders alone).
      Deduplication.Texts texts = candidates -> {
        List<String> days = ReportStore.partitionValues(candidates, Col.PUBLISHED_DATE);
        return previous.filter(ReportStore.inPartitions(Col.PUBLISHED_DATE, days))
            .select(col(Col.DOC_ID), col(Col.TEXT))
            .unionByName(added.select(col(Col.DOC_ID), col(Col.TEXT)));
      };
      Dataset<Row> marked = Deduplication.markings(keys(earlier).unionByName(keys(added)), allBuckets, texts,
          ingest);
      // Every article's marking before and after, language and day: the days to write and the counts.
      state = earlier.select(col(Col.DOC_ID), col("_before"), col(Col.LANG), col(Col.PUBLISHED_DATE),
              lit(false).as("_added"))
          .unionByName(added.select(col(Col.DOC_ID), lit(null).cast("string").as("_before"), col(Col.LANG),
              col(Col.PUBLISHED_DATE), lit(true).as("_added")))
          .join(marked, col(Col.DOC_ID).equalTo(col(Deduplication.MARKED_DOC)))
          .persist(StorageLevel.MEMORY_AND_DISK());
      List<String> changed = ReportStore.partitionValues(
          state.filter(col("_added").or(not(col("_before").eqNullSafe(col(Col.DUPLICATE_OF))))), Col.PUBLISHED_DATE);
      List<String> addedDays = ReportStore.partitionValues(state.filter(col("_added")), Col.PUBLISHED_DATE);
      // Only the changed days of the earlier articles are read (writeChanged keeps those days' rows in any case).
      Dataset<Row> rows = Deduplication.withMarkings(
          previous.filter(ReportStore.inPartitions(Col.PUBLISHED_DATE, changed)).selectExpr(added.columns())
              .unionByName(added),
          state.select(col(Deduplication.MARKED_DOC), col(Col.DUPLICATE_OF), col(Deduplication.DUPLICATE_KIND)));
      ReportStore.ChangedWrite articles =
          store.writeChanged(Tables.ARTICLES, rows.drop(Deduplication.DUPLICATE_KIND), changed);
      if (allBuckets == null) {
        store.write(Tables.LSH_BUCKETS, emptyBuckets(added)); // near duplicates off
      } else {
        store.writeChanged(Tables.LSH_BUCKETS, allBuckets, addedDays);
      }
      LOG.info("nightly ingestion: {} days written ({} rows, {} days with new articles), {} days carried over",
          changed.size(), articles.written().rows(), addedDays.size(), articles.carriedPartitions());
      // The table's rows: one per article, written or carried over (every article has a marking). The rows
      // written must be the articles of the changed days, no more and no fewer.
      Column written = ReportStore.inPartitions(Col.PUBLISHED_DATE, changed).as("_written");
      List<Row> counts = state.groupBy(col(Deduplication.DUPLICATE_KIND), col(Col.LANG), written).count()
          .collectAsList();
      long ofChangedDays = counts.stream().filter(r -> r.getBoolean(2)).mapToLong(r -> r.getLong(3)).sum();
      if (ofChangedDays != articles.written().rows()) {
        throw new IllegalStateException(String.format("nightly ingestion: %d articles on the %d changed days but %d "
            + "rows written", ofChangedDays, changed.size(), articles.written().rows()));
      }
      // (kind, lang, count) as the batch path gives it: the written and carried rows of each pair together.
      Map<List<Object>, Long> kinds = new LinkedHashMap<>();
      for (Row r : counts) {
        kinds.merge(Arrays.asList(r.get(0), r.get(1)), r.getLong(3), Long::sum);
      }
      List<Row> kindRows = kinds.entrySet().stream()
          .map(e -> RowFactory.create(e.getKey().get(0), e.getKey().get(1), e.getValue())).toList();
      return new Written(kinds.values().stream().mapToLong(Long::longValue).sum(), kindRows);
    } finally {
      if (state != null) {
        state.unpersist();
      }
      if (addedBuckets != null) {
        addedBuckets.unpersist();
      }
      added.unpersist();
    }
  }

  private static Dataset<Row> keys(Dataset<Row> articles) {
    return articles.select(col(Col.DOC_ID), col(Col.PUBLISHED), col(Col.CONTENT_HASH));
  }

  /** One aggregate of every article's marking and language: (duplicate kind, lang, count). */
  private static List<Row> kindsAndLanguages(Dataset<Row> marked, Dataset<Row> languages) {
    return marked.join(languages, col(Deduplication.MARKED_DOC).equalTo(col(Col.DOC_ID)))
        .groupBy(col(Deduplication.DUPLICATE_KIND), col(Col.LANG)).count().collectAsList();
  }

  /** An empty bucket table (near duplicates off), so every run has the same tables. */
  private static Dataset<Row> emptyBuckets(Dataset<Row> like) {
    return like.sparkSession().createDataFrame(List.of(), Tables.LSH_BUCKETS.schema());
  }

  /** The articles of one batch, as this stage computes them (for evaluations that do not write a report). */
  public static Dataset<Row> batchArticles(Dataset<Row> raw, JobConfig config) {
    return Ingest.articles(Ingest.classify(raw, config), config).drop(Deduplication.DUPLICATE_KIND);
  }
}
