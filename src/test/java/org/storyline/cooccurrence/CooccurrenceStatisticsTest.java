package org.storyline.cooccurrence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.storyline.cooccurrence.CooccurrenceFixtures.KIM;
import static org.storyline.cooccurrence.CooccurrenceFixtures.MOSCOW;
import static org.storyline.cooccurrence.CooccurrenceFixtures.PUTIN;
import static org.storyline.cooccurrence.CooccurrenceFixtures.XI;
import static org.storyline.cooccurrence.CooccurrenceTestSupport.EPS;
import static org.storyline.cooccurrence.CooccurrenceTestSupport.chiSquare1Tail;
import static org.storyline.cooccurrence.CooccurrenceTestSupport.config;
import static org.storyline.cooccurrence.CooccurrenceTestSupport.g2;
import static org.storyline.cooccurrence.CooccurrenceTestSupport.getDouble;
import static org.storyline.cooccurrence.CooccurrenceTestSupport.getLong;
import static org.storyline.cooccurrence.CooccurrenceTestSupport.pair;
import static org.storyline.cooccurrence.CooccurrenceTestSupport.pairRows;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.storyline.config.ConfigOption;
import org.storyline.config.CooccurrenceConfig;
import org.storyline.schema.Col;
import org.storyline.schema.Period;
import org.storyline.testing.TestSpark;

/**
 * The statistics of the {@code cooccurrence} table on the hand-made corpus of {@link CooccurrenceFixtures#tinyCorpus},
 * against values computed here from the formulas with the counts written out.
 *
 * <p>Counted articles of the week of Monday 2025-09-01: d1, d2, d3, d4, d5, d6, d9 (d7 is a duplicate, d8 is in
 * French, b1 is the Sunday before): N = 7. Articles per entity: Kim 4 (d1 d2 d3 d6), Putin 5 (d1 d2 d3 d6 d9),
 * Xi 3 (d1 d3 d4), Moscow 2 (d2 d9), Beijing 1 (d4). Whole run: b1 too, N = 8, Kim 5, Putin 6.
 */
class CooccurrenceStatisticsTest {
  private static final List<Period> PERIODS = List.of(Period.DAY, Period.WEEK, Period.MONTH);
  private static final String WEEK = "2025-09-01";

  private static Cooccurrence.Prepared prepared;
  private static Dataset<Row> table;
  private static List<Row> rows;

  @BeforeAll
  static void compute() {
    SparkSession spark = TestSpark.session();
    List<CooccurrenceFixtures.Article> corpus = CooccurrenceFixtures.tinyCorpus();
    CooccurrenceConfig cfg = config(ConfigOption.MIN_SUPPORT, 1, ConfigOption.SLIDING_WINDOW, 3);
    prepared = Cooccurrence.prepare(CooccurrenceFixtures.mentions(spark, corpus),
        CooccurrenceFixtures.articles(spark, corpus), List.of("en"), cfg);
    table = Cooccurrence.cooccurrence(prepared, PERIODS, cfg).cache();
    rows = table.collectAsList();
  }

  @AfterAll
  static void release() {
    table.unpersist();
    prepared.close();
  }

  @Test
  void schemaIsTheDocumentedOne() {
    assertThat(table.columns()).as("cooccurrence columns").containsExactly("window", "period", "period_start",
        "entity_a", "entity_b", "type_a", "type_b", "pair_docs", "docs_a", "docs_b", "n_docs", "pmi", "npmi", "llr",
        "llr_p", "jaccard", "lift", "example_doc_ids", "entity_id_a", "entity_id_b");
    assertThat(table.schema().apply("period_start").dataType().typeName()).as("period_start type").isEqualTo("date");
    assertThat(table.schema().apply("pair_docs").dataType().typeName()).as("pair_docs type").isEqualTo("long");
  }

