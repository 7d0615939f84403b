package org.storyline.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.storyline.schema.Col;
import org.storyline.schema.Schemas;

/**
 * Which of ingestion's articles the text stages analyse: the one rule that entities, co-occurrence, topics and
 * trends share. Duplicates ({@code duplicate_of} set) are skipped and their original is analysed; of the others,
 * those whose {@code lang} is one of the analysed languages or undetermined ({@code und}, also when missing) are
 * analysed.
 */
public final class AnalysedArticles {
  private AnalysedArticles() {}

  /** Skip reason of a duplicate. */
  public static final String SKIP_DUPLICATE = "duplicate";
  /** Skip reason of an article in a language that is not analysed. */
  public static final String SKIP_OTHER_LANGUAGE = "other_language";
  /** The language detector's "undetermined": always analysed, as is a missing language. */
  public static final String UNDETERMINED = "und";

  /** Why the text stages skip an article ({@link #SKIP_DUPLICATE}, {@link #SKIP_OTHER_LANGUAGE}), or null. */
  public static Column skipReason(List<String> languages) {
    List<String> analysed = new ArrayList<>(languages);
    analysed.add(UNDETERMINED);
    return when(col(Col.DUPLICATE_OF).isNotNull(), lit(SKIP_DUPLICATE))
        .when(col(Col.LANG).isNotNull().and(col(Col.LANG).isin(analysed.toArray()).unary_$bang()),
            lit(SKIP_OTHER_LANGUAGE));
  }

  /** True for the articles the text stages analyse: those with no {@link #skipReason}. */
  public static Column condition(List<String> languages) {
    return skipReason(languages).isNull();
  }

  /**
   * The analysed articles of {@code articles}, all columns kept; {@code stage} names the caller in the error when
   * {@code doc_id, duplicate_of, lang} are missing.
   */
  public static Dataset<Row> of(String stage, Dataset<Row> articles, List<String> languages) {
    Schemas.requireColumns(stage, articles, Col.DOC_ID, Col.DUPLICATE_OF, Col.LANG);
    return articles.where(condition(languages));
  }
}
