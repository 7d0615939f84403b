package org.storyline.schema;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The catalog of report tables: every table a run writes, with its columns, partitioning and sort order, in the
 * order a run writes them. Writers ({@code ReportStore.write(TableSpec, ...)}), readers, the report and the tests
 * name tables through these constants; a table's name is spelled only here.
 */
public final class Tables {
  private Tables() {}

  // ---------------------------------------------------------------------------------------------------------
  // Ingestion.

  /** The canonical articles ({@link Schemas#ARTICLES}), one folder per publication day. */
  public static final TableSpec ARTICLES = new TableSpec("articles", Schemas.ARTICLES,
      List.of(Col.PUBLISHED_DATE), List.of(Col.PUBLISHED, Col.DOC_ID));

  /**
   * The columns of {@link #ARTICLES} that the stages after ingestion need besides the text: which articles they
   * analyse, when each was published, its content hash. Read once a run and kept in memory
   * ({@code ReportStore.readCached}).
   */
  public static final List<String> ARTICLE_KEYS = List.of(Col.DOC_ID, Col.PUBLISHED, Col.PUBLISHED_DATE,
      Col.DUPLICATE_OF, Col.LANG, Col.CONTENT_HASH);

  /** Every record that is not an article, with the reason ({@link Schemas#REJECTS}). */
  public static final TableSpec REJECTS = new TableSpec("rejects", Schemas.REJECTS,
      List.of(), List.of(Col.INPUT_FILE, Col.LINE_OR_ROW, Col.REASON));

  /**
   * {@code lsh_buckets} (internal): the MinHash LSH bucket keys of every article with enough words for a shingle,
   * {@code bands} rows each, one folder per publication day. They depend only on the article's text and the
   * shingle size, so a nightly run keeps them and hashes only its new articles; duplicates are then marked again
   * from these keys, the content hashes and the texts of the few candidate pairs.
   */
  public static final TableSpec LSH_BUCKETS = new TableSpec("lsh_buckets", createStructType(new StructField[] {
      createStructField(Col.DOC_ID, StringType, false),
      createStructField(Col.PUBLISHED, TimestampType, false),
      createStructField(Col.BAND, IntegerType, false),
      createStructField(Col.BUCKET, LongType, false),
      createStructField(Col.SHINGLE_SIZE, IntegerType, false),
      createStructField(Col.PUBLISHED_DATE, DateType, false),
  }), List.of(Col.PUBLISHED_DATE), List.of(Col.DOC_ID, Col.BAND));

  // ---------------------------------------------------------------------------------------------------------
  // Entities.

  /** One raw mention inside {@code ner_mentions}. */
  public static final StructType MENTION = createStructType(new StructField[] {
      createStructField(Col.SENTENCE, IntegerType, false),
      createStructField(Col.TYPE, StringType, false),
      createStructField(Col.SURFACE, StringType, false),
      createStructField(Col.BEGIN, IntegerType, false),
      createStructField(Col.END, IntegerType, false),
  });

  /**
   * {@code ner_mentions} (internal): the per-article result of NER, one row per analysed article, with or without
   * mentions, so that a later run can reuse it for articles whose content_hash and model are unchanged.
   */
  public static final TableSpec NER_MENTIONS = new TableSpec("ner_mentions", createStructType(new StructField[] {
      createStructField(Col.DOC_ID, StringType, false),
      createStructField(Col.PUBLISHED, TimestampType, false),
      createStructField(Col.CONTENT_HASH, StringType, true),
      createStructField(Col.MODEL, StringType, false),
      createStructField(Col.TOKENS, IntegerType, false),
      createStructField(Col.SENTENCES, IntegerType, false),
      createStructField(Col.TRUNCATED, BooleanType, false),
      createStructField(Col.MENTIONS, createArrayType(MENTION, false), false),
  }), List.of(), List.of(Col.DOC_ID));

  /** {@code entity_mentions}: one row per mention of a canonical entity. Other stages read it: do not change. */
  public static final TableSpec ENTITY_MENTIONS = new TableSpec("entity_mentions", createStructType(
      new StructField[] {
          createStructField(Col.DOC_ID, StringType, false),
          createStructField(Col.PUBLISHED, TimestampType, false),
          createStructField(Col.SENTENCE, IntegerType, false),
          createStructField(Col.ENTITY_ID, StringType, false),
          createStructField(Col.ENTITY, StringType, false),
          createStructField(Col.TYPE, StringType, false),
          createStructField(Col.SURFACE, StringType, false),
          createStructField(Col.BEGIN, IntegerType, false),
          createStructField(Col.END, IntegerType, false),
      }), List.of(), List.of(Col.DOC_ID, Col.BEGIN, Col.END, Col.ENTITY_ID));