  @Test
  void documentWindowWeekKimPutin() {
    Row r = pair(rows, "document", "week", WEEK, KIM, PUTIN);
    // d1 d2 d3 d6; Kim 4, Putin 5, N 7. Contingency: both 4, Kim only 0, Putin only 1 (d9), neither 2 (d4 d5).
    assertThat(getLong(r, "pair_docs")).as("pair_docs").isEqualTo(4);
    assertThat(getLong(r, "docs_a")).as("docs_a (Kim)").isEqualTo(4);
    assertThat(getLong(r, "docs_b")).as("docs_b (Putin)").isEqualTo(5);
    assertThat(getLong(r, "n_docs")).as("n_docs").isEqualTo(7);
    double pmi = Math.log((4.0 / 7) / ((4.0 / 7) * (5.0 / 7)));
    assertThat(getDouble(r, "pmi")).as("pmi = ln 1.4").isCloseTo(pmi, within(EPS)).isCloseTo(Math.log(1.4), within(EPS));
    assertThat(getDouble(r, "npmi")).as("npmi").isCloseTo(pmi / -Math.log(4.0 / 7), within(EPS));
    double g2 = 2 * (4 * Math.log(4 / (4.0 * 5 / 7)) + 1 * Math.log(1 / (3.0 * 5 / 7)) + 2 * Math.log(2 / (3.0 * 2 / 7)));
    assertThat(getDouble(r, "llr")).as("G2").isCloseTo(g2, within(EPS)).isCloseTo(g2(4, 0, 1, 2), within(EPS));
    assertThat(getDouble(r, "llr_p")).as("p-value of G2").isCloseTo(chiSquare1Tail(g2), within(EPS));
    assertThat(getDouble(r, "jaccard")).as("jaccard 4 / (4 + 5 - 4)").isCloseTo(0.8, within(EPS));
    assertThat(getDouble(r, "lift")).as("lift 4 * 7 / (4 * 5)").isCloseTo(1.4, within(EPS));
    assertThat(r.getList(r.fieldIndex("example_doc_ids"))).as("latest and earliest article").containsExactly("d6", "d1");
  }

  @Test
  void documentWindowWeekKimXiIsOrderedByName() {
    Row r = pair(rows, "document", "week", WEEK, KIM, XI);
    // Ids order Xi (Q15031) before Kim (Q56226); names put Kim Jong-un first, and docs_a follows the name.
    assertThat(r.getString(r.fieldIndex("entity_a"))).as("entity_a").isEqualTo("Kim Jong-un");
    assertThat(r.getString(r.fieldIndex("entity_id_a"))).as("entity_id_a").isEqualTo(KIM.id());
    assertThat(r.getString(r.fieldIndex("entity_b"))).as("entity_b").isEqualTo("Xi Jinping");
    assertThat(r.getString(r.fieldIndex("type_b"))).as("type_b").isEqualTo("PERSON");
    // d1 d3; Kim 4, Xi 3: cells 2, 2, 1, 2.
    assertThat(getLong(r, "pair_docs")).as("pair_docs").isEqualTo(2);
    assertThat(getLong(r, "docs_a")).as("docs_a (Kim)").isEqualTo(4);
    assertThat(getLong(r, "docs_b")).as("docs_b (Xi)").isEqualTo(3);
    double pmi = Math.log(2.0 * 7 / (4 * 3));
    assertThat(getDouble(r, "pmi")).as("pmi").isCloseTo(pmi, within(EPS));
    assertThat(getDouble(r, "npmi")).as("npmi").isCloseTo(pmi / -Math.log(2.0 / 7), within(EPS));
    double g2 = 2 * (2 * Math.log(2 / (4.0 * 3 / 7)) + 2 * Math.log(2 / (4.0 * 4 / 7)) + 1 * Math.log(1 / (3.0 * 3 / 7))
        + 2 * Math.log(2 / (3.0 * 4 / 7)));
    assertThat(getDouble(r, "llr")).as("G2").isCloseTo(g2, within(EPS));
    assertThat(getDouble(r, "llr_p")).as("p-value").isCloseTo(chiSquare1Tail(g2), within(EPS));
    assertThat(getDouble(r, "jaccard")).as("jaccard 2 / (4 + 3 - 2)").isCloseTo(0.4, within(EPS));
  }

