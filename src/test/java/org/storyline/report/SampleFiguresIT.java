package org.storyline.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.storyline.testing.TestSpark;
import org.w3c.dom.Document;

/**
 * The figures README.md shows for the sample run ("What you get on the sample"), asserted on the sample run the
 * integration tests already compute ({@link ItTools#sampleReport}). Each figure is checked twice: against the run,
 * and as the text the README prints, so the README and this test change together.
 */
class SampleFiguresIT {
  private static Path report;
  private static JsonNode counts;
  private static String readme;

  @BeforeAll
  static void sampleRun() throws IOException {
    report = ItTools.sampleReport();
    counts = new ObjectMapper().readTree(report.resolve("manifest.json").toFile()).get("counts");
    readme = Files.readString(ItTools.ROOT.resolve("README.md"));
  }

  private static Dataset<Row> table(String name) {
    return TestSpark.session().read().option("basePath", report.resolve(name).toString())
        .parquet(report.resolve(name).toString());
  }

  private static void readmeSays(String text) {
    assertThat(readme.replaceAll("\\s+", " ")).as("README.md states '%s'", text).contains(text);
  }

  @Test
  void ingestion() {
    assertThat(counts.get("records_read").asLong()).as("records read").isEqualTo(519);
    assertThat(counts.get("articles").asLong()).as("articles").isEqualTo(511);
    assertThat(counts.get("rejected").asLong()).as("rejects").isEqualTo(8);
    Map<String, Long> byReason = new TreeMap<>();
    counts.get("rejected_by_reason").fields().forEachRemaining(e -> byReason.put(e.getKey(), e.getValue().asLong()));
    assertThat(byReason).as("rejects by reason").isEqualTo(Map.of("empty_text", 2L, "malformed_json", 2L,
        "missing_text", 2L, "unparseable_date", 2L));
    assertThat(counts.get("duplicates_exact").asLong()).as("exact duplicates").isEqualTo(8);
    assertThat(counts.get("duplicates_near").asLong()).as("near duplicates").isEqualTo(25);
    assertThat(counts.get("articles_in_other_languages").asLong()).as("German, French, Spanish").isEqualTo(6);
    assertThat(counts.get("entities_articles_analysed").asLong()).as("analysed by the text stages").isEqualTo(472);
    readmeSays("519 records read, **511 articles**, **8 rejects** (2 each `empty_text`, `malformed_json`, "
        + "`missing_text`, `unparseable_date`); 8 exact and 25 near-duplicates");
    readmeSays("6 articles in German, French and Spanish. The text stages analyse the other **472**.");
  }

  @Test
  void entitiesAndTheLeaders() {
    assertThat(counts.get("entity_mentions").asLong()).as("mentions").isEqualTo(6755);
    assertThat(counts.get("entities").asLong()).as("canonical entities").isEqualTo(138);
    readmeSays("6,755 mentions of 138 canonical entities");
    List<String> leaders = table("entities")
        .filter(col("entity").isin("Kim Jong-un", "Vladimir Putin", "Xi Jinping"))
        .orderBy(col("doc_count").desc()).collectAsList().stream()
        .map(r -> String.format(Locale.ROOT, "%s %s %s %d %d", r.getString(r.fieldIndex("entity")),
            r.getString(r.fieldIndex("type")), r.getList(r.fieldIndex("aliases")), r.getLong(r.fieldIndex("doc_count")),
            r.getLong(r.fieldIndex("mention_count"))))
        .toList();
    assertThat(leaders).as("the leaders, one entity each with their aliases").containsExactly(
        "Vladimir Putin PERSON [Putin] 110 179",
        "Kim Jong-un PERSON [Kim, Kim Jong Un] 34 94",
        "Xi Jinping PERSON [Jinping] 21 30");
    readmeSays("Vladimir Putin PERSON [Putin] 110 179");
    readmeSays("Kim Jong-un PERSON [Kim, Kim Jong Un] 34 94");
    readmeSays("Xi Jinping PERSON [Jinping] 21 30");
  }

