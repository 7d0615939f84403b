package org.storyline.entities;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.storyline.config.EntitiesConfig;
import org.storyline.config.JobConfig;
import org.storyline.ingest.AnalysedArticles;
import org.storyline.io.Observed;
import org.storyline.io.ReportStore;
import org.storyline.run.RunContext;
import org.storyline.run.Stage;
import org.storyline.run.StageResult;
import org.storyline.schema.Col;
import org.storyline.schema.Tables;

/**
 * NER on the analysed articles ({@code ner_mentions}, per article), then the corpus-level canonical entities:
 * {@code entity_mentions}, {@code entities}, {@code entity_trends}. The evaluation on Reuters-21578
 * ({@link ReutersEvaluation}) runs the same steps through {@link #skipped}, {@link #nerPartitions} and
 * {@link #canonical}.
 */
public final class EntitiesStage implements Stage {
  public static final String NAME = "entities";

  private static final String TOKENS = "tokens";
  private static final String SENTENCES = "sentences";
  private static final String TRUNCATED = "truncated";
  private static final String RAW_MENTIONS = "raw_mentions";
  private static final String LINKED = "linked";
  /** The manifest's {@code linking} when no index is given. */
  public static final String LINKING_OFF = "off: no --link-index";

  @Override
  public String name() {
    return NAME;
  }

  /** What the entity stage counted. */
  public record Result(Skipped skipped, long nerReusedArticles, long nerTokens, long nerSentences,
      long nerTruncated, long nerRawMentions, double nerSeconds, long nerTokensPerSecondPerCore,
      long aliasesLearned, String linking, long linkedEntities, long linkMerges, long nerMentionRows,
      long entityMentionRows, long entityRows, long entityTrendRows)
      implements StageResult {
    @Override
    public Map<String, Object> stageCounts() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("articles_analysed", skipped.analysed());
      m.put("skipped_duplicates", skipped.duplicates());
      m.put("skipped_other_language", skipped.otherLanguage());
      m.put("ner_reused_articles", nerReusedArticles);
      m.put("ner_tokens", nerTokens);
      m.put("ner_sentences", nerSentences);
      m.put("ner_truncated", nerTruncated);
      m.put("ner_raw_mentions", nerRawMentions);
      m.put("ner_seconds", nerSeconds);
      m.put("ner_tokens_per_second_per_core", nerTokensPerSecondPerCore);
      m.put("aliases_learned", aliasesLearned);
      m.put("linking", linking);
      m.put("linked_entities", linkedEntities);
      m.put("link_merges", linkMerges);
      m.put("entity_mentions", entityMentionRows);
      m.put("entities", entityRows);
      return m;
    }