  @Test
  void moscowPutinIncludesTheUndeterminedLanguageArticle() {
    Row r = pair(rows, "document", "week", WEEK, MOSCOW, PUTIN);
    assertThat(r.getString(r.fieldIndex("entity_a"))).as("entity_a").isEqualTo("Moscow");
    // d2 and d9 (lang und is analysed); Moscow 2, Putin 5: cells 2, 0, 3, 2.
    assertThat(getLong(r, "pair_docs")).as("pair_docs").isEqualTo(2);
    assertThat(getLong(r, "docs_a")).as("docs_a (Moscow)").isEqualTo(2);
    double g2 = 2 * (2 * Math.log(2 / (2.0 * 5 / 7)) + 3 * Math.log(3 / (5.0 * 5 / 7)) + 2 * Math.log(2 / (5.0 * 2 / 7)));
    assertThat(getDouble(r, "llr")).as("G2").isCloseTo(g2, within(EPS));
    assertThat(getDouble(r, "npmi")).as("npmi").isCloseTo(Math.log(2.0 * 7 / (2 * 5)) / -Math.log(2.0 / 7),
        within(EPS));
  }

  @Test
  void sentenceWindowCountsOnlySharedSentences() {
    Row r = pair(rows, "sentence", "week", WEEK, KIM, PUTIN);
    // Same sentence in d1 and d3 only (d2: sentences 0 and 1; d6: 0 and 3). Marginals are the articles.
    assertThat(getLong(r, "pair_docs")).as("pair_docs").isEqualTo(2);
    assertThat(getLong(r, "docs_a")).as("docs_a").isEqualTo(4);
    assertThat(getLong(r, "docs_b")).as("docs_b").isEqualTo(5);
    assertThat(getLong(r, "n_docs")).as("n_docs").isEqualTo(7);
    double pmi = Math.log(2.0 * 7 / (4 * 5));
    assertThat(getDouble(r, "pmi")).as("pmi").isCloseTo(pmi, within(EPS));
    assertThat(getDouble(r, "npmi")).as("npmi").isCloseTo(pmi / -Math.log(2.0 / 7), within(EPS));
    // Cells 2 (d1 d3), Kim without Putin in a sentence 2 (d2 d6), Putin without Kim 3 (d2 d6 d9), neither 2 (d4 d5):
    // d2 and d6 hold both apart and count in both off-diagonal cells, total 9; rows 4, 5, columns 5, 4.
    double g2 = 2 * (2 * Math.log(2 * 9.0 / (4 * 5)) + 2 * Math.log(2 * 9.0 / (4 * 4))
        + 3 * Math.log(3 * 9.0 / (5 * 5)) + 2 * Math.log(2 * 9.0 / (5 * 4)));
    assertThat(getDouble(r, "llr")).as("G2").isCloseTo(g2, within(EPS));
    assertThat(getDouble(r, "llr_p")).as("p-value").isCloseTo(chiSquare1Tail(g2), within(EPS));
    assertThat(getDouble(r, "jaccard")).as("jaccard 2 / (4 + 5 - 2)").isCloseTo(2.0 / 7, within(EPS));
    assertThat(r.getList(r.fieldIndex("example_doc_ids"))).as("examples").containsExactly("d3", "d1");

    assertThat(pairRows(rows, "sentence", "week", WEEK, KIM, MOSCOW)).as("Kim and Moscow never share a sentence")
        .isEmpty();
    assertThat(getLong(pair(rows, "document", "week", WEEK, KIM, MOSCOW), "pair_docs"))
        .as("but share article d2").isEqualTo(1);
    assertThat(getLong(pair(rows, "sentence", "week", WEEK, KIM, XI), "pair_docs"))
        .as("Kim and Xi: same sentence in d3 only (d1 has Xi in sentence 1)").isEqualTo(1);
  }

