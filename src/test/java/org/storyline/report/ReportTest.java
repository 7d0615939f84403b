package org.storyline.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storyline.cli.ExitCodes;
import org.storyline.cli.StorylineCommand;
import org.storyline.config.ConfigException;
import org.storyline.io.ReportStore;
import org.storyline.schema.Period;
import org.storyline.testing.TestSpark;

/**
 * The report page of a hand-made report folder (published with {@link ReportStore}, as a run publishes), of one
 * with only a manifest, and of one whose tables are empty. The full folder: two weeks (2025-08-25 and 2025-09-01)
 * of co-occurrence pairs, three entities, two LDA topics (topic 1 bursts in the week of 2025-09-01), one tracked
 * topic, emerging terms and pairs; the article {@code d2} has the title {@code <img src=x onerror=alert(1)>}.
 */
class ReportTest {
  private static final String EVIL = "<img src=x onerror=alert(1)>";
  private static final LocalDate W1 = LocalDate.of(2025, 8, 25);
  private static final LocalDate W2 = LocalDate.of(2025, 9, 1);

  @TempDir
  static Path tmp;
  private static String full;
  private static Path fullDir;

  private static final String MANIFEST = """
      {"run_id":"20250907T000000Z-ab12","status":"succeeded","started_at":"2025-09-07T00:00:00Z",
       "finished_at":"2025-09-07T00:01:00Z","seconds":60.0,"versions":{"storyline":"0.1.0","spark":"4.2.0"},
       "master":"local[2]","input":{"files":3,"bytes":4567},
       "counts":{"records_read":1234,"articles":1200,"rejected":34,
         "rejected_by_reason":{"malformed_json":30,"<b>odd</b>":4},"out_of_range":0,"duplicates_exact":17,
         "duplicates_near":23},
       "stages":[{"name":"ingest","seconds":12.25},{"name":"entities","seconds":40.5}],
       "tables":{"articles":1200,"entities":3}}
      """;

