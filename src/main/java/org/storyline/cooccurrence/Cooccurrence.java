package org.storyline.cooccurrence;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.arrays_overlap;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.log2;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.negate;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.signum;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.RelationalGroupedDataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.storyline.config.CooccurrenceConfig;
import org.storyline.ingest.AnalysedArticles;
import org.storyline.schema.Col;
import org.storyline.schema.Period;
import org.storyline.schema.Schemas;

/**
 * Co-occurrence of canonical entities: which entities are mentioned together, in which window (same article, same
 * sentence, within N sentences), in which period (day, ISO week, month, the whole run), and how far beyond chance.
 *
 * <p>The unit of counting is the article (document frequency): a pair counts once per article whatever the number
 * of mention pairs, and an entity counts once per article. The population of every statistic is the set of
 * <em>counted articles</em> of the period ({@link #countedArticles}): articles that are not duplicates and whose
 * language is analysed, whether or not they mention any entity.
 *
 * <p>Steps, each a {@code Dataset<Row> -> Dataset<Row>} function:
 * <ol>
 *   <li>{@link #countedArticles}: the population, one row per counted article, with a numeric {@code doc_key};
 *   <li>{@link #articleEntities} (per article): each counted article's distinct entities, capped to the most
 *       mentioned, with the sentences they occur in;
 *   <li>{@link #articlePairs} (per article): each article's entity pairs, flagged by the windows they fall in (also
 *       generated inside {@link #pairCounts});
 *   <li>{@link #pairCounts}, {@link #entityDocs}, {@link #periodArticles} (corpus level): article counts per period;
 *   <li>{@link #statistics}: minimum support applied, PMI, NPMI, G², Jaccard, lift;
 *   <li>{@link #report}, {@link #topNeighbours}, {@link #emergingPairs}: the three report tables.
 * </ol>
 * Per-article results (1-3) are kept apart from the corpus-level aggregates (4-6) so that incremental runs can keep
 * the former and recompute the latter over the union. {@link #prepare} runs 1-2 and caches them. Entities are
 * counted on 64-bit keys of their ids ({@link #entityKey}) and named again at the end.
 */
public final class Cooccurrence {
  private Cooccurrence() {}

  /** The input table of mentions, written by the entities stage. */

  // Output columns.
  public static final String WINDOW = "window";
  public static final String ENTITY_A = "entity_a";
  public static final String ENTITY_B = "entity_b";
  public static final String ENTITY_ID_A = "entity_id_a";
  public static final String ENTITY_ID_B = "entity_id_b";
  public static final String TYPE_A = "type_a";
  public static final String TYPE_B = "type_b";
  public static final String PAIR_DOCS = "pair_docs";
  public static final String DOCS_A = "docs_a";
  public static final String DOCS_B = "docs_b";
  public static final String N_DOCS = "n_docs";
  public static final String PMI = "pmi";
  public static final String NPMI = "npmi";
  public static final String LLR = "llr";
  public static final String LLR_P = "llr_p";
  public static final String JACCARD = "jaccard";
  public static final String LIFT = "lift";
  public static final String EXAMPLE_DOC_IDS = "example_doc_ids";
  // top_neighbours
  public static final String NEIGHBOUR = "neighbour";
  public static final String NEIGHBOUR_ID = "neighbour_id";
  public static final String NEIGHBOUR_TYPE = "neighbour_type";
  public static final String DOCS = "docs";
  public static final String NEIGHBOUR_DOCS = "neighbour_docs";
  public static final String RANK = "rank";
  public static final String STATISTIC = "statistic";
  public static final String SCORE = "score";
  // emerging_pairs
  public static final String BASELINE = "baseline";
  public static final String BASELINE_PAIR_DOCS = "baseline_pair_docs";
  public static final String BASELINE_N_DOCS = "baseline_n_docs";

  // Intermediate columns.
  static final String DAY = "day";
  static final String DOC_KEY = "doc_key";
  static final String ENTITIES = "entities";
  static final String DISTINCT_ENTITIES = "distinct_entities";
  static final String MENTIONS = "mentions";
  static final String SENTENCES = "sentences";
  static final String FIRST_DOC = "first_doc";
  static final String KEY = "entity_key";
  static final String KEY_A = "entity_key_a";
  static final String KEY_B = "entity_key_b";
  private static final String PERIODS = "periods";
  private static final String PERIOD_CODE = "period_code";
  private static final String PARTNERS = "partners";
  static final String LAST_DOC = "last_doc";
  static final String ARTICLE_PAIR_DOCS = "article_pair_docs";
  private static final String NEG_MENTIONS = "neg_mentions";
  private static final String NEAR = "near";
  private static final String IN_PREFIX = "in_";
  private static final String P = "p";
  private static final String W = "w";
  private static final String TARGET = "target";
  private static final String SWAP = "swap";

  /** Names the UDF in plans and the Spark UI. */
  private static final UserDefinedFunction CHI_SQUARE_1_SURVIVAL =
      udf(new ChiSquare.Survival1Udf(), DataTypes.DoubleType).withName("chi_square_1_survival");

  /**
   * The population the statistics count: the articles the text stages analyse ({@link AnalysedArticles}), whether
   * or not the entities stage found any entity in them. Needs {@code doc_id, published, duplicate_of, lang}.
   *
   * @return {@code doc_id, published, day} (UTC date) and {@code doc_key}: a long that orders the articles by
   *     publication time then doc id ({@code epoch day << 32 | rank within the day}), used to carry example
   *     articles through fixed-width aggregations
   */
  public static Dataset<Row> countedArticles(Dataset<Row> articles, List<String> languages) {
    Schemas.requireColumns("cooccurrence", articles, Col.DOC_ID, Col.PUBLISHED, Col.DUPLICATE_OF, Col.LANG);
    WindowSpec byDay = Window.partitionBy(DAY).orderBy(col(Col.PUBLISHED), col(Col.DOC_ID));
    return articles
        .filter(AnalysedArticles.condition(languages)
            .and(col(Col.DOC_ID).isNotNull()).and(col(Col.PUBLISHED).isNotNull()))
        .select(col(Col.DOC_ID), col(Col.PUBLISHED), to_date(col(Col.PUBLISHED)).as(DAY))
        .select(col(Col.DOC_ID), col(Col.PUBLISHED), col(DAY),
            unix_date(col(DAY)).cast("long").multiply(1L << 32).plus(row_number().over(byDay)).as(DOC_KEY));
  }

