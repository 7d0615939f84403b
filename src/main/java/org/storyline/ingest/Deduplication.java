package org.storyline.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.MinHashLSH;
import org.apache.spark.ml.feature.MinHashLSHModel;
import org.apache.spark.ml.feature.NGram;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.storyline.config.IngestConfig;
import org.storyline.schema.Col;
import org.storyline.schema.Schemas;

/**
 * Marks duplicates: exact ones (same {@code content_hash}) and near ones (the same wire story syndicated with small
 * edits), found with MinHash LSH over word shingles and confirmed with their exact Jaccard similarity. The earliest
 * article of a group (by {@code published}, then {@code doc_id}) is the original; every other one keeps its row with
 * {@code duplicate_of} set to the original's id, so counts downstream can leave it out.
 */
public final class Deduplication {
  private Deduplication() {}

  /** Internal column: {@code exact}, {@code near} or null; for the manifest's counts, dropped before writing. */
  public static final String DUPLICATE_KIND = "_duplicate_kind";

  static final int HASH_TABLES = 5;
  static final int SHINGLE_FEATURES = 1 << 22;
  static final long SEED = 20250903L;

  /** Adds {@code duplicate_of} and {@link #DUPLICATE_KIND}. Needs doc_id, text, published, content_hash. */
  public static Dataset<Row> mark(Dataset<Row> articles, IngestConfig config) {
    Schemas.requireColumns("deduplication", articles, Col.DOC_ID, Col.TEXT, Col.PUBLISHED, Col.CONTENT_HASH);
    Dataset<Row> exact = articles.withColumn("_first_of_hash",
        first(col(Col.DOC_ID)).over(Window.partitionBy(Col.CONTENT_HASH).orderBy(Col.PUBLISHED, Col.DOC_ID)));
    Column exactOf = when(col("_first_of_hash").notEqual(col(Col.DOC_ID)), col("_first_of_hash"));

    if (!config.nearDuplicatesEnabled()) {
      return exact.withColumn(Col.DUPLICATE_OF, exactOf)
          .withColumn(DUPLICATE_KIND, when(exactOf.isNotNull(), lit("exact")))
          .drop("_first_of_hash");
    }

    Dataset<Row> originals = exact.filter(exactOf.isNull()).select(col(Col.DOC_ID), col(Col.PUBLISHED), col(Col.TEXT));
    Dataset<Row> nearOf = nearDuplicates(originals, config);
    Dataset<Row> marked = exact.join(nearOf, exact.col(Col.DOC_ID).equalTo(nearOf.col("_near_doc")), "left")
        .withColumn(Col.DUPLICATE_OF, coalesce(exactOf, col("_near_of")))
        .withColumn(DUPLICATE_KIND, when(exactOf.isNotNull(), lit("exact"))
            .when(col("_near_of").isNotNull(), lit("near")))
        .drop("_first_of_hash", "_near_doc", "_near_of");

    // One hop: an exact copy of a near-duplicate points at the near-duplicate's original.
    Dataset<Row> targets = marked.filter(col(Col.DUPLICATE_OF).isNotNull())
        .select(col(Col.DOC_ID).as("_target"), col(Col.DUPLICATE_OF).as("_target_of"));
    return marked.join(targets, marked.col(Col.DUPLICATE_OF).equalTo(targets.col("_target")), "left")
        .withColumn(Col.DUPLICATE_OF, coalesce(col("_target_of"), col(Col.DUPLICATE_OF)))
        .drop("_target", "_target_of")
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

  /**
   * For each article with an earlier article at Jaccard similarity at or above the threshold: the earliest such
   * article. Columns {@code _near_doc}, {@code _near_of}.
   */
  static Dataset<Row> nearDuplicates(Dataset<Row> originals, IngestConfig config) {
    Dataset<Row> tokens = new RegexTokenizer().setInputCol(Col.TEXT).setOutputCol("_words")
        .setPattern("[^\\p{L}\\p{N}]+").setToLowercase(true).setMinTokenLength(1).transform(originals);
    Dataset<Row> shingles = new NGram().setN(config.shingleSize()).setInputCol("_words").setOutputCol("_shingles")
        .transform(tokens)
        .filter(size(col("_shingles")).gt(0));
    Dataset<Row> features = new HashingTF().setInputCol("_shingles").setOutputCol("_shingle_features")
        .setNumFeatures(SHINGLE_FEATURES).setBinary(true).transform(shingles)
        .select(col(Col.DOC_ID), col(Col.PUBLISHED), col("_shingle_features"));
    MinHashLSHModel lsh = new MinHashLSH().setNumHashTables(HASH_TABLES).setSeed(SEED)
        .setInputCol("_shingle_features").setOutputCol("_minhash").fit(features);
    // approxSimilarityJoin keeps pairs with distance strictly below the threshold; we want similarity >= J.
    double maxDistance = 1.0 - config.nearDuplicateThreshold() + 1e-9;
    Dataset<Row> pairs = lsh.approxSimilarityJoin(features, features, maxDistance, "_distance").toDF();
    Column a = struct(col("datasetA." + Col.PUBLISHED), col("datasetA." + Col.DOC_ID));
    Column b = struct(col("datasetB." + Col.PUBLISHED), col("datasetB." + Col.DOC_ID));
    return pairs.filter(a.lt(b))
        .groupBy(col("datasetB." + Col.DOC_ID).as("_near_doc"))
        .agg(min(a).getField(Col.DOC_ID).as("_near_of"));
  }
}