  @Test
  void slidingWindowOfThreeSentences() {
    Row r = pair(rows, "sentences_3", "week", WEEK, KIM, PUTIN);
    // d1 (same sentence), d2 (sentences 0 and 1), d3; not d6 (sentences 0 and 3 are 3 apart). Cells 3, 1 (d6), 2 (d6
    // d9), 2 (d4 d5).
    assertThat(getLong(r, "pair_docs")).as("pair_docs").isEqualTo(3);
    double pmi = Math.log(3.0 * 7 / (4 * 5));
    assertThat(getDouble(r, "npmi")).as("npmi").isCloseTo(pmi / -Math.log(3.0 / 7), within(EPS));
    assertThat(getDouble(r, "llr")).as("G2").isCloseTo(g2(3, 1, 2, 2), within(EPS));
    assertThat(getLong(pair(rows, "sentences_3", "week", WEEK, KIM, MOSCOW), "pair_docs"))
        .as("Kim (sentence 0) and Moscow (sentence 2) in d2 are within 3 sentences").isEqualTo(1);
  }

  @Test
  void slidingWindowOfFourSentencesReachesSentenceThree() {
    SparkSession spark = TestSpark.session();
    List<CooccurrenceFixtures.Article> corpus = CooccurrenceFixtures.tinyCorpus();
    CooccurrenceConfig cfg = config(ConfigOption.MIN_SUPPORT, 1, ConfigOption.SLIDING_WINDOW, 4,
        ConfigOption.COOCCURRENCE_WINDOWS, "sentence");
    try (Cooccurrence.Prepared p = Cooccurrence.prepare(CooccurrenceFixtures.mentions(spark, corpus),
        CooccurrenceFixtures.articles(spark, corpus), List.of("en"), cfg)) {
      List<Row> t = Cooccurrence.cooccurrence(p, List.of(Period.WEEK), cfg).collectAsList();
      assertThat(getLong(pair(t, "sentences_4", "week", WEEK, KIM, PUTIN), "pair_docs"))
          .as("d6 counts once its sentences 0 and 3 are within 4").isEqualTo(4);
      assertThat(t.stream().map(x -> x.getString(0)).distinct().sorted())
          .as("only the configured windows").containsExactly("sentence", "sentences_4");
    }
  }

  @Test
  void wholeRunCountsEveryCountedArticle() {
    Row doc = pair(rows, "document", "all", "1970-01-01", KIM, PUTIN);
    // b1 d1 d2 d3 d6; Kim 5, Putin 6, N 8: cells 5, 0, 1, 2.
    assertThat(getLong(doc, "pair_docs")).as("pair_docs").isEqualTo(5);
    assertThat(getLong(doc, "docs_a")).as("docs_a").isEqualTo(5);
    assertThat(getLong(doc, "docs_b")).as("docs_b").isEqualTo(6);
    assertThat(getLong(doc, "n_docs")).as("n_docs").isEqualTo(8);
    double pmi = Math.log(5.0 * 8 / (5 * 6));
    assertThat(getDouble(doc, "pmi")).as("pmi").isCloseTo(pmi, within(EPS));
    assertThat(getDouble(doc, "npmi")).as("npmi").isCloseTo(pmi / -Math.log(5.0 / 8), within(EPS));
    double g2 = 2 * (5 * Math.log(5 / (5.0 * 6 / 8)) + 1 * Math.log(1 / (3.0 * 6 / 8)) + 2 * Math.log(2 / (3.0 * 2 / 8)));
    assertThat(getDouble(doc, "llr")).as("G2").isCloseTo(g2, within(EPS));
    assertThat(getDouble(doc, "llr_p")).as("p-value").isCloseTo(chiSquare1Tail(g2), within(EPS));
    assertThat(getDouble(doc, "jaccard")).as("jaccard 5 / 6").isCloseTo(5.0 / 6, within(EPS));
    assertThat(doc.getList(doc.fieldIndex("example_doc_ids"))).as("examples").containsExactly("d6", "b1");

    Row sentence = pair(rows, "sentence", "all", "1970-01-01", KIM, PUTIN);
    // b1 d1 d3: cells 3, 2 (d2 d6), 3 (d2 d6 d9), 2 (d4 d5).
    assertThat(getLong(sentence, "pair_docs")).as("sentence pair_docs").isEqualTo(3);
    assertThat(getDouble(sentence, "llr")).as("sentence G2").isCloseTo(g2(3, 2, 3, 2), within(EPS));
    assertThat(getDouble(sentence, "npmi")).as("sentence npmi")
        .isCloseTo(Math.log(3.0 * 8 / (5 * 6)) / -Math.log(3.0 / 8), within(EPS));
  }

