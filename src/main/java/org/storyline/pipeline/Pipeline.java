package org.storyline.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storyline.config.JobConfig;
import org.storyline.entities.Entities;
import org.storyline.entities.EntityRules;
import org.storyline.entities.EntitySchemas;
import org.storyline.ingest.Deduplication;
import org.storyline.ingest.Ingest;
import org.storyline.io.InputFile;
import org.storyline.io.InputReader;
import org.storyline.io.InputResolver;
import org.storyline.io.ReportStore;
import org.storyline.schema.Col;

/**
 * Runs the stages in order. Each stage's tables are written to the run's staging folder and read back by the next
 * stage (so lineage stays short and an expensive stage such as NER runs once); the run is published only when
 * every table and the manifest are written.
 */
public final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private Pipeline() {}

  /** What a run produced: its id and its manifest. */
  public record RunResult(String runId, Map<String, Object> manifest) {}

  public static RunResult run(SparkSession spark, JobConfig config) {
    Instant started = Instant.now();
    spark.conf().set("spark.sql.session.timeZone", "UTC");
    String runId = ReportStore.newRunId();
    InputResolver.Resolution inputs = InputResolver.resolve(
        config.inputs(), config.format(), spark.sparkContext().hadoopConfiguration());
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
        Map<String, Object> manifest = Manifest.build(runId, Manifest.SUCCEEDED, started, spark, config, input,
            metrics, tables, null);
        store.publish(Manifest.toJson(manifest));
        return new RunResult(runId, manifest);
      } catch (RuntimeException | Error e) {
        store.abandon(Manifest.toJson(Manifest.build(runId, Manifest.FAILED, started, spark, config, input,
            metrics, tables, e)));
        throw e;
      }
    }
  }

  private static void ingest(SparkSession spark, JobConfig config, InputResolver.Resolution inputs,
      ReportStore store, RunMetrics.Stage stage, RunMetrics metrics, Map<String, Long> tables) {
    Dataset<Row> classified = Ingest.classify(InputReader.read(spark, inputs), config)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Row totals = classified.agg(
          count(lit(1)),
          sum(when(col(Col.REASON).isNull().and(not(col(Ingest.IN_RANGE))), 1).otherwise(0))).first();
      long read = totals.getLong(0);
      long outOfRange = totals.isNullAt(1) ? 0 : totals.getLong(1);

      store.write("rejects", Ingest.rejects(classified), List.of(), List.of(Col.INPUT_FILE, Col.LINE_OR_ROW));
      Map<String, Long> byReason = new TreeMap<>();
      for (Row r : store.read("rejects").groupBy(Col.REASON).count().collectAsList()) {
        byReason.put(r.getString(0), r.getLong(1));
      }
      long rejected = byReason.values().stream().mapToLong(Long::longValue).sum();

      Dataset<Row> articles = Ingest.articles(classified, config).persist(StorageLevel.MEMORY_AND_DISK());
      try {
        store.write("articles", articles.drop(Deduplication.DUPLICATE_KIND), List.of(Col.PUBLISHED_DATE),
            List.of(Col.PUBLISHED, Col.DOC_ID));
        Map<String, Long> byKind = new TreeMap<>();
        Map<String, Long> byLang = new TreeMap<>();
        for (Row r : articles.groupBy(col(Deduplication.DUPLICATE_KIND), col(Col.LANG)).count().collectAsList()) {
          String kind = r.isNullAt(0) ? "original" : r.getString(0);
          byKind.merge(kind, r.getLong(2), Long::sum);
          byLang.merge(r.isNullAt(1) ? "und" : r.getString(1), r.getLong(2), Long::sum);
        }
        long accepted = byKind.values().stream().mapToLong(Long::longValue).sum();
        long analysable = byLang.entrySet().stream()
            .filter(e -> config.ingest().languages().contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();

        stage.count("records_read", read);
        stage.count("articles", accepted);
        stage.count("rejected", rejected);
        stage.count("out_of_range", outOfRange);
        metrics.count("records_read", read);
        metrics.count("articles", accepted);
        metrics.count("rejected", rejected);
        metrics.count("rejected_by_reason", byReason);
        metrics.count("out_of_range", outOfRange);
        metrics.count("duplicates_exact", byKind.getOrDefault("exact", 0L));
        metrics.count("duplicates_near", byKind.getOrDefault("near", 0L));
        metrics.count("articles_by_language", byLang);
        metrics.count("articles_in_analysed_languages", analysable);
        metrics.count("articles_in_other_languages", accepted - analysable);
        if (read != accepted + rejected + outOfRange) {
          throw new IllegalStateException(String.format(
              "ingestion lost records: read %d != articles %d + rejected %d + out of range %d",
              read, accepted, rejected, outOfRange));
        }
        tables.put("articles", accepted);
        tables.put("rejects", rejected);
      } finally {
        articles.unpersist();
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
    int partitions = Entities.nerPartitions(analysed, spark.sparkContext().defaultParallelism());

    long nerStart = System.nanoTime();
    store.write(EntitySchemas.NER_MENTIONS_TABLE,
        Entities.recognize(Entities.analysable(articles, languages), config.entities(), partitions),
        List.of(), List.of(Col.DOC_ID));
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
    stage.count("ner_tokens", tokens);
    stage.count("ner_sentences", nerTotals.isNullAt(2) ? 0 : nerTotals.getLong(2));
    stage.count("ner_truncated", nerTotals.isNullAt(3) ? 0 : nerTotals.getLong(3));
    stage.count("ner_raw_mentions", nerTotals.isNullAt(4) ? 0 : nerTotals.getLong(4));
    stage.count("ner_seconds", Math.round(nerSeconds * 1000) / 1000.0);
    stage.count("ner_tokens_per_second_per_core", nerSeconds == 0 ? 0 : Math.round(tokens / nerSeconds / cores));
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