  /** {@code entities}: one row per canonical entity. */
  public static final TableSpec ENTITIES = new TableSpec("entities", createStructType(new StructField[] {
      createStructField(Col.ENTITY_ID, StringType, false),
      createStructField(Col.ENTITY, StringType, false),
      createStructField(Col.TYPE, StringType, false),
      createStructField(Col.ALIASES, createArrayType(StringType, false), false),
      createStructField(Col.DOC_COUNT, LongType, false),
      createStructField(Col.MENTION_COUNT, LongType, false),
      createStructField(Col.FIRST_SEEN, TimestampType, false),
      createStructField(Col.LAST_SEEN, TimestampType, false),
      createStructField(Col.EXTERNAL_ID, StringType, true),
      createStructField(Col.WIKI_TITLE, StringType, true),
  }), List.of(), List.of(Col.ENTITY_ID));

  /** {@code entity_trends}: one row per entity and period bucket it is mentioned in (partitioned by period). */
  public static final TableSpec ENTITY_TRENDS = new TableSpec("entity_trends", createStructType(new StructField[] {
      createStructField(Col.ENTITY_ID, StringType, false),
      createStructField(Col.ENTITY, StringType, false),
      createStructField(Col.TYPE, StringType, false),
      createStructField(Col.PERIOD, StringType, false),
      createStructField(Col.PERIOD_START, DateType, false),
      createStructField(Col.DOC_COUNT, LongType, false),
      createStructField(Col.MENTION_COUNT, LongType, false),
      createStructField(Col.SHARE, DoubleType, false),
  }), List.of(Col.PERIOD), List.of(Col.PERIOD_START, Col.ENTITY_ID));

  // ---------------------------------------------------------------------------------------------------------
  // Co-occurrence (column constants in org.storyline.cooccurrence.Cooccurrence).

  /** Entity pairs per window and period with their association statistics. */
  public static final TableSpec COOCCURRENCE = new TableSpec("cooccurrence", StructType.fromDDL(
      "window STRING, period STRING, period_start DATE, entity_a STRING, entity_b STRING, type_a STRING, "
          + "type_b STRING, pair_docs BIGINT, docs_a BIGINT, docs_b BIGINT, n_docs BIGINT, pmi DOUBLE, "
          + "npmi DOUBLE, llr DOUBLE, llr_p DOUBLE, jaccard DOUBLE, lift DOUBLE, example_doc_ids ARRAY<STRING>, "
          + "entity_id_a STRING, entity_id_b STRING"),
      List.of("window", Col.PERIOD), List.of(Col.PERIOD_START, "entity_a", "entity_b", "entity_id_a", "entity_id_b"));

  /** Each entity's strongest neighbours per window and period, read from {@link #COOCCURRENCE}. */
  public static final TableSpec TOP_NEIGHBOURS = new TableSpec("top_neighbours", StructType.fromDDL(
      "window STRING, period STRING, period_start DATE, entity STRING, entity_id STRING, type STRING, rank INT, "
          + "neighbour STRING, neighbour_id STRING, neighbour_type STRING, statistic STRING, score DOUBLE, "
          + "pair_docs BIGINT, docs BIGINT, neighbour_docs BIGINT, n_docs BIGINT, pmi DOUBLE, npmi DOUBLE, "
          + "llr DOUBLE, llr_p DOUBLE, jaccard DOUBLE, lift DOUBLE"),
      List.of("window", Col.PERIOD), List.of(Col.PERIOD_START, Col.ENTITY, Col.ENTITY_ID, "rank"));

  /** Pairs whose weekly count rises most against the trailing baseline. */
  public static final TableSpec EMERGING_PAIRS = new TableSpec("emerging_pairs", StructType.fromDDL(
      "period_start DATE, entity_a STRING, entity_b STRING, pair_docs BIGINT, baseline DOUBLE, score DOUBLE, "
          + "rank INT, window STRING, type_a STRING, type_b STRING, n_docs BIGINT, baseline_pair_docs BIGINT, "
          + "baseline_n_docs BIGINT, llr DOUBLE, llr_p DOUBLE, entity_id_a STRING, entity_id_b STRING"),
      List.of(), List.of(Col.PERIOD_START, "rank"));

  /**
   * {@code cooccurrence_days} (internal): per day with a counted article, the number of counted articles and two
   * fingerprints of what the day contributes to the pair counts, with the settings they were counted under; a
   * nightly run recounts only the buckets of the days whose row changed ({@code CooccurrenceState}).
   */
  public static final TableSpec COOCCURRENCE_DAYS = new TableSpec("cooccurrence_days", StructType.fromDDL(
      "day DATE, articles BIGINT, counted_hash BIGINT, entities_hash BIGINT, settings STRING"),
      List.of(), List.of("day"));

  /**
   * {@code pair_months} (internal): the unfiltered pair counts of each month, per window in arrays, one folder per
   * month; the {@code all} period is rolled up from them, and a night rewrites only the months it changed.
   */
  public static final TableSpec PAIR_MONTHS = new TableSpec("pair_months", StructType.fromDDL(
      "entity_key_a BIGINT, entity_key_b BIGINT, article_pair_docs BIGINT, pair_docs ARRAY<BIGINT>, "
          + "first_docs ARRAY<BIGINT>, last_docs ARRAY<BIGINT>, month DATE"),
      List.of("month"), List.of("entity_key_a", "entity_key_b"));

