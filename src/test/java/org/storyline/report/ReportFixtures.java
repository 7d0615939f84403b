package org.storyline.report;

import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.storyline.io.ReportStore;

/**
 * A hand-made report folder, published with {@link ReportStore} as a run publishes: two weeks (2025-08-25 and
 * 2025-09-01) of co-occurrence pairs, three entities, two LDA topics (topic 1 bursts in the week of 2025-09-01), one
 * tracked topic, emerging terms and pairs. Untrusted text in it: the article {@code d2} has the title {@link #EVIL},
 * one emerging term is a script element and one rejection reason is markup.
 */
public final class ReportFixtures {
  private ReportFixtures() {}

  public static final String EVIL = "<img src=x onerror=alert(1)>";
  static final LocalDate W1 = LocalDate.of(2025, 8, 25);
  static final LocalDate W2 = LocalDate.of(2025, 9, 1);

  static final String MANIFEST = """
      {"run_id":"20250907T000000Z-ab12","status":"succeeded","started_at":"2025-09-07T00:00:00Z",
       "finished_at":"2025-09-07T00:01:00Z","seconds":60.0,"versions":{"storyline":"0.1.0","spark":"4.2.0"},
       "master":"local[2]","input":{"files":3,"bytes":4567},
       "counts":{"records_read":1234,"articles":1200,"rejected":34,
         "rejected_by_reason":{"malformed_json":30,"<b>odd</b>":4},"out_of_range":0,"duplicates_exact":17,
         "duplicates_near":23},
       "stages":[{"name":"ingest","seconds":12.25},{"name":"entities","seconds":40.5}],
       "tables":{"articles":1200,"entities":3}}
      """;

