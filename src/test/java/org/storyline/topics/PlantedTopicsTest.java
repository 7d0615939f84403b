package org.storyline.topics;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.storyline.config.TrackQuery;
import org.storyline.config.TrendsConfig;
import org.storyline.sample.PlantedTopics;
import org.storyline.sample.SampleCorpus.Article;
import org.storyline.schema.Period;
import org.storyline.testing.TestSpark;
import org.storyline.trends.Trends;

/** Tracked topics and bursts on a generated corpus with planted security articles and a planted burst. */
class PlantedTopicsTest {
  /** The README's tracked topic (conf/sample.yaml). */
  private static final String LEADER_SECURITY =
      "(DNA OR bodyguard* OR \"security detail\" OR surveillance OR disinfect*) AND NOT football";

  static List<Article> corpus;
  static Dataset<Row> articles;

  @BeforeAll
  static void generate() {
    corpus = new PlantedTopics(11).articles();
    articles = PlantedTopics.frame(TestSpark.session(), corpus);
  }

  @Test
  void trackedQueryCountsExactlyThePlantedArticles() {
    Map<String, TrackQuery> queries = Map.of("leader_security", TrackQuery.parse(LEADER_SECURITY),
        "rates", TrackQuery.parse("\"interest rate*\" OR inflation"));
    Dataset<Row> matches = TrackedTopics.match(articles, queries);
    Set<String> security = matches.where(col("topic").equalTo("leader_security")).select("doc_id")
        .as(Encoders.STRING()).collectAsList().stream().collect(Collectors.toSet());
    Set<String> planted = corpus.stream().filter(a -> a.storyline().equals(PlantedTopics.SECURITY))
        .map(Article::id).collect(Collectors.toSet());
    assertThat(planted).as("the generator planted security articles").hasSizeGreaterThan(30);
    assertThat(security).as("leader_security matches exactly the planted security articles")
        .isEqualTo(planted);
    long footballWithSecurityWords = corpus.stream().filter(a -> a.storyline().equals(PlantedTopics.FOOTBALL)
        && (a.text().contains("security detail") || a.text().contains("Bodyguards"))).count();
    assertThat(footballWithSecurityWords).as("distractors exist (excluded by AND NOT football)").isPositive();
    long rates = matches.where(col("topic").equalTo("rates")).count();
    long expectedRates = corpus.stream().filter(a -> queries.get("rates").matchesText(a.title() + "\n\n" + a.text()))
        .count();
    assertThat(rates).as("second query, same pass").isEqualTo(expectedRates).isPositive();
  }

  @Test
  void plantedBurstIsFlaggedOnItsDaysAndNowhereElse() {
    Map<String, TrackQuery> queries = Map.of("leader_security", TrackQuery.parse(LEADER_SECURITY));
    Dataset<Row> matches = TrackedTopics.match(articles, queries);
    Dataset<Row> calendar = Trends.calendar(articles, List.of(Period.DAY, Period.WEEK));
    List<Row> rows = Trends.analyse(matches.select("topic", "published"), TrackedTopics.names(TestSpark.session(),
        queries), calendar, List.of("topic"), null, new TrendsConfig(28, 2, 1, 5, 20, 3))
        .where(col("period").equalTo("day")).collectAsList();
    Set<LocalDate> burstDays = rows.stream().filter(r -> r.getBoolean(r.fieldIndex("burst")))
        .map(r -> r.getDate(r.fieldIndex("period_start")).toLocalDate()).collect(Collectors.toSet());
    assertThat(burstDays).as("burst exactly on the planted days").isEqualTo(PlantedTopics.BURST.keySet());
    assertThat(rows).as("one row per day of the calendar")
        .hasSize((int) (PlantedTopics.END.toEpochDay() - PlantedTopics.START.toEpochDay() + 1));
    Row first = rows.stream().filter(r -> r.getDate(r.fieldIndex("period_start"))
        .equals(Date.valueOf(LocalDate.of(2025, 4, 10)))).findFirst().orElseThrow();
    assertThat(first.getDate(first.fieldIndex("burst_start"))).as("burst start")
        .isEqualTo(Date.valueOf(LocalDate.of(2025, 4, 10)));
    assertThat(first.getDate(first.fieldIndex("burst_end"))).as("burst end")
        .isEqualTo(Date.valueOf(LocalDate.of(2025, 4, 13)));
    assertThat(first.getDouble(first.fieldIndex("burst_strength"))).as("a strong burst").isGreaterThan(10);
    assertThat(first.getLong(first.fieldIndex("doc_count"))).as("planted count").isEqualTo(6);
    assertThat(first.getDouble(first.fieldIndex("zscore"))).as("far above the baseline").isGreaterThan(4);
    assertThat(first.getList(first.fieldIndex("top_entities"))).as("no entity table: empty").isEmpty();
  }
}
