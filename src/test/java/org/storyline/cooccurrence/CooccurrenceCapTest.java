package org.storyline.cooccurrence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.storyline.cooccurrence.CooccurrenceFixtures.doc;
import static org.storyline.cooccurrence.CooccurrenceFixtures.times;
import static org.storyline.cooccurrence.CooccurrenceTestSupport.config;
import static org.storyline.cooccurrence.CooccurrenceTestSupport.getLong;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.storyline.config.ConfigOption;
import org.storyline.config.CooccurrenceConfig;
import org.storyline.cooccurrence.CooccurrenceFixtures.Article;
import org.storyline.cooccurrence.CooccurrenceFixtures.Entity;
import org.storyline.schema.Period;
import org.storyline.testing.TestSpark;

/** The cap on entities per article: the most mentioned are kept, ties by entity id, everywhere the same. */
class CooccurrenceCapTest {
  // Names sort the other way round from ids, so a tie broken by name would keep e4 instead of e3.
  private static final Entity E1 = new Entity("e1", "Echo", "MISC");
  private static final Entity E2 = new Entity("e2", "Delta", "MISC");
  private static final Entity E3 = new Entity("e3", "Charlie", "MISC");
  private static final Entity E4 = new Entity("e4", "Bravo", "MISC");
  private static final Entity E5 = new Entity("e5", "Alpha", "MISC");

  @Test
  void keepsTheMostMentionedWithTiesByIdAndCountsCappedArticles() {
    SparkSession spark = TestSpark.session();
    List<Article> corpus = List.of(
        // c1: e1 x3, e2 x2, e3 x2, e4 x2, e5 x1; the cap of 3 keeps e1, then e2 and e3 of the three tied at 2.
        CooccurrenceFixtures.article("c1", "2025-09-01T08:00:00Z", List.of(concat(times(E1, 3), times(E2, 2),
            times(E3, 2), times(E4, 2), List.of(E5)))),
        doc("c2", "2025-09-02T08:00:00Z", List.of(E4, E5)),
        doc("c3", "2025-09-03T08:00:00Z", List.of(E1, E4)));
    CooccurrenceConfig cfg = config(ConfigOption.MIN_SUPPORT, 1, ConfigOption.MAX_ENTITIES_PER_DOC, 3);
    try (Cooccurrence.Prepared p = Cooccurrence.prepare(CooccurrenceFixtures.mentions(spark, corpus),
        CooccurrenceFixtures.articles(spark, corpus), List.of("en"), cfg)) {
      List<Row> table = Cooccurrence.cooccurrence(p, List.of(Period.WEEK), cfg).collectAsList();
      Set<String> documentPairs = pairs(table, "document");
      assertThat(documentPairs).as("pairs of the week, document window")
          .containsExactlyInAnyOrder("e1-e2", "e1-e3", "e2-e3", "e4-e5", "e1-e4");
      assertThat(pairs(table, "sentence")).as("the sentence window uses the same capped entities")
          .containsExactlyInAnyOrder("e1-e2", "e1-e3", "e2-e3", "e4-e5", "e1-e4");
      Row e4e5 = CooccurrenceTestSupport.pair(table, "document", "week", "2025-09-01", E4, E5);
      // By name Alpha (e5) comes before Bravo (e4): entity_a is e5.
      assertThat(getLong(e4e5, "docs_a")).as("Alpha (e5): c2 only, dropped from c1 by the cap").isEqualTo(1);
      assertThat(getLong(e4e5, "docs_b")).as("Bravo (e4): c2 and c3, dropped from c1 by the cap").isEqualTo(2);
      assertThat(getLong(e4e5, "n_docs")).as("n_docs").isEqualTo(3);

      Cooccurrence.Counts counts = Cooccurrence.counts(p, 3);
      assertThat(counts.cappedArticles()).as("capped articles").isEqualTo(1);
      assertThat(counts.entitiesDroppedByCap()).as("entities dropped (e4, e5 from c1)").isEqualTo(2);
    }
  }

  @Test
  void aTwoThousandEntityArticleYieldsOnlyTheCappedPairs() {
    SparkSession spark = TestSpark.session();
    List<Entity> mentions = new ArrayList<>();
    Set<String> mostMentioned = new TreeSet<>();
    for (int i = 0; i < 2000; i++) {
      Entity e = new Entity(String.format("x%04d", i), "Entity " + i, "ORGANIZATION");
      // 67 entities (every 30th) are mentioned 3 times, the rest once: the cap of 50 keeps the 50 smallest ids.
      mentions.addAll(times(e, i % 30 == 0 ? 3 : 1));
      if (i % 30 == 0 && mostMentioned.size() < 50) {
        mostMentioned.add(e.id());
      }
    }
    List<Article> corpus = List.of(doc("big", "2025-09-01T08:00:00Z", mentions));
    CooccurrenceConfig cfg = config(ConfigOption.COOCCURRENCE_WINDOWS, "document", ConfigOption.MIN_SUPPORT, 1);
    try (Cooccurrence.Prepared p = Cooccurrence.prepare(CooccurrenceFixtures.mentions(spark, corpus),
        CooccurrenceFixtures.articles(spark, corpus), List.of("en"), cfg)) {
      List<Row> pairs = Cooccurrence.articlePairs(p.articleEntities(), cfg).collectAsList();
      assertThat(pairs).as("50 * 49 / 2 pairs, not 2000 * 1999 / 2").hasSize(1225);
      assertThat(pairs.stream().filter(r -> r.getLong(2) >= r.getLong(3))).as("entity_key_a < entity_key_b")
          .isEmpty();
      List<Row> table = Cooccurrence.cooccurrence(p, List.of(), cfg).collectAsList();
      assertThat(table).as("the run's pairs").hasSize(1225);
      Set<String> ids = new HashSet<>();
      table.forEach(r -> {
        ids.add(r.getString(r.fieldIndex("entity_id_a")));
        ids.add(r.getString(r.fieldIndex("entity_id_b")));
      });
      assertThat(ids).as("the kept entities").isEqualTo(mostMentioned);
      assertThat(Cooccurrence.counts(p, 50).entitiesDroppedByCap()).as("dropped").isEqualTo(1950);
    }
  }

  @SafeVarargs
  private static List<Entity> concat(List<Entity>... lists) {
    List<Entity> all = new ArrayList<>();
    for (List<Entity> l : lists) {
      all.addAll(l);
    }
    return all;
  }

  private static Set<String> pairs(List<Row> table, String window) {
    Set<String> out = new HashSet<>();
    for (Row r : table) {
      if (r.getString(0).equals(window)) {
        String a = r.getString(r.fieldIndex("entity_id_a"));
        String b = r.getString(r.fieldIndex("entity_id_b"));
        out.add(a.compareTo(b) < 0 ? a + "-" + b : b + "-" + a);
      }
    }
    return out;
  }
}
