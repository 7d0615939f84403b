package org.storyline.cooccurrence;

import static org.apache.spark.sql.functions.col;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.storyline.cli.OptionCase;
import org.storyline.config.JobConfig;
import org.storyline.cooccurrence.CooccurrenceFixtures.Article;
import org.storyline.cooccurrence.CooccurrenceFixtures.Entity;
import org.storyline.schema.Col;
import org.storyline.testing.TestSpark;

/**
 * Every co-occurrence option of {@code storyline run} (and {@code --period}) changes what it governs: each case
 * parses the option through the command's own parser and runs what the pipeline's co-occurrence stage runs
 * (Cooccurrence.prepare, cooccurrence, topNeighbours, emergingPairs) on {@link CooccurrenceFixtures#tinyCorpus()}
 * or the six weeks of {@link EmergingPairsTest}.
 *
 * <p>In the tiny corpus's period {@code all}: 8 counted articles (d7 is a duplicate, d8 French); articles per
 * entity Kim 5, Putin 6, Xi 3, Moscow 2, Beijing 1; document pairs Kim-Putin 5 (b1 d1 d2 d3 d6), Kim-Xi 2, Putin-Xi
 * 2, Moscow-Putin 2 (d2 d9), Kim-Moscow 1, Beijing-Xi 1; same-sentence pairs Kim-Putin 3 (b1 d1 d3), the others 1.
 */
class CooccurrenceOptionsTest {
  private static final SparkSession SPARK = TestSpark.session();
  private static final List<Article> TINY = CooccurrenceFixtures.tinyCorpus();

  private static Cooccurrence.Prepared prepare(List<Article> corpus, JobConfig config) {
    return Cooccurrence.prepare(CooccurrenceFixtures.mentions(SPARK, corpus),
        CooccurrenceFixtures.articles(SPARK, corpus), config.ingest().languages(), config.cooccurrence());
  }

  /** The cooccurrence rows of period all: "window entity_a|entity_b pair_docs", sorted. */
  private static List<String> pairs(JobConfig config) {
    try (Cooccurrence.Prepared prepared = prepare(TINY, config)) {
      return Cooccurrence.cooccurrence(prepared, config.periods(), config.cooccurrence())
          .filter(col(Col.PERIOD).equalTo("all")).collectAsList().stream()
          .map(r -> r.getAs(Cooccurrence.WINDOW) + " " + r.getAs(Cooccurrence.ENTITY_A) + "|"
              + r.getAs(Cooccurrence.ENTITY_B) + " " + r.<Long>getAs(Cooccurrence.PAIR_DOCS))
          .sorted().toList();
    }
  }

  /** The periods the cooccurrence table has rows for, sorted. */
  private static List<String> periods(JobConfig config) {
    try (Cooccurrence.Prepared prepared = prepare(TINY, config)) {
      return Cooccurrence.cooccurrence(prepared, config.periods(), config.cooccurrence())
          .select(Col.PERIOD).distinct().collectAsList().stream().map(r -> r.getString(0)).sorted().toList();
    }
  }

  /** top_neighbours of period all, document window: "entity rank neighbour statistic score", sorted. */
  private static List<String> neighbours(JobConfig config) {
    try (Cooccurrence.Prepared prepared = prepare(TINY, config)) {
      Dataset<Row> table = Cooccurrence.cooccurrence(prepared, config.periods(), config.cooccurrence());
      return Cooccurrence.topNeighbours(table, config.cooccurrence())
          .filter(col(Col.PERIOD).equalTo("all").and(col(Cooccurrence.WINDOW).equalTo("document")))
          .collectAsList().stream()
          .map(r -> r.getAs(Col.ENTITY) + " " + r.<Integer>getAs(Cooccurrence.RANK) + " "
              + r.getAs(Cooccurrence.NEIGHBOUR) + " " + r.getAs(Cooccurrence.STATISTIC) + " "
              + String.format("%.4f", r.<Double>getAs(Cooccurrence.SCORE)))
          .sorted().toList();
    }
  }

  /** NPMI over the 8 articles of period all: ln(n_ab N / (n_a n_b)) / -ln(n_ab / N). */
  private static String npmi(int ab, int a, int b) {
    return String.format("%.4f", Math.log(ab * 8.0 / (a * b)) / -Math.log(ab / 8.0));
  }

