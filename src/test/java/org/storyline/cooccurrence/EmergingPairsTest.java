package org.storyline.cooccurrence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.within;
import static org.storyline.cooccurrence.CooccurrenceTestSupport.EPS;
import static org.storyline.cooccurrence.CooccurrenceTestSupport.chiSquare1Tail;
import static org.storyline.cooccurrence.CooccurrenceTestSupport.config;
import static org.storyline.cooccurrence.CooccurrenceTestSupport.g2;

import java.time.LocalDate;
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
import org.storyline.cooccurrence.CooccurrenceFixtures.Article;
import org.storyline.cooccurrence.CooccurrenceFixtures.Entity;
import org.storyline.schema.Col;
import org.storyline.testing.TestSpark;

/**
 * {@code emerging_pairs} on six weeks of 20 articles each, from Monday 2025-08-04 (week 0) to 2025-09-08 (week 5).
 * Alpha-Bravo is in 1 article a week, then 6 in week 5; Charlie-Delta only in 3 articles of week 5; Echo-Foxtrot in
 * 4 articles every week; Golf-Hotel in 5 articles of week 0 only.
 */
class EmergingPairsTest {
  private static final Entity ALPHA = new Entity("ea", "Alpha", "PERSON");
  private static final Entity BRAVO = new Entity("eb", "Bravo", "PERSON");
  private static final Entity CHARLIE = new Entity("ec", "Charlie", "PERSON");
  private static final Entity DELTA = new Entity("ed", "Delta", "LOCATION");
  private static final Entity ECHO = new Entity("ee", "Echo", "PERSON");
  private static final Entity FOXTROT = new Entity("ef", "Foxtrot", "PERSON");
  private static final Entity GOLF = new Entity("eg", "Golf", "PERSON");
  private static final Entity HOTEL = new Entity("eh", "Hotel", "PERSON");
  private static final LocalDate WEEK0 = LocalDate.parse("2025-08-04");

  private static Cooccurrence.Prepared prepared;

  @BeforeAll
  static void compute() {
    SparkSession spark = TestSpark.session();
    List<Article> corpus = new ArrayList<>();
    for (int w = 0; w <= 5; w++) {
      for (int i = 0; i < 20; i++) {
        List<Entity> entities = new ArrayList<>();
        if (w < 5 ? i == 0 : i < 6) {
          entities.addAll(List.of(ALPHA, BRAVO));
        } else if (w == 5 && i < 9) {
          entities.addAll(List.of(CHARLIE, DELTA));
        } else if (w < 5 ? i < 5 : i < 13) {
          entities.addAll(List.of(ECHO, FOXTROT));
        } else if (w == 0 && i < 10) {
          entities.addAll(List.of(GOLF, HOTEL));
        }
        corpus.add(CooccurrenceFixtures.doc(String.format("w%d-%02d", w, i),
            WEEK0.plusWeeks(w).plusDays(i % 7) + "T10:00:00Z", entities));
      }
    }
    CooccurrenceConfig cfg = config(ConfigOption.COOCCURRENCE_WINDOWS, "document");
    prepared = Cooccurrence.prepare(CooccurrenceFixtures.mentions(spark, corpus),
        CooccurrenceFixtures.articles(spark, corpus), List.of("en"), cfg);
  }

  @AfterAll
  static void release() {
    prepared.close();
  }

  private static List<Row> emerging(Object... options) {
    return Cooccurrence.emergingPairs(prepared, config(options)).orderBy("period_start", "rank").collectAsList();
  }

