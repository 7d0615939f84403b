package org.storyline.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.xxhash64;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.to_date;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.storyline.config.IngestConfig;
import org.storyline.schema.Col;
import org.storyline.schema.Schemas;

/**
 * Marks duplicates: exact ones (same {@code content_hash}) and near ones (the same wire story syndicated with small
 * edits), found with banded MinHash LSH over word shingles and confirmed with their exact Jaccard similarity. The earliest
 * article of a group (by {@code published}, then {@code doc_id}) is the original; every other one keeps its row with
 * {@code duplicate_of} set to the original's id, so counts downstream can leave it out.
 */
public final class Deduplication {
  private Deduplication() {}

  /** Internal column: {@code exact}, {@code near} or null; for the manifest's counts, dropped before writing. */
  public static final String DUPLICATE_KIND = "_duplicate_kind";


  /** Columns of {@link #markings}: the article's id, its original's id (null for an original) and the kind. */
  static final String MARKED_DOC = "_marked_doc";

  /**
   * Where the texts of candidate pairs come from: given the candidates' {@code doc_id, published_date}, a dataset
   * with at least their {@code doc_id, text} (it may hold more articles; the join keeps the candidates' rows).
   */
  @FunctionalInterface
  public interface Texts {
    Dataset<Row> of(Dataset<Row> candidates);
  }

  /** Adds {@code duplicate_of} and {@link #DUPLICATE_KIND}. Needs doc_id, text, published, content_hash. */
  public static Dataset<Row> mark(Dataset<Row> articles, IngestConfig config) {
    Schemas.requireColumns("deduplication", articles, Col.DOC_ID, Col.TEXT, Col.PUBLISHED, Col.CONTENT_HASH);
    Dataset<Row> buckets = config.nearDuplicatesEnabled() ? buckets(articles, config) : null;
    Dataset<Row> marked = markings(articles.select(col(Col.DOC_ID), col(Col.PUBLISHED), col(Col.CONTENT_HASH)),
        buckets, candidates -> articles.select(col(Col.DOC_ID), col(Col.TEXT)), config);
    return withMarkings(articles, marked);
  }

  /** {@code articles} with {@code duplicate_of} and {@link #DUPLICATE_KIND} from {@link #markings} (inner join). */
  static Dataset<Row> withMarkings(Dataset<Row> articles, Dataset<Row> marked) {
    return articles.withColumnRenamed(Col.DUPLICATE_OF, "_unmarked")
        .join(marked, col(Col.DOC_ID).equalTo(col(MARKED_DOC)))
        .select(outputColumns(articles));
  }

  /**
   * The LSH bucket rows of articles ({@code doc_id, published, text}): {@code doc_id, published, band, bucket,
   * shingle_size, published_date}, {@link #BANDS} rows per article with enough words for one shingle. They depend
   * on the article's text and the shingle size only (not on which article is an original), so a nightly run keeps
   * the published ones and hashes only its new articles.
   */
  public static Dataset<Row> buckets(Dataset<Row> articles, IngestConfig config) {
    return articles
        .select(col(Col.DOC_ID), col(Col.PUBLISHED), TextFunctions.TEXT_SIGNATURE.apply(col(Col.TEXT),
            lit(config.shingleSize()), lit(BANDS * ROWS)).as("_signature"))
        .filter(col("_signature").isNotNull())
        .select(col(Col.DOC_ID), col(Col.PUBLISHED), posexplode(bandKeys(col("_signature"))))
        .select(col(Col.DOC_ID), col(Col.PUBLISHED), col("pos").as(Col.BAND), col("col").as(Col.BUCKET),
            lit(config.shingleSize()).as(Col.SHINGLE_SIZE), to_date(col(Col.PUBLISHED)).as(Col.PUBLISHED_DATE));
  }

  /**
   * Every article's duplicate marking, from narrow columns only: {@code keys} ({@code doc_id, published,
   * content_hash} of every article), the {@link #buckets} of every article (null when near duplicates are off) and,
   * for the few candidate pairs, their texts. Returns {@link #MARKED_DOC}, {@code duplicate_of},
   * {@link #DUPLICATE_KIND}, one row per article.
   *
   * <p>Exact duplicates share a content hash; the earliest (by {@code published}, then {@code doc_id}) is the
   * original. Near duplicates: among the originals, each article is compared with the earliest article of each of
   * its buckets only, and the earliest such article at the Jaccard threshold or above is its original; an exact
   * copy of a near duplicate points at that one's original.
   */
  static Dataset<Row> markings(Dataset<Row> keys, Dataset<Row> buckets, Texts texts, IngestConfig config) {
    // The original of each content hash from its (hash, published, doc_id) alone, joined back: only these narrow
    // columns are shuffled, not the articles' texts.
    Dataset<Row> firstOfHash = keys.groupBy(col(Col.CONTENT_HASH).as("_hash"))
        .agg(min(struct(col(Col.PUBLISHED), col(Col.DOC_ID))).getField(Col.DOC_ID).as("_first_of_hash"));
    Dataset<Row> exact = keys.join(firstOfHash, col(Col.CONTENT_HASH).equalTo(col("_hash")))
        .select(col(Col.DOC_ID), col(Col.PUBLISHED), col("_first_of_hash"));
    Column exactOf = when(col("_first_of_hash").notEqual(col(Col.DOC_ID)), col("_first_of_hash"));

    if (buckets == null) {
      return exact.select(col(Col.DOC_ID).as(MARKED_DOC), exactOf.as(Col.DUPLICATE_OF),
          when(exactOf.isNotNull(), lit("exact")).as(DUPLICATE_KIND));
    }

    Dataset<Row> originals = exact.filter(exactOf.isNull()).select(col(Col.DOC_ID).as("_original"));
    Dataset<Row> nearOf = nearDuplicates(buckets.join(originals, col(Col.DOC_ID).equalTo(col("_original")),
        "left_semi"), texts, config);
    // An exact copy of a near-duplicate points at the near-duplicate's original: join on the original's id.
    Column original = coalesce(exactOf, col(Col.DOC_ID));
    return exact.join(nearOf, original.equalTo(nearOf.col("_near_doc")), "left")
        .select(col(Col.DOC_ID).as(MARKED_DOC), coalesce(col("_near_of"), exactOf).as(Col.DUPLICATE_OF),
            when(exactOf.isNotNull(), lit("exact")).when(col("_near_of").isNotNull(), lit("near"))
                .as(DUPLICATE_KIND));
  }

