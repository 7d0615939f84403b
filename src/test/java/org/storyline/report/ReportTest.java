package org.storyline.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
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
  private static final String EVIL = ReportFixtures.EVIL;

  @TempDir
  static Path tmp;
  private static String full;
  private static Path fullDir;

  @BeforeAll
  static void writeReports() throws Exception {
    SparkSession spark = TestSpark.session();
    fullDir = tmp.resolve("full");
    ReportFixtures.publish(spark, fullDir);
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
    assertThat(full).as("aliases, then the Wikipedia page of a linked entity (a dash for Kim: unlinked)")
        .contains("<td>Kim, Jong-un</td><td><span class=\"note\">\u2013</span></td>")
        .contains("<td><a href=\"https://en.wikipedia.org/wiki/Vladimir_Putin\">Vladimir Putin</a></td>");
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
    return ReportFixtures.df(spark, ddl, rows);
  }
}