  @Test
  void scoresTheJumpAgainstTheTrailingFourWeeks() {
    List<Row> rows = emerging(ConfigOption.COOCCURRENCE_WINDOWS, "document");
    // Week 5: n = 20; baseline weeks 1-4: Nb = 80. Alpha-Bravo x = 6, X = 4: baseline 20 * 4 / 80 = 1,
    // score log2(7 / 2). Charlie-Delta x = 3, X = 0: baseline 0, score log2(4 / 1) = 2. Echo-Foxtrot x = 4,
    // X = 16: baseline 4, score 0 (not emerging). Weeks 0-4 have no pair with a positive score and 3+ articles
    // (week 0, with Golf-Hotel, has no baseline at all).
    assertThat(rows).as("emerging pairs").hasSize(2);
    Row cd = rows.get(0);
    Row ab = rows.get(1);
    assertThat(cd.getDate(cd.fieldIndex("period_start")).toLocalDate()).as("week").isEqualTo(WEEK0.plusWeeks(5));
    assertThat(cd.getString(cd.fieldIndex("entity_a")) + "-" + cd.getString(cd.fieldIndex("entity_b")))
        .as("first").isEqualTo("Charlie-Delta");
    assertThat(cd.getLong(cd.fieldIndex("pair_docs"))).as("pair_docs").isEqualTo(3);
    assertThat(cd.getDouble(cd.fieldIndex("baseline"))).as("baseline").isCloseTo(0.0, within(EPS));
    assertThat(cd.getDouble(cd.fieldIndex("score"))).as("score").isCloseTo(2.0, within(EPS));
    assertThat(cd.getDouble(cd.fieldIndex("llr"))).as("G2 of [[3, 17], [0, 80]]")
        .isCloseTo(g2(3, 17, 0, 80), within(EPS));
    assertThat(ab.getString(ab.fieldIndex("entity_a")) + "-" + ab.getString(ab.fieldIndex("entity_b")))
        .as("second").isEqualTo("Alpha-Bravo");
    assertThat(ab.getInt(ab.fieldIndex("rank"))).as("rank").isEqualTo(2);
    assertThat(ab.getLong(ab.fieldIndex("pair_docs"))).as("pair_docs").isEqualTo(6);
    assertThat(ab.getDouble(ab.fieldIndex("baseline"))).as("baseline").isCloseTo(1.0, within(EPS));
    assertThat(ab.getDouble(ab.fieldIndex("score"))).as("score").isCloseTo(Math.log(3.5) / Math.log(2), within(EPS));
    assertThat(ab.getLong(ab.fieldIndex("baseline_pair_docs"))).as("X").isEqualTo(4);
    assertThat(ab.getLong(ab.fieldIndex("baseline_n_docs"))).as("Nb").isEqualTo(80);
    assertThat(ab.getLong(ab.fieldIndex("n_docs"))).as("n").isEqualTo(20);
    double llr = g2(6, 14, 4, 76);
    assertThat(ab.getDouble(ab.fieldIndex("llr"))).as("G2 of [[6, 14], [4, 76]]").isCloseTo(llr, within(EPS));
    assertThat(ab.getDouble(ab.fieldIndex("llr_p"))).as("p-value").isCloseTo(chiSquare1Tail(llr), within(EPS));
    assertThat(ab.getString(ab.fieldIndex("window"))).as("window").isEqualTo("document");
  }

  @Test
  void topAndMinimumArticlesAndBaselineLength() {
    assertThat(emerging(ConfigOption.EMERGING_TOP, 1)).as("top 1 per week").hasSize(1)
        .first().extracting(r -> r.getString(r.fieldIndex("entity_a"))).isEqualTo("Charlie");
    assertThat(emerging(ConfigOption.EMERGING_MIN_DOCS, 4)).as("Charlie-Delta has 3 articles").hasSize(1)
        .first().extracting(r -> r.getString(r.fieldIndex("entity_a"))).isEqualTo("Alpha");
    // A one-week baseline (week 4 only): Alpha-Bravo baseline 20 * 1 / 20 = 1, same score; Golf-Hotel of week 0
    // is no longer in any baseline, which changes nothing in week 5.
    List<Row> oneWeek = emerging(ConfigOption.EMERGING_BASELINE_WEEKS, 1);
    assertThat(oneWeek).as("rows").hasSize(2);
    assertThat(oneWeek.get(1).getLong(oneWeek.get(1).fieldIndex("baseline_n_docs"))).as("Nb").isEqualTo(20);
  }

  @Test
  void carriedRowsTakeTheTypeEachEntityHasNow() {
    // A night where Delta's majority type became ORGANIZATION: its id, name and ranks stand, its type is set anew.
    Dataset<Row> published = Cooccurrence.emergingPairs(prepared, config(ConfigOption.COOCCURRENCE_WINDOWS,
        "document"));
    Dataset<Row> names = prepared.names().withColumn(Col.TYPE,
        when(col(Col.ENTITY_ID).equalTo(DELTA.id()), lit("ORGANIZATION")).otherwise(col(Col.TYPE)));
    List<Row> retyped = CooccurrenceStage.retyped(published, names)
        .selectExpr(published.columns())
        .orderBy("period_start", "rank").collectAsList();
    List<Row> before = published.orderBy("period_start", "rank").collectAsList();
    assertThat(retyped).as("rows").isNotEmpty().hasSameSizeAs(before);
    Row cd = retyped.stream().filter(r -> r.getString(r.fieldIndex("entity_a")).equals("Charlie")).findFirst()
        .orElseThrow();
    assertThat(List.of(cd.getString(cd.fieldIndex("type_a")), cd.getString(cd.fieldIndex("type_b"))))
        .as("Charlie-Delta's types").containsExactly("PERSON", "ORGANIZATION");
    Row ab = retyped.stream().filter(r -> r.getString(r.fieldIndex("entity_a")).equals("Alpha")).findFirst()
        .orElseThrow();
    assertThat(ab).as("Alpha-Bravo unchanged").isIn(before);
    assertThat(cd.getInt(cd.fieldIndex("rank"))).as("rank unchanged")
        .isEqualTo(before.stream().filter(r -> r.getString(r.fieldIndex("entity_a")).equals("Charlie"))
            .findFirst().orElseThrow().getInt(cd.fieldIndex("rank")));
  }
}
