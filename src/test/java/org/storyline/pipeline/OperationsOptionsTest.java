package org.storyline.pipeline;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.storyline.cli.OptionCase;
import org.storyline.cli.RunOptions;
import org.storyline.config.ConfigException;
import org.storyline.config.JobConfig;
import org.storyline.config.OperationsConfig;
import org.storyline.config.PublishConfig;

/**
 * Every operations option of {@code storyline run} changes what it governs: each gate threshold makes its own check
 * fail on the counts of {@link QualityGatesTest#healthy()} against a published run of 1,000 articles, 2,600
 * entities and 6,000 co-occurrence rows (drops 0.02, 0.0385 and 0.167); {@code --gates off} makes a failing run
 * publishable; {@code --metrics-push} and {@code --log-format} set where the metrics go and how lines look.
 */
class OperationsOptionsTest {
  private static final Optional<Map<String, Object>> PUBLISHED = Optional.of(QualityGatesTest.manifest(
      Map.of("articles", 1000, "entities", 2600), 6000));

  private static QualityGates.Outcome outcome(JobConfig config) {
    return QualityGates.evaluate(config.operations(), QualityGatesTest.healthy(), QualityGatesTest.tables(5000),
        PUBLISHED, false);
  }

  private static final Function<JobConfig, Object> FAILED =
      config -> outcome(config).failed().stream().map(QualityGates.Check::name).toList();

  static Stream<OptionCase> cases() {
    return Stream.of(
        OptionCase.of("--gate-min-records", FAILED, List.of(), List.of("records_read"),
            "--gate-min-records", "1001"),
        OptionCase.of("--gate-max-reject-rate", FAILED, List.of(), List.of("reject_rate"),
            "--gate-max-reject-rate", "0.01"),
        OptionCase.of("--gate-min-analysed-articles", FAILED, List.of(), List.of("analysed_articles"),
            "--gate-min-analysed-articles", "861"),
        OptionCase.of("--gate-min-articles-per-new-day", FAILED, List.of(), List.of("fewest_articles_on_new_day"),
            "--gate-min-articles-per-new-day", "13"),
        OptionCase.of("--gate-max-article-drop", FAILED, List.of(), List.of("article_drop"),
            "--gate-max-article-drop", "0.01"),
        OptionCase.of("--gate-max-entity-drop", FAILED, List.of(), List.of("entity_drop"),
            "--gate-max-entity-drop", "0.03"),
        OptionCase.of("--gate-max-cooccurrence-drop", FAILED, List.of(), List.of("cooccurrence_drop"),
            "--gate-max-cooccurrence-drop", "0.1"),
        OptionCase.of("--gate-min-ner-coverage", FAILED, List.of(), List.of("ner_coverage"),
            "--gate-min-ner-coverage", "0.99"),
        OptionCase.of("--gate-max-duplicate-share", FAILED, List.of(), List.of("duplicate_share"),
            "--gate-max-duplicate-share", "0.08"),
        OptionCase.of("--gate-max-other-language-share", FAILED, List.of(), List.of("other_language_share"),
            "--gate-max-other-language-share", "0.04"),
        OptionCase.of("--gate-min-sample", FAILED, List.of("duplicate_share"), List.of(),
            "--gate-min-sample", "981")
            .withBase("--input", "in", "--output", "out", "--gate-max-duplicate-share", "0.08"),
        OptionCase.of("--gates", config -> outcome(config).publishable(), false, true, "--gates", "off")
            .withBase("--input", "in", "--output", "out", "--gate-min-records", "1001"),
        OptionCase.of("--metrics-push",
            config -> config.operations().metricsPush().map(URI::toString).orElse("none"),
            "none", "http://127.0.0.1:9091", "--metrics-push", "http://127.0.0.1:9091/"),
        OptionCase.of("--log-format", config -> config.operations().logFormat(), OperationsConfig.LogFormat.TEXT,
            OperationsConfig.LogFormat.JSON, "--log-format", "json"),
        // What the two publishing options do to the tables: DeltaPublishTest.
        OptionCase.of("--table-format", config -> config.publish().tableFormat(),
            PublishConfig.TableFormat.PARQUET, PublishConfig.TableFormat.DELTA, "--table-format", "DELTA"),
        OptionCase.of("--database", config -> config.publish().database().orElse("none"), "none", "storyline",
            "--database", "storyline"));
  }

  @Test
  void badPublishingOptionsAreConfigurationErrors() {
    assertThatThrownBy(() -> RunOptions.parse("--table-format", "orc"))
        .isInstanceOf(ConfigException.class).hasMessage("--table-format should be parquet or delta, value: orc");
    assertThatThrownBy(() -> RunOptions.parse("--database", "2025-reports"))
        .isInstanceOf(ConfigException.class).hasMessage("--database should be a name of letters, digits and _ "
            + "not starting with a digit, value: 2025-reports");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theOptionChangesWhatItGoverns(OptionCase c) {
    c.check();
  }
}
