package org.storyline.ingest;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.xxhash64;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.feature.NGram;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.storyline.testing.TestSpark;

class ShinglesTest {
  private final SparkSession spark = TestSpark.session();

  private static final List<String> TEXTS = List.of(
      "Kim Jong-un's aides wiped the chair and took his glass after he met Vladimir Putin in Beijing.",
      "KIM JONG-UN'S AIDES wiped the chair -- and took his glass -- after he met Vladimir Putin in Beijing!",
      "Putin's guards carried his waste home from Alaska; the 2025 summit ended at 14:30.",
      "Größere Städte, São Paulo und İstanbul: Ünïcödé wörds, ΑΘΗΝΑ ελληνικά, 北京 会谈 2025年9月3日.",
      "  leading and trailing gaps, repeated repeated repeated repeated repeated words  ",
      "two words",
      "",
      "...!!!");

  @Test
  void hashesAreThoseOfSparksTokenizerNgramAndXxhash64() {
    for (int n : new int[] {1, 3, 5}) {
      Dataset<Row> docs = spark.createDataset(TEXTS, Encoders.STRING()).toDF("text");
      Dataset<Row> words = new RegexTokenizer().setInputCol("text").setOutputCol("words")
          .setPattern(Shingles.GAPS).setToLowercase(true).setMinTokenLength(1).transform(docs);
      List<Row> rows = new NGram().setN(n).setInputCol("words").setOutputCol("ngrams").transform(words)
          .select(col("text"), array_sort(array_distinct(transform(col("ngrams"), s -> xxhash64(s)))))
          .collectAsList();
      assertThat(rows).hasSize(TEXTS.size());
      for (Row row : rows) {
        List<Long> expected = new ArrayList<>(row.getList(1));
        List<Long> actual = new ArrayList<>();
        for (long h : Shingles.hashes(row.getString(0), n)) {
          actual.add(h);
        }
        assertThat(actual).as("n=%d: %s", n, row.getString(0)).isEqualTo(expected);
      }
    }
  }

  @Test
  void repeatedShinglesCountOnceAndShortTextsHaveNone() {
    assertThat(Shingles.hashes("a b a b a b", 2)).as("'a b' and 'b a'").hasSize(2);
    assertThat(Shingles.hashes("two words", 3)).isEmpty();
    assertThat(Shingles.hashes(null, 3)).isEmpty();
  }

  @Test
  void jaccardIsSparksIntersectionOverUnion() {
    // By hand: {1, 2, 3, 5} and {2, 3, 4}: 2 shared of 5.
    assertThat(Shingles.jaccard(new long[] {1, 2, 3, 5}, new long[] {2, 3, 4})).isEqualTo(0.4);
    assertThat(Shingles.jaccard(new long[] {7}, new long[] {7})).isEqualTo(1.0);
    assertThat(Shingles.jaccard(new long[] {-3, 7}, new long[] {8})).isEqualTo(0.0);
    // Against Spark's size(array_intersect) / size(array_union), on the shingles of every pair of texts.
    List<long[]> sets = new ArrayList<>();
    for (String text : TEXTS) {
      sets.add(Shingles.hashes(text, 1));
    }
    int compared = 0;
    for (long[] a : sets) {
      for (long[] b : sets) {
        if (a.length == 0 && b.length == 0) {
          continue;
        }
        double expected = spark.sql("SELECT size(array_intersect(" + literal(a) + ", " + literal(b)
            + ")) / size(array_union(" + literal(a) + ", " + literal(b) + "))").first().getDouble(0);
        assertThat(Shingles.jaccard(a, b)).isEqualTo(expected);
        compared++;
      }
    }
    assertThat(compared).as("8 x 8 pairs but the 4 of two empty sets").isEqualTo(60);
  }

  private static String literal(long[] hashes) {
    StringBuilder sql = new StringBuilder("cast(array(");
    for (int i = 0; i < hashes.length; i++) {
      sql.append(i == 0 ? "" : ", ").append(hashes[i]).append("L");
    }
    return sql.append(") as array<bigint>)").toString();
  }
}
