package org.storyline.report;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.storyline.testing.TestSpark;

/**
 * The default run (no config file, every option at its default) on the Reuters part of the sample,
 * {@code data/sample/wire/reuters.jsonl}: it once crashed with DIVIDE_BY_ZERO in the co-occurrence G², because an
 * entity is mentioned in every article of some days and the sentence window's textbook cell N - A - B + k went
 * negative. The test also checks that the input still holds that case, so that it keeps guarding against it.
 */
class DefaultRunIT {

  @Test
  void defaultRunOnTheReutersSubsetPublishes() {
    Path dir = ItTools.WORK.resolve("reuters-default");
    TestSpark.session();
    String out = ItTools.command("run", "--input", ItTools.ROOT.resolve("data/sample/wire/reuters.jsonl").toString(),
        "--output", dir.toString(), "--master", "local[2]");
    assertThat(out).as("the run's summary line").contains("72 articles, 4 rejected");

    Dataset<Row> sentence = TestSpark.session().read().parquet(dir.resolve("cooccurrence").toString())
        .filter(col("window").equalTo("sentence"));
    long negativeTextbookCell = sentence.filter(col("n_docs").minus(col("docs_a")).minus(col("docs_b"))
        .plus(col("pair_docs")).lt(0)).count();
    assertThat(negativeTextbookCell).as("sentence pairs whose textbook cell N - A - B + k is negative").isPositive();
    assertThat(sentence.filter(col("llr").isNaN().or(col("llr").lt(0)).or(col("llr").isNull())).count())
        .as("G² is a number >= 0 for every row").isZero();

    Map<String, Long> reasons = new java.util.TreeMap<>();
    for (Row r : TestSpark.session().read().parquet(dir.resolve("rejects").toString()).groupBy("reason").count()
        .collectAsList()) {
      reasons.put(r.getString(0), r.getLong(1));
    }
    assertThat(reasons).as("rejects by reason")
        .isEqualTo(Map.of("malformed_json", 2L, "missing_text", 1L, "unparseable_date", 1L));
  }
}
