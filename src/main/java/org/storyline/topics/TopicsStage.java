package org.storyline.topics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.xxhash64;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storyline.config.ConfigOption;
import org.storyline.config.JobConfig;
import org.storyline.ingest.AnalysedArticles;
import org.storyline.io.Observed;
import org.storyline.io.ReportStore;
import org.storyline.run.RunContext;
import org.storyline.run.Stage;
import org.storyline.run.StageResult;
import org.storyline.schema.Col;
import org.storyline.schema.Period;
import org.storyline.schema.Tables;
import org.storyline.trends.Trends;

/**
 * Topics: features and the LDA model (trained, or reused by {@link ModelSource}'s rule and saved again under this
 * run as DIR/model), per-article inference ({@code doc_topics}), the {@code topics} table with NPMI coherence,
 * and {@code emerging_terms}. The entity stage's {@code entity_mentions} of this run add entity terms to the
 * features. When the corpus is too small for a topic model ({@link TopicModel.NoVocabularyException}): empty
 * {@code topics} and {@code doc_topics} tables (so readers and the trends stage find them), no saved model (the
 * next run trains one), and {@code emerging_terms} from the article terms all the same.
 */
public final class TopicsStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(TopicsStage.class);

  public static final String NAME = "topics";

  @Override
  public String name() {
    return NAME;
  }

  /**
   * What the stage counted. {@code model} is "trained", "reused" ({@link ModelSource#kind()}) or "none" (then
   * {@code reason} says why, and {@code vocabulary}, {@code coherence} and {@code modelPath} are absent).
   */
  public record Result(String model, Optional<String> modelPath, String reason, int k, Integer vocabulary,
      Double coherence, long articlesAnalysed, long tokenizedArticles, long inferredArticles, long topicRows,
      long docTopicRows, long emergingTermRows, long emergingTermBuckets) implements StageResult {
    boolean hasModel() {
      return reason == null;
    }

    @Override
    public Map<String, Object> stageCounts() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("model", model);
      m.put("articles_analysed", articlesAnalysed);
      m.put("tokenized_articles", tokenizedArticles);
      m.put("emerging_term_buckets", emergingTermBuckets);
      if (hasModel()) {
        m.put("inferred_articles", inferredArticles);
        m.put("coherence_npmi", coherence);
      }
      return m;
    }

    @Override
    public Map<String, Object> runCounts() {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("model", model);
      if (hasModel()) {
        modelPath.ifPresent(p -> summary.put("model_path", p));
        summary.put("k", k);
        summary.put("vocabulary", vocabulary);
        summary.put("coherence_npmi", coherence);
      } else {
        summary.put("reason", reason);
        summary.put("k", k);
      }
      summary.put("articles_analysed", articlesAnalysed);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("topics", summary);
      return m;
    }

    @Override
    public Map<String, Long> tables() {
      Map<String, Long> m = new LinkedHashMap<>();
      m.put(Tables.TOPICS.name(), topicRows);
      m.put(Tables.DOC_TOPICS.name(), docTopicRows);
      if (hasModel()) {
        m.put(Tables.TOPIC_INPUTS.name(), articlesAnalysed);
      }
      m.put(Tables.EMERGING_TERMS.name(), emergingTermRows);
      m.put(Tables.ARTICLE_TERMS.name(), articlesAnalysed);
      return m;
    }
  }

  @Override
  public Result run(RunContext ctx) {
    SparkSession spark = ctx.spark();
    JobConfig config = ctx.config();
    ReportStore store = ctx.store();
    Dataset<Row> analysed = AnalysedArticles.of(NAME, store.read(Tables.ARTICLES), config.ingest().languages());
    Dataset<Row> mentions = store.read(Tables.ENTITY_MENTIONS);
    org.apache.hadoop.conf.Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    ModelSource source = ModelSource.choose(config.topics(),
        store.publishedPath("model").map(Object::toString), path -> ModelSource.isSavedModel(path, hadoop));
    long t0 = System.nanoTime();
    Optional<PipelineModel> reused = source.path().map(TopicModel::load);
    // Training reads the documents twice (the phrase detector, then the terms); a reused model reads them once.
    Dataset<Row> documents = TopicModel.documents(analysed, mentions);
    Dataset<Row> docs = reused.isPresent() ? documents : documents.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      // The terms of every article, by the reused model's text stages or by newly fitted ones, computed once:
      // training, inference, coherence and emerging terms all read them. A night that reuses the model reads the
      // stored terms of the articles it has seen (their text never changes) and tokenizes the new ones only.
      PipelineModel termStages = reused.map(TopicModel::termsOf).orElseGet(() -> TopicModel.fitTerms(docs,
          config.topics()));
      String termsKey = TopicModel.termsFingerprint(termStages);
      Optional<StoredTerms> stored = reused.isPresent() && config.incremental()
          ? store.readPublished(Tables.ARTICLE_TERMS).map(t -> StoredTerms.of(t, termsKey,
              AnalysedArticles.of(NAME, store.readCached(Tables.ARTICLES, Tables.ARTICLE_KEYS),
                  config.ingest().languages())))
          : Optional.empty();
      try {
        Dataset<Row> termDocs = stored.map(t -> TopicModel.withStoredTerms(t.terms(), mentions).unionByName(
                TopicModel.withTerms(termStages, TopicModel.documents(t.unseen(analysed), mentions))))
            .orElseGet(() -> TopicModel.withTerms(termStages, docs))
            .persist(StorageLevel.MEMORY_AND_DISK());
        try {
          Dataset<Row> rows = termDocs.select(col(Col.DOC_ID), col(Col.PUBLISHED), col(TextFeatures.TERMS),
              lit(termsKey).as(TERM_STAGES), to_date(col(Col.PUBLISHED)).as(Col.PUBLISHED_DATE));
          if (stored.isPresent()) {
            store.writeChanged(Tables.ARTICLE_TERMS, rows, stored.get().changedDays());
          } else {
            store.write(Tables.ARTICLE_TERMS, rows);
          }
          long reusedTerms = stored.map(StoredTerms::reused).orElse(0L);
          return withModel(spark, config, store, source, reused, termStages, termDocs, reusedTerms,
              stored.map(StoredTerms::changedDays), t0);
        } finally {
          termDocs.unpersist();
        }
      } finally {
        stored.ifPresent(StoredTerms::close);
      }
    } finally {
      docs.unpersist();
    }
  }

  /** Column of {@code article_terms}: {@link TopicModel#termsFingerprint} of the text stages that gave the terms. */
  static final String TERM_STAGES = "term_stages";

  /**
   * The published {@code article_terms} a night can use: the rows of the articles analysed now that the same text
   * stages gave ({@code terms}: {@code doc_id, published, terms}, cached), how many, and the days to write again:
   * those with an analysed article without such a row (new articles) and those with a row that no longer stands
   * (other text stages, or an article that is no longer analysed, now a duplicate). The days, a few short strings
   * each, come to the driver.
   */
  record StoredTerms(Dataset<Row> terms, long reused, List<String> unseenDays,
      List<String> changedDays) implements AutoCloseable {
    static StoredTerms of(Dataset<Row> published, String termsKey, Dataset<Row> analysedKeys) {
      Dataset<Row> keys = analysedKeys.select(col(Col.DOC_ID), col(Col.PUBLISHED_DATE));
      Dataset<Row> terms = published.filter(col(TERM_STAGES).equalTo(termsKey))
          .select(col(Col.DOC_ID), col(Col.PUBLISHED), col(TextFeatures.TERMS))
          .join(keys.select(col(Col.DOC_ID)), TopicModel.toSeq(List.of(Col.DOC_ID)), "left_semi")
          .persist(StorageLevel.MEMORY_AND_DISK());
      long reused = terms.count();
      Dataset<Row> ids = terms.select(col(Col.DOC_ID));
      List<String> unseen = ReportStore.partitionValues(
          keys.join(ids, TopicModel.toSeq(List.of(Col.DOC_ID)), "left_anti"), Col.PUBLISHED_DATE);
      Set<String> changed = new TreeSet<>(unseen);
      changed.addAll(ReportStore.partitionValues(
          published.join(ids, TopicModel.toSeq(List.of(Col.DOC_ID)), "left_anti"), Col.PUBLISHED_DATE));
      return new StoredTerms(terms, reused, unseen, List.copyOf(changed));
    }

    /** The analysed articles ({@code analysed}, with their text) that have no stored terms: read from their days. */
    Dataset<Row> unseen(Dataset<Row> analysed) {
      return analysed.filter(ReportStore.inPartitions(Col.PUBLISHED_DATE, unseenDays))
          .join(terms.select(col(Col.DOC_ID)), TopicModel.toSeq(List.of(Col.DOC_ID)), "left_anti");
    }

    @Override
    public void close() {
      terms.unpersist();
    }
  }

  /** The stage on the articles' terms ({@link TopicModel#withTerms}, cached): the model trained or reused, used. */
  private static Result withModel(SparkSession spark, JobConfig config, ReportStore store, ModelSource source,
      Optional<PipelineModel> reused, PipelineModel termStages, Dataset<Row> termDocs, long reusedTerms,
      Optional<List<String>> changedTermDays, long t0) {
    PipelineModel model;
    try {
      model = reused.isPresent() ? reused.get() : TopicModel.fitOnTerms(termStages, termDocs, config.topics());
    } catch (TopicModel.NoVocabularyException e) {
      LOG.warn("no topic model this run: {}", e.getMessage());
      return withoutTopicModel(spark, config, store, termDocs, e.getMessage());
    }
    TopicModel.save(model, store.stagingPath("model").toString());
    LOG.info("topic model {} ({}) in {} s", source.kind(), source.path().orElse("new"), seconds(t0));
    int k = TopicModel.k(model);
    if (source.path().isPresent() && k != config.topics().k()) {
      LOG.warn("reusing a topic model of {} topics ({}); --topics {} applies to training only (--retrain)", k,
          source.path().get(), config.topics().k());
    }
    // A night infers only the articles whose terms, model or doc_topics settings are not those of the published
    // run: the others' published doc_topics rows are what inference would give them again.
    String settings = inferenceSettings(model, config);
    Dataset<Row> inputs = termDocs.select(col(Col.DOC_ID), xxhash64(col(TextFeatures.ALL_TERMS)).as(TERMS_HASH),
        lit(settings).as(SETTINGS));
    Optional<Dataset<Row>> previousInputs = config.incremental()
        ? store.readPublished(Tables.TOPIC_INPUTS) : Optional.empty();
    Optional<Dataset<Row>> previousTopics = previousInputs.flatMap(p -> store.readPublished(Tables.DOC_TOPICS));
    Dataset<Row> toInfer = termDocs;
    Dataset<Row> carried = null;
    if (previousTopics.isPresent()) {
      Dataset<Row> unchanged = inputs.join(previousInputs.get().select(Col.DOC_ID, TERMS_HASH, SETTINGS),
          TopicModel.toSeq(List.of(Col.DOC_ID, TERMS_HASH, SETTINGS)), "left_semi").select(col(Col.DOC_ID));
      carried = previousTopics.get().selectExpr(Tables.DOC_TOPICS.schema().fieldNames())
          .join(unchanged, TopicModel.toSeq(List.of(Col.DOC_ID)), "left_semi");
      toInfer = termDocs.join(unchanged, TopicModel.toSeq(List.of(Col.DOC_ID)), "left_anti");
    }
    // Every inferred article passes through doc_topics (a generator, no filter before it): its write counts them.
    Observed inferred = Observed.of("articles inferred", TopicModel.inferOnTerms(model, toInfer));
    Dataset<Row> rows = TopicModel.docTopics(inferred.dataset(), config.topics().minTopicWeight());
    Observed docTopics = store.write(Tables.DOC_TOPICS, carried == null ? rows : carried.unionByName(rows));
    Observed analysed = store.write(Tables.TOPIC_INPUTS, inputs);
    LOG.info("doc_topics written in {} s ({} of {} articles inferred)", seconds(t0), inferred.rows(),
        analysed.rows());
    List<TopicModel.Topic> topics = TopicModel.describe(model, TopicModel.TOP_TERMS);
    double[] coherence = Coherence.npmi(termDocs, TextFeatures.ALL_TERMS, TopicModel.termLists(topics));
    LOG.info("coherence computed in {} s", seconds(t0));
    store.write(Tables.TOPICS, TopicModel.topicsTable(spark, topics, coherence));
    EmergingTerms emerging = writeEmergingTerms(store, termDocs, termDocs, config, changedTermDays);
    LOG.info("emerging_terms written in {} s ({} period buckets ranked)", seconds(t0), emerging.rankedBuckets());
    double meanCoherence = Coherence.mean(coherence);
    return new Result(source.kind(), source.path(), null, k, TopicModel.vocabulary(model).length,
        Double.isNaN(meanCoherence) ? null : meanCoherence, analysed.rows(),
        analysed.rows() - reusedTerms, inferred.rows(), topics.size(), docTopics.rows(),
        emerging.written().rows(), emerging.rankedBuckets());
  }

  /** Column of {@code topic_inputs}: the hash of an article's terms. */
  static final String TERMS_HASH = "terms_hash";
  /** Column of {@code topic_inputs}: {@link #inferenceSettings}. */
  static final String SETTINGS = "settings";

  /** What, besides its terms, decides an article's doc_topics rows: the model and the row settings. */
  static String inferenceSettings(PipelineModel model, JobConfig config) {
    return "model=" + TopicModel.fingerprint(model) + ";topic-min-weight=" + config.topics().minTopicWeight()
        + ";topics-per-doc=" + TopicModel.TOPICS_PER_DOC;
  }

  /** The stage without a topic model: see the class comment. */
  private static Result withoutTopicModel(SparkSession spark, JobConfig config, ReportStore store,
      Dataset<Row> terms, String reason) {
    store.write(Tables.DOC_TOPICS, TopicModel.emptyDocTopics(spark));
    store.write(Tables.TOPICS, TopicModel.topicsTable(spark, List.of(), new double[0]));
    // The calendar's one aggregate over the article terms counts them.
    Observed articles = Observed.of("articles with terms", terms);
    EmergingTerms emerging = writeEmergingTerms(store, terms, articles.dataset(), config, Optional.empty());
    return new Result("none", Optional.empty(), reason, 0, null, null, articles.rows(), articles.rows(), 0, 0, 0,
        emerging.written().rows(), emerging.rankedBuckets());
  }

  /**
   * What {@link #writeEmergingTerms} wrote, and how many period buckets of the calendar it ranked (every bucket in a
   * full ranking; the others were carried).
   */
  record EmergingTerms(Observed written, long rankedBuckets) {}

  /**
   * The options {@code emerging_terms} depends on besides the articles' terms: a night carries the published run's
   * rows only when its manifest has the same values.
   */
  static final List<ConfigOption> EMERGING_TERM_OPTIONS = List.of(ConfigOption.PERIOD, ConfigOption.BASELINE_DAYS,
      ConfigOption.EMERGING_TERMS, ConfigOption.EMERGING_MIN_COUNT);

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Writes {@code emerging_terms} of the articles' terms, over the calendar of {@code calendarOf} (the same
   * articles). The daily term counts and the calendar are cached for the write: each period's branch of its plan
   * reads both, and would otherwise aggregate the articles' terms again.
   *
   * <p>A night whose stored terms say which days' analysed terms changed ({@code changedTermDays}: days with a new
   * article or with one that is no longer analysed; an article's text terms never change, and emerging terms count
   * text terms only, so entity renames do not touch them) ranks again only the buckets those days can change
   * ({@link Trends#emergingTermBuckets}), from the term counts of the days they and their baselines are made of, and
   * carries the published rows of every other bucket, when the published run had the same options.
   */
  private static EmergingTerms writeEmergingTerms(ReportStore store, Dataset<Row> docTerms, Dataset<Row> calendarOf,
      JobConfig config, Optional<List<String>> changedTermDays) {
    Optional<Dataset<Row>> published = changedTermDays.isPresent() && sameEmergingTermOptions(store, config)
        ? store.readPublished(Tables.EMERGING_TERMS) : Optional.empty();
    Map<Period, Set<LocalDate>> ranked = published.isEmpty() ? null : Trends.emergingTermBuckets(config.periods(),
        changedTermDays.get().stream().map(LocalDate::parse).toList(), config.trends().baselineDays());
    Dataset<Row> terms = docTerms.select(col(Col.PUBLISHED), col(TextFeatures.TERMS));
    if (ranked != null) {
      // Only the articles of the days the ranked buckets and their baselines are made of are counted.
      List<String> days = Trends.emergingTermDays(ranked, config.trends().baselineDays()).stream()
          .map(LocalDate::toString).toList();
      terms = terms.filter(to_date(col(Col.PUBLISHED)).cast("string").isin(days.toArray()));
    }
    Dataset<Row> calendar = Trends.calendar(calendarOf, config.periods()).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> daily = Trends.dailyTermCounts(terms).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> rows = Trends.emergingTerms(daily, calendar, config.periods(), config.trends().baselineDays(),
          config.trends().emergingMinCount(), config.trends().emergingTerms());
      if (ranked == null) {
        return new EmergingTerms(store.write(Tables.EMERGING_TERMS, rows), calendar.count());
      }
      Dataset<Row> carried = published.get().filter(not(Period.inBuckets(ranked))).selectExpr(rows.columns());
      // The ranked buckets that exist: those after the last day's are in `ranked` but hold no article yet.
      long buckets = calendar.filter(Period.inBuckets(ranked)).count();
      return new EmergingTerms(store.write(Tables.EMERGING_TERMS,
          rows.filter(Period.inBuckets(ranked)).unionByName(carried)), buckets);
    } finally {
      daily.unpersist();
      calendar.unpersist();
    }
  }

  /** Whether the published run's manifest has this run's values of {@link #EMERGING_TERM_OPTIONS}. */
  static boolean sameEmergingTermOptions(ReportStore store, JobConfig config) {
    Optional<String> manifest = store.readPublishedFile(ReportStore.MANIFEST);
    if (manifest.isEmpty()) {
      return false;
    }
    try {
      JsonNode published = JSON.readTree(manifest.get()).path("config");
      Map<String, Object> current = config.settings().effective();
      for (ConfigOption option : EMERGING_TERM_OPTIONS) {
        if (!JSON.valueToTree(current.get(option.key())).equals(published.get(option.key()))) {
          LOG.info("emerging terms counted again: --{} differs from the published run's", option.key());
          return false;
        }
      }
      return true;
    } catch (JsonProcessingException e) {
      LOG.warn("published manifest unreadable ({}): emerging terms counted again", e.getOriginalMessage());
      return false;
    }
  }

  private static String seconds(long startNanos) {
    return String.format("%.1f", (System.nanoTime() - startNanos) / 1e9);
  }
}
