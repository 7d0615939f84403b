package org.storyline.cooccurrence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.storyline.config.ConfigOption;
import org.storyline.config.CooccurrenceConfig;
import org.storyline.config.CooccurrenceConfig.Statistic;
import org.storyline.cooccurrence.CooccurrenceFixtures.Article;
import org.storyline.cooccurrence.CooccurrenceFixtures.Entity;
import org.storyline.schema.Period;
import org.storyline.testing.TestSpark;

/**
 * The acceptance check of the issue on a generated corpus (the sample corpus needs the entities stage): 300 articles
 * in the week of 2025-09-01 with Zipf-distributed background entities, "United States" in 40% of them, Kim Jong-un
 * in 24, Vladimir Putin in 40 of which 16 with Kim, Xi Jinping in 30 of which 5 with Kim. Putin must be Kim's top
 * neighbour by NPMI and among his top three by pair_docs, though the United States co-occur with Kim by chance.
 */
class PlantedNeighbourTest {
  private static final Entity US = new Entity("Q30", "United States", "LOCATION");

  static List<Article> corpus(long seed) {
    Random random = new Random(seed);
    List<Entity> background = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      background.add(new Entity(String.format("bg%03d", i), String.format("Background %03d", i),
          List.of("PERSON", "ORGANIZATION", "LOCATION", "MISC").get(i % 4)));
    }
    double[] zipf = new double[background.size()];
    double total = 0;
    for (int i = 0; i < zipf.length; i++) {
      total += 1.0 / (i + 1);
      zipf[i] = total;
    }
    List<Article> out = new ArrayList<>();
    LocalDate monday = LocalDate.parse("2025-09-01");
    for (int d = 0; d < 300; d++) {
      Set<Entity> entities = new LinkedHashSet<>();
      int n = 3 + random.nextInt(6);
      for (int j = 0; j < n; j++) {
        double u = random.nextDouble() * total;
        int k = 0;
        while (zipf[k] < u) {
          k++;
        }
        entities.add(background.get(k));
      }
      if (random.nextDouble() < 0.4) {
        entities.add(US);
      }
      if (d < 24) {
        entities.add(CooccurrenceFixtures.KIM);
      }
      if (d < 16 || (d >= 100 && d < 124)) {
        entities.add(CooccurrenceFixtures.PUTIN);
      }
      if ((d >= 19 && d < 24) || (d >= 200 && d < 225)) {
        entities.add(CooccurrenceFixtures.XI);
      }
      List<Entity> shuffled = new ArrayList<>(entities);
      java.util.Collections.shuffle(shuffled, random);
      // Two sentences, so the sentence window has work too.
      int half = shuffled.size() / 2;
      out.add(CooccurrenceFixtures.article(String.format("g%03d", d),
          monday.plusDays(d % 7) + String.format("T%02d:00:00Z", d % 24),
          List.of(shuffled.subList(0, half), shuffled.subList(half, shuffled.size()))));
    }
    return out;
  }

  @Test
  void putinIsKimsTopNeighbourInThePlantedWeek() {
    SparkSession spark = TestSpark.session();
    List<Article> corpus = corpus(20250901L);
    CooccurrenceConfig cfg = CooccurrenceTestSupport.config(ConfigOption.COOCCURRENCE_WINDOWS, "document");
    try (Cooccurrence.Prepared p = Cooccurrence.prepare(CooccurrenceFixtures.mentions(spark, corpus),
        CooccurrenceFixtures.articles(spark, corpus), List.of("en"), cfg)) {
      Dataset<Row> table = Cooccurrence.cooccurrence(p, List.of(Period.WEEK), cfg).cache();
      try {
        List<String> byNpmi = neighbours(table, Statistic.NPMI);
        List<String> byPairDocs = neighbours(table, Statistic.PAIR_DOCS);
        assertThat(byNpmi).as("Kim's neighbours by npmi").first().isEqualTo("Vladimir Putin");
        assertThat(byPairDocs.subList(0, 3)).as("Kim's top 3 by pair_docs").contains("Vladimir Putin");
        assertThat(byNpmi).as("United States, frequent everywhere, ranks below Putin and Xi")
            .containsSubsequence("Vladimir Putin", "Xi Jinping");
        int us = byNpmi.indexOf("United States");
        assertThat(us == -1 || us > byNpmi.indexOf("Xi Jinping")).as("US after Xi (or absent)").isTrue();
      } finally {
        table.unpersist();
      }
    }
  }

  private static List<String> neighbours(Dataset<Row> table, Statistic statistic) {
    return Cooccurrence.topNeighbours(table, statistic, 10, 3)
        .filter("window = 'document' and period = 'week' and entity_id = '" + CooccurrenceFixtures.KIM.id() + "'")
        .orderBy("rank").collectAsList().stream().map(r -> r.getString(r.fieldIndex("neighbour"))).toList();
  }
}