  @Test
  void duplicatesAndUnanalysedLanguagesAreNotCounted() {
    // With d7 (duplicate of d3) Xi would have 4 articles and N would be 8; with d8 (French) Kim would have 5.
    Row r = pair(rows, "document", "week", WEEK, KIM, XI);
    assertThat(getLong(r, "n_docs")).as("n_docs without d7 and d8").isEqualTo(7);
    assertThat(getLong(r, "docs_b")).as("Xi without the duplicate d7").isEqualTo(3);
    assertThat(getLong(r, "docs_a")).as("Kim without the French d8").isEqualTo(4);
    List<String> examples = rows.stream().flatMap(x -> x.<String>getList(x.fieldIndex("example_doc_ids")).stream())
        .distinct().toList();
    assertThat(examples).as("no example is a duplicate or unanalysed").doesNotContain("d7", "d8");
  }

  @Test
  void periodBoundariesAreUtcIsoWeeksAndMonths() {
    // b1 is Sunday 2025-08-31 23:59 UTC: week of Monday 08-25, August. d1 is Monday 2025-09-01 00:01 UTC.
    Row lastWeek = pair(rows, "document", "week", "2025-08-25", KIM, PUTIN);
    assertThat(getLong(lastWeek, "n_docs")).as("week of 08-25 holds b1 only").isEqualTo(1);
    assertThat(lastWeek.getList(lastWeek.fieldIndex("example_doc_ids"))).as("b1").containsExactly("b1");
    assertThat(getLong(pair(rows, "document", "week", WEEK, KIM, PUTIN), "n_docs"))
        .as("week of 09-01 starts with d1 at 00:01").isEqualTo(7);
    assertThat(getLong(pair(rows, "document", "month", "2025-08-01", KIM, PUTIN), "n_docs"))
        .as("August holds b1 only").isEqualTo(1);
    assertThat(getLong(pair(rows, "document", "month", "2025-09-01", KIM, PUTIN), "pair_docs"))
        .as("September: d1 d2 d3 d6").isEqualTo(4);
    assertThat(getLong(pair(rows, "document", "day", "2025-08-31", KIM, PUTIN), "n_docs")).as("Sunday").isEqualTo(1);
    assertThat(getLong(pair(rows, "document", "day", "2025-09-01", KIM, PUTIN), "n_docs")).as("Monday").isEqualTo(1);
    List<LocalDate> weeks = rows.stream().filter(x -> x.getString(1).equals("week"))
        .map(x -> x.getDate(2).toLocalDate()).distinct().sorted().toList();
    assertThat(weeks).as("two ISO weeks, both Mondays")
        .containsExactly(LocalDate.parse("2025-08-25"), LocalDate.parse("2025-09-01"));
  }

