package org.storyline.cooccurrence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.storyline.cooccurrence.CooccurrenceTestSupport.EPS;
import static org.storyline.cooccurrence.CooccurrenceTestSupport.config;
import static org.storyline.cooccurrence.CooccurrenceTestSupport.g2;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.storyline.config.ConfigOption;
import org.storyline.config.CooccurrenceConfig;
import org.storyline.config.CooccurrenceConfig.Statistic;
import org.storyline.cooccurrence.CooccurrenceFixtures.Article;
import org.storyline.cooccurrence.CooccurrenceFixtures.Entity;
import org.storyline.schema.Period;
import org.storyline.testing.TestSpark;

/**
 * Ranking of {@code top_neighbours}. Twenty articles in the week of 2025-09-01; Anchor is in articles 1-12 and its
 * partners are: Charlie in 1-6 (only with Anchor), Bravo in 7-9 (only with Anchor), Delta and Echo both in 1 and
 * 10-13, Foxtrot in 2, 3 and 14, Golf in 10-20. So pair_docs with Anchor: Charlie 6, Delta 4, Echo 4, Bravo 3,
 * Golf 3, Foxtrot 2.
 */
class TopNeighboursTest {
  private static final Entity ANCHOR = new Entity("q50", "Anchor", "PERSON");
  private static final Entity BRAVO = new Entity("q40", "Bravo", "PERSON");
  private static final Entity CHARLIE = new Entity("q30", "Charlie", "PERSON");
  // Echo's id sorts before Delta's: a tie broken by name puts Delta first, one broken by id would not.
  private static final Entity DELTA = new Entity("q9", "Delta", "LOCATION");
  private static final Entity ECHO = new Entity("q1", "Echo", "LOCATION");
  private static final Entity FOXTROT = new Entity("q60", "Foxtrot", "ORGANIZATION");
  private static final Entity GOLF = new Entity("q70", "Golf", "ORGANIZATION");

  private static Cooccurrence.Prepared prepared;
  private static Dataset<Row> table;

