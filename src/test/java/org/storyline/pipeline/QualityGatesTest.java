package org.storyline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.storyline.cli.RunOptions;
import org.storyline.config.OperationsConfig;

/**
 * The quality gates on hand-made manifest counts, each value worked out by hand: a healthy batch run passes every
 * check, each bad night fails the one check made for it, a night's shares are of what it added, checks without
 * anything to measure pass, and {@code --gates off} publishes a failing run. No Spark.
 */
class QualityGatesTest {
  private static final OperationsConfig DEFAULTS = RunOptions.parse().operations();

  /** The counts of a healthy run of 1,000 records (numbers as Jackson reads a manifest back: ints). */
  static Map<String, Object> healthy() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("records_read", 1000);
    c.put("articles", 980);
    c.put("new_articles", 980);
    c.put("rejected", 20);
    c.put("duplicates_exact", 30);
    c.put("duplicates_near", 50);
    c.put("articles_in_other_languages", 40);
    c.put("new_days", 30);
    c.put("fewest_articles_on_new_day", 12);
    c.put("entities_articles_analysed", 860);
    c.put("entities", 2500);
    c.put("cooccurrence_counted_articles", 860);
    c.put("cooccurrence_articles_with_entities", 850);
    return c;
  }

  static Map<String, Long> tables(long cooccurrenceRows) {
    return Map.of("articles", 980L, "cooccurrence", cooccurrenceRows);
  }

  static Map<String, Object> manifest(Map<String, Object> counts, long cooccurrenceRows) {
    Map<String, Object> m = new HashMap<>();
    m.put("counts", counts);
    m.put("tables", Map.of("cooccurrence", cooccurrenceRows));
    return m;
  }

  private static Map<String, Double> values(QualityGates.Outcome outcome) {
    Map<String, Double> v = new LinkedHashMap<>();
    outcome.checks().forEach(c -> v.put(c.name(), c.value()));
    return v;
  }

  private static List<String> failed(QualityGates.Outcome outcome) {
    return outcome.failed().stream().map(QualityGates.Check::name).toList();
  }

  @Test
  void aHealthyBatchRunPassesEveryCheckAndReportsEachValue() {
    QualityGates.Outcome outcome = QualityGates.evaluate(DEFAULTS, healthy(), tables(5000), Optional.empty(), false);

    assertThat(outcome.checks()).extracting(QualityGates.Check::name).containsExactly("records_read",
        "reject_rate", "analysed_articles", "fewest_articles_on_new_day", "article_drop", "entity_drop",
        "cooccurrence_drop", "ner_coverage", "duplicate_share", "other_language_share");
    Map<String, Double> v = values(outcome);
    assertThat(v.get("records_read")).isEqualTo(1000.0);
    assertThat(v.get("reject_rate")).isCloseTo(20 / 1000.0, offset(1e-15));
    assertThat(v.get("analysed_articles")).isEqualTo(860.0);
    assertThat(v.get("fewest_articles_on_new_day")).isEqualTo(12.0);
    assertThat(v.get("ner_coverage")).isCloseTo(850 / 860.0, offset(1e-15));
    assertThat(v.get("duplicate_share")).isCloseTo(80 / 980.0, offset(1e-15));
    assertThat(v.get("other_language_share")).isCloseTo(40 / 980.0, offset(1e-15));
    assertThat(v.get("article_drop")).as("no published run: nothing to compare with").isNull();
    assertThat(outcome.failed()).isEmpty();
    assertThat(outcome.publishable()).isTrue();
  }

  @Test
  void eachBadNightFailsItsOwnCheck() {
    Map<String, Object> empty = healthy();
    empty.put("records_read", 0);
    empty.put("rejected", 0);
    assertThat(failed(QualityGates.evaluate(DEFAULTS, empty, tables(5000), Optional.empty(), false)))
        .as("an empty feed").containsExactly("records_read");

    Map<String, Object> brokenParser = healthy();
    brokenParser.put("rejected", 501);
    assertThat(failed(QualityGates.evaluate(DEFAULTS, brokenParser, tables(5000), Optional.empty(), false)))
        .as("501 of 1000 rejected").containsExactly("reject_rate");

    Map<String, Object> noEntities = healthy();
    noEntities.put("cooccurrence_articles_with_entities", 85);
    assertThat(failed(QualityGates.evaluate(DEFAULTS, noEntities, tables(5000), Optional.empty(), false)))
        .as("85 of 860 articles with an entity: 0.0988 < 0.1").containsExactly("ner_coverage");

    Map<String, Object> wrongLanguage = healthy();
    wrongLanguage.put("articles_in_other_languages", 940);
    assertThat(failed(QualityGates.evaluate(DEFAULTS, wrongLanguage, tables(5000), Optional.empty(), false)))
        .as("940 of 980 in other languages: 0.959 > 0.95").containsExactly("other_language_share");
  }

  @Test
  void dropsAreAgainstThePublishedRun() {
    Optional<Map<String, Object>> published = Optional.of(manifest(healthy(), 5000));
    Map<String, Object> half = healthy();
    half.put("articles", 480);
    half.put("entities", 1249);
    QualityGates.Outcome outcome = QualityGates.evaluate(DEFAULTS, half, tables(2500), published, false);

    Map<String, Double> v = values(outcome);
    assertThat(v.get("article_drop")).isCloseTo(500 / 980.0, offset(1e-15));
    assertThat(v.get("entity_drop")).isCloseTo(1251 / 2500.0, offset(1e-15));
    assertThat(v.get("cooccurrence_drop")).as("exactly half: at most 0.5 passes").isEqualTo(0.5);
    assertThat(failed(outcome)).containsExactly("article_drop", "entity_drop");
    assertThat(QualityGates.evaluate(DEFAULTS, healthy(), tables(6000), published, false).checks().get(6).value())
        .as("growth is a negative drop").isCloseTo(-0.2, offset(1e-15));
  }

  @Test
  void aNightsSharesAreOfWhatItAdded() {
    Optional<Map<String, Object>> published = Optional.of(manifest(healthy(), 5000));
    // The night adds 100 articles, of which 95 in another language, 10 duplicates, and 90 analysed articles of
    // which 9 with an entity: over the whole report none of this would show (135/1080 other languages).
    Map<String, Object> night = healthy();
    night.put("records_read", 100);
    night.put("rejected", 0);
    night.put("articles", 1080);
    night.put("articles_in_other_languages", 135);
    night.put("duplicates_near", 60);
    night.put("cooccurrence_counted_articles", 950);
    night.put("cooccurrence_articles_with_entities", 859);
    QualityGates.Outcome outcome = QualityGates.evaluate(DEFAULTS, night, tables(5100), published, true);

    Map<String, Double> v = values(outcome);
    assertThat(v.get("other_language_share")).isCloseTo(95 / 100.0, offset(1e-15));
    assertThat(v.get("duplicate_share")).isCloseTo(10 / 100.0, offset(1e-15));
    assertThat(v.get("ner_coverage")).isCloseTo(9 / 90.0, offset(1e-15));
    assertThat(failed(outcome)).as("0.95 is at most 0.95, 0.1 at least 0.1").isEmpty();

    night.put("articles_in_other_languages", 136);
    assertThat(failed(QualityGates.evaluate(DEFAULTS, night, tables(5100), published, true)))
        .containsExactly("other_language_share");
  }

  @Test
  void aShareOfFewerArticlesThanTheMinimumSampleIsReportedNotJudged() {
    Optional<Map<String, Object>> published = Optional.of(manifest(healthy(), 5000));
    // A late night of 3 articles: one in another language, one a duplicate, one without an entity.
    Map<String, Object> small = healthy();
    small.put("records_read", 3);
    small.put("rejected", 0);
    small.put("articles", 983);
    small.put("articles_in_other_languages", 41);
    small.put("duplicates_near", 51);
    small.put("cooccurrence_counted_articles", 861);
    small.put("cooccurrence_articles_with_entities", 850);
    QualityGates.Outcome outcome = QualityGates.evaluate(DEFAULTS, small, tables(5000), published, true);

    QualityGates.Check coverage = outcome.checks().get(7);
    assertThat(coverage.name()).isEqualTo("ner_coverage");
    assertThat(coverage.value()).as("0 of 1 new analysed article").isEqualTo(0.0);
    assertThat(coverage.sample()).isEqualTo(1L);
    assertThat(coverage.judged()).isFalse();
    assertThat(values(outcome).get("other_language_share")).isCloseTo(1 / 3.0, offset(1e-15));
    assertThat(outcome.failed()).as("fewer than 20: reported, not judged").isEmpty();

    OperationsConfig anySample = RunOptions.parse("--gate-min-sample", "1", "--gate-max-other-language-share", "0.3")
        .operations();
    assertThat(failed(QualityGates.evaluate(anySample, small, tables(5000), published, true)))
        .containsExactly("ner_coverage", "other_language_share");
  }

  @Test
  void aRerunNightWithNothingNewHasNoSharesAndPasses() {
    Optional<Map<String, Object>> published = Optional.of(manifest(healthy(), 5000));
    Map<String, Object> rerun = healthy();
    rerun.put("new_articles", 0);
    rerun.put("new_days", 0);
    rerun.remove("fewest_articles_on_new_day");
    QualityGates.Outcome outcome = QualityGates.evaluate(DEFAULTS, rerun, tables(5000), published, true);

    Map<String, Double> v = values(outcome);
    assertThat(v.get("ner_coverage")).isNull();
    assertThat(v.get("duplicate_share")).isNull();
    assertThat(v.get("other_language_share")).isNull();
    assertThat(v.get("fewest_articles_on_new_day")).isNull();
    assertThat(v.get("article_drop")).isEqualTo(0.0);
    assertThat(outcome.failed()).isEmpty();
  }

  @Test
  void thresholdsComeFromTheOptionsAndGatesOffPublishesAFailingRun() {
    OperationsConfig strict = RunOptions.parse("--gate-min-articles-per-new-day", "13").operations();
    QualityGates.Outcome outcome = QualityGates.evaluate(strict, healthy(), tables(5000), Optional.empty(), false);
    assertThat(failed(outcome)).containsExactly("fewest_articles_on_new_day");
    assertThat(outcome.publishable()).isFalse();
    assertThat(outcome.failed().get(0).describe()).isEqualTo("fewest_articles_on_new_day 12 < 13");

    OperationsConfig off = RunOptions.parse("--gate-min-articles-per-new-day", "13", "--gates", "off").operations();
    QualityGates.Outcome reported = QualityGates.evaluate(off, healthy(), tables(5000), Optional.empty(), false);
    assertThat(failed(reported)).as("still reported").containsExactly("fewest_articles_on_new_day");
    assertThat(reported.publishable()).isTrue();
    assertThat(reported.toManifest()).containsEntry("enforced", false).containsEntry("passed", false)
        .containsEntry("failed", List.of("fewest_articles_on_new_day"));
  }
}