  /**
   * {@code entity_names} (internal): the name and type the co-occurrence tables give each entity id, so that a
   * night knows whose names changed (the weeks of their emerging pairs are ranked again).
   */
  public static final TableSpec ENTITY_NAMES = new TableSpec("entity_names", StructType.fromDDL(
      "entity_key BIGINT, entity_id STRING, entity STRING, type STRING"), List.of(), List.of("entity_id"));

  // ---------------------------------------------------------------------------------------------------------
  // Topics (column constants in org.storyline.topics.TopicModel and org.storyline.trends.Trends).

  /** The topics of each article above the minimum weight. */
  public static final TableSpec DOC_TOPICS = new TableSpec("doc_topics", StructType.fromDDL(
      "doc_id STRING, topic_id INT, weight DOUBLE"), List.of(), List.of(Col.DOC_ID, "topic_id"));

  /**
   * {@code article_terms} (internal): the terms of each analysed article's title and text as the topic model's text
   * stages give them (tokens, stop words, phrases; without the entity terms, which are appended per run), with a
   * fingerprint of those stages, one folder per publication day. An article's text never changes once it is in
   * {@code articles}, so a night that reuses the model tokenizes only its new articles and reads the others' terms.
   */
  public static final TableSpec ARTICLE_TERMS = new TableSpec("article_terms", StructType.fromDDL(
      "doc_id STRING, published TIMESTAMP, terms ARRAY<STRING>, term_stages STRING, published_date DATE"),
      List.of(Col.PUBLISHED_DATE), List.of(Col.DOC_ID));

  /**
   * {@code topic_inputs} (internal): per analysed article, a 64-bit hash ({@code xxhash64}) of the terms the topic
   * model read, and the settings that shaped its {@code doc_topics} rows (the model's fingerprint, the minimum
   * weight), so that a nightly run with the same model infers only the articles whose terms changed (new articles;
   * earlier ones whose entity names changed) and carries the others' published rows.
   */
  public static final TableSpec TOPIC_INPUTS = new TableSpec("topic_inputs", StructType.fromDDL(
      "doc_id STRING, terms_hash BIGINT, settings STRING"), List.of(), List.of(Col.DOC_ID));

  /** One row per LDA topic: label, top terms and weights, NPMI coherence. */
  public static final TableSpec TOPICS = new TableSpec("topics", StructType.fromDDL(
      "topic_id INT, label STRING, terms ARRAY<STRING>, weights ARRAY<DOUBLE>, coherence DOUBLE"),
      List.of(), List.of("topic_id"));

  /** Per period, the terms whose article frequency rises most against the trailing baseline. */
  public static final TableSpec EMERGING_TERMS = new TableSpec("emerging_terms", StructType.fromDDL(
      "period STRING, period_start DATE, term STRING, count BIGINT, baseline DOUBLE, score DOUBLE"),
      List.of(Col.PERIOD), List.of(Col.PERIOD_START, "term"));

  // ---------------------------------------------------------------------------------------------------------
  // Trends.

  private static final String TREND_COLUMNS = "period STRING, period_start DATE, doc_count BIGINT, weight DOUBLE, "
      + "share DOUBLE, total_docs BIGINT, change DOUBLE, zscore DOUBLE, burst BOOLEAN, burst_strength DOUBLE, "
      + "burst_start DATE, burst_end DATE, top_entities ARRAY<STRING>";

  /** Trends of the LDA topics per period. */
  public static final TableSpec TOPIC_TRENDS = new TableSpec("topic_trends", StructType.fromDDL(
      "topic_id INT, label STRING, " + TREND_COLUMNS), List.of(Col.PERIOD), List.of("topic_id", Col.PERIOD_START));

  /** Trends of the tracked topics ({@code --track}) per period; written only when there are some. */
  public static final TableSpec TRACKED_TOPIC_TRENDS = new TableSpec("tracked_topic_trends", StructType.fromDDL(
      "topic STRING, " + TREND_COLUMNS), List.of(Col.PERIOD), List.of("topic", Col.PERIOD_START));

  /** Every table, in the order a run writes them. */
  public static final List<TableSpec> ALL = List.of(ARTICLES, REJECTS, LSH_BUCKETS, NER_MENTIONS, ENTITY_MENTIONS,
      ENTITIES, ENTITY_TRENDS, COOCCURRENCE_DAYS, PAIR_MONTHS, ENTITY_NAMES, COOCCURRENCE, TOP_NEIGHBOURS,
      EMERGING_PAIRS, ARTICLE_TERMS, DOC_TOPICS, TOPIC_INPUTS, TOPICS,
      EMERGING_TERMS, TOPIC_TRENDS, TRACKED_TOPIC_TRENDS);
}