  @BeforeAll
  static void writeReports() throws Exception {
    SparkSession spark = TestSpark.session();
    fullDir = tmp.resolve("full");
    try (ReportStore store = ReportStore.begin(spark, fullDir.toString(), "20250907T000000Z-ab12", 2)) {
      store.write("articles", df(spark, "doc_id string, title string, source string, published timestamp, "
              + "duplicate_of string, published_date date",
          row("d1", "Kim meets Putin", "Reuters", ts("2025-09-02T10:00:00Z"), null, Date.valueOf(W2.plusDays(1))),
          row("d2", EVIL, "Korea Herald", ts("2025-09-03T11:30:00Z"), null, Date.valueOf(W2.plusDays(2))),
          row("d3", "Earlier summit", "AP", ts("2025-08-26T08:00:00Z"), null, Date.valueOf(W1.plusDays(1))),
          row("d4", "Copy of d1", "AP", ts("2025-09-02T12:00:00Z"), "d1", Date.valueOf(W2.plusDays(1)))),
          List.of("published_date"), List.of("doc_id"));
      store.write("entities", df(spark, "entity_id string, entity string, type string, aliases array<string>, "
              + "doc_count long, mention_count long, first_seen timestamp, last_seen timestamp, external_id string",
          row("q1", "Kim Jong-un", "PERSON", List.of("Kim", "Jong-un"), 42L, 57L, ts("2025-06-01T00:00:00Z"),
              ts("2025-09-03T11:30:00Z"), null),
          row("q2", "Vladimir Putin", "PERSON", List.of("Putin"), 40L, 45L, ts("2025-06-01T00:00:00Z"),
              ts("2025-09-03T11:30:00Z"), null),
          row("q3", "Moscow", "LOCATION", List.of(), 9L, 9L, ts("2025-06-01T00:00:00Z"),
              ts("2025-09-03T11:30:00Z"), null)),
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
    Report.Result result = Report.write(spark, fullDir.toString(), Report.Options.defaults());
    full = Files.readString(result.file().toUri().getScheme() == null ? Path.of(result.file().toString())
        : Path.of(result.file().toUri()), StandardCharsets.UTF_8);
  }

  @Test
  void runSummaryShowsTheManifestNumbers() {
    assertThat(full).as("records read").contains("<td>records read</td><td class=\"n\">1,234</td>");
    assertThat(full).as("rejected").contains("<td>rejected</td><td class=\"n\">34</td>");
    assertThat(full).as("duplicates").contains("<td>exact duplicates</td><td class=\"n\">17</td>")
        .contains("<td>near duplicates</td><td class=\"n\">23</td>");
    assertThat(full).as("rejection reasons as bars, names escaped").contains(">malformed_json</text>")
        .contains(">&lt;b&gt;odd&lt;/b&gt;</text>").doesNotContain("<b>odd</b>");
    assertThat(full).as("stage times").contains(">12.3 s</text>").contains(">40.5 s</text>");
    assertThat(full).as("table sizes").contains("<td>entities</td><td class=\"n\">3</td>");
  }

  @Test
  void articlesPerWeekCountsOriginalsOnly() {
    // Week W1: d3; week W2: d1, d2 (d4 is a duplicate). Nice ceiling of 2 is 2.
    String chart = svgWithTitle("Articles per week");
    assertThat(chart).as("y axis up to 2 articles").contains(">2</text>");
    assertThat(chart.split(" L", -1)).as("two weekly points").hasSize(2);
  }

  @Test
  void topEntitiesByArticlesWithTrend() {
    assertThat(full).as("Kim first with exact counts")
        .contains("<td class=\"n\">1</td><td>Kim Jong-un</td>")
        .contains("<td class=\"n\">42</td><td class=\"n\">57</td>");
    assertThat(full.indexOf("<td>Vladimir Putin</td>")).as("Putin second").isGreaterThan(
        full.indexOf("<td>Kim Jong-un</td>"));
    assertThat(full).as("aliases").contains("<td>Kim, Jong-un</td>");
    // Kim's weekly trend from W1 to W2+1 week: 5, 0, 11 (the day row is not used).
    String spark = svgWithTitle("Articles per week mentioning Kim Jong-un");
    assertThat(spark.split(" L", -1)).as("three weeks, the missing one as zero").hasSize(3);
  }

  @Test
  void strongestPairsOfTheLatestWeek() {
    assertThat(full).as("the latest week of the document window")
        .contains("Co-occurrence: strongest pairs of the week starting 2025-09-01");
    assertThat(full).as("Kim-Putin with its numbers").contains(
        "<td class=\"n\">7</td><td class=\"n\">8</td><td class=\"n\">9</td><td class=\"n\">31</td>"
            + "<td class=\"n\">0.813</td><td class=\"n\">12.5</td>");
    assertThat(full).as("Kim-Moscow too").contains("<td class=\"n\">0.250</td><td class=\"n\">3.3</td>");
    assertThat(full).as("a pair in one article is below --min-pair-docs 2").doesNotContain("0.990");
    assertThat(full).as("the sentence window and the earlier week are not shown").doesNotContain("0.950")
        .doesNotContain("30.0</td>");
    assertThat(full).as("2 pairs in that week").contains("2 pairs in at least 2 articles");
    assertThat(full).as("example titles of the pair, with source").contains("Kim meets Putin <span class=\"src\">"
        + "(Reuters, 2025-09-02 10:00)</span>");
    String network = svgWithTitle("Co-occurrence network, week of 2025-09-01");
    assertThat(network.split("<circle class=\"node\"", -1)).as("three entities").hasSize(4);
    assertThat(network.split("<line class=\"edge\"", -1)).as("two pairs").hasSize(3);
  }

  @Test
  void topicsAndTrackedTopicsWithBursts() {
    String topic1 = svgWithTitle("Topic 1: bodyguard, dna, articles per week");
    assertThat(topic1.split("class=\"burst\"", -1)).as("topic 1 bursts in one week").hasSize(2);
    assertThat(full.indexOf("Topic 1: bodyguard")).as("the bursting topic first")
        .isLessThan(full.indexOf("Topic 0: summit"));
    assertThat(full).as("topic 1 totals").contains("14 articles, 1 burst period, coherence (NPMI) 0.625");
    assertThat(svgWithTitle("Topic 0: summit, leader, articles per week")).as("no burst in topic 0")
        .doesNotContain("class=\"burst\"");
    assertThat(svgWithTitle("leader_security, articles per week").split("class=\"burst\"", -1))
        .as("the tracked topic bursts once").hasSize(2);
    assertThat(full).as("tracked totals").contains("33 articles, 1 burst period");
  }

  @Test
  void emergingTermsAndPairs() {
    assertThat(full).as("emerging term with numbers").contains(
        "<td>bodyguard</td><td class=\"n\">13</td><td class=\"n\">0.5</td><td class=\"n\">3.25</td>");
    assertThat(full).as("a term is text, never markup").contains("<td>&lt;script&gt;x&lt;/script&gt;</td>")
        .doesNotContain("<script>");
    assertThat(full).as("emerging pair").contains(
        "<td>Kim Jong-un \u2013 Vladimir Putin</td><td class=\"n\">7</td><td class=\"n\">1.5</td>");
  }

  @Test
  void corpusTextIsEscapedEverywhere() {
    assertThat(full).as("the raw tag never reaches the page").doesNotContain(EVIL).doesNotContain("<img");
    assertThat(full).as("but the title is shown, escaped").contains("&lt;img src=x onerror=alert(1)&gt;");
    assertThat(full).as("no script element, and a policy that forbids scripts").doesNotContain("<script")
        .contains("default-src 'none'");
    Matcher svgs = Pattern.compile("<svg class=\"chart\"").matcher(full);
    int charts = 0;
    while (svgs.find()) {
      charts++;
    }
    // 2 bars + articles per week + 3 sparklines + network + 2 topics + 1 tracked.
    assertThat(charts).as("every chart drawn").isEqualTo(10);
  }

  @Test
  void writesAtomicallyIntoTheFolder() throws Exception {
    try (var files = Files.list(fullDir)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.contains("report")).toList())
          .as("report.html and no temporary file").containsExactly("report.html");
    }
  }