  /** The articles' columns, {@code duplicate_of} where it was (else last), then {@link #DUPLICATE_KIND}. */
  private static Column[] outputColumns(Dataset<Row> articles) {
    java.util.List<Column> cols = new java.util.ArrayList<>();
    for (String c : articles.columns()) {
      cols.add(col(c));
    }
    if (!java.util.Arrays.asList(articles.columns()).contains(Col.DUPLICATE_OF)) {
      cols.add(col(Col.DUPLICATE_OF));
    }
    cols.add(col(DUPLICATE_KIND));
    return cols.toArray(Column[]::new);
  }

  /** LSH bands and rows per band: a pair at Jaccard 0.9 shares a band with probability 1 - (1 - 0.9^4)^16 > 0.9999. */
  static final int BANDS = 16;
  static final int ROWS = 4;

  /**
   * For each original with an earlier original at Jaccard similarity (of word-shingle sets) at or above the
   * threshold: the earliest such article found. Columns {@code _near_doc}, {@code _near_of}.
   *
   * <p>Banded MinHash LSH: articles agreeing on all {@link #ROWS} signature entries of a band share a bucket. Each
   * article is compared with the earliest article of each of its buckets only (not with every bucket member), so
   * the number of comparisons is at most {@link #BANDS} per article whatever the corpus looks like: template-heavy
   * copy or a story syndicated hundreds of times cannot make the join quadratic. Candidates are then confirmed with
   * their exact Jaccard similarity, on texts fetched for the candidates only.
   */
  static Dataset<Row> nearDuplicates(Dataset<Row> originalBuckets, Texts texts, IngestConfig config) {
    Column anchorOrder = struct(col(Col.PUBLISHED), col(Col.DOC_ID));
    Dataset<Row> candidates = originalBuckets
        .withColumn("_anchor", min(anchorOrder).over(Window.partitionBy(Col.BAND, Col.BUCKET)))
        .filter(col("_anchor").getField(Col.DOC_ID).notEqual(col(Col.DOC_ID)))
        .select(col(Col.DOC_ID).as("_near_doc"), col(Col.PUBLISHED).as("_near_published"), col("_anchor"))
        .distinct()
        // Computed once, here: the texts' source reads the candidates (a nightly run collects their days), the
        // confirmation joins them, and the caller's plan would otherwise sort every bucket row again for each. A
        // local checkpoint, as the candidates are a few rows per article at most and the plan above them is the
        // whole corpus's buckets.
        .localCheckpoint();
    Dataset<Row> wanted = candidates.select(col("_near_doc").as(Col.DOC_ID), to_date(col("_near_published"))
            .as(Col.PUBLISHED_DATE))
        .union(candidates.select(col("_anchor").getField(Col.DOC_ID).as(Col.DOC_ID),
            to_date(col("_anchor").getField(Col.PUBLISHED)).as(Col.PUBLISHED_DATE)));
    Dataset<Row> text = texts.of(wanted).select(col(Col.DOC_ID), col(Col.TEXT));
    Dataset<Row> a = text.select(col(Col.DOC_ID).as("_a_id"), col(Col.TEXT).as("_a_text"));
    Dataset<Row> b = text.select(col(Col.DOC_ID).as("_b_id"), col(Col.TEXT).as("_b_text"));
    Column jaccard = TextFunctions.SHINGLE_JACCARD.apply(col("_a_text"), col("_b_text"), lit(config.shingleSize()));
    return candidates
        .join(a, col("_anchor").getField(Col.DOC_ID).equalTo(col("_a_id")))
        .join(b, col("_near_doc").equalTo(col("_b_id")))
        .filter(jaccard.geq(config.nearDuplicateThreshold()))
        .groupBy(col("_near_doc"))
        .agg(min(col("_anchor")).getField(Col.DOC_ID).as("_near_of"));
  }

  /** One bucket key per band: a hash of the band's signature entries. */
  private static Column bandKeys(Column signature) {
    Column[] keys = new Column[BANDS];
    for (int band = 0; band < BANDS; band++) {
      keys[band] = xxhash64(slice(signature, band * ROWS + 1, ROWS));
    }
    return array(keys);
  }
}
