package org.storyline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Defaults and validation of the co-occurrence options. */
class CooccurrenceConfigTest {

  private static CooccurrenceConfig with(ConfigOption option, String value) {
    Map<ConfigOption, Object> overrides = new EnumMap<>(ConfigOption.class);
    overrides.put(option, value);
    return CooccurrenceConfig.from(Settings.defaults().with(overrides));
  }

  @Test
  void defaults() {
    CooccurrenceConfig c = CooccurrenceConfig.defaults();
    assertThat(c.windowLabels()).as("windows").containsExactly("document", "sentence");
    assertThat(c.minSupport()).as("min support").isEqualTo(2);
    assertThat(c.maxEntitiesPerDoc()).as("cap").isEqualTo(50);
    assertThat(c.topNeighbours()).as("K").isEqualTo(10);
    assertThat(c.neighbourStatistic()).as("statistic").isEqualTo(CooccurrenceConfig.Statistic.NPMI);
    assertThat(c.neighbourMinSupport()).as("neighbour support").isEqualTo(3);
    assertThat(c.emergingWindow()).as("emerging window").isEqualTo("document");
    assertThat(c.emergingBaselineWeeks()).as("baseline weeks").isEqualTo(4);
    assertThat(c.needsSentences()).as("sentences needed").isTrue();
    assertThat(JobConfig.from(Settings.defaults().with(Map.of(ConfigOption.INPUT, "in", ConfigOption.OUTPUT, "out")))
        .cooccurrence()).as("JobConfig component").isEqualTo(c);
  }

  @Test
  void slidingWindowAddsALabel() {
    assertThat(with(ConfigOption.SLIDING_WINDOW, "3").windowLabels()).as("labels")
        .containsExactly("document", "sentence", "sentences_3");
    CooccurrenceConfig documentOnly = with(ConfigOption.COOCCURRENCE_WINDOWS, "DOCUMENT");
    assertThat(documentOnly.windowLabels()).as("document only").containsExactly("document");
    assertThat(documentOnly.needsSentences()).as("no sentences needed").isFalse();
    assertThat(with(ConfigOption.COOCCURRENCE_WINDOWS, "sentence").emergingWindow())
        .as("emerging window falls back to the first computed window").isEqualTo("sentence");
  }

  @Test
  void validationNamesTheOptionAndTheValue() {
    assertThatThrownBy(() -> with(ConfigOption.MIN_SUPPORT, "0")).isInstanceOf(ConfigException.class)
        .hasMessage("--min-support should have value > 0, value: 0");
    assertThatThrownBy(() -> with(ConfigOption.MAX_ENTITIES_PER_DOC, "1")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("--max-entities-per-doc").hasMessageContaining("value: 1");
    assertThatThrownBy(() -> with(ConfigOption.SLIDING_WINDOW, "1")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("--sliding-window").hasMessageContaining("value: 1");
    assertThatThrownBy(() -> with(ConfigOption.SLIDING_WINDOW, "21")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("value: 21");
    assertThatThrownBy(() -> with(ConfigOption.COOCCURRENCE_WINDOWS, "paragraph")).isInstanceOf(ConfigException.class)
        .hasMessage("--cooccurrence-windows should be document and/or sentence, value: paragraph");
    assertThatThrownBy(() -> with(ConfigOption.NEIGHBOUR_STATISTIC, "chi2")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("--neighbour-statistic").hasMessageContaining("value: chi2");
    assertThatThrownBy(() -> with(ConfigOption.EMERGING_WINDOW, "sentences_5")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("--emerging-window").hasMessageContaining("value: sentences_5");
    assertThatThrownBy(() -> with(ConfigOption.TOP_NEIGHBOURS, "-1")).isInstanceOf(ConfigException.class)
        .hasMessage("--top-neighbours should have value > 0, value: -1");
    assertThatThrownBy(() -> with(ConfigOption.EMERGING_BASELINE_WEEKS, "0")).isInstanceOf(ConfigException.class)
        .hasMessage("--emerging-baseline-weeks should have value > 0, value: 0");
  }
}
