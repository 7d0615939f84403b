package org.storyline.ingest;

import static org.apache.spark.sql.functions.col;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

  @Override
  public String name() {
    return NAME;
  }

  /** What ingestion counted. {@code alreadySeen} is null in a batch run (the manifest then has no such key). */
  public record Result(long recordsRead, long articles, long newArticles, Long alreadySeen, long rejected,
      Map<String, Long> rejectedByReason, long outOfRange, long duplicatesExact, long duplicatesNear,
      Map<String, Long> articlesByLanguage, long articlesInAnalysedLanguages, long articleRows, long rejectRows)
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
    Dataset<Row> classified = Ingest.classify(raw, config).persist(StorageLevel.MEMORY_AND_DISK());
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

      Dataset<Row> fresh = Ingest.newRecords(classified, previous).persist(StorageLevel.MEMORY_AND_DISK());
      Dataset<Row> articles = Ingest.articles(fresh, previous, config).persist(StorageLevel.MEMORY_AND_DISK());
      try {
        // In a batch run every accepted record is new; a nightly run counts those not seen before (this fills
        // the cache the articles are computed from).
        long newArticles = previous.isPresent() ? fresh.count() : accepted;
        long alreadySeen = read - rejected - outOfRange - newArticles;
        long articleRows = store.write(Tables.ARTICLES, articles.drop(Deduplication.DUPLICATE_KIND)).rows();
        Map<String, Long> byKind = new TreeMap<>();
        Map<String, Long> byLang = new TreeMap<>();
        for (Row r : articles.groupBy(col(Deduplication.DUPLICATE_KIND), col(Col.LANG)).count().collectAsList()) {
          String kind = r.isNullAt(0) ? "original" : r.getString(0);
          byKind.merge(kind, r.getLong(2), Long::sum);
          byLang.merge(r.isNullAt(1) ? "und" : r.getString(1), r.getLong(2), Long::sum);
        }
        long total = byKind.values().stream().mapToLong(Long::longValue).sum();
        long analysable = byLang.entrySet().stream()
            .filter(e -> config.ingest().languages().contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
        if (alreadySeen < 0 || (!config.incremental() && alreadySeen != 0)) {
          throw new IllegalStateException(String.format(
              "ingestion lost records: read %d != new articles %d + rejected %d + out of range %d",
              read, newArticles, rejected, outOfRange));
        }
        return new Result(read, total, newArticles, config.incremental() ? alreadySeen : null, rejected, byReason,
            outOfRange, byKind.getOrDefault("exact", 0L), byKind.getOrDefault("near", 0L), byLang, analysable,
            articleRows, rejectRows);
      } finally {
        articles.unpersist();
        fresh.unpersist();
      }
    } finally {
      classified.unpersist();
    }
  }

  /** The articles of one batch, as this stage computes them (for evaluations that do not write a report). */
  public static Dataset<Row> batchArticles(Dataset<Row> raw, JobConfig config) {
    return Ingest.articles(Ingest.classify(raw, config), config).drop(Deduplication.DUPLICATE_KIND);
  }
}