  @Test
  void aReportWithoutEntityOrTopicTablesSaysSo() {
    SparkSession spark = TestSpark.session();
    Path dir = tmp.resolve("bare");
    try (ReportStore store = ReportStore.begin(spark, dir.toString(), "20250907T000000Z-0001", 2)) {
      store.publish("{\"run_id\":\"20250907T000000Z-0001\",\"status\":\"succeeded\"}\n");
    }
    String page = Report.render(spark, dir.toString(), Report.Options.defaults());
    assertThat(page).as("each section says what is missing")
        .contains("no entity tables in this report")
        .contains("no cooccurrence table in this report")
        .contains("no topic_trends table in this report")
        .contains("no tracked_topic_trends table in this report")
        .contains("no emerging_terms table in this report")
        .contains("no emerging_pairs table in this report")
        .contains("no articles table in this report")
        .contains("the manifest records no stages");
    assertThat(page).as("no chart without data").doesNotContain("<svg");
  }

  @Test
  void emptyTablesAreReportedAsEmpty() {
    SparkSession spark = TestSpark.session();
    Path dir = tmp.resolve("empty");
    try (ReportStore store = ReportStore.begin(spark, dir.toString(), "20250907T000000Z-0002", 2)) {
      store.write("entities", df(spark, "entity_id string, entity string, type string, doc_count long, "
          + "mention_count long"), List.of(), List.of());
      store.write("cooccurrence", df(spark, "window string, period string, period_start date, entity_a string, "
          + "entity_b string, type_a string, type_b string, pair_docs long, docs_a long, docs_b long, n_docs long, "
          + "npmi double, llr double, entity_id_a string, entity_id_b string"), List.of("window", "period"),
          List.of());
      store.write("topic_trends", df(spark, "topic_id int, period string, period_start date, doc_count long, "
          + "burst boolean"), List.of("period"), List.of());
      store.write("emerging_terms", df(spark, "period string, period_start date, term string, count long, "
          + "score double"), List.of("period"), List.of());
      store.publish("{\"run_id\":\"20250907T000000Z-0002\",\"status\":\"succeeded\"}\n");
    }
    String page = Report.render(spark, dir.toString(), Report.Options.defaults());
    assertThat(page).as("empty tables said to be empty")
        .contains("the entities table is empty")
        .contains("no co-occurrence pairs of window document with at least 2 articles")
        .contains("the topic_trends table is empty")
        .contains("the emerging_terms table is empty");
  }

  @Test
  void aMissingOrInvalidFolderIsAUsageError() throws Exception {
    SparkSession spark = TestSpark.session();
    assertThatThrownBy(() -> Report.render(spark, tmp.resolve("nope").toString(), Report.Options.defaults()))
        .as("missing folder").isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
    Path notReport = Files.createDirectories(tmp.resolve("not-a-report"));
    assertThatThrownBy(() -> Report.render(spark, notReport.toString(), Report.Options.defaults()))
        .as("a folder without a run").isInstanceOf(ConfigException.class)
        .hasMessageContaining("holds no published run");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = StorylineCommand.execute(new PrintWriter(out), new PrintWriter(err), "report", "--output",
        notReport.toString(), "--master", "local[2]");
    assertThat(code).as("exit code").isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString().strip().lines().toList()).as("one line on stderr").hasSize(1);
    assertThat(err.toString()).as("saying why").contains("is not a report folder");
    assertThatThrownBy(() -> new Report.Options(0, 1, 1, 1, 1, Period.WEEK, 10)).as("bad option")
        .isInstanceOf(ConfigException.class).hasMessage("--top-entities should have value > 0, value: 0");
  }

  // ---------------------------------------------------------------------------------------------------------------

  /** The {@code <svg>} element whose title is {@code title} (escaped as in the page). */
  private static String svgWithTitle(String title) {
    String marker = "role=\"img\"><title>" + Html.escape(title) + "</title>";
    int at = full.indexOf(marker);
    assertThat(at).as("a chart titled " + title).isGreaterThanOrEqualTo(0);
    int start = full.lastIndexOf("<svg", at);
    return full.substring(start, full.indexOf("</svg>", at) + 6);
  }

  private static Dataset<Row> df(SparkSession spark, String ddl, Row... rows) {
    return spark.createDataFrame(List.of(rows), StructType.fromDDL(ddl));
  }

  private static Row row(Object... values) {
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