  /**
   * The 64-bit key pairs are counted on: Spark's {@code xxhash64} of the entity id. Fixed-width keys let Spark's hash
   * aggregation and shuffles run several times faster than on strings; {@link #prepare} checks that no two entity
   * ids of the run share a key (for a million entities the chance is about 3e-8) and fails if they do.
   */
  public static Column entityKey(Column entityId) {
    return xxhash64(entityId);
  }

  /**
   * Per article: its distinct entities, at most {@code maxEntities} of them (the most mentioned; ties by entity id),
   * for the counted articles only (mentions of duplicates and of other articles are dropped). Needs
   * {@code doc_id, entity_id} (and {@code sentence} when {@code withSentences}) in {@code mentions} and the output
   * of {@link #countedArticles}.
   *
   * @return one row per counted article with at least one entity: {@code doc_id, day, doc_key,
   *     distinct_entities} (before the cap) and {@code entities}: array of {@code (entity_key, sentences)} sorted by
   *     key, {@code sentences} the sorted distinct sentence indexes (empty without sentences)
   */
  public static Dataset<Row> articleEntities(Dataset<Row> mentions, Dataset<Row> counted, int maxEntities,
      boolean withSentences) {
    Schemas.requireColumns("cooccurrence", mentions, withSentences
        ? new String[] {Col.DOC_ID, Col.ENTITY_ID, Col.SENTENCE} : new String[] {Col.DOC_ID, Col.ENTITY_ID});
    // One shuffle by article: both aggregations below (per article and entity, then per article) run where the
    // mentions land, instead of a shuffle by (article, entity) and another by article.
    RelationalGroupedDataset byEntity = mentions
        .filter(col(Col.DOC_ID).isNotNull().and(col(Col.ENTITY_ID).isNotNull()))
        .select(withSentences ? new Column[] {col(Col.DOC_ID), col(Col.ENTITY_ID), col(Col.SENTENCE)}
            : new Column[] {col(Col.DOC_ID), col(Col.ENTITY_ID)})
        .repartition(col(Col.DOC_ID))
        .groupBy(col(Col.DOC_ID), col(Col.ENTITY_ID));
    Column mentionCount = count(lit(1)).cast("int").as(MENTIONS);
    Dataset<Row> perEntity = withSentences
        ? byEntity.agg(mentionCount, array_sort(collect_set(col(Col.SENTENCE))).as(SENTENCES))
        : byEntity.agg(mentionCount).withColumn(SENTENCES, array().cast("array<int>"));
    // Sorting (-mentions, entity_id, ...) ascending puts the most mentioned first, ties by entity id.
    Column ranked = array_sort(collect_list(struct(negate(col(MENTIONS)).as(NEG_MENTIONS),
        col(Col.ENTITY_ID), col(SENTENCES))));
    Dataset<Row> perDoc = perEntity.groupBy(col(Col.DOC_ID))
        .agg(ranked.as(ENTITIES), count(lit(1)).cast("int").as(DISTINCT_ENTITIES))
        .select(col(Col.DOC_ID), col(DISTINCT_ENTITIES),
            array_sort(transform(slice(col(ENTITIES), 1, maxEntities), e -> struct(
                entityKey(e.getField(Col.ENTITY_ID)).as(KEY), e.getField(SENTENCES).as(SENTENCES)))).as(ENTITIES));
    return perDoc.join(counted.select(Col.DOC_ID, DAY, DOC_KEY), Col.DOC_ID)
        .select(col(Col.DOC_ID), col(DAY), col(DOC_KEY), col(DISTINCT_ENTITIES), col(ENTITIES));
  }

  /**
   * The pairs of an article's (capped) entities, grouped by their first entity: an array with, for each entity x
   * but the last, a struct {@code (entity_key_a: x's key, partners: array of (entity_key_b, in_<window>...))} over
   * the entities after x, so that every pair appears once with {@code entity_key_a < entity_key_b}. Each partner has a
   * boolean field {@code in_<window>} per window but the document window (always true).
   *
   * <p>A pair is in the {@code sentence} window when the two entities share a sentence, in {@code sentences_N} when
   * some mention of one is at most N-1 sentences from some mention of the other.
   */
  private static Column pairsByFirst(Column entities, List<String> windows, int span) {
    Column arr = entities;
    if (span > 0) {
      // Each entity's "near" sentences: the ones within span-1 of one of its mentions.
      arr = transform(entities, e -> struct(e.getField(KEY).as(KEY), e.getField(SENTENCES).as(SENTENCES),
          array_distinct(flatten(transform(e.getField(SENTENCES),
              s -> sequence(s.minus(span - 1), s.plus(span - 1))))).as(NEAR)));
    }
    Column all = arr;
    return transform(all, (x, i) -> struct(x.getField(KEY).as(KEY_A), transform(
        // the entities after x (1-based slice start i + 2)
        slice(all, i.plus(2), greatest(size(all).minus(i).minus(1), lit(0))),
        y -> {
          List<Column> fields = new ArrayList<>();
          fields.add(y.getField(KEY).as(KEY_B));
          for (String label : windows) {
            if (label.equals(CooccurrenceConfig.SENTENCE)) {
              fields.add(coalesce(arrays_overlap(x.getField(SENTENCES), y.getField(SENTENCES)), lit(false))
                  .as(flag(label)));
            } else if (label.startsWith(CooccurrenceConfig.SLIDING_PREFIX)) {
              fields.add(coalesce(arrays_overlap(x.getField(NEAR), y.getField(SENTENCES)), lit(false))
                  .as(flag(label)));
            }
          }
          return struct(fields.toArray(Column[]::new));
        }).as(PARTNERS)));
  }

  /** One row per pair, from rows with {@code entity_key_a} and {@code partners}; keeps the {@code carried} columns. */
  private static Dataset<Row> explodePartners(Dataset<Row> byFirst, List<String> windows, List<String> carried,
      boolean inAnyWindowOnly) {
    List<Column> exploded = new ArrayList<>();
    List<Column> out = new ArrayList<>();
    for (String c : carried) {
      exploded.add(col(c));
      out.add(col(c));
    }
    exploded.add(col(KEY_A));
    exploded.add(explode(col(PARTNERS)).as(P));
    out.add(col(KEY_A));
    out.add(col(P + "." + KEY_B).as(KEY_B));
    out.addAll(flags(windows));
    Dataset<Row> pairs = byFirst.select(exploded.toArray(Column[]::new)).select(out.toArray(Column[]::new));
    return inAnyWindowOnly ? inAnyWindow(pairs, windows) : pairs;
  }