  /** Publishes the folder under {@code dir}. */
  public static void publish(SparkSession spark, Path fullDir) {
    try (ReportStore store = ReportStore.begin(spark, fullDir.toString(), "20250907T000000Z-ab12", 2)) {
      store.write("articles", df(spark, "doc_id string, title string, source string, published timestamp, "
              + "duplicate_of string, published_date date",
          row("d1", "Kim meets Putin", "Reuters", ts("2025-09-02T10:00:00Z"), null, Date.valueOf(W2.plusDays(1))),
          row("d2", EVIL, "Korea Herald", ts("2025-09-03T11:30:00Z"), null, Date.valueOf(W2.plusDays(2))),
          row("d3", "Earlier summit", "AP", ts("2025-08-26T08:00:00Z"), null, Date.valueOf(W1.plusDays(1))),
          row("d4", "Copy of d1", "AP", ts("2025-09-02T12:00:00Z"), "d1", Date.valueOf(W2.plusDays(1)))),
          List.of("published_date"), List.of("doc_id"));
      store.write("entities", df(spark, "entity_id string, entity string, type string, aliases array<string>, "
              + "doc_count long, mention_count long, first_seen timestamp, last_seen timestamp, external_id string, "
              + "wiki_title string",
          row("q1", "Kim Jong-un", "PERSON", List.of("Kim", "Jong-un"), 42L, 57L, ts("2025-06-01T00:00:00Z"),
              ts("2025-09-03T11:30:00Z"), null, null),
          row("q2", "Vladimir Putin", "PERSON", List.of("Putin"), 40L, 45L, ts("2025-06-01T00:00:00Z"),
              ts("2025-09-03T11:30:00Z"), null, "Vladimir_Putin"),
          row("q3", "Moscow", "LOCATION", List.of(), 9L, 9L, ts("2025-06-01T00:00:00Z"),
              ts("2025-09-03T11:30:00Z"), null, "Moscow")),
          List.of(), List.of("entity_id"));
      store.write("entity_trends", df(spark, "entity_id string, entity string, type string, period string, "
              + "period_start date, doc_count long, mention_count long, share double",
          row("q1", "Kim Jong-un", "PERSON", "week", Date.valueOf(W1), 5L, 6L, 0.5),
          row("q1", "Kim Jong-un", "PERSON", "week", Date.valueOf(W2.plusWeeks(1)), 11L, 12L, 0.5),
          row("q2", "Vladimir Putin", "PERSON", "week", Date.valueOf(W2), 3L, 3L, 0.3),
          row("q1", "Kim Jong-un", "PERSON", "day", Date.valueOf(W2), 99L, 99L, 0.9)),
          List.of("period"), List.of("entity_id"));
      String cooc = "window string, period string, period_start date, entity_a string, entity_b string, "
          + "type_a string, type_b string, pair_docs long, docs_a long, docs_b long, n_docs long, pmi double, "
          + "npmi double, llr double, llr_p double, jaccard double, lift double, example_doc_ids array<string>, "
          + "entity_id_a string, entity_id_b string";
      store.write("cooccurrence", df(spark, cooc,
          // The latest week: Kim-Putin is the strongest (npmi 0.8125), Kim-Moscow weaker, Moscow-Putin below 2.
          pair("document", "week", W2, "Kim Jong-un", "Vladimir Putin", 7, 8, 9, 31, 0.8125, 12.5,
              List.of("d2", "d1"), "q1", "q2"),
          pair("document", "week", W2, "Kim Jong-un", "Moscow", 2, 8, 3, 31, 0.25, 3.25, List.of("d1"), "q1", "q3"),
          pair("document", "week", W2, "Moscow", "Vladimir Putin", 1, 3, 9, 31, 0.99, 1.0, List.of("d1"), "q3",
              "q2"),
          // Other windows and weeks are not shown.
          pair("sentence", "week", W2, "Kim Jong-un", "Moscow", 5, 8, 3, 31, 0.95, 20.0, List.of("d1"), "q1",
              "q3"),
          pair("document", "week", W1, "Moscow", "Vladimir Putin", 6, 6, 6, 20, 1.0, 30.0, List.of("d3"), "q3",
              "q2")),
          List.of("window", "period"), List.of("entity_a", "entity_b"));
      store.write("topics", df(spark, "topic_id int, label string, terms array<string>, weights array<double>, "
              + "coherence double",
          row(0, "summit, leader", List.of("summit", "leader", "talks"), List.of(0.3, 0.2, 0.1), 0.4375),
          row(1, "bodyguard, dna", List.of("bodyguard", "dna"), List.of(0.5, 0.4), 0.625)),
          List.of(), List.of("topic_id"));
      String trends = "topic_id int, label string, period string, period_start date, doc_count long, share double, "
          + "burst boolean, burst_strength double";
      store.write("topic_trends", df(spark, trends,
          row(0, "summit, leader", "week", Date.valueOf(W1), 30L, 0.5, false, 0.0),
          row(0, "summit, leader", "week", Date.valueOf(W2), 20L, 0.4, false, 0.0),
          row(1, "bodyguard, dna", "week", Date.valueOf(W1), 1L, 0.1, false, 0.0),
          row(1, "bodyguard, dna", "week", Date.valueOf(W2), 13L, 0.6, true, 4.5)),
          List.of("period"), List.of("topic_id"));
      store.write("doc_topics", df(spark, "doc_id string, topic_id int, weight double",
          row("d2", 1, 0.9), row("d1", 1, 0.5), row("d3", 0, 0.8)), List.of(), List.of("doc_id"));
      store.write("tracked_topic_trends", df(spark, "topic string, period string, period_start date, "
              + "doc_count long, share double, burst boolean, burst_strength double",
          row("leader_security", "week", Date.valueOf(W1), 0L, 0.0, false, 0.0),
          row("leader_security", "week", Date.valueOf(W2), 33L, 0.7, true, 6.0)),
          List.of("period"), List.of("topic"));
      store.write("emerging_terms", df(spark, "period string, period_start date, term string, count long, "
              + "baseline double, score double",
          row("week", Date.valueOf(W2), "bodyguard", 13L, 0.5, 3.25),
          row("week", Date.valueOf(W2), "<script>x</script>", 4L, 0.0, 2.0)),
          List.of("period"), List.of("term"));
      store.write("emerging_pairs", df(spark, "period_start date, entity_a string, entity_b string, pair_docs long, "
              + "baseline double, score double, rank int",
          row(Date.valueOf(W2), "Kim Jong-un", "Vladimir Putin", 7L, 1.5, 1.7, 1)),
          List.of(), List.of("entity_a"));
      store.publish(MANIFEST);
    }
  }

  static Dataset<Row> df(SparkSession spark, String ddl, Row... rows) {
    return spark.createDataFrame(List.of(rows), StructType.fromDDL(ddl));
  }

  static Row row(Object... values) {
    Object[] converted = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      converted[i] = values[i] instanceof List<?> list
          ? scala.jdk.javaapi.CollectionConverters.asScala(list).toSeq() : values[i];
    }
    return RowFactory.create(converted);
  }

  private static Row pair(String window, String period, LocalDate start, String a, String b, long pairDocs,
      long docsA, long docsB, long nDocs, double npmi, double llr, List<String> examples, String idA, String idB) {
    return row(window, period, Date.valueOf(start), a, b, typeOf(a), typeOf(b), pairDocs, docsA, docsB, nDocs, 1.0,
        npmi, llr, 0.01, 0.1, 1.0, examples, idA, idB);
  }

  private static String typeOf(String entity) {
    return Map.of("Moscow", "LOCATION").getOrDefault(entity, "PERSON");
  }

  private static Timestamp ts(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }
}