  @Test
  void perfectCoOccurrenceHasNpmiOne() {
    // August: one article, both entities in it: p(a,b) = p(a) = p(b) = 1, NPMI defined as 1.
    Row august = pair(rows, "document", "month", "2025-08-01", KIM, PUTIN);
    assertThat(getDouble(august, "npmi")).as("npmi when p(a,b) = 1").isEqualTo(1.0);
    assertThat(getDouble(august, "pmi")).as("pmi").isCloseTo(0.0, within(EPS));
    assertThat(getDouble(august, "llr")).as("G2 of a table with one article").isCloseTo(0.0, within(EPS));
    assertThat(getDouble(august, "llr_p")).as("p-value").isCloseTo(1.0, within(EPS));
    assertThat(getDouble(august, "jaccard")).as("jaccard").isCloseTo(1.0, within(EPS));
    // 2025-09-03: d3 (Kim, Putin, Xi) and d4 (Xi, Beijing): Kim and Putin only together, N = 2: cells 1, 0, 0, 1.
    Row day = pair(rows, "document", "day", "2025-09-03", KIM, PUTIN);
    assertThat(getDouble(day, "pmi")).as("pmi ln 2").isCloseTo(Math.log(2), within(EPS));
    assertThat(getDouble(day, "npmi")).as("npmi ln 2 / ln 2").isCloseTo(1.0, within(EPS));
    assertThat(getDouble(day, "llr")).as("G2 = 4 ln 2").isCloseTo(4 * Math.log(2), within(EPS));
    assertThat(getDouble(day, "llr_p")).as("p-value").isCloseTo(chiSquare1Tail(4 * Math.log(2)), within(EPS));
  }

  @Test
  void everyNpmiIsWithinMinusOneAndOne() {
    assertThat(rows).as("rows").hasSizeGreaterThan(40);
    assertThat(rows.stream().filter(r -> r.isNullAt(r.fieldIndex("npmi")) || Math.abs(getDouble(r, "npmi")) > 1))
        .as("npmi outside [-1, 1]").isEmpty();
    assertThat(rows.stream().filter(r -> r.getString(3).compareTo(r.getString(4)) > 0)).as("entity_a > entity_b")
        .isEmpty();
  }

  @Test
  void minimumSupportDropsPairsButNeverChangesDenominators() {
    // The per-article data does not depend on the minimum support: the same prepared inputs, support 3.
    CooccurrenceConfig cfg = config(ConfigOption.MIN_SUPPORT, 3, ConfigOption.SLIDING_WINDOW, 3);
    Dataset<Row> strictTable = Cooccurrence.cooccurrence(prepared, PERIODS, cfg);
    List<Row> strict = strictTable.collectAsList();
    {
      assertThat(pairRows(strict, "document", "week", WEEK, KIM, XI)).as("Kim-Xi (2 articles) dropped").isEmpty();
      Row kept = pair(strict, "document", "week", WEEK, KIM, PUTIN);
      Row loose = pair(rows, "document", "week", WEEK, KIM, PUTIN);
      for (String c : List.of("pair_docs", "docs_a", "docs_b", "n_docs")) {
        assertThat(getLong(kept, c)).as(c + " with min support 3 vs 1").isEqualTo(getLong(loose, c));
      }
      for (String c : List.of("pmi", "npmi", "llr", "llr_p", "jaccard", "lift")) {
        assertThat(getDouble(kept, c)).as(c + " with min support 3 vs 1").isCloseTo(getDouble(loose, c), within(EPS));
      }
      assertThat(strict.stream().filter(r -> getLong(r, "pair_docs") < 3)).as("rows below support").isEmpty();
      assertThat(strict).as("fewer rows than with support 1").hasSizeLessThan(rows.size());
      assertThat(Arrays.asList(strictTable.columns())).as("same columns").containsExactly(table.columns());
    }
  }

  @Test
  void countsForTheManifest() {
    Cooccurrence.Counts counts = Cooccurrence.counts(prepared, 50);
    assertThat(counts.countedArticles()).as("counted articles b1 d1-d6 d9").isEqualTo(8);
    assertThat(counts.articlesWithEntities()).as("all but d5").isEqualTo(7);
    assertThat(counts.cappedArticles()).as("none over 50 entities").isZero();
  }