  /** The flag columns of the windows, {@code in_document} a constant true. */
  private static List<Column> flags(List<String> windows) {
    List<Column> out = new ArrayList<>();
    for (String label : windows) {
      out.add(label.equals(CooccurrenceConfig.DOCUMENT) ? lit(true).as(flag(label))
          : col(P + "." + flag(label)).as(flag(label)));
    }
    return out;
  }

  /** Drops the pairs in none of the windows (only possible without the document window). */
  private static Dataset<Row> inAnyWindow(Dataset<Row> pairs, List<String> windows) {
    if (windows.contains(CooccurrenceConfig.DOCUMENT)) {
      return pairs;
    }
    Column any = lit(false);
    for (String label : windows) {
      any = any.or(col(flag(label)));
    }
    return pairs.filter(any);
  }

  /**
   * Per article: every pair of its (capped) entities once, {@code entity_key_a < entity_key_b}, with a boolean
   * {@code in_<window>} column per window of {@code config} ({@code in_document} is always true). Needs the output of
   * {@link #articleEntities}.
   *
   * @return {@code day, doc_key, entity_key_a, entity_key_b, in_<window>...}
   */
  public static Dataset<Row> articlePairs(Dataset<Row> articleEntities, CooccurrenceConfig config) {
    Schemas.requireColumns("cooccurrence", articleEntities, DAY, DOC_KEY, ENTITIES);
    List<String> windows = config.windowLabels();
    Dataset<Row> byFirst = articleEntities
        .select(col(DAY), col(DOC_KEY), explode(pairsByFirst(col(ENTITIES), windows, config.slidingWindow())).as(P))
        .select(col(DAY), col(DOC_KEY), col(P + "." + KEY_A).as(KEY_A), col(P + "." + PARTNERS).as(PARTNERS));
    return explodePartners(byFirst, windows, List.of(DAY, DOC_KEY), true);
  }

  static String flag(String windowLabel) {
    return IN_PREFIX + windowLabel;
  }

  /**
   * An array of {@code (period code, period_start)} structs for the day in {@code day}, one per period; the code is
   * the period's index in {@code periods} (a small int keeps the aggregation keys fixed-width).
   */
  private static Column periodsOf(Column day, List<Period> periods) {
    List<Column> structs = new ArrayList<>();
    for (int i = 0; i < periods.size(); i++) {
      structs.add(struct(lit(i).as(PERIOD_CODE), periods.get(i).start(day).as(Col.PERIOD_START)));
    }
    return array(structs.toArray(Column[]::new));
  }

  /** The period label of a period code. */
  private static Column periodLabel(Column code, List<Period> periods) {
    return element_at(array(periods.stream().map(p -> lit(p.label())).toArray(Column[]::new)), code.plus(1));
  }

