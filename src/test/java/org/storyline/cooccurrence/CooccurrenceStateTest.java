package org.storyline.cooccurrence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.storyline.cooccurrence.CooccurrenceFixtures.BEIJING;
import static org.storyline.cooccurrence.CooccurrenceFixtures.KIM;
import static org.storyline.cooccurrence.CooccurrenceFixtures.MOSCOW;
import static org.storyline.cooccurrence.CooccurrenceFixtures.PUTIN;
import static org.storyline.cooccurrence.CooccurrenceFixtures.XI;
import static org.storyline.cooccurrence.CooccurrenceFixtures.article;
import static org.storyline.cooccurrence.CooccurrenceFixtures.doc;
import static org.storyline.cooccurrence.CooccurrenceTestSupport.config;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.storyline.config.ConfigOption;
import org.storyline.config.CooccurrenceConfig;
import org.storyline.cooccurrence.CooccurrenceFixtures.Article;
import org.storyline.schema.Period;
import org.storyline.testing.TestSpark;

/** The state a nightly run keeps of the co-occurrence stage: day fingerprints, month counts, the buckets of days. */
class CooccurrenceStateTest {
  private static final CooccurrenceConfig CONFIG = config(ConfigOption.MIN_SUPPORT, 1,
      ConfigOption.SLIDING_WINDOW, 2);
  private static final String SETTINGS = CooccurrenceState.settings(CONFIG, List.of(Period.WEEK, Period.ALL));

  private static Cooccurrence.Prepared prepare(List<Article> corpus) {
    SparkSession spark = TestSpark.session();
    return Cooccurrence.prepare(CooccurrenceFixtures.mentions(spark, corpus),
        CooccurrenceFixtures.articles(spark, corpus), List.of("en", "und"), CONFIG);
  }

  private static Set<String> rows(Dataset<Row> data) {
    Set<String> out = new TreeSet<>();
    data.collectAsList().forEach(r -> out.add(r.toString()));
    return out;
  }

  @Test
  void theAllPeriodRolledUpFromTheMonthsEqualsItsDirectCount() {
    // The tiny corpus spans two months (Sunday 31 August, then 1-6 September); one more September pair.
    List<Article> corpus = new ArrayList<>(CooccurrenceFixtures.tinyCorpus());
    corpus.add(article("s1", "2025-09-20T10:00:00Z", List.of(List.of(KIM), List.of(XI), List.of(), List.of(PUTIN))));
    List<String> windows = CONFIG.windowLabels();
    try (Cooccurrence.Prepared p = prepare(corpus)) {
      Dataset<Row> months = CooccurrenceState.monthRows(Cooccurrence.pairCounts(p.articleEntities(), windows,
          CONFIG.slidingWindow(), List.of(Period.MONTH)), windows);
      assertThat(months.select("month").distinct().count()).as("months with pairs").isEqualTo(2);
      Set<String> rolledUp = rows(CooccurrenceState.allFromMonths(months, windows));
      Set<String> direct = rows(Cooccurrence.pairCounts(p.articleEntities(), windows, CONFIG.slidingWindow(),
          List.of(Period.ALL)));
      assertThat(direct).as("pairs of the whole run").hasSize(6);
      assertThat(rolledUp).as("counts, first and last articles of every window").isEqualTo(direct);
    }
  }

  @Test
  void theChangedDaysAreTheDaysWhoseCountedArticlesOrEntitiesDiffer() {
    List<Article> before = CooccurrenceFixtures.tinyCorpus();
    List<Article> after = new ArrayList<>();
    for (Article a : before) {
      // 09-03: d4's entities change (an alias renames Beijing as Moscow, say).
      after.add(a.id().equals("d4") ? doc("d4", "2025-09-03T12:00:00Z", List.of(XI, MOSCOW)) : a);
    }
    after.add(doc("n1", "2025-09-10T08:00:00Z", List.of(KIM, BEIJING)));   // a new day
    after.add(doc("n2", "2025-09-04T18:00:00Z", List.of()));               // 09-04: one more counted article
    try (Cooccurrence.Prepared p = prepare(before); Cooccurrence.Prepared q = prepare(after);
        Cooccurrence.Prepared same = prepare(before)) {
      Dataset<Row> published = CooccurrenceState.dayFingerprints(p, SETTINGS);
      assertThat(published.count()).as("days with a counted article").isEqualTo(7);
      assertThat(CooccurrenceState.changedDays(CooccurrenceState.dayFingerprints(same, SETTINGS), published).all())
          .as("the same articles").isEmpty();
      CooccurrenceState.ChangedDays changed =
          CooccurrenceState.changedDays(CooccurrenceState.dayFingerprints(q, SETTINGS), published);
      assertThat(changed.articles()).as("a new day, a new article without entities")
          .containsExactly(LocalDate.parse("2025-09-04"), LocalDate.parse("2025-09-10"));
      assertThat(changed.entitiesOnly()).as("the same articles, other entities")
          .containsExactly(LocalDate.parse("2025-09-03"));
      assertThat(CooccurrenceState.changedDays(published, CooccurrenceState.dayFingerprints(q, SETTINGS))
          .articles()).as("a day only the published run has").contains(LocalDate.parse("2025-09-10"));
      // d4's Beijing is Moscow now; d3 on the same day is unchanged (Kim, Putin and Xi keep their entries there).
      Set<Long> keys = new TreeSet<>();
      CooccurrenceState.changedEntities(p.articleEntities(), q.articleEntities().filter("doc_id != 'n1'")
              .filter("doc_id != 'n2'")).collectAsList().forEach(r -> keys.add(r.getLong(0)));
      Set<Long> expected = new TreeSet<>();
      q.names().filter("entity_id IN ('" + BEIJING.id() + "', '" + MOSCOW.id() + "')").collectAsList()
          .forEach(r -> expected.add(r.getLong(0)));
      assertThat(expected).as("both entities have a key").hasSize(2);
      assertThat(keys).as("the entities whose articles changed: Beijing and Moscow").isEqualTo(expected);
      assertThat(CooccurrenceState.sameSettings(published, SETTINGS)).isTrue();
      assertThat(CooccurrenceState.sameSettings(published, CooccurrenceState.settings(CONFIG,
          List.of(Period.DAY, Period.ALL)))).as("other periods").isFalse();
    }
  }

  @Test
  void aNewDayRecountsItsDayWeekAndMonthWithEveryDayOfThem() {
    Map<Period, Set<LocalDate>> buckets = CooccurrenceState.bucketsOf(List.of(LocalDate.parse("2026-01-01")),
        List.of(Period.DAY, Period.WEEK, Period.MONTH, Period.ALL));
    assertThat(buckets).as("Thursday 1 January 2026: its day, its ISO week from Monday 29 December, January")
        .containsExactlyInAnyOrderEntriesOf(Map.of(Period.DAY, Set.of(LocalDate.parse("2026-01-01")),
            Period.WEEK, Set.of(LocalDate.parse("2025-12-29")), Period.MONTH, Set.of(LocalDate.parse("2026-01-01"))));
    Set<LocalDate> days = Period.daysOf(buckets);
    assertThat(days).as("29-31 December and the 31 days of January").hasSize(34)
        .startsWith(LocalDate.parse("2025-12-29")).endsWith(LocalDate.parse("2026-01-31"));
  }
}
