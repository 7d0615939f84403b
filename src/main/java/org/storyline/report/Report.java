package org.storyline.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.storyline.config.ConfigException;
import org.storyline.cooccurrence.Cooccurrence;
import org.storyline.schema.Col;
import org.storyline.schema.Period;

/**
 * The visual report of a run: {@code DIR/report.html}, one self-contained page (inline CSS, SVG charts drawn by
 * {@link Svg}, no script, no network) built from the published tables and manifest of a report folder.
 *
 * <p>Reads, each optional (a section says so when its table is missing or empty): {@code manifest.json};
 * {@code articles} (doc_id, title, source, published, duplicate_of, published_date); {@code entities} (entity_id,
 * entity, type, aliases, doc_count, mention_count, first_seen, last_seen); {@code entity_trends} (entity_id,
 * period, period_start, doc_count); {@code cooccurrence} (window, period, period_start, entity_a/b, entity_id_a/b,
 * type_a/b, pair_docs, docs_a/b, n_docs, npmi, llr, example_doc_ids); {@code topics} (topic_id, label, terms,
 * coherence); {@code topic_trends} and {@code tracked_topic_trends} (topic_id or topic, period, period_start,
 * doc_count, share, burst, burst_strength); {@code doc_topics} (doc_id, topic_id, weight); {@code emerging_terms}
 * (period, period_start, term, count, baseline, score); {@code emerging_pairs} (period_start, entity_a, entity_b,
 * pair_docs, baseline, score, rank).
 *
 * <p>Only bounded aggregates reach the driver: every selection below ends in a {@code limit} or is filtered to a
 * bounded set of keys (top entities, one week's strongest pairs, a few topics over at most
 * {@link Options#maxPeriods} periods).
 */
public final class Report {
  private Report() {}

  /** The page's file name in the report folder. */
  public static final String FILE = "report.html";

  /**
   * What the page shows.
   *
   * @param topEntities entities listed, by article count
   * @param topPairs co-occurrence pairs listed for the latest week, by npmi then llr
   * @param minPairDocs pairs in fewer articles of the week are left out of the list and the network
   * @param networkEdges pairs drawn in the network picture, those in the most articles
   * @param topTopics LDA topics charted (bursting ones first, then by articles)
   * @param period trends are drawn per day, week or month (falls back to what the tables have)
   * @param maxPeriods the latest periods drawn in a trend chart
   */
  public record Options(int topEntities, int topPairs, int minPairDocs, int networkEdges, int topTopics,
      Period period, int maxPeriods) {
    public Options {
      positive("--top-entities", topEntities);
      positive("--top-pairs", topPairs);
      positive("--min-pair-docs", minPairDocs);
      positive("--network-edges", networkEdges);
      positive("--top-topics", topTopics);
      if (maxPeriods < 2) {
        throw new ConfigException("--max-periods should have value > 1, value: " + maxPeriods);
      }
      if (period == null || period == Period.ALL) {
        throw new ConfigException("--period should be day, week or month, value: " + period);
      }
    }

    public static Options defaults() {
      return new Options(15, 15, 2, 40, 8, Period.WEEK, 104);
    }

    private static void positive(String option, int value) {
      if (value < 1) {
        throw new ConfigException(option + " should have value > 0, value: " + value);
      }
    }
  }

  /** What was written: the file, its size, and the sections that had nothing to show (with the reason). */
  public record Result(Path file, long bytes, List<String> notes) {}

  /** Builds the page of the report folder {@code dir} and writes it to {@code DIR/report.html} atomically. */
  public static Result write(SparkSession spark, String dir, Options options) {
    ReportFolder folder = ReportFolder.open(spark, dir);
    ReportData data = load(spark, folder, options);
    String html = ReportPage.render(data);
    Path file = folder.writeAtomically(FILE, html);
    return new Result(file, html.getBytes(StandardCharsets.UTF_8).length, data.notes());
  }

  /** The page of {@code dir} as a string, without writing it. */
  public static String render(SparkSession spark, String dir, Options options) {
    return ReportPage.render(load(spark, ReportFolder.open(spark, dir), options));
  }

  /** Reads the extracts, the Spark jobs labelled as the report's in the UI. */
  private static ReportData load(SparkSession spark, ReportFolder folder, Options options) {
    spark.sparkContext().setJobGroup("storyline-report", "storyline: report of " + folder.dir(), false);
    try {
      return ReportData.load(folder, options);
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }

  /**
   * The {@code n} entities in the most articles (then the most mentions, then by name and id).
   * Needs {@code entity_id, entity, type, doc_count, mention_count}.
   */
  public static Dataset<Row> topEntities(Dataset<Row> entities, int n) {
    return entities.orderBy(col(Col.DOC_COUNT).desc_nulls_last(), col(Col.MENTION_COUNT).desc_nulls_last(),
        col(Col.ENTITY).asc_nulls_last(), col(Col.ENTITY_ID)).limit(n);
  }

  /**
   * The pairs of one window, period and period start with at least {@code minPairDocs} articles.
   * Needs {@code window, period, period_start, pair_docs}.
   */
  public static Dataset<Row> pairsOf(Dataset<Row> cooccurrence, String window, Period period, LocalDate start,
      int minPairDocs) {
    return cooccurrence.filter(col(Cooccurrence.WINDOW).equalTo(window)
        .and(col(Col.PERIOD).equalTo(period.label()))
        .and(col(Col.PERIOD_START).equalTo(lit(start)))
        .and(col(Cooccurrence.PAIR_DOCS).geq(minPairDocs)));
  }

  /**
   * The {@code n} strongest pairs: by npmi, then llr, then articles, then names.
   * Needs {@code npmi, llr, pair_docs, entity_a, entity_b}.
   */
  public static Dataset<Row> strongestPairs(Dataset<Row> pairs, int n) {
    return pairs.orderBy(col(Cooccurrence.NPMI).desc_nulls_last(), col(Cooccurrence.LLR).desc_nulls_last(),
        col(Cooccurrence.PAIR_DOCS).desc(), col(Cooccurrence.ENTITY_A), col(Cooccurrence.ENTITY_B)).limit(n);
  }

  /**
   * The {@code n} pairs in the most articles (then by npmi and names): the edges of the network picture.
   * Needs {@code pair_docs, npmi, entity_a, entity_b}.
   */
  public static Dataset<Row> busiestPairs(Dataset<Row> pairs, int n) {
    return pairs.orderBy(col(Cooccurrence.PAIR_DOCS).desc(), col(Cooccurrence.NPMI).desc_nulls_last(),
        col(Cooccurrence.ENTITY_A), col(Cooccurrence.ENTITY_B)).limit(n);
  }

  /**
   * The best {@code n} rows of each group: rows numbered within {@code partitionBy} by {@code orderBy}, those
   * numbered up to {@code n} kept, with the number in column {@code rank_in_group}.
   */
  public static Dataset<Row> topPerGroup(Dataset<Row> data, String partitionBy, int n, Column... orderBy) {
    return data.withColumn("rank_in_group", row_number().over(Window.partitionBy(col(partitionBy)).orderBy(orderBy)))
        .filter(col("rank_in_group").leq(n));
  }
}
