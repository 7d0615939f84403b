package org.storyline.topics;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.storyline.config.TrackQuery;
import org.storyline.schema.Col;
import org.storyline.schema.Schemas;

/**
 * Tracked topics: user-defined queries ({@link TrackQuery}) matched against each article's cleaned title and
 * text. Matching is one pass over the articles whatever the number of queries, with Spark's built-in
 * {@code rlike} (no UDF: a query compiles to whole-word regular expressions combined with and/or/not, which
 * Catalyst evaluates and code-generates; each literal pattern is compiled once per task).
 */
public final class TrackedTopics {
  private TrackedTopics() {}

  public static final String TOPIC = "topic";

  /**
   * Per-article matches: one row {@code topic, doc_id, published} for each (query, article) that matches.
   * Needs {@code doc_id, published, title, text}. Per-article and independent of the other articles.
   */
  public static Dataset<Row> match(Dataset<Row> articles, Map<String, TrackQuery> queries) {
    Schemas.requireColumns("tracked topics", articles, Col.DOC_ID, Col.PUBLISHED, Col.TITLE, Col.TEXT);
    if (queries.isEmpty()) {
      return articles.select(lit(null).cast("string").as(TOPIC), col(Col.DOC_ID), col(Col.PUBLISHED)).limit(0);
    }
    Column text = concat_ws("\n\n", coalesce(col(Col.TITLE), lit("")), coalesce(col(Col.TEXT), lit("")));
    List<Column> hits = new ArrayList<>();
    queries.forEach((name, query) -> hits.add(when(query.matches(text), lit(name))));
    Column matched = filter(array(hits.toArray(Column[]::new)), x -> x.isNotNull());
    return articles.select(explode(matched).as(TOPIC), col(Col.DOC_ID), col(Col.PUBLISHED));
  }

  /** The tracked topic names as a one-column ({@code topic}) Dataset: the keys of the trend series. */
  public static Dataset<Row> names(SparkSession spark, Map<String, TrackQuery> queries) {
    return spark.createDataset(new ArrayList<>(queries.keySet()), Encoders.STRING()).toDF(TOPIC);
  }
}