  @Test
  void countedArticlesTreatMissingLanguageAsUndetermined() {
    SparkSession spark = TestSpark.session();
    List<CooccurrenceFixtures.Article> articles = List.of(
        new CooccurrenceFixtures.Article("x1", "2025-09-01T10:00:00Z", null, null, List.of()),
        new CooccurrenceFixtures.Article("x2", "2025-09-01T11:00:00Z", "de", null, List.of()),
        new CooccurrenceFixtures.Article("x3", "2025-09-01T12:00:00Z", "de", "x2", List.of()),
        new CooccurrenceFixtures.Article("x4", "2025-09-01T12:00:00Z", "en", null, List.of()));
    List<String> ids = Cooccurrence.countedArticles(CooccurrenceFixtures.articles(spark, articles), List.of("en", "de"))
        .orderBy(Col.DOC_ID).collectAsList().stream().map(x -> x.getString(0)).toList();
    assertThat(ids).as("null language counted as und, duplicate x3 left out").containsExactly("x1", "x2", "x4");
  }

  /**
   * The case that crashed the default run with DIVIDE_BY_ZERO: Putin in every article of the day, Kim in two of three,
   * in one sentence with Putin only once. The textbook cell N - A - B + k is 3 - 3 - 2 + 1 = -1 and the row "not
   * Putin" totals 0 while its cell "Kim" is 1. Counted as contexts: k 1 (e1), Kim without Putin in a sentence 1 (e2),
   * Putin without Kim 2 (e2 e3), neither 0; total 4, rows (Kim, not Kim) 2, 2, columns (Putin, not Putin) 3, 1.
   */
  @Test
  void entityInEveryArticleWithANarrowWindowHasAConsistentTable() {
    SparkSession spark = TestSpark.session();
    List<CooccurrenceFixtures.Article> corpus = List.of(
        CooccurrenceFixtures.article("e1", "2025-09-03T08:00:00Z", List.of(List.of(PUTIN, KIM))),
        CooccurrenceFixtures.article("e2", "2025-09-03T09:00:00Z", List.of(List.of(PUTIN), List.of(KIM))),
        CooccurrenceFixtures.article("e3", "2025-09-03T10:00:00Z", List.of(List.of(PUTIN))));
    CooccurrenceConfig cfg = config(ConfigOption.MIN_SUPPORT, 1);
    try (Cooccurrence.Prepared p = Cooccurrence.prepare(CooccurrenceFixtures.mentions(spark, corpus),
        CooccurrenceFixtures.articles(spark, corpus), List.of("en"), cfg)) {
      List<Row> t = Cooccurrence.cooccurrence(p, List.of(Period.DAY), cfg).collectAsList();
      Row sentence = pair(t, "sentence", "day", "2025-09-03", KIM, PUTIN);
      assertThat(getLong(sentence, "pair_docs")).as("same sentence in e1 only").isEqualTo(1);
      assertThat(getLong(sentence, "docs_b")).as("Putin in every article").isEqualTo(3);
      double g2 = 2 * (1 * Math.log(1 * 4.0 / (2 * 3)) + 1 * Math.log(1 * 4.0 / (2 * 1))
          + 2 * Math.log(2 * 4.0 / (2 * 3)));
      assertThat(getDouble(sentence, "llr")).as("sentence G2 of [[1, 1], [2, 0]]").isCloseTo(g2, within(EPS))
          .isCloseTo(g2(1, 1, 2, 0), within(EPS));
      Row document = pair(t, "document", "day", "2025-09-03", KIM, PUTIN);
      assertThat(getDouble(document, "llr")).as("document G2 of [[2, 0], [1, 0]]: independent")
          .isCloseTo(0.0, within(EPS));
      assertThat(getDouble(document, "npmi")).as("document npmi: Putin is everywhere").isCloseTo(0.0, within(EPS));
    }
  }
}
