package org.storyline.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storyline.config.CooccurrenceConfig;
import org.storyline.config.JobConfig;
import org.storyline.entities.Entities;
import org.storyline.entities.EntityRules;
import org.storyline.entities.EntitySchemas;
import org.storyline.cooccurrence.Cooccurrence;
import org.storyline.ingest.Deduplication;
import org.storyline.ingest.Ingest;
import org.storyline.io.InputFile;
import org.storyline.io.InputReader;
import org.storyline.io.InputResolver;
import org.storyline.io.ReportStore;
import org.storyline.schema.Col;
import org.storyline.topics.Coherence;
import org.storyline.topics.ModelSource;
import org.storyline.topics.TextFeatures;
import org.storyline.topics.TopicModel;
import org.storyline.topics.TrackQuery;
import org.storyline.topics.TrackedTopics;
import org.storyline.trends.Trends;

/**
 * Runs the stages in order. Each stage's tables are written to the run's staging folder and read back by the next
 * stage (so lineage stays short and an expensive stage such as NER runs once); the run is published only when
 * every table and the manifest are written.
 */
public final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private Pipeline() {}

  /**
   * What a run produced: its id, its manifest, and the warnings of a published run (steps after the commit point
   * that failed, such as its history entry: see {@link ReportStore#publish}).
   */
  public record RunResult(String runId, Map<String, Object> manifest, List<String> warnings) {}

  public static RunResult run(SparkSession spark, JobConfig config) {
    return run(spark, config, InputResolver.resolve(config.inputs(), config.format(),
        spark.sparkContext().hadoopConfiguration()));
  }

  /** The same on inputs already listed (by {@link Preflight}). */
  public static RunResult run(SparkSession spark, JobConfig config, InputResolver.Resolution inputs) {
    Instant started = Instant.now();
    spark.conf().set("spark.sql.session.timeZone", "UTC");
    String runId = ReportStore.newRunId();
    Map<String, Object> input = describe(inputs);
    RunMetrics metrics = new RunMetrics();
    Map<String, Long> tables = new LinkedHashMap<>();

    try (ReportStore store = ReportStore.begin(spark, config.output(), runId, config.keepRuns())) {
      try {
        LOG.info("run {}: {} input files ({} bytes) -> {}", runId, inputs.files().size(), inputs.totalBytes(),
            store.root());
        metrics.stage(spark, "ingest", stage -> {
          ingest(spark, config, inputs, store, stage, metrics, tables);
          return null;
        });
        metrics.stage(spark, "entities", stage -> {
          entities(spark, config, store, stage, metrics, tables);
          return null;
        });
        metrics.stage(spark, "cooccurrence", stage -> {
          cooccurrence(config, store, stage, metrics, tables);
          return null;
        });
        metrics.stage(spark, "topics", stage -> {
          topics(spark, config, store, stage, metrics, tables);
          return null;
        });
        metrics.stage(spark, "trends", stage -> {
          trends(config, store, stage, tables);
          return null;
        });
        Map<String, Object> manifest = Manifest.build(runId, Manifest.SUCCEEDED, started, spark, config, input,
            metrics, tables, null);
        List<String> warnings = store.publish(Manifest.toJson(manifest));
        return new RunResult(runId, manifest, warnings);
      } catch (Throwable e) {
        // Throwable, not RuntimeException | Error: what fails inside Spark arrives as a SparkException, a checked
        // exception that Scala code throws undeclared. Every failure is recorded, then passed on as it came.
        try {
          store.abandon(Manifest.toJson(Manifest.build(runId, Manifest.FAILED, started, spark, config, input,
              metrics, tables, e)));
        } catch (Throwable cleanup) {
          e.addSuppressed(cleanup);
        }
        throw e;
      }
    }
  }

  /**
   * Ingestion: the inputs to {@code rejects} and {@code articles}. In incremental mode the articles and rejects of
   * the current published run are carried over, records whose doc_id was seen before are counted as
   * {@code already_seen}, and duplicates are marked over old and new articles together.
   */
  private static void ingest(SparkSession spark, JobConfig config, InputResolver.Resolution inputs,
      ReportStore store, RunMetrics.Stage stage, RunMetrics metrics, Map<String, Long> tables) {
    Optional<Dataset<Row>> previous = config.incremental() ? store.readPublished("articles") : Optional.empty();
    Optional<Dataset<Row>> previousRejects =
        config.incremental() ? store.readPublished("rejects") : Optional.empty();
    if (config.incremental()) {
      LOG.info("incremental run on top of {}", store.previousRun().orElse("nothing (first run)"));
    }
    Dataset<Row> raw = InputReader.read(spark, inputs, config.ingest().maxRecordBytes());
    Dataset<Row> classified = Ingest.classify(raw, config)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Row totals = classified.agg(
          count(lit(1)),
          sum(when(col(Col.REASON).isNull().and(not(col(Ingest.IN_RANGE))), 1).otherwise(0))).first();
      long read = totals.getLong(0);
      long outOfRange = totals.isNullAt(1) ? 0 : totals.getLong(1);

      Dataset<Row> rejects = Ingest.rejects(classified);
      if (previousRejects.isPresent()) {
        // The same bad record read again is the same row: re-running a night changes nothing.
        rejects = rejects.unionByName(previousRejects.get().selectExpr(rejects.columns())).distinct();
      }
      store.write("rejects", rejects, List.of(), List.of(Col.INPUT_FILE, Col.LINE_OR_ROW, Col.REASON));
      Map<String, Long> byReason = new TreeMap<>();
      for (Row r : Ingest.rejects(classified).groupBy(Col.REASON).count().collectAsList()) {
        byReason.put(r.getString(0), r.getLong(1));
      }
      long rejected = byReason.values().stream().mapToLong(Long::longValue).sum();

      Dataset<Row> fresh = Ingest.newRecords(classified, previous).persist(StorageLevel.MEMORY_AND_DISK());
      Dataset<Row> articles = Ingest.articles(fresh, previous, config).persist(StorageLevel.MEMORY_AND_DISK());
      try {
        long newArticles = fresh.count();
        long alreadySeen = read - rejected - outOfRange - newArticles;
        store.write("articles", articles.drop(Deduplication.DUPLICATE_KIND), List.of(Col.PUBLISHED_DATE),
            List.of(Col.PUBLISHED, Col.DOC_ID));
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

        stage.count("records_read", read);
        stage.count("new_articles", newArticles);
        stage.count("rejected", rejected);
        stage.count("out_of_range", outOfRange);
        metrics.count("records_read", read);
        metrics.count("articles", total);
        metrics.count("new_articles", newArticles);
        if (config.incremental()) {
          metrics.count("already_seen", alreadySeen);
        }
        metrics.count("rejected", rejected);
        metrics.count("rejected_by_reason", byReason);
        metrics.count("out_of_range", outOfRange);
        metrics.count("duplicates_exact", byKind.getOrDefault("exact", 0L));
        metrics.count("duplicates_near", byKind.getOrDefault("near", 0L));
        metrics.count("articles_by_language", byLang);
        metrics.count("articles_in_analysed_languages", analysable);
        metrics.count("articles_in_other_languages", total - analysable);
        if (alreadySeen < 0 || (!config.incremental() && alreadySeen != 0)) {
          throw new IllegalStateException(String.format(
              "ingestion lost records: read %d != new articles %d + rejected %d + out of range %d",
              read, newArticles, rejected, outOfRange));
        }
        tables.put("articles", total);
        tables.put("rejects", store.read("rejects").count());
      } finally {
        articles.unpersist();
        fresh.unpersist();
      }
    } finally {
      classified.unpersist();
    }
  }

  /**
   * NER on the analysed articles ({@code ner_mentions}, per article), then the corpus-level canonical entities:
   * {@code entity_mentions}, {@code entities}, {@code entity_trends}.
   */
  private static void entities(SparkSession spark, JobConfig config, ReportStore store, RunMetrics.Stage stage,
      RunMetrics metrics, Map<String, Long> tables) {
    List<String> languages = config.ingest().languages();
    Dataset<Row> articles = store.read("articles");
    Column reason = Entities.skipReason(languages);
    Row skipped = articles.agg(count(lit(1)),
        sum(when(reason.equalTo(Entities.SKIP_DUPLICATE), 1).otherwise(0)),
        sum(when(reason.equalTo(Entities.SKIP_OTHER_LANGUAGE), 1).otherwise(0))).first();
    long total = skipped.getLong(0);
    long duplicates = skipped.isNullAt(1) ? 0 : skipped.getLong(1);
    long otherLanguage = skipped.isNullAt(2) ? 0 : skipped.getLong(2);
    long analysed = total - duplicates - otherLanguage;
    Dataset<Row> analysable = Entities.analysable(articles, languages);
    // Nightly runs: NER (the expensive, per-article part) runs only on articles without a still-valid row in the
    // published ner_mentions; everything after it is recomputed over the union, so nightly equals batch.
    Optional<Dataset<Row>> previous = config.incremental()
        ? store.readPublished(EntitySchemas.NER_MENTIONS_TABLE) : Optional.empty();
    Dataset<Row> reused = previous.map(p -> Entities.reusableMentions(p, analysable, config.entities()))
        .map(d -> d.persist(StorageLevel.MEMORY_AND_DISK())).orElse(null);
    Row reusedTotals = reused == null ? null : reused.agg(count(lit(1)), sum(col(EntitySchemas.TOKENS))).first();
    long reusedCount = reusedTotals == null ? 0 : reusedTotals.getLong(0);
    long reusedTokens = reusedTotals == null || reusedTotals.isNullAt(1) ? 0 : reusedTotals.getLong(1);
    Dataset<Row> toRecognize = reused == null ? analysable : Entities.notYetRecognized(analysable, reused);
    int partitions = Entities.nerPartitions(analysed - reusedCount, spark.sparkContext().defaultParallelism());

    long nerStart = System.nanoTime();
    try {
      Dataset<Row> recognized = Entities.recognize(toRecognize, config.entities(), partitions);
      store.write(EntitySchemas.NER_MENTIONS_TABLE, reused == null ? recognized : reused.unionByName(recognized),
          List.of(), List.of(Col.DOC_ID));
    } finally {
      if (reused != null) {
        reused.unpersist();
      }
    }
    double nerSeconds = (System.nanoTime() - nerStart) / 1e9;
    Dataset<Row> ner = store.read(EntitySchemas.NER_MENTIONS_TABLE);
    Row nerTotals = ner.agg(count(lit(1)), sum(col(EntitySchemas.TOKENS)), sum(col(EntitySchemas.SENTENCES)),
        sum(when(col(EntitySchemas.TRUNCATED), 1).otherwise(0)), sum(size(col(EntitySchemas.MENTIONS)))).first();
    long tokens = nerTotals.isNullAt(1) ? 0 : nerTotals.getLong(1);

    EntityRules rules = EntityRules.load(config.entities(), spark.sparkContext().hadoopConfiguration());
    Dataset<Row> resolved = Entities.resolveInArticles(ner, rules).persist(StorageLevel.MEMORY_AND_DISK());
    long aliasesLearned;
    try {
      Dataset<Row> aliases = Entities.learnAliases(resolved, config.entities()).persist(StorageLevel.MEMORY_AND_DISK());
      Dataset<Row> canonical = Entities.canonicalize(resolved, aliases, rules).persist(StorageLevel.MEMORY_AND_DISK());
      try {
        aliasesLearned = aliases.count();
        store.write(EntitySchemas.ENTITY_MENTIONS_TABLE, Entities.mentions(canonical), List.of(),
            List.of(Col.DOC_ID, Col.BEGIN, Col.END, Col.ENTITY_ID));
        store.write(EntitySchemas.ENTITIES_TABLE, Entities.entities(canonical), List.of(), List.of(Col.ENTITY_ID));
      } finally {
        canonical.unpersist();
        aliases.unpersist();
      }
    } finally {
      resolved.unpersist();
    }
    Dataset<Row> entityMentions = store.read(EntitySchemas.ENTITY_MENTIONS_TABLE);
    store.write(EntitySchemas.ENTITY_TRENDS_TABLE,
        Entities.trends(entityMentions, Entities.analysable(articles, languages), config.periods()),
        List.of(Col.PERIOD), List.of(Col.PERIOD_START, Col.ENTITY_ID));

    long mentionRows = entityMentions.count();
    long entityRows = store.read(EntitySchemas.ENTITIES_TABLE).count();
    long trendRows = store.read(EntitySchemas.ENTITY_TRENDS_TABLE).count();
    int cores = spark.sparkContext().defaultParallelism();
    stage.count("articles_analysed", analysed);
    stage.count("skipped_duplicates", duplicates);
    stage.count("skipped_other_language", otherLanguage);
    stage.count("ner_reused_articles", reusedCount);
    stage.count("ner_tokens", tokens);
    stage.count("ner_sentences", nerTotals.isNullAt(2) ? 0 : nerTotals.getLong(2));
    stage.count("ner_truncated", nerTotals.isNullAt(3) ? 0 : nerTotals.getLong(3));
    stage.count("ner_raw_mentions", nerTotals.isNullAt(4) ? 0 : nerTotals.getLong(4));
    stage.count("ner_seconds", Math.round(nerSeconds * 1000) / 1000.0);
    stage.count("ner_tokens_per_second_per_core", nerSeconds == 0 ? 0
        : Math.round((tokens - reusedTokens) / nerSeconds / cores));
    stage.count("aliases_learned", aliasesLearned);
    stage.count("entity_mentions", mentionRows);
    stage.count("entities", entityRows);
    metrics.count("entities_articles_analysed", analysed);
    Map<String, Long> skippedByReason = new TreeMap<>();
    skippedByReason.put(Entities.SKIP_DUPLICATE, duplicates);
    skippedByReason.put(Entities.SKIP_OTHER_LANGUAGE, otherLanguage);
    metrics.count("entities_skipped", skippedByReason);
    metrics.count("entity_mentions", mentionRows);
    metrics.count("entities", entityRows);
    tables.put(EntitySchemas.NER_MENTIONS_TABLE, nerTotals.getLong(0));
    tables.put(EntitySchemas.ENTITY_MENTIONS_TABLE, mentionRows);
    tables.put(EntitySchemas.ENTITIES_TABLE, entityRows);
    tables.put(EntitySchemas.ENTITY_TRENDS_TABLE, trendRows);
  }

  /**
   * The co-occurrence stage: reads {@code entity_mentions} and {@code articles} back from this run and writes
   * {@code cooccurrence} (partitioned by window and period), {@code top_neighbours} (read from the written
   * cooccurrence table) and {@code emerging_pairs}.
   */
  static void cooccurrence(JobConfig config, ReportStore store, RunMetrics.Stage stage, RunMetrics metrics,
      Map<String, Long> tables) {
    CooccurrenceConfig cc = config.cooccurrence();
    try (Cooccurrence.Prepared prepared = Cooccurrence.prepare(store.read(Cooccurrence.MENTIONS_TABLE),
        store.read("articles"), config.ingest().languages(), cc)) {
      Cooccurrence.Counts counts = Cooccurrence.counts(prepared, cc.maxEntitiesPerDoc());
      store.write(Cooccurrence.TABLE, Cooccurrence.cooccurrence(prepared, config.periods(), cc),
          Cooccurrence.PARTITIONS, Cooccurrence.SORT);
      Dataset<Row> written = store.read(Cooccurrence.TABLE);
      store.write(Cooccurrence.NEIGHBOURS_TABLE, Cooccurrence.topNeighbours(written, cc), Cooccurrence.PARTITIONS,
          Cooccurrence.NEIGHBOURS_SORT);
      store.write(Cooccurrence.EMERGING_TABLE, Cooccurrence.emergingPairs(prepared, cc), List.of(),
          Cooccurrence.EMERGING_SORT);

      Map<String, Long> pairsByWindow = new TreeMap<>();
      for (Row r : written.groupBy(Cooccurrence.WINDOW).count().collectAsList()) {
        pairsByWindow.put(r.getString(0), r.getLong(1));
      }
      long rows = pairsByWindow.values().stream().mapToLong(Long::longValue).sum();
      long neighbours = store.read(Cooccurrence.NEIGHBOURS_TABLE).count();
      long emerging = store.read(Cooccurrence.EMERGING_TABLE).count();
      stage.count("counted_articles", counts.countedArticles());
      stage.count("articles_with_entities", counts.articlesWithEntities());
      stage.count("capped_articles", counts.cappedArticles());
      stage.count("cooccurrence_rows", rows);
      metrics.count("cooccurrence_counted_articles", counts.countedArticles());
      metrics.count("cooccurrence_articles_with_entities", counts.articlesWithEntities());
      metrics.count("cooccurrence_capped_articles", counts.cappedArticles());
      metrics.count("cooccurrence_entities_dropped_by_cap", counts.entitiesDroppedByCap());
      metrics.count("cooccurrence_rows_by_window", pairsByWindow);
      tables.put(Cooccurrence.TABLE, rows);
      tables.put(Cooccurrence.NEIGHBOURS_TABLE, neighbours);
      tables.put(Cooccurrence.EMERGING_TABLE, emerging);
    }
  }

  /**
   * Topics: features and the LDA model (trained, or reused by {@link ModelSource}'s rule and saved again under this
   * run as DIR/model), per-article inference ({@code doc_topics}), the {@code topics} table with NPMI coherence,
   * and {@code emerging_terms}. The entity stage's {@code entity_mentions} of this run add entity
   * terms to the features.
   */
  private static void topics(SparkSession spark, JobConfig config, ReportStore store, RunMetrics.Stage stage,
      RunMetrics metrics, Map<String, Long> tables) {
    Dataset<Row> analysed = TopicModel.analysed(store.read("articles"), config.ingest().languages());
    Dataset<Row> mentions = store.read(EntitySchemas.ENTITY_MENTIONS_TABLE);
    Dataset<Row> docs = TopicModel.documents(analysed, mentions).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      org.apache.hadoop.conf.Configuration hadoop = spark.sparkContext().hadoopConfiguration();
      ModelSource source = ModelSource.choose(config.topics(),
          store.publishedPath("model").map(Object::toString), path -> ModelSource.isSavedModel(path, hadoop));
      long t0 = System.nanoTime();
      PipelineModel model;
      try {
        model = source.path().isPresent() ? TopicModel.load(source.path().get())
            : TopicModel.fit(docs, config.topics());
      } catch (TopicModel.NoVocabularyException e) {
        LOG.warn("no topic model this run: {}", e.getMessage());
        withoutTopicModel(spark, config, store, stage, metrics, tables, docs, e.getMessage());
        return;
      }
      TopicModel.save(model, store.stagingPath("model").toString());
      LOG.info("topic model {} ({}) in {} s", source.kind(), source.path().orElse("new"), seconds(t0));
      int k = TopicModel.k(model);
      if (source.path().isPresent() && k != config.topics().k()) {
        LOG.warn("reusing a topic model of {} topics ({}); --topics {} applies to training only (--retrain)", k,
            source.path().get(), config.topics().k());
      }
      Dataset<Row> inferred = TopicModel.infer(model, docs).persist(StorageLevel.MEMORY_AND_DISK());
      try {
        store.write("doc_topics", TopicModel.docTopics(inferred, config.topics().minTopicWeight()), List.of(),
            List.of(Col.DOC_ID, TopicModel.TOPIC_ID));
        LOG.info("doc_topics written in {} s", seconds(t0));
        List<TopicModel.Topic> topics = TopicModel.describe(model, TopicModel.TOP_TERMS);
        double[] coherence = Coherence.npmi(inferred, TextFeatures.ALL_TERMS, TopicModel.termLists(topics));
        LOG.info("coherence computed in {} s", seconds(t0));
        store.write("topics", TopicModel.topicsTable(spark, topics, coherence), List.of(),
            List.of(TopicModel.TOPIC_ID));
        Dataset<Row> calendar = Trends.calendar(inferred, config.periods());
        store.write("emerging_terms", Trends.emergingTerms(inferred.select(col(Col.PUBLISHED),
                col(TextFeatures.TERMS)), calendar, config.periods(), config.trends().baselineDays(),
                config.trends().emergingMinCount(), config.trends().emergingTerms()),
            List.of(Col.PERIOD), List.of(Col.PERIOD_START, Trends.TERM));

        LOG.info("emerging_terms written in {} s", seconds(t0));
        long analysedCount = inferred.count();
        long docTopics = store.read("doc_topics").count();
        long emerging = store.read("emerging_terms").count();
        double meanCoherence = Coherence.mean(coherence);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("model", source.kind());
        source.path().ifPresent(p -> summary.put("model_path", p));
        summary.put("k", k);
        summary.put("vocabulary", TopicModel.vocabulary(model).length);
        summary.put("coherence_npmi", Double.isNaN(meanCoherence) ? null : meanCoherence);
        summary.put("articles_analysed", analysedCount);
        stage.count("model", source.kind());
        stage.count("articles_analysed", analysedCount);
        stage.count("coherence_npmi", summary.get("coherence_npmi"));
        metrics.count("topics", summary);
        tables.put("topics", (long) topics.size());
        tables.put("doc_topics", docTopics);
        tables.put("emerging_terms", emerging);
      } finally {
        inferred.unpersist();
      }
    } finally {
      docs.unpersist();
    }
  }

  /**
   * The topics stage when the corpus is too small for a topic model ({@link TopicModel.NoVocabularyException}):
   * empty {@code topics} and {@code doc_topics} tables (so readers and the trends stage find them), no saved model
   * (the next run trains one), and {@code emerging_terms} from the article terms all the same.
   */
  private static void withoutTopicModel(SparkSession spark, JobConfig config, ReportStore store,
      RunMetrics.Stage stage, RunMetrics metrics, Map<String, Long> tables, Dataset<Row> docs, String reason) {
    Dataset<Row> terms = TopicModel.terms(docs, config.topics()).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      store.write("doc_topics", TopicModel.emptyDocTopics(spark), List.of(), List.of(Col.DOC_ID));
      store.write("topics", TopicModel.topicsTable(spark, List.of(), new double[0]), List.of(),
          List.of(TopicModel.TOPIC_ID));
      Dataset<Row> calendar = Trends.calendar(terms, config.periods());
      store.write("emerging_terms", Trends.emergingTerms(terms.select(col(Col.PUBLISHED), col(TextFeatures.TERMS)),
              calendar, config.periods(), config.trends().baselineDays(), config.trends().emergingMinCount(),
              config.trends().emergingTerms()),
          List.of(Col.PERIOD), List.of(Col.PERIOD_START, Trends.TERM));
      long analysedCount = terms.count();
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("model", "none");
      summary.put("reason", reason);
      summary.put("k", 0);
      summary.put("articles_analysed", analysedCount);
      stage.count("model", "none");
      stage.count("articles_analysed", analysedCount);
      metrics.count("topics", summary);
      tables.put("topics", 0L);
      tables.put("doc_topics", 0L);
      tables.put("emerging_terms", store.read("emerging_terms").count());
    } finally {
      terms.unpersist();
    }
  }

  /**
   * Trends of the LDA topics (from doc_topics) and of the tracked topics (queries matched now), per period, over
   * the dense calendar of the analysed articles. {@code top_entities} come from the {@code entity_mentions} the
   * entity stage wrote earlier in this run.
   */
  private static void trends(JobConfig config, ReportStore store, RunMetrics.Stage stage,
      Map<String, Long> tables) {
    Dataset<Row> analysed = TopicModel.analysed(store.read("articles"), config.ingest().languages())
        .select(Col.DOC_ID, Col.PUBLISHED, Col.TITLE, Col.TEXT);
    Dataset<Row> calendar = Trends.calendar(analysed, config.periods()).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> mentions = store.read(EntitySchemas.ENTITY_MENTIONS_TABLE);
    List<String> topicKey = List.of(TopicModel.TOPIC_ID);
    try {
      Dataset<Row> topics = store.read("topics");
      Dataset<Row> items = store.read("doc_topics").join(analysed.select(Col.DOC_ID, Col.PUBLISHED), Col.DOC_ID);
      Dataset<Row> topEntities = Trends.topEntities(items, mentions, topicKey,
          config.periods(), config.trends().topEntities());
      Dataset<Row> ldaTrends = Trends.analyse(items.select(col(TopicModel.TOPIC_ID), col(Col.PUBLISHED),
              col(TopicModel.WEIGHT)), topics.select(TopicModel.TOPIC_ID), calendar, topicKey, topEntities,
          config.trends())
          .join(topics.select(TopicModel.TOPIC_ID, TopicModel.LABEL), TopicModel.TOPIC_ID);
      List<String> columns = new ArrayList<>(List.of(TopicModel.TOPIC_ID, TopicModel.LABEL));
      Arrays.stream(ldaTrends.columns()).filter(c -> !columns.contains(c)).forEach(columns::add);
      store.write("topic_trends", ldaTrends.selectExpr(columns.toArray(String[]::new)), List.of(Col.PERIOD),
          List.of(TopicModel.TOPIC_ID, Col.PERIOD_START));
      tables.put("topic_trends", store.read("topic_trends").count());

      Map<String, TrackQuery> tracked = config.topics().tracked();
      stage.count("tracked_topics", tracked.size());
      if (!tracked.isEmpty()) {
        List<String> trackKey = List.of(TrackedTopics.TOPIC);
        Dataset<Row> matches = TrackedTopics.match(analysed, tracked).persist(StorageLevel.MEMORY_AND_DISK());
        try {
          Dataset<Row> trackedEntities = Trends.topEntities(matches, mentions, trackKey,
              config.periods(), config.trends().topEntities());
          store.write("tracked_topic_trends", Trends.analyse(matches.select(TrackedTopics.TOPIC, Col.PUBLISHED),
                  TrackedTopics.names(analysed.sparkSession(), tracked), calendar, trackKey, trackedEntities,
                  config.trends()),
              List.of(Col.PERIOD), List.of(TrackedTopics.TOPIC, Col.PERIOD_START));
          Map<String, Long> matched = new TreeMap<>();
          tracked.keySet().forEach(name -> matched.put(name, 0L));
          for (Row r : matches.groupBy(TrackedTopics.TOPIC).count().collectAsList()) {
            matched.put(r.getString(0), r.getLong(1));
          }
          stage.count("tracked_articles", matched);
          tables.put("tracked_topic_trends", store.read("tracked_topic_trends").count());
        } finally {
          matches.unpersist();
        }
      }
    } finally {
      calendar.unpersist();
    }
  }

  private static String seconds(long startNanos) {
    return String.format("%.1f", (System.nanoTime() - startNanos) / 1e9);
  }

  private static Map<String, Object> describe(InputResolver.Resolution inputs) {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("files", inputs.files().size());
    input.put("bytes", inputs.totalBytes());
    Map<String, Long> byFormat = new TreeMap<>();
    for (InputFile f : inputs.files()) {
      byFormat.merge(f.format().label(), 1L, Long::sum);
    }
    input.put("files_by_format", byFormat);
    input.put("skipped_files", inputs.skipped().stream().limit(100).toList());
    input.put("skipped_file_count", inputs.skipped().size());
    return input;
  }
}