  @BeforeAll
  static void compute() {
    SparkSession spark = TestSpark.session();
    List<Article> corpus = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      List<Entity> entities = new ArrayList<>();
      if (i <= 12) {
        entities.add(ANCHOR);
      }
      if (i <= 6) {
        entities.add(CHARLIE);
      }
      if (i >= 7 && i <= 9) {
        entities.add(BRAVO);
      }
      if (i == 1 || (i >= 10 && i <= 13)) {
        entities.add(DELTA);
        entities.add(ECHO);
      }
      if (i == 2 || i == 3 || i == 14) {
        entities.add(FOXTROT);
      }
      if (i >= 10) {
        entities.add(GOLF);
      }
      corpus.add(CooccurrenceFixtures.doc(String.format("n%02d", i),
          String.format("2025-09-0%dT10:00:00Z", 1 + i % 7), entities));
    }
    CooccurrenceConfig cfg = config(ConfigOption.MIN_SUPPORT, 1, ConfigOption.COOCCURRENCE_WINDOWS, "document");
    prepared = Cooccurrence.prepare(CooccurrenceFixtures.mentions(spark, corpus),
        CooccurrenceFixtures.articles(spark, corpus), List.of("en"), cfg);
    table = Cooccurrence.cooccurrence(prepared, List.of(Period.WEEK), cfg).cache();
  }

  @AfterAll
  static void release() {
    table.unpersist();
    prepared.close();
  }

  private static List<Row> neighboursOf(Entity e, Statistic statistic, int k, int minSupport) {
    return Cooccurrence.topNeighbours(table, statistic, k, minSupport)
        .filter("period = 'week' and entity_id = '" + e.id() + "'").orderBy("rank").collectAsList();
  }

  private static List<String> names(List<Row> rows) {
    return rows.stream().map(r -> r.getString(r.fieldIndex("neighbour"))).toList();
  }

  @Test
  void defaultRanksByNpmiWithSupportThreeAndTiesByNameAfterPairDocs() {
    CooccurrenceConfig defaults = CooccurrenceConfig.defaults();
    assertThat(defaults.neighbourStatistic()).as("default statistic").isEqualTo(Statistic.NPMI);
    assertThat(defaults.neighbourMinSupport()).as("default support").isEqualTo(3);
    List<Row> rows = Cooccurrence.topNeighbours(table, defaults)
        .filter("period = 'week' and entity_id = '" + ANCHOR.id() + "'").orderBy("rank").collectAsList();
    // npmi: Charlie ln(6*20/(12*6))/-ln(6/20) = 0.424, Bravo ln(3*20/(12*3))/-ln(3/20) = 0.269, Delta and Echo
    // ln(4*20/(12*5))/-ln(4/20) = 0.179 (a tie, and tied on pair_docs: by name), Golf ln(3*20/(12*11))/-ln(3/20) < 0.
    // Foxtrot has 2 articles with Anchor: below the support of 3.
    assertThat(names(rows)).as("Anchor's neighbours").containsExactly("Charlie", "Bravo", "Delta", "Echo", "Golf");
    assertThat(rows.stream().map(r -> r.getInt(r.fieldIndex("rank")))).as("ranks").containsExactly(1, 2, 3, 4, 5);
    Row first = rows.get(0);
    assertThat(first.getDouble(first.fieldIndex("score"))).as("Charlie's score is its npmi")
        .isCloseTo(Math.log(6.0 * 20 / (12 * 6)) / -Math.log(6.0 / 20), within(EPS));
    assertThat(first.getString(first.fieldIndex("entity"))).as("entity").isEqualTo("Anchor");
    assertThat(first.getLong(first.fieldIndex("docs"))).as("Anchor's articles").isEqualTo(12);
    assertThat(first.getLong(first.fieldIndex("neighbour_docs"))).as("Charlie's articles").isEqualTo(6);
    assertThat(first.getString(first.fieldIndex("statistic"))).as("statistic").isEqualTo("npmi");
    assertThat(rows.get(4).getDouble(rows.get(4).fieldIndex("score"))).as("Golf's npmi")
        .isCloseTo(Math.log(3.0 * 20 / (12 * 11)) / -Math.log(3.0 / 20), within(EPS));
  }

  @Test
  void tiesOnTheStatisticGoToMorePairDocs() {
    // lift of Charlie 6*20/(12*6) = lift of Bravo 3*20/(12*3) = 20/12: Charlie has more articles.
    List<Row> rows = neighboursOf(ANCHOR, Statistic.LIFT, 10, 3);
    assertThat(names(rows)).as("by lift").containsExactly("Charlie", "Bravo", "Delta", "Echo", "Golf");
    assertThat(rows.get(0).getDouble(rows.get(0).fieldIndex("score"))).as("tied lift")
        .isCloseTo(rows.get(1).getDouble(rows.get(1).fieldIndex("score")), within(EPS))
        .isCloseTo(20.0 / 12, within(EPS));
  }

  @Test
  void byPairDocsTiesGoToNpmiThenName() {
    // Delta and Echo: 4 and 4, same npmi, by name; Bravo and Golf: 3 and 3, Bravo's npmi is higher.
    assertThat(names(neighboursOf(ANCHOR, Statistic.PAIR_DOCS, 10, 3))).as("by pair_docs")
        .containsExactly("Charlie", "Delta", "Echo", "Bravo", "Golf");
  }

  @Test
  void llrIsSignedSoThatNegativeAssociationsRankLast() {
    List<Row> rows = neighboursOf(ANCHOR, Statistic.LLR, 10, 3);
    Row golf = rows.get(rows.size() - 1);
    assertThat(golf.getString(golf.fieldIndex("neighbour"))).as("last by signed llr").isEqualTo("Golf");
    // Anchor & Golf: both 3, Anchor only 9, Golf only 8, neither 0; fewer than the 12 * 11 / 20 = 6.6 expected.
    assertThat(golf.getDouble(golf.fieldIndex("score"))).as("negative G2").isCloseTo(-g2(3, 9, 8, 0), within(EPS));
    assertThat(golf.getDouble(golf.fieldIndex("llr"))).as("the llr column stays positive")
        .isCloseTo(g2(3, 9, 8, 0), within(EPS));
  }

  @Test
  void keepsKAndHonoursTheSupport() {
    assertThat(names(neighboursOf(ANCHOR, Statistic.NPMI, 2, 3))).as("K = 2").containsExactly("Charlie", "Bravo");
    assertThat(names(neighboursOf(ANCHOR, Statistic.NPMI, 10, 1))).as("support 1 lets Foxtrot in")
        .contains("Foxtrot").hasSize(6);
    assertThat(names(neighboursOf(BRAVO, Statistic.NPMI, 10, 3))).as("both directions: Bravo's neighbours")
        .containsExactly("Anchor");
  }
}