    @Override
    public Map<String, Object> runCounts() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("entities_articles_analysed", skipped.analysed());
      Map<String, Long> byReason = new TreeMap<>();
      byReason.put(AnalysedArticles.SKIP_DUPLICATE, skipped.duplicates());
      byReason.put(AnalysedArticles.SKIP_OTHER_LANGUAGE, skipped.otherLanguage());
      m.put("entities_skipped", byReason);
      m.put("entity_mentions", entityMentionRows);
      m.put("entities", entityRows);
      return m;
    }

    @Override
    public Map<String, Long> tables() {
      Map<String, Long> m = new LinkedHashMap<>();
      m.put(Tables.NER_MENTIONS.name(), nerMentionRows);
      m.put(Tables.ENTITY_MENTIONS.name(), entityMentionRows);
      m.put(Tables.ENTITIES.name(), entityRows);
      m.put(Tables.ENTITY_TRENDS.name(), entityTrendRows);
      return m;
    }
  }

  /** The articles and why the text stages skip some ({@link AnalysedArticles#skipReason}). */
  public record Skipped(long articles, long duplicates, long otherLanguage) {
    public long analysed() {
      return articles - duplicates - otherLanguage;
    }
  }

  /** How many articles there are and how many the text stages skip, in one aggregate over {@code articles}. */
  public static Skipped skipped(Dataset<Row> articles, List<String> languages) {
    Column reason = AnalysedArticles.skipReason(languages);
    Row r = articles.agg(count(lit(1)),
        sum(when(reason.equalTo(AnalysedArticles.SKIP_DUPLICATE), 1).otherwise(0)),
        sum(when(reason.equalTo(AnalysedArticles.SKIP_OTHER_LANGUAGE), 1).otherwise(0))).first();
    return new Skipped(r.getLong(0), r.isNullAt(1) ? 0 : r.getLong(1), r.isNullAt(2) ? 0 : r.getLong(2));
  }

  /** {@link Entities#nerPartitions} for {@code articles} on this session. */
  public static int nerPartitions(SparkSession spark, long articles) {
    return Entities.nerPartitions(articles, spark.sparkContext().defaultParallelism());
  }

  /**
   * The corpus-level steps after NER, cached: in-article resolution, learned aliases, canonical mentions
   * ({@link Entities#canonicalize}). Close it when done.
   */
  public static final class Canonical implements AutoCloseable {
    private final Dataset<Row> resolved;
    private final Dataset<Row> aliases;
    private final Dataset<Row> canonical;
    private final Optional<Linking.Links> links;

    private Canonical(Dataset<Row> resolved, Dataset<Row> aliases, Dataset<Row> canonical,
        Optional<Linking.Links> links) {
      this.resolved = resolved;
      this.aliases = aliases;
      this.canonical = canonical;
      this.links = links;
    }

    /** Whether entities were linked (a link index was given). */
    public boolean linking() {
      return links.isPresent();
    }

    /** The entities merged into another by linking (0 when linking is off). */
    public long linkMerges() {
      return links.map(l -> l.rows().where(col(EntitySchemas.FINAL_KEY).notEqual(col(Linking.TO_KEY))).count())
          .orElse(0L);
    }

    /** The learned aliases ({@link Entities#learnAliases}). */
    public Dataset<Row> aliases() {
      return aliases;
    }

    /** {@link Entities#canonicalize}: the {@code entity_mentions} columns plus own_name and external_id. */
    public Dataset<Row> mentions() {
      return canonical;
    }

    @Override
    public void close() {
      canonical.unpersist();
      links.ifPresent(Linking.Links::close);
      aliases.unpersist();
      resolved.unpersist();
    }
  }

  /** {@link Canonical} of the {@code ner_mentions} rows {@code ner}. */
  public static Canonical canonical(Dataset<Row> ner, EntityRules rules, EntitiesConfig config) {
    Dataset<Row> resolved = Entities.resolveInArticles(ner, rules).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> aliases = Entities.learnAliases(resolved, config).persist(StorageLevel.MEMORY_AND_DISK());
    Optional<Dataset<Row>> index = config.linkIndex().map(dir -> ner.sparkSession().read().parquet(dir));
    Entities.Canonicalized canonicalized = Entities.canonicalize(resolved, aliases, rules, index,
        new Linking.Options(config.linkMinPrior(), config.aliasMinSupport()));
    Dataset<Row> canonical = canonicalized.mentions().persist(StorageLevel.MEMORY_AND_DISK());
    return new Canonical(resolved, aliases, canonical, canonicalized.links());
  }

  /**
   * The articles of the days that hold an analysed article without reusable NER ({@code reused}): a night's new
   * days, whose text alone is then read (a partition filter), not the text of the whole corpus. The days, a few
   * short strings each, come to the driver.
   */
  static Dataset<Row> withTextOfUnseenDays(ReportStore store, Dataset<Row> analysedKeys, Dataset<Row> reused) {
    List<String> days = ReportStore.partitionValues(
        Entities.notYetRecognized(analysedKeys.select(Col.DOC_ID, Col.PUBLISHED_DATE), reused), Col.PUBLISHED_DATE);
    return store.read(Tables.ARTICLES).filter(ReportStore.inPartitions(Col.PUBLISHED_DATE, days));
  }

  @Override
  public Result run(RunContext ctx) {
    SparkSession spark = ctx.spark();
    JobConfig config = ctx.config();
    ReportStore store = ctx.store();
    List<String> languages = config.ingest().languages();
    Dataset<Row> keys = store.readCached(Tables.ARTICLES, Tables.ARTICLE_KEYS);
    // Before NER: the number of articles decides how many tasks it is spread over.
    Skipped skipped = skipped(keys, languages);
    Dataset<Row> analysedKeys = AnalysedArticles.of(NAME, keys, languages);
    // Nightly runs: NER (the expensive, per-article part) runs only on articles without a still-valid row in the
    // published ner_mentions; everything after it is recomputed over the union, so nightly equals batch.
    Optional<Dataset<Row>> previous = config.incremental()
        ? store.readPublished(Tables.NER_MENTIONS) : Optional.empty();
    Dataset<Row> reused = previous.map(p -> Entities.reusableMentions(p, analysedKeys, config.entities()))
        .map(d -> d.persist(StorageLevel.MEMORY_AND_DISK())).orElse(null);
    Row reusedTotals = reused == null ? null : reused.agg(count(lit(1)), sum(col(EntitySchemas.TOKENS))).first();
    long reusedCount = reusedTotals == null ? 0 : reusedTotals.getLong(0);
    long reusedTokens = reusedTotals == null || reusedTotals.isNullAt(1) ? 0 : reusedTotals.getLong(1);
    Dataset<Row> toRecognize = reused == null
        ? Entities.analysable(store.read(Tables.ARTICLES), languages)
        : Entities.notYetRecognized(Entities.analysable(withTextOfUnseenDays(store, analysedKeys, reused), languages),
            reused);
    int partitions = nerPartitions(spark, skipped.analysed() - reusedCount);

    long nerStart = System.nanoTime();
    Observed ner;
    try {
      Dataset<Row> recognized = Entities.recognize(toRecognize, config.entities(), partitions);
      ner = store.write(Tables.NER_MENTIONS, reused == null ? recognized : reused.unionByName(recognized),
          sum(col(EntitySchemas.TOKENS)).as(TOKENS), sum(col(EntitySchemas.SENTENCES)).as(SENTENCES),
          sum(when(col(EntitySchemas.TRUNCATED), 1).otherwise(0)).as(TRUNCATED),
          sum(size(col(EntitySchemas.MENTIONS))).as(RAW_MENTIONS));
    } finally {
      if (reused != null) {
        reused.unpersist();
      }
    }
    double nerSeconds = (System.nanoTime() - nerStart) / 1e9;
    long tokens = ner.count(TOKENS);

    EntityRules rules = EntityRules.load(config.entities(), spark.sparkContext().hadoopConfiguration());
    long aliasesLearned;
    long linkMerges;
    Observed mentions;
    Observed entities;
    try (Canonical canonical = canonical(store.read(Tables.NER_MENTIONS), rules, config.entities())) {
      aliasesLearned = canonical.aliases().count();
      linkMerges = canonical.linkMerges();
      mentions = store.write(Tables.ENTITY_MENTIONS, Entities.mentions(canonical.mentions()));
      entities = store.write(Tables.ENTITIES, Entities.entities(canonical.mentions()),
          sum(when(col(Col.WIKI_TITLE).isNotNull(), 1).otherwise(0)).as(LINKED));
    }
    String linking = config.entities().linkIndex().map(dir -> "on: " + dir).orElse(LINKING_OFF);
    Observed trends = store.write(Tables.ENTITY_TRENDS,
        Entities.trends(store.read(Tables.ENTITY_MENTIONS), analysedKeys, config.periods()));

    int cores = ctx.parallelism();
    return new Result(skipped, reusedCount, tokens, ner.count(SENTENCES), ner.count(TRUNCATED),
        ner.count(RAW_MENTIONS), Math.round(nerSeconds * 1000) / 1000.0,
        nerSeconds == 0 ? 0 : Math.round((tokens - reusedTokens) / nerSeconds / cores), aliasesLearned, linking,
        entities.count(LINKED), linkMerges, ner.rows(),
        mentions.rows(), entities.rows(), trends.rows());
  }
}
