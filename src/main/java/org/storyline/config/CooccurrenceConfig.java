package org.storyline.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Options of the co-occurrence stage.
 *
 * @param windows the fixed windows counted: {@code document} and/or {@code sentence}
 * @param slidingWindow when 2 or more, also count pairs mentioned within that many consecutive sentences (window
 *     {@code sentences_N}); 0 turns the sliding window off
 * @param minSupport pairs in fewer articles of a period are left out of the {@code cooccurrence} table
 * @param maxEntitiesPerDoc entities kept per article (the most mentioned, ties by entity id)
 * @param topNeighbours partners listed per entity, window and period in {@code top_neighbours}
 * @param neighbourStatistic the statistic ranking {@code top_neighbours}
 * @param neighbourMinSupport articles a pair needs in the period to be listed in {@code top_neighbours}
 * @param emergingWindow the window {@code emerging_pairs} is computed for
 * @param emergingBaselineWeeks weeks before each week that form the trailing baseline
 * @param emergingMinDocs articles a pair needs in a week to be an emerging pair
 * @param emergingTop emerging pairs listed per week
 */
public record CooccurrenceConfig(
    List<String> windows,
    int slidingWindow,
    int minSupport,
    int maxEntitiesPerDoc,
    int topNeighbours,
    Statistic neighbourStatistic,
    int neighbourMinSupport,
    String emergingWindow,
    int emergingBaselineWeeks,
    int emergingMinDocs,
    int emergingTop) {

  public static final String DOCUMENT = "document";
  public static final String SENTENCE = "sentence";
  /** The sliding window's label is this prefix and its size, e.g. {@code sentences_3}. */
  public static final String SLIDING_PREFIX = "sentences_";
  public static final int MAX_SLIDING_WINDOW = 20;

  /** The statistics {@code top_neighbours} can rank by; each is a column of the {@code cooccurrence} table. */
  public enum Statistic {
    NPMI, PMI, LLR, JACCARD, LIFT, PAIR_DOCS;

    /** The column of the {@code cooccurrence} table holding the statistic. */
    public String column() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Statistic parse(String value) {
      for (Statistic s : values()) {
        if (s.column().equals(value.trim().toLowerCase(Locale.ROOT))) {
          return s;
        }
      }
      throw new ConfigException(String.format(
          "--neighbour-statistic should be one of npmi, pmi, llr, jaccard, lift, pair_docs, value: %s", value));
    }
  }

  public CooccurrenceConfig {
    windows = windows.stream().map(w -> w.trim().toLowerCase(Locale.ROOT)).distinct().toList();
    for (String w : windows) {
      if (!w.equals(DOCUMENT) && !w.equals(SENTENCE)) {
        throw new ConfigException("--cooccurrence-windows should be document and/or sentence, value: " + w);
      }
    }
    if (slidingWindow != 0 && (slidingWindow < 2 || slidingWindow > MAX_SLIDING_WINDOW)) {
      throw new ConfigException(String.format(
          "--sliding-window should be 0 (off) or between 2 and %d, value: %d", MAX_SLIDING_WINDOW, slidingWindow));
    }
    if (windows.isEmpty() && slidingWindow == 0) {
      throw new ConfigException("--cooccurrence-windows needs at least one window (or --sliding-window N)");
    }
    positive("--min-support", minSupport);
    positive("--top-neighbours", topNeighbours);
    positive("--neighbour-min-support", neighbourMinSupport);
    positive("--emerging-baseline-weeks", emergingBaselineWeeks);
    positive("--emerging-min-docs", emergingMinDocs);
    positive("--emerging-top", emergingTop);
    if (maxEntitiesPerDoc < 2) {
      throw new ConfigException("--max-entities-per-doc should have value >= 2 (a pair), value: "
          + maxEntitiesPerDoc);
    }
    emergingWindow = emergingWindow.trim().toLowerCase(Locale.ROOT);
    List<String> labels = labels(windows, slidingWindow);
    if (emergingWindow.equals(DOCUMENT) && !labels.contains(DOCUMENT)) {
      emergingWindow = labels.get(0); // the default, when the document window is not computed
    }
    if (!labels.contains(emergingWindow)) {
      throw new ConfigException(String.format("--emerging-window should be one of the computed windows %s, value: %s",
          labels, emergingWindow));
    }
  }

  private static void positive(String option, int value) {
    if (value < 1) {
      throw new ConfigException(option + " should have value > 0, value: " + value);
    }
  }

  private static List<String> labels(List<String> windows, int slidingWindow) {
    List<String> labels = new ArrayList<>();
    // Fixed order: document, sentence, then the sliding window.
    if (windows.contains(DOCUMENT)) {
      labels.add(DOCUMENT);
    }
    if (windows.contains(SENTENCE)) {
      labels.add(SENTENCE);
    }
    if (slidingWindow > 0) {
      labels.add(SLIDING_PREFIX + slidingWindow);
    }
    return List.copyOf(labels);
  }

  /** The labels of every computed window, in the order document, sentence, {@code sentences_N}. */
  public List<String> windowLabels() {
    return labels(windows, slidingWindow);
  }

  /** Whether any window needs sentence positions (sentence or sliding). */
  public boolean needsSentences() {
    return windows.contains(SENTENCE) || slidingWindow > 0;
  }

  /** The defaults, for tests and callers that set a few options. */
  public static CooccurrenceConfig defaults() {
    return from(Settings.defaults());
  }

  public static CooccurrenceConfig from(Settings settings) {
    return new CooccurrenceConfig(
        settings.list(ConfigOption.COOCCURRENCE_WINDOWS),
        settings.integer(ConfigOption.SLIDING_WINDOW),
        settings.integer(ConfigOption.MIN_SUPPORT),
        settings.integer(ConfigOption.MAX_ENTITIES_PER_DOC),
        settings.integer(ConfigOption.TOP_NEIGHBOURS),
        Statistic.parse(settings.string(ConfigOption.NEIGHBOUR_STATISTIC)),
        settings.integer(ConfigOption.NEIGHBOUR_MIN_SUPPORT),
        settings.string(ConfigOption.EMERGING_WINDOW),
        settings.integer(ConfigOption.EMERGING_BASELINE_WEEKS),
        settings.integer(ConfigOption.EMERGING_MIN_DOCS),
        settings.integer(ConfigOption.EMERGING_TOP));
  }
}