  @Test
  void cooccurrenceAndKimsNeighbours() {
    JsonNode byWindow = counts.get("cooccurrence_rows_by_window");
    assertThat(byWindow.get("document").asLong()).as("document rows").isEqualTo(20789);
    assertThat(byWindow.get("sentence").asLong()).as("sentence rows").isEqualTo(3290);
    readmeSays("24,079 pair rows (20,789 document window, 3,290 sentence window)");
    List<String> neighbours = table("top_neighbours")
        .filter(col("window").equalTo("document").and(col("period").equalTo("week"))
            .and(col("period_start").equalTo(to_date(lit("2025-09-01")))).and(col("entity").equalTo("Kim Jong-un"))
            .and(col("rank").leq(5)))
        .orderBy("rank").collectAsList().stream()
        .map(r -> String.format(Locale.ROOT, "%d %s %d %.3f %.1f", r.getInt(r.fieldIndex("rank")),
            r.getString(r.fieldIndex("neighbour")), r.getLong(r.fieldIndex("pair_docs")),
            r.getDouble(r.fieldIndex("npmi")), r.getDouble(r.fieldIndex("llr"))))
        .toList();
    assertThat(neighbours).as("Kim Jong-un's strongest partners, week of 1 September 2025").containsExactly(
        "1 North Korean 24 0.835 49.1",
        "2 Kremlin 24 0.723 35.5",
        "3 Beijing 25 0.615 27.6",
        "4 Vladimir Putin 27 0.613 32.8",
        "5 Xi Jinping 17 0.563 27.7");
    for (String row : neighbours) {
      String[] f = row.split(" ");
      String name = String.join(" ", java.util.Arrays.copyOfRange(f, 1, f.length - 3));
      readmeSays(f[0] + " " + name + " " + f[f.length - 3] + " " + f[f.length - 2] + " " + f[f.length - 1]);
    }
  }

  @Test
  void leaderSecurityBurstsOnThreeToSixSeptember() {
    Dataset<Row> tracked = table("tracked_topic_trends").filter(col("topic").equalTo("leader_security"));
    List<Row> days = tracked.filter(col("period").equalTo("day")).collectAsList();
    assertThat(days.stream().mapToLong(r -> r.getLong(r.fieldIndex("doc_count"))).sum())
        .as("analysed articles matching leader_security").isEqualTo(33);
    assertThat(days.stream().filter(r -> r.getBoolean(r.fieldIndex("burst")))
        .map(r -> r.getDate(r.fieldIndex("period_start")).toString()).sorted().toList())
        .as("burst days").containsExactly("2025-09-03", "2025-09-04", "2025-09-05", "2025-09-06");
    Map<String, String> counted = days.stream()
        .filter(r -> r.getDate(r.fieldIndex("period_start")).toString().compareTo("2025-09-02") >= 0
            && r.getDate(r.fieldIndex("period_start")).toString().compareTo("2025-09-07") <= 0)
        .collect(Collectors.toMap(r -> r.getDate(r.fieldIndex("period_start")).toString(),
            r -> r.getLong(r.fieldIndex("doc_count")) + " " + r.getLong(r.fieldIndex("total_docs")), (a, b) -> a,
            TreeMap::new));
    assertThat(counted).as("doc_count and total_docs, 2 to 7 September").isEqualTo(Map.of(
        "2025-09-02", "0 0", "2025-09-03", "7 15", "2025-09-04", "9 10", "2025-09-05", "5 12",
        "2025-09-06", "4 5", "2025-09-07", "0 5"));
    Row week = tracked.filter(col("period").equalTo("week").and(col("period_start").equalTo(to_date(
        lit("2025-09-01"))))).first();
    assertThat(String.format(Locale.ROOT, "%d of %d articles, z %.1f", week.getLong(week.fieldIndex("doc_count")),
        week.getLong(week.fieldIndex("total_docs")), week.getDouble(week.fieldIndex("zscore"))))
        .as("the week of 1 September").isEqualTo("25 of 49 articles, z 12.3");
    assertThat(week.getBoolean(week.fieldIndex("burst"))).as("the week bursts").isTrue();
    readmeSays("`leader_security` matches 33 analysed articles and bursts on exactly **3–6 September 2025**");
    readmeSays("in the week of 1 September, 25 of 49 articles, z 12.3");
  }

  @Test
  void topicsAndTheWeeksGraph(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    JsonNode topics = counts.get("topics");
    assertThat(topics.get("k").asInt()).as("LDA topics").isEqualTo(20);
    assertThat(topics.get("vocabulary").asInt()).as("vocabulary").isEqualTo(761);
    assertThat(String.format(Locale.ROOT, "%.2f", topics.get("coherence_npmi").asDouble())).as("mean coherence")
        .isEqualTo("0.33");
    readmeSays("20 LDA topics (vocabulary 761 terms, mean NPMI coherence 0.33)");

    Path gexf = dir.resolve("week.gexf");
    ItTools.command("graph", "--report", report.toString(), "--period", "week", "--start", "2025-09-01",
        "--format", "gexf", "--out", gexf.toString());
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(gexf.toFile());
    int nodes = doc.getElementsByTagName("node").getLength();
    int edges = doc.getElementsByTagName("edge").getLength();
    assertThat(nodes + " entities, " + edges + " pairs").as("the week's network").isEqualTo("83 entities, 680 pairs");
    readmeSays("(83 entities, 680 pairs)");
  }
}
