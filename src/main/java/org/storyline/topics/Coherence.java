package org.storyline.topics;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.storyline.schema.Col;
import org.storyline.schema.Schemas;

/**
 * Topic coherence as mean normalised pointwise mutual information (NPMI, Bouma 2009; Lau, Newman and Baldwin 2014)
 * of each topic's top terms, from document co-occurrence over a corpus: with {@code N} documents, {@code D(w)}
 * the documents containing {@code w} and {@code D(a, b)} those containing both,
 *
 * <pre>
 * npmi(a, b) = ln( P(a, b) / (P(a) P(b)) ) / -ln P(a, b),   P(a) = D(a) / N,  P(a, b) = D(a, b) / N
 * npmi(a, b) = -1 when D(a, b) = 0;   coherence(topic) = mean over the pairs of its top terms
 * </pre>
 *
 * Ranges from -1 (never together) to 1 (always together). Only the counts of the topics' own terms and pairs
 * reach the driver (at most k * 10 terms and k * 45 pairs).
 */
public final class Coherence {
  private Coherence() {}

  /**
   * Coherence of each topic (NaN for a topic with fewer than two terms), in the order given.
   *
   * @param docs one row per document: {@code doc_id} and {@code termsColumn} (array of terms)
   * @param topics each topic's top terms
   */
  public static double[] npmi(Dataset<Row> docs, String termsColumn, List<List<String>> topics) {
    Schemas.requireColumns("coherence", docs, Col.DOC_ID, termsColumn);
    SparkSession spark = docs.sparkSession();
    TreeSet<String> all = new TreeSet<>();
    List<Row> pairRows = new ArrayList<>();
    TreeSet<String> pairKeys = new TreeSet<>();
    for (List<String> terms : topics) {
      all.addAll(terms);
      for (int i = 0; i < terms.size(); i++) {
        for (int j = i + 1; j < terms.size(); j++) {
          String a = min(terms.get(i), terms.get(j));
          String b = max(terms.get(i), terms.get(j));
          if (!a.equals(b) && pairKeys.add(a + "\u0000" + b)) {
            pairRows.add(RowFactory.create(a, b));
          }
        }
      }
    }
    Dataset<Row> termTable = spark.createDataset(new ArrayList<>(all), Encoders.STRING()).toDF("term");
    Dataset<Row> pairTable = spark.createDataFrame(pairRows, new StructType()
        .add("a", DataTypes.StringType, false).add("b", DataTypes.StringType, false));
    Dataset<Row> occurrences = docs.select(col(Col.DOC_ID), explode(array_distinct(col(termsColumn))).as("term"))
        .join(broadcast(termTable), "term")
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long n = docs.select(col(Col.DOC_ID)).distinct().count();
      Map<String, Long> df = new HashMap<>();
      for (Row r : occurrences.groupBy("term").agg(count(lit(1))).collectAsList()) {
        df.put(r.getString(0), r.getLong(1));
      }
      Dataset<Row> left = occurrences.select(col(Col.DOC_ID), col("term").as("a"));
      Dataset<Row> right = occurrences.select(col(Col.DOC_ID).as("_doc"), col("term").as("b"));
      Map<String, Long> co = new HashMap<>();
      for (Row r : left.join(right, col(Col.DOC_ID).equalTo(col("_doc")).and(col("a").lt(col("b"))))
          .join(broadcast(pairTable), TopicModel.toSeq(List.of("a", "b")))
          .groupBy("a", "b").agg(count(lit(1))).collectAsList()) {
        co.put(r.getString(0) + "\u0000" + r.getString(1), r.getLong(2));
      }
      double[] out = new double[topics.size()];
      for (int t = 0; t < topics.size(); t++) {
        out[t] = topicCoherence(topics.get(t), n, df, co);
      }
      return out;
    } finally {
      occurrences.unpersist();
    }
  }

  /** Mean NPMI over the pairs of {@code terms}, from document frequencies; NaN for fewer than two terms. */
  static double topicCoherence(List<String> terms, long n, Map<String, Long> df, Map<String, Long> co) {
    double sum = 0;
    int pairs = 0;
    for (int i = 0; i < terms.size(); i++) {
      for (int j = i + 1; j < terms.size(); j++) {
        String a = min(terms.get(i), terms.get(j));
        String b = max(terms.get(i), terms.get(j));
        if (a.equals(b)) {
          continue;
        }
        sum += npmi(n, df.getOrDefault(a, 0L), df.getOrDefault(b, 0L), co.getOrDefault(a + "\u0000" + b, 0L));
        pairs++;
      }
    }
    return pairs == 0 ? Double.NaN : sum / pairs;
  }

  /** NPMI of two terms from counts: {@code n} documents, {@code da}, {@code db} containing each, {@code dab} both. */
  public static double npmi(long n, long da, long db, long dab) {
    if (dab == 0 || n == 0) {
      return -1.0;
    }
    double pab = dab / (double) n;
    if (pab >= 1.0) {
      return 1.0;
    }
    double pa = da / (double) n;
    double pb = db / (double) n;
    return Math.log(pab / (pa * pb)) / -Math.log(pab);
  }

  /** Mean of the finite values; NaN when there are none. */
  public static double mean(double[] values) {
    double sum = 0;
    int n = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  private static String min(String a, String b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String max(String a, String b) {
    return a.compareTo(b) <= 0 ? b : a;
  }
}