  private static final Entity ALPHA = new Entity("ea", "Alpha", "PERSON");
  private static final Entity BRAVO = new Entity("eb", "Bravo", "PERSON");
  private static final Entity CHARLIE = new Entity("ec", "Charlie", "PERSON");
  private static final Entity DELTA = new Entity("ed", "Delta", "LOCATION");
  private static final Entity ECHO = new Entity("ee", "Echo", "PERSON");
  private static final Entity FOXTROT = new Entity("ef", "Foxtrot", "PERSON");
  private static final LocalDate WEEK0 = LocalDate.parse("2025-08-04");

  /**
   * Six weeks of 20 articles (EmergingPairsTest's corpus without Golf-Hotel): Alpha-Bravo in 1 article a week, then
   * 6 in week 5; Charlie-Delta only in 3 articles of week 5; Echo-Foxtrot in 4 articles every week.
   */
  private static List<Article> sixWeeks() {
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
        }
        corpus.add(CooccurrenceFixtures.doc(String.format("w%d-%02d", w, i),
            WEEK0.plusWeeks(w).plusDays(i % 7) + "T10:00:00Z", entities));
      }
    }
    return corpus;
  }

  /**
   * emerging_pairs: "week rank window a-b pair_docs baseline_n_docs". Week 5 (n = 20) against weeks 1-4 (Nb = 80):
   * Charlie-Delta x = 3, X = 0, score log2(4 / 1) = 2 first; Alpha-Bravo x = 6, X = 4, baseline 1, score log2(3.5)
   * second; Echo-Foxtrot scores 0 (not emerging).
   */
  private static List<String> emerging(JobConfig config) {
    try (Cooccurrence.Prepared prepared = prepare(sixWeeks(), config)) {
      return Cooccurrence.emergingPairs(prepared, config.cooccurrence()).collectAsList().stream()
          .map(r -> r.getAs(Col.PERIOD_START) + " " + r.<Integer>getAs(Cooccurrence.RANK) + " "
              + r.getAs(Cooccurrence.WINDOW) + " " + r.getAs(Cooccurrence.ENTITY_A) + "-"
              + r.getAs(Cooccurrence.ENTITY_B) + " " + r.<Long>getAs(Cooccurrence.PAIR_DOCS) + " "
              + r.<Long>getAs(Cooccurrence.BASELINE_N_DOCS))
          .sorted().toList();
    }
  }

  private static final Function<JobConfig, Object> PAIRS = CooccurrenceOptionsTest::pairs;
  private static final Function<JobConfig, Object> PERIODS = CooccurrenceOptionsTest::periods;
  private static final Function<JobConfig, Object> NEIGHBOURS = CooccurrenceOptionsTest::neighbours;
  private static final Function<JobConfig, Object> EMERGING = CooccurrenceOptionsTest::emerging;

  private static final List<String> DOCUMENT_PAIRS = List.of("document Kim Jong-un|Vladimir Putin 5",
      "document Kim Jong-un|Xi Jinping 2", "document Moscow|Vladimir Putin 2", "document Vladimir Putin|Xi Jinping 2");
  private static final List<String> PAIRS_DEFAULT = concat(DOCUMENT_PAIRS,
      List.of("sentence Kim Jong-un|Vladimir Putin 3"));

  private static final String KP = npmi(5, 5, 6);
  private static final List<String> NEIGHBOURS_DEFAULT = List.of(
      "Kim Jong-un 1 Vladimir Putin npmi " + KP, "Vladimir Putin 1 Kim Jong-un npmi " + KP);
  /** With --neighbour-min-support 2: every pair of 2+ articles, by NPMI. */
  private static final List<String> NEIGHBOURS_SUPPORT_2 = List.of(
      "Kim Jong-un 1 Vladimir Putin npmi " + KP,
      "Kim Jong-un 2 Xi Jinping npmi " + npmi(2, 5, 3),
      "Moscow 1 Vladimir Putin npmi " + npmi(2, 6, 2),
      "Vladimir Putin 1 Kim Jong-un npmi " + KP,
      "Vladimir Putin 2 Moscow npmi " + npmi(2, 6, 2),
      "Vladimir Putin 3 Xi Jinping npmi " + npmi(2, 6, 3),
      "Xi Jinping 1 Kim Jong-un npmi " + npmi(2, 5, 3),
      "Xi Jinping 2 Vladimir Putin npmi " + npmi(2, 6, 3));

  private static final String WEEK5 = WEEK0.plusWeeks(5).toString();
  private static final List<String> EMERGING_DEFAULT = List.of(
      WEEK5 + " 1 document Charlie-Delta 3 80", WEEK5 + " 2 document Alpha-Bravo 6 80");

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all.stream().sorted().toList();
  }

  static Stream<OptionCase> cases() {
    return Stream.of(
        OptionCase.of("--cooccurrence-windows", PAIRS, PAIRS_DEFAULT, DOCUMENT_PAIRS,
            "--cooccurrence-windows", "document"),
        // Within 2 consecutive sentences: d1 adds Kim-Xi and Putin-Xi (s0-s1), d2 Kim-Putin (s0-s1) and
        // Putin-Moscow (s1-s2); d6's Kim (s0) and Putin (s3) stay apart.
        OptionCase.of("--sliding-window", PAIRS, PAIRS_DEFAULT,
            concat(PAIRS_DEFAULT, List.of("sentences_2 Kim Jong-un|Vladimir Putin 4",
                "sentences_2 Kim Jong-un|Xi Jinping 2", "sentences_2 Moscow|Vladimir Putin 2",
                "sentences_2 Vladimir Putin|Xi Jinping 2")),
            "--sliding-window", "2"),
        OptionCase.of("--min-support", PAIRS, PAIRS_DEFAULT,
            List.of("document Kim Jong-un|Vladimir Putin 5", "sentence Kim Jong-un|Vladimir Putin 3"),
            "--min-support", "3"),
        // Two entities per article, the most mentioned, ties by id (Q15031 Xi < Q56226 Kim < Q649 Moscow < Q7747
        // Putin): d1 keeps Kim (twice) and Xi, d2 Kim and Moscow, d3 Xi and Kim. Left: Kim-Putin b1 d6,
        // Kim-Xi d1 d3; in one sentence only b1's Kim-Putin and d3's Kim-Xi, one article each.
        OptionCase.of("--max-entities-per-doc", PAIRS, PAIRS_DEFAULT,
            List.of("document Kim Jong-un|Vladimir Putin 2", "document Kim Jong-un|Xi Jinping 2"),
            "--max-entities-per-doc", "2"),
        // No pair is in 2 articles of one day (d3 and d4 share 09-03 but no pair), so day has no rows either way.
        OptionCase.of("--period", PERIODS, List.of("all", "month", "week"), List.of("all", "week"),
            "--period", "week"),
        OptionCase.of("--neighbour-min-support", NEIGHBOURS, NEIGHBOURS_DEFAULT, NEIGHBOURS_SUPPORT_2,
            "--neighbour-min-support", "2"),
        OptionCase.of("--top-neighbours", NEIGHBOURS, NEIGHBOURS_SUPPORT_2,
            NEIGHBOURS_SUPPORT_2.stream().filter(s -> s.contains(" 1 ")).toList(),
            "--top-neighbours", "1").withBase("--input", "in", "--output", "out", "--neighbour-min-support", "2"),
        OptionCase.of("--neighbour-statistic", NEIGHBOURS, NEIGHBOURS_DEFAULT,
            List.of("Kim Jong-un 1 Vladimir Putin pair_docs 5.0000", "Vladimir Putin 1 Kim Jong-un pair_docs 5.0000"),
            "--neighbour-statistic", "pair_docs"),
        OptionCase.of("--emerging-window", EMERGING, EMERGING_DEFAULT,
            EMERGING_DEFAULT.stream().map(s -> s.replace("document", "sentence")).toList(),
            "--emerging-window", "sentence"),
        OptionCase.of("--emerging-top", EMERGING, EMERGING_DEFAULT, List.of(EMERGING_DEFAULT.get(0)),
            "--emerging-top", "1"),
        OptionCase.of("--emerging-min-docs", EMERGING, EMERGING_DEFAULT,
            List.of(WEEK5 + " 1 document Alpha-Bravo 6 80"),
            "--emerging-min-docs", "4"),
        // Baseline = week 4 only: 20 articles (Alpha-Bravo 1: baseline 20 * 1 / 20 = 1, the same score).
        OptionCase.of("--emerging-baseline-weeks", EMERGING, EMERGING_DEFAULT,
            EMERGING_DEFAULT.stream().map(s -> s.replace(" 80", " 20")).toList(),
            "--emerging-baseline-weeks", "1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theOptionChangesWhatItGoverns(OptionCase c) {
    c.check();
  }
}