  /**
   * Corpus level: for each period, period start and pair, per window the number of articles of the period in which
   * the pair falls in the window ({@code pair_docs_<i>}, i the window's index), and the first and last of them as
   * {@code doc_key}s ({@code first_doc_<i>}, {@code last_doc_<i>}). One aggregation for every window and period, on
   * fixed-width keys and buffers, so that Spark's hash aggregation with map-side combine applies; each article's
   * period starts are computed once, before its pairs are generated. Unfiltered: the minimum support is applied by
   * {@link #statistics}. Needs the output of {@link #articleEntities}.
   *
   * @return {@code period, period_start, entity_key_a, entity_key_b, article_pair_docs} (articles mentioning both
   *     entities, whatever the window), then per window {@code pair_docs_<i>, first_doc_<i>, last_doc_<i>}; a pair
   *     in no window has zero counts in every window
   */
  public static Dataset<Row> pairCounts(Dataset<Row> articleEntities, List<String> windows, int slidingWindow,
      List<Period> periods) {
    Schemas.requireColumns("cooccurrence", articleEntities, DAY, DOC_KEY, ENTITIES);
    // One row per (article, first entity of a pair) with its partners, shuffled once by the first entity's key: a
    // few hundred thousand compact rows instead of millions of pair rows; the pairs are then exploded and counted
    // where they land (the aggregation on (period, start, key_a, key_b) needs no further shuffle).
    Dataset<Row> byFirst = articleEntities
        .select(periodsOf(col(DAY), periods).as(PERIODS), col(DOC_KEY),
            explode(pairsByFirst(col(ENTITIES), windows, slidingWindow)).as(P))
        .filter(size(col(P + "." + PARTNERS)).gt(0))
        .select(col(PERIODS), col(DOC_KEY), col(P + "." + KEY_A).as(KEY_A), col(P + "." + PARTNERS).as(PARTNERS))
        // As many partitions as spark.sql.shuffle.partitions, always: the rows shuffled are few and small, so
        // adaptive execution would coalesce them into fewer tasks than cores (3 on 2 cores at 30k articles, one
        // task left running alone), while the work after the shuffle, millions of pairs, is the stage's bulk.
        .repartition(shufflePartitions(articleEntities), col(KEY_A));
    // Every pair of the article, in a window or not: the articles holding both entities are one cell of each
    // window's 2x2 table (statistics).
    Dataset<Row> pairs = explodePartners(byFirst, windows, List.of(PERIODS, DOC_KEY), false);
    List<Column> aggs = new ArrayList<>();
    aggs.add(count(lit(1)).as(ARTICLE_PAIR_DOCS));
    for (int w = 0; w < windows.size(); w++) {
      boolean document = windows.get(w).equals(CooccurrenceConfig.DOCUMENT);
      Column in = col(flag(windows.get(w)));
      aggs.add((document ? count(lit(1)) : sum(when(in, 1L).otherwise(0L))).as(PAIR_DOCS + "_" + w));
      aggs.add(min(document ? col(DOC_KEY) : when(in, col(DOC_KEY))).as(FIRST_DOC + "_" + w));
      aggs.add(max(document ? col(DOC_KEY) : when(in, col(DOC_KEY))).as(LAST_DOC + "_" + w));
    }
    List<Column> out = new ArrayList<>(List.of(periodLabel(col(PERIOD_CODE), periods).as(Col.PERIOD),
        col(Col.PERIOD_START), col(KEY_A), col(KEY_B), col(ARTICLE_PAIR_DOCS)));
    for (int w = 0; w < windows.size(); w++) {
      out.add(col(PAIR_DOCS + "_" + w));
      out.add(col(FIRST_DOC + "_" + w));
      out.add(col(LAST_DOC + "_" + w));
    }
    List<Column> perPeriod = new ArrayList<>(List.of(explode(col(PERIODS)).as(W), col(DOC_KEY), col(KEY_A),
        col(KEY_B)));
    for (String label : windows) {
      if (!label.equals(CooccurrenceConfig.DOCUMENT)) {
        perPeriod.add(col(flag(label)));
      }
    }
    return pairs.select(perPeriod.toArray(Column[]::new))
        .select(keepColumns(windows))
        .groupBy(col(PERIOD_CODE), col(Col.PERIOD_START), col(KEY_A), col(KEY_B))
        .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new))
        .select(out.toArray(Column[]::new));
  }

  private static int shufflePartitions(Dataset<Row> data) {
    return Integer.parseInt(data.sparkSession().conf().get("spark.sql.shuffle.partitions"));
  }

  private static Column[] keepColumns(List<String> windows) {
    List<Column> cols = new ArrayList<>(List.of(col(W + "." + PERIOD_CODE).as(PERIOD_CODE),
        col(W + "." + Col.PERIOD_START).as(Col.PERIOD_START), col(DOC_KEY), col(KEY_A), col(KEY_B)));
    for (String label : windows) {
      if (!label.equals(CooccurrenceConfig.DOCUMENT)) {
        cols.add(col(flag(label)));
      }
    }
    return cols.toArray(Column[]::new);
  }

  /** Corpus level: articles per period and entity ({@code period, period_start, entity_key, docs}). */
  public static Dataset<Row> entityDocs(Dataset<Row> articleEntities, List<Period> periods) {
    Schemas.requireColumns("cooccurrence", articleEntities, DAY, ENTITIES);
    return articleEntities
        .select(periodsOf(col(DAY), periods).as(PERIODS), explode(col(ENTITIES + "." + KEY)).as(KEY))
        .select(explode(col(PERIODS)).as(W), col(KEY))
        .groupBy(col(W + "." + PERIOD_CODE).as(PERIOD_CODE), col(W + "." + Col.PERIOD_START).as(Col.PERIOD_START),
            col(KEY))
        .agg(count(lit(1)).as(DOCS))
        .select(periodLabel(col(PERIOD_CODE), periods).as(Col.PERIOD), col(Col.PERIOD_START), col(KEY), col(DOCS));
  }

  /** Corpus level: counted articles per period ({@code period, period_start, n_docs}). */
  public static Dataset<Row> periodArticles(Dataset<Row> counted, List<Period> periods) {
    Schemas.requireColumns("cooccurrence", counted, DAY);
    return counted.groupBy(col(DAY)).agg(count(lit(1)).as(N_DOCS))
        .select(explode(periodsOf(col(DAY), periods)).as(W), col(N_DOCS))
        .groupBy(col(W + "." + PERIOD_CODE).as(PERIOD_CODE), col(W + "." + Col.PERIOD_START).as(Col.PERIOD_START))
        .agg(sum(col(N_DOCS)).as(N_DOCS))
        .select(periodLabel(col(PERIOD_CODE), periods).as(Col.PERIOD), col(Col.PERIOD_START), col(N_DOCS));
  }

  /** The periods reported: the configured ones, then {@link Period#ALL}. */
  public static List<Period> reportedPeriods(List<Period> configured) {
    Set<Period> periods = new LinkedHashSet<>(configured);
    periods.add(Period.ALL);
    return List.copyOf(periods);
  }

  /**
   * Drops pairs below {@code minSupport} articles, one row per window (the wide per-window columns of
   * {@link #pairCounts} unpivoted), and computes the statistics of each remaining pair against its period's counted
   * articles ({@code n_docs}), which the dropped pairs never change. Formulas in docs/cooccurrence.md; natural
   * logarithms.
   *
   * @return {@code window, period, period_start, entity_key_a, entity_key_b, pair_docs, docs_a, docs_b, n_docs,
   *     pmi, npmi, llr, llr_p, jaccard, lift, first_doc, last_doc}
   */
  public static Dataset<Row> statistics(Dataset<Row> pairCounts, Dataset<Row> entityDocs,
      Dataset<Row> periodArticles, List<String> windows, int minSupport) {
    Schemas.requireColumns("cooccurrence", pairCounts, Col.PERIOD, Col.PERIOD_START, KEY_A, KEY_B);
    List<Column> perWindow = new ArrayList<>();
    Column anySupported = lit(false);
    for (int w = 0; w < windows.size(); w++) {
      perWindow.add(struct(lit(windows.get(w)).as(WINDOW), col(PAIR_DOCS + "_" + w).as(PAIR_DOCS),
          col(FIRST_DOC + "_" + w).as(FIRST_DOC), col(LAST_DOC + "_" + w).as(LAST_DOC)));
      anySupported = anySupported.or(col(PAIR_DOCS + "_" + w).geq(minSupport));
    }
    Dataset<Row> pairs = pairCounts.filter(anySupported)
        .select(col(Col.PERIOD), col(Col.PERIOD_START), col(KEY_A), col(KEY_B), col(ARTICLE_PAIR_DOCS),
            explode(array(perWindow.toArray(Column[]::new))).as(W))
        .select(col(W + "." + WINDOW).as(WINDOW), col(Col.PERIOD), col(Col.PERIOD_START), col(KEY_A), col(KEY_B),
            col(ARTICLE_PAIR_DOCS), col(W + "." + PAIR_DOCS).as(PAIR_DOCS), col(W + "." + FIRST_DOC).as(FIRST_DOC),
            col(W + "." + LAST_DOC).as(LAST_DOC))
        .filter(col(PAIR_DOCS).geq(minSupport));
    Dataset<Row> docsA = entityDocs.select(col(Col.PERIOD), col(Col.PERIOD_START), col(KEY).as(KEY_A),
        col(DOCS).as(DOCS_A));
    Dataset<Row> docsB = entityDocs.select(col(Col.PERIOD), col(Col.PERIOD_START), col(KEY).as(KEY_B),
        col(DOCS).as(DOCS_B));
    Dataset<Row> joined = pairs
        .join(docsA, new String[] {Col.PERIOD, Col.PERIOD_START, KEY_A})
        .join(docsB, new String[] {Col.PERIOD, Col.PERIOD_START, KEY_B})
        // one row per day, week and month of the run: small
        .join(broadcast(periodArticles), new String[] {Col.PERIOD, Col.PERIOD_START});

    Column k = col(PAIR_DOCS).cast("double");
    Column a = col(DOCS_A).cast("double");
    Column b = col(DOCS_B).cast("double");
    Column n = col(N_DOCS).cast("double");
    Column lift = k.multiply(n).divide(a.multiply(b));
    Column pmi = log(lift);
    // NPMI = PMI / -ln p(a,b); when p(a,b) = 1 both entities are in every article: perfect co-occurrence, 1.
    Column npmi = when(k.equalTo(n), lit(1.0))
        .otherwise(least(lit(1.0), greatest(lit(-1.0), pmi.divide(negate(log(k.divide(n)))))));
    Column llr = g2(windowTable(k, a, b, n, col(ARTICLE_PAIR_DOCS).cast("double")));
    return joined.select(col(WINDOW), col(Col.PERIOD), col(Col.PERIOD_START), col(KEY_A), col(KEY_B),
            col(PAIR_DOCS), col(DOCS_A), col(DOCS_B), col(N_DOCS), pmi.as(PMI), npmi.as(NPMI), llr.as(LLR),
            k.divide(a.plus(b).minus(k)).as(JACCARD), lift.as(LIFT), col(FIRST_DOC), col(LAST_DOC))
        .select(col(WINDOW), col(Col.PERIOD), col(Col.PERIOD_START), col(KEY_A), col(KEY_B),
            col(PAIR_DOCS), col(DOCS_A), col(DOCS_B), col(N_DOCS), col(PMI), col(NPMI), col(LLR),
            CHI_SQUARE_1_SURVIVAL.apply(col(LLR)).as(LLR_P), col(JACCARD), col(LIFT), col(FIRST_DOC),
            col(LAST_DOC));
  }

  /**
   * The 2x2 table of a pair in a window, whose cells are counts and so never negative: {@code k11 = k} (articles where
   * the pair falls in the window), {@code k12 = A - k}, {@code k21 = B - k}, {@code k22 = N - A - B + K}, with
   * {@code K >= k} the articles mentioning both entities. An article that mentions both but not within the window
   * counts once for "a without b" and once for "b without a" (two contexts), so the table's total is
   * {@code N + K - k}; in the document window {@code K = k} and it is the usual table over the N articles. The
   * textbook {@code k22 = N - A - B + k} goes negative when an entity is in almost every article of a period and the
   * window is narrower than the article, and a row total is then 0 while one of its cells is not.
   */
  static Column[] windowTable(Column k, Column a, Column b, Column n, Column bothInArticle) {
    return new Column[] {k, a.minus(k), b.minus(k), n.minus(a).minus(b).plus(bothInArticle)};
  }

  static Column g2(Column[] table) {
    return g2(table[0], table[1], table[2], table[3]);
  }

  /**
   * Dunning's log-likelihood ratio G² of the 2x2 table {@code [[k11, k12], [k21, k22]]} of non-negative counts:
   * {@code 2 Σ k_ij ln(k_ij N / (R_i C_j))} with {@code 0 ln 0 = 0}; never negative (rounding is clamped). A positive
   * cell has positive row and column totals, so every logarithm's argument is positive; the terms are differences of
   * logarithms, with no division.
   */
  static Column g2(Column k11, Column k12, Column k21, Column k22) {
    Column n = k11.plus(k12).plus(k21).plus(k22);
    Column r1 = k11.plus(k12);
    Column r2 = k21.plus(k22);
    Column c1 = k11.plus(k21);
    Column c2 = k12.plus(k22);
    Column sum = g2Term(k11, r1, c1, n).plus(g2Term(k12, r1, c2, n)).plus(g2Term(k21, r2, c1, n))
        .plus(g2Term(k22, r2, c2, n));
    return greatest(lit(0.0), sum.multiply(2));
  }

  private static Column g2Term(Column k, Column row, Column column, Column n) {
    return when(k.gt(0), k.multiply(log(k).plus(log(n)).minus(log(row)).minus(log(column)))).otherwise(lit(0.0));
  }

  /**
   * The canonical name and type of each entity id: the name and type it is mentioned under most often (ties by
   * name, then type), so one id always gets one name; with the id's {@link #entityKey}. Needs {@code entity_id,
   * entity, type}.
   *
   * @return {@code entity_key, entity_id, entity, type}
   */
  public static Dataset<Row> entityNames(Dataset<Row> mentions) {
    Schemas.requireColumns("cooccurrence", mentions, Col.ENTITY_ID, Col.ENTITY, Col.TYPE);
    WindowSpec byId = Window.partitionBy(Col.ENTITY_ID)
        .orderBy(col(MENTIONS).desc(), col(Col.ENTITY).asc_nulls_last(), col(Col.TYPE).asc_nulls_last());
    return mentions.filter(col(Col.ENTITY_ID).isNotNull())
        .groupBy(col(Col.ENTITY_ID), col(Col.ENTITY), col(Col.TYPE)).agg(count(lit(1)).as(MENTIONS))
        .select(col(Col.ENTITY_ID), col(Col.ENTITY), col(Col.TYPE), row_number().over(byId).as(RANK))
        .filter(col(RANK).equalTo(1))
        .select(entityKey(col(Col.ENTITY_ID)).as(KEY), col(Col.ENTITY_ID),
            coalesce(col(Col.ENTITY), col(Col.ENTITY_ID)).as(Col.ENTITY), col(Col.TYPE));
  }

  /**
   * Fails when two entity ids share a 64-bit key (co-occurrence could not tell them apart). An action over the
   * distinct entities; the answer is at most one row.
   */
  public static void checkKeys(Dataset<Row> names) {
    List<Row> clash = names.groupBy(col(KEY))
        .agg(count(lit(1)).as("ids"), min(col(Col.ENTITY_ID)).as("first"), max(col(Col.ENTITY_ID)).as("second"))
        .filter(col("ids").gt(1)).limit(1).collectAsList();
    if (!clash.isEmpty()) {
      throw new IllegalStateException(String.format("entity ids '%s' and '%s' have the same 64-bit key %d; "
          + "co-occurrence cannot count them apart (rename one of the ids)", clash.get(0).getString(2),
          clash.get(0).getString(3), clash.get(0).getLong(0)));
    }
  }

  /**
   * Adds the ids, names and types of both entities of a pair keyed by {@code entity_key_a, entity_key_b}, and orders
   * each pair so that {@code (entity_a, entity_id_a) < (entity_b, entity_id_b)}: analysts read names, so the pair is
   * ordered by name; two entities with the same name are ordered by id. {@code swapped} lists further a/b column
   * pairs that must follow the entities (e.g. {@code docs_a, docs_b}). The keys are dropped.
   */
  static Dataset<Row> withNames(Dataset<Row> pairs, Dataset<Row> names, List<String[]> swapped) {
    Dataset<Row> namesA = names.select(col(KEY).as(KEY_A), col(Col.ENTITY_ID).as(ENTITY_ID_A),
        col(Col.ENTITY).as(ENTITY_A), col(Col.TYPE).as(TYPE_A));
    Dataset<Row> namesB = names.select(col(KEY).as(KEY_B), col(Col.ENTITY_ID).as(ENTITY_ID_B),
        col(Col.ENTITY).as(ENTITY_B), col(Col.TYPE).as(TYPE_B));
    Dataset<Row> named = pairs.join(namesA, new String[] {KEY_A}).join(namesB, new String[] {KEY_B})
        .drop(KEY_A, KEY_B)
        .withColumn(SWAP, col(ENTITY_A).gt(col(ENTITY_B))
            .or(col(ENTITY_A).equalTo(col(ENTITY_B)).and(col(ENTITY_ID_A).gt(col(ENTITY_ID_B)))));
    List<String[]> all = new ArrayList<>(List.of(new String[] {ENTITY_A, ENTITY_B},
        new String[] {ENTITY_ID_A, ENTITY_ID_B}, new String[] {TYPE_A, TYPE_B}));
    all.addAll(swapped);
    List<Column> out = new ArrayList<>();
    Set<String> handled = new LinkedHashSet<>();
    for (String[] ab : all) {
      handled.add(ab[0]);
      handled.add(ab[1]);
    }
    for (String c : named.columns()) {
      if (!handled.contains(c) && !c.equals(SWAP)) {
        out.add(col(c));
      }
    }
    for (String[] ab : all) {
      out.add(when(col(SWAP), col(ab[1])).otherwise(col(ab[0])).as(ab[0]));
      out.add(when(col(SWAP), col(ab[0])).otherwise(col(ab[1])).as(ab[1]));
    }
    return named.select(out.toArray(Column[]::new));
  }

  /**
   * The {@code cooccurrence} table: the statistics with the entities' names and types, pairs ordered by name, and
   * {@code example_doc_ids}: the latest and the earliest article of the period in which the pair falls in the window
   * (one id when they are the same article). Needs the outputs of {@link #statistics}, {@link #entityNames} and
   * {@link #countedArticles}.
   *
   * @return {@code window, period, period_start, entity_a, entity_b, type_a, type_b, pair_docs, docs_a, docs_b,
   *     n_docs, pmi, npmi, llr, llr_p, jaccard, lift, example_doc_ids, entity_id_a, entity_id_b}
   */
  public static Dataset<Row> report(Dataset<Row> statistics, Dataset<Row> names, Dataset<Row> counted) {
    Dataset<Row> first = counted.select(col(DOC_KEY).as(FIRST_DOC), col(Col.DOC_ID).as("first_doc_id"));
    Dataset<Row> last = counted.select(col(DOC_KEY).as(LAST_DOC), col(Col.DOC_ID).as("last_doc_id"));
    Dataset<Row> withExamples = statistics
        .join(first, new String[] {FIRST_DOC}, "left")
        .join(last, new String[] {LAST_DOC}, "left")
        .withColumn(EXAMPLE_DOC_IDS, array_distinct(filter(array(col("last_doc_id"), col("first_doc_id")),
            Column::isNotNull)))
        .drop(FIRST_DOC, LAST_DOC, "first_doc_id", "last_doc_id");
    return reportColumns(withNames(withExamples, names, List.<String[]>of(new String[] {DOCS_A, DOCS_B})));
  }

  private static Dataset<Row> reportColumns(Dataset<Row> named) {
    return named.select(col(WINDOW), col(Col.PERIOD), col(Col.PERIOD_START), col(ENTITY_A), col(ENTITY_B),
        col(TYPE_A), col(TYPE_B), col(PAIR_DOCS), col(DOCS_A), col(DOCS_B), col(N_DOCS), col(PMI), col(NPMI),
        col(LLR), col(LLR_P), col(JACCARD), col(LIFT), col(EXAMPLE_DOC_IDS), col(ENTITY_ID_A), col(ENTITY_ID_B));
  }

  /**
   * Rows of a published {@code cooccurrence} table named again with this run's {@code names} ({@link #entityNames}):
   * a night carries the rows of the periods it did not change, whose counts and statistics stand (they depend only
   * on the period's articles), but an entity's name can change with the articles of other days (it is the name it
   * is mentioned under most often), and the pair's order with it. The statistics are symmetric in the two
   * entities; {@code docs_a} and {@code docs_b} follow their entities.
   */
  public static Dataset<Row> renamed(Dataset<Row> cooccurrence, Dataset<Row> names) {
    Dataset<Row> keyed = cooccurrence
        .withColumn(KEY_A, entityKey(col(ENTITY_ID_A)))
        .withColumn(KEY_B, entityKey(col(ENTITY_ID_B)))
        .drop(ENTITY_A, ENTITY_B, TYPE_A, TYPE_B, ENTITY_ID_A, ENTITY_ID_B);
    return reportColumns(withNames(keyed, names, List.<String[]>of(new String[] {DOCS_A, DOCS_B})));
  }

  /**
   * The {@code top_neighbours} table: for each window, period and entity, its {@code k} strongest partners among the
   * pairs of {@code cooccurrence} with at least {@code minSupport} articles, ranked by {@code statistic} (for
   * {@code llr}, by G² signed with the direction of the association, so that pairs seen less often than chance rank
   * last), ties by pair_docs, then npmi, then the partner's name and id. Needs the {@code cooccurrence} table.
   *
   * @return {@code window, period, period_start, entity, entity_id, type, rank, neighbour, neighbour_id,
   *     neighbour_type, statistic, score, pair_docs, docs, neighbour_docs, n_docs, pmi, npmi, llr, llr_p, jaccard,
   *     lift}
   */
  public static Dataset<Row> topNeighbours(Dataset<Row> cooccurrence, CooccurrenceConfig.Statistic statistic,
      int k, int minSupport) {
    Schemas.requireColumns("top_neighbours", cooccurrence, WINDOW, Col.PERIOD, Col.PERIOD_START, ENTITY_A,
        ENTITY_B, ENTITY_ID_A, ENTITY_ID_B, TYPE_A, TYPE_B, PAIR_DOCS, DOCS_A, DOCS_B, N_DOCS, PMI, NPMI, LLR,
        LLR_P, JACCARD, LIFT);
    Dataset<Row> supported = cooccurrence.filter(col(PAIR_DOCS).geq(minSupport));
    String[] shared = {PAIR_DOCS, N_DOCS, PMI, NPMI, LLR, LLR_P, JACCARD, LIFT};
    Dataset<Row> both = direction(supported, "a", "b", shared).unionByName(direction(supported, "b", "a", shared));
    Column score = switch (statistic) {
      case LLR -> col(LLR).multiply(signum(col(PMI)));
      case PAIR_DOCS -> col(PAIR_DOCS).cast("double");
      default -> col(statistic.column());
    };
    WindowSpec byEntity = Window.partitionBy(col(WINDOW), col(Col.PERIOD), col(Col.PERIOD_START), col(Col.ENTITY_ID))
        .orderBy(col(SCORE).desc(), col(PAIR_DOCS).desc(), col(NPMI).desc(), col(NEIGHBOUR).asc(),
            col(NEIGHBOUR_ID).asc());
    return both.withColumn(SCORE, score)
        .withColumn(RANK, row_number().over(byEntity))
        .filter(col(RANK).leq(k))
        .select(col(WINDOW), col(Col.PERIOD), col(Col.PERIOD_START), col(Col.ENTITY), col(Col.ENTITY_ID),
            col(Col.TYPE), col(RANK), col(NEIGHBOUR), col(NEIGHBOUR_ID), col(NEIGHBOUR_TYPE),
            lit(statistic.column()).as(STATISTIC), col(SCORE), col(PAIR_DOCS), col(DOCS), col(NEIGHBOUR_DOCS),
            col(N_DOCS), col(PMI), col(NPMI), col(LLR), col(LLR_P), col(JACCARD), col(LIFT));
  }

  private static Dataset<Row> direction(Dataset<Row> pairs, String self, String other, String[] shared) {
    List<Column> cols = new ArrayList<>(List.of(col(WINDOW), col(Col.PERIOD), col(Col.PERIOD_START),
        col("entity_" + self).as(Col.ENTITY), col("entity_id_" + self).as(Col.ENTITY_ID),
        col("type_" + self).as(Col.TYPE), col("docs_" + self).as(DOCS),
        col("entity_" + other).as(NEIGHBOUR), col("entity_id_" + other).as(NEIGHBOUR_ID),
        col("type_" + other).as(NEIGHBOUR_TYPE), col("docs_" + other).as(NEIGHBOUR_DOCS)));
    for (String c : shared) {
      cols.add(col(c));
    }
    return pairs.select(cols.toArray(Column[]::new));
  }

  /**
   * The {@code emerging_pairs} table: per ISO week, the pairs whose article count jumps most against their trailing
   * baseline, in window {@code config.emergingWindow()}. For a week with {@code n} counted articles in which the pair
   * is in {@code x} articles, and the previous {@code B = emerging-baseline-weeks} calendar weeks with {@code Nb}
   * counted articles and {@code X} pair articles:
   * <ul>
   *   <li>{@code baseline = n · X / Nb}, the pair articles expected this week at the trailing rate;
   *   <li>{@code score = log2((x + 1) / (baseline + 1))}, a log-ratio smoothed by one article;
   *   <li>{@code llr}: G² of {@code [[x, n - x], [X, Nb - X]]}, and its p-value.
   * </ul>
   * Only weeks with a baseline ({@code Nb > 0}), pairs with {@code x >= emerging-min-docs} and a positive score;
   * the {@code emerging-top} best per week by score, then llr, then x, then names. All pairs count in the baseline,
   * whatever the minimum support. Needs the outputs of {@link #articleEntities}, {@link #countedArticles} and
   * {@link #entityNames}.
   *
   * @return {@code period_start, entity_a, entity_b, pair_docs, baseline, score, rank, window, type_a, type_b,
   *     n_docs, baseline_pair_docs, baseline_n_docs, llr, llr_p, entity_id_a, entity_id_b}
   */
  public static Dataset<Row> emergingPairs(Dataset<Row> articleEntities, Dataset<Row> counted, Dataset<Row> names,
      CooccurrenceConfig config) {
    int weeks = config.emergingBaselineWeeks();
    List<Period> week = List.of(Period.WEEK);
    Dataset<Row> weekly = pairCounts(articleEntities, List.of(config.emergingWindow()), config.slidingWindow(), week)
        .select(col(Col.PERIOD_START), col(KEY_A), col(KEY_B), col(PAIR_DOCS + "_0").as(PAIR_DOCS))
        .filter(col(PAIR_DOCS).gt(0));
    Dataset<Row> weeklyArticles = periodArticles(counted, week).select(col(Col.PERIOD_START), col(N_DOCS));
    // Each week's counts are the baseline of the next `weeks` weeks.
    Column later = explode(sequence(lit(1), lit(weeks))).as("k");
    Column target = date_add(col(Col.PERIOD_START), col("k").multiply(7)).as(Col.PERIOD_START);
    Dataset<Row> baselineArticles = weeklyArticles.select(col(Col.PERIOD_START), col(N_DOCS), later)
        .groupBy(target).agg(sum(col(N_DOCS)).as(BASELINE_N_DOCS));
    // A pair's baseline is a window over its own weeks (week starts are Mondays, so the previous `weeks` weeks are
    // the starts 7 to 7 * weeks days before): the weekly counts are read once, and arrive partitioned by the first
    // entity's key already, so only a sort within partitions is added.
    WindowSpec trailing = Window.partitionBy(col(KEY_A), col(KEY_B)).orderBy(unix_date(col(Col.PERIOD_START)))
        .rangeBetween(-7L * weeks, -1L);
    Dataset<Row> candidates = weekly
        .withColumn(BASELINE_PAIR_DOCS, coalesce(sum(col(PAIR_DOCS)).over(trailing), lit(0L)))
        .filter(col(PAIR_DOCS).geq(config.emergingMinDocs()))
        .join(broadcast(weeklyArticles), new String[] {Col.PERIOD_START})
        .join(broadcast(baselineArticles.filter(col(BASELINE_N_DOCS).gt(0))), new String[] {Col.PERIOD_START});
    Column x = col(PAIR_DOCS).cast("double");
    Column n = col(N_DOCS).cast("double");
    Column bx = col(BASELINE_PAIR_DOCS).cast("double");
    Column bn = col(BASELINE_N_DOCS).cast("double");
    Column baseline = n.multiply(bx).divide(bn);
    Dataset<Row> scored = candidates
        .select(col(Col.PERIOD_START), col(KEY_A), col(KEY_B), col(PAIR_DOCS), col(N_DOCS),
            col(BASELINE_PAIR_DOCS), col(BASELINE_N_DOCS), baseline.as(BASELINE),
            g2(x, n.minus(x), bx, bn.minus(bx)).as(LLR))
        .withColumn(SCORE, log2(x.plus(1).divide(col(BASELINE).plus(1))))
        .filter(col(SCORE).gt(0));
    Dataset<Row> named = withNames(scored, names, List.of());
    WindowSpec byWeek = Window.partitionBy(col(Col.PERIOD_START)).orderBy(col(SCORE).desc(), col(LLR).desc(),
        col(PAIR_DOCS).desc(), col(ENTITY_A).asc(), col(ENTITY_B).asc(), col(ENTITY_ID_A).asc(),
        col(ENTITY_ID_B).asc());
    return named.withColumn(RANK, row_number().over(byWeek))
        .filter(col(RANK).leq(config.emergingTop()))
        .select(col(Col.PERIOD_START), col(ENTITY_A), col(ENTITY_B), col(PAIR_DOCS), col(BASELINE), col(SCORE),
            col(RANK), lit(config.emergingWindow()).as(WINDOW), col(TYPE_A), col(TYPE_B), col(N_DOCS),
            col(BASELINE_PAIR_DOCS), col(BASELINE_N_DOCS), col(LLR), CHI_SQUARE_1_SURVIVAL.apply(col(LLR)).as(LLR_P),
            col(ENTITY_ID_A), col(ENTITY_ID_B));
  }

  /**
   * The per-article inputs of the three tables, computed once and cached (each table reads them). Close it
   * (try-with-resources) to release the cache.
   *
   * @param counted {@link #countedArticles}
   * @param articleEntities {@link #articleEntities}
   * @param names {@link #entityNames}
   */
  public record Prepared(Dataset<Row> counted, Dataset<Row> articleEntities, Dataset<Row> names)
      implements AutoCloseable {
    @Override
    public void close() {
      names.unpersist();
      articleEntities.unpersist();
      counted.unpersist();
    }
  }

  /**
   * Runs the per-article steps for the {@code entity_mentions} and {@code articles} tables and caches them, with the
   * entity names; checks that the entity keys are unique (an action over the distinct entities).
   */
  public static Prepared prepare(Dataset<Row> mentions, Dataset<Row> articles, List<String> languages,
      CooccurrenceConfig config) {
    Dataset<Row> counted = countedArticles(articles, languages).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> entities = articleEntities(mentions, counted, config.maxEntitiesPerDoc(), config.needsSentences())
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> names = entityNames(mentions).persist(StorageLevel.MEMORY_AND_DISK());
    Prepared prepared = new Prepared(counted, entities, names);
    try {
      checkKeys(names);
    } catch (RuntimeException e) {
      prepared.close();
      throw e;
    }
    return prepared;
  }

  /** The {@code cooccurrence} table for the configured periods plus {@code all}. */
  public static Dataset<Row> cooccurrence(Prepared prepared, List<Period> periods, CooccurrenceConfig config) {
    List<Period> reported = reportedPeriods(periods);
    List<String> windows = config.windowLabels();
    return report(statistics(
            pairCounts(prepared.articleEntities(), windows, config.slidingWindow(), reported),
            entityDocs(prepared.articleEntities(), reported), periodArticles(prepared.counted(), reported),
            windows, config.minSupport()),
        prepared.names(), prepared.counted());
  }

  /** The {@code top_neighbours} table from the {@code cooccurrence} table, with the configured knobs. */
  public static Dataset<Row> topNeighbours(Dataset<Row> cooccurrence, CooccurrenceConfig config) {
    return topNeighbours(cooccurrence, config.neighbourStatistic(), config.topNeighbours(),
        config.neighbourMinSupport());
  }

  /** The {@code emerging_pairs} table with the configured knobs. */
  public static Dataset<Row> emergingPairs(Prepared prepared, CooccurrenceConfig config) {
    return emergingPairs(prepared.articleEntities(), prepared.counted(), prepared.names(), config);
  }

  /**
   * What the manifest records: counted articles, those with at least one entity, and those whose entities were
   * capped, in one pass over the cached per-article table.
   */
  public record Counts(long countedArticles, long articlesWithEntities, long cappedArticles,
      long entitiesDroppedByCap) {}

  public static Counts counts(Prepared prepared, int maxEntities) {
    Row r = prepared.articleEntities().agg(count(lit(1)),
        sum(when(col(DISTINCT_ENTITIES).gt(maxEntities), 1L).otherwise(0L)),
        sum(greatest(col(DISTINCT_ENTITIES).minus(maxEntities), lit(0)).cast("long"))).first();
    long counted = prepared.counted().count();
    return new Counts(counted, r.getLong(0), r.isNullAt(1) ? 0 : r.getLong(1), r.isNullAt(2) ? 0 : r.getLong(2));
  }
}
