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


  /** Adds {@code duplicate_of} and {@link #DUPLICATE_KIND}. Needs doc_id, text, published, content_hash. */
  public static Dataset<Row> mark(Dataset<Row> articles, IngestConfig config) {
    Schemas.requireColumns("deduplication", articles, Col.DOC_ID, Col.TEXT, Col.PUBLISHED, Col.CONTENT_HASH);
    // The original of each content hash from its (hash, published, doc_id) alone, joined back: only these narrow
    // columns are shuffled (and the join is a broadcast while they are small), not the articles' texts, as a window
    // over the whole rows would.
    Dataset<Row> firstOfHash = articles.groupBy(col(Col.CONTENT_HASH).as("_hash"))
        .agg(min(struct(col(Col.PUBLISHED), col(Col.DOC_ID))).getField(Col.DOC_ID).as("_first_of_hash"));
    Dataset<Row> exact = articles.join(firstOfHash, col(Col.CONTENT_HASH).equalTo(col("_hash"))).drop("_hash");
    Column exactOf = when(col("_first_of_hash").notEqual(col(Col.DOC_ID)), col("_first_of_hash"));

    if (!config.nearDuplicatesEnabled()) {
      return exact.withColumn(Col.DUPLICATE_OF, exactOf)
          .withColumn(DUPLICATE_KIND, when(exactOf.isNotNull(), lit("exact")))
          .drop("_first_of_hash");
    }

    Dataset<Row> originals = exact.filter(exactOf.isNull()).select(col(Col.DOC_ID), col(Col.PUBLISHED), col(Col.TEXT));
    Dataset<Row> nearOf = nearDuplicates(originals, config);
    // An exact copy of a near-duplicate points at the near-duplicate's original: join on the original's id.
    Column original = coalesce(exactOf, col(Col.DOC_ID));
    return exact.join(nearOf, original.equalTo(nearOf.col("_near_doc")), "left")
        .withColumn(Col.DUPLICATE_OF, coalesce(col("_near_of"), exactOf))
        .withColumn(DUPLICATE_KIND, when(exactOf.isNotNull(), lit("exact"))
            .when(col("_near_of").isNotNull(), lit("near")))
        .select(outputColumns(articles));
  }

  private static Column[] outputColumns(Dataset<Row> articles) {
    java.util.List<Column> cols = new java.util.ArrayList<>();
    for (String c : articles.columns()) {
      if (!c.equals(Col.DUPLICATE_OF)) {
        cols.add(col(c));
      }
    }
    cols.add(col(Col.DUPLICATE_OF));
    cols.add(col(DUPLICATE_KIND));
    return cols.toArray(Column[]::new);
  }

  /** LSH bands and rows per band: a pair at Jaccard 0.9 shares a band with probability 1 - (1 - 0.9^4)^16 > 0.9999. */
  static final int BANDS = 16;
  static final int ROWS = 4;

  /**
   * For each article with an earlier article at Jaccard similarity (of word-shingle sets) at or above the
   * threshold: the earliest such article found. Columns {@code _near_doc}, {@code _near_of}.
   *
   * <p>Banded MinHash LSH: articles agreeing on all {@link #ROWS} signature entries of a band share a bucket. Each
   * article is compared with the earliest article of each of its buckets only (not with every bucket member), so
   * the number of comparisons is at most {@link #BANDS} per article whatever the corpus looks like: template-heavy
   * copy or a story syndicated hundreds of times cannot make the join quadratic. Candidates are then confirmed with
   * their exact Jaccard similarity.
   */
  static Dataset<Row> nearDuplicates(Dataset<Row> originals, IngestConfig config) {
    // The signatures straight from the texts (the shingle arrays never leave the UDF); the few candidate pairs are
    // then confirmed on their texts, so no shingle array is shuffled and a text is shingled again only when it is
    // a candidate.
    Dataset<Row> signed = originals
        .select(col(Col.DOC_ID), col(Col.PUBLISHED), TextFunctions.TEXT_SIGNATURE.apply(col(Col.TEXT),
            lit(config.shingleSize()), lit(BANDS * ROWS)).as("_signature"))
        .filter(col("_signature").isNotNull());
    Dataset<Row> buckets = signed
        .select(col(Col.DOC_ID), col(Col.PUBLISHED), posexplode(bandKeys(col("_signature"))))
        .withColumnRenamed("pos", "_band").withColumnRenamed("col", "_bucket");
    Column anchorOrder = struct(col(Col.PUBLISHED), col(Col.DOC_ID));
    Dataset<Row> candidates = buckets
        .withColumn("_anchor", min(anchorOrder).over(Window.partitionBy("_band", "_bucket")))
        .filter(col("_anchor").getField(Col.DOC_ID).notEqual(col(Col.DOC_ID)))
        .select(col(Col.DOC_ID).as("_near_doc"), col("_anchor"))
        .distinct();
    Dataset<Row> a = originals.select(col(Col.DOC_ID).as("_a_id"), col(Col.TEXT).as("_a_text"));
    Dataset<Row> b = originals.select(col(Col.DOC_ID).as("_b_id"), col(Col.TEXT).as("_b_text"));
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
