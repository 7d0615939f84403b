package org.storyline.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Options of the topics stage: text features, LDA training or reuse, and the tracked topics (parsed here, so a
 * malformed query stops the run before any Spark work).
 *
 * @param k topics of a newly trained model
 * @param iterations LDA training iterations
 * @param optimizer {@code online} or {@code em}
 * @param subsampling mini-batch fraction of the online optimizer; 0 picks it from the corpus size
 * @param learningOffset online LDA learning-rate offset (tau0)
 * @param topicConcentration LDA topic concentration (eta); 0 for MLlib's default
 * @param seed LDA training seed
 * @param model a saved model to reuse ({@code --topic-model}), if given
 * @param retrain train even when a model could be reused
 * @param vocabSize largest vocabulary
 * @param minDf minimum document frequency of a vocabulary term (a count when >= 1, else a fraction)
 * @param maxDf maximum document frequency of a vocabulary term (a fraction when < 1, else a count)
 * @param bigramMinCount articles an adjacent word pair must occur in to become one term
 * @param bigramMinNpmi normalised PMI a pair must reach to become one term
 * @param minTopicWeight smallest weight of a topic kept in doc_topics
 * @param tracked tracked topic name to its parsed query, sorted by name
 */
public record TopicsConfig(int k, int iterations, String optimizer, double subsampling, double learningOffset,
    double topicConcentration, long seed,
    Optional<String> model, boolean retrain, int vocabSize, double minDf, double maxDf, int bigramMinCount,
    double bigramMinNpmi, double minTopicWeight, Map<String, TrackQuery> tracked) {

  public TopicsConfig {
    if (k < 2 || k > 1000) {
      throw new ConfigException("--topics should be between 2 and 1000, value: " + k);
    }
    if (iterations < 1) {
      throw new ConfigException("--topic-iterations should have value > 0, value: " + iterations);
    }
    optimizer = optimizer.trim().toLowerCase(Locale.ROOT);
    if (!optimizer.equals("online") && !optimizer.equals("em")) {
      throw new ConfigException("--topic-optimizer should be online or em, value: " + optimizer);
    }
    if (subsampling < 0 || subsampling > 1) {
      throw new ConfigException("--topic-subsampling should be in (0, 1], or 0 for automatic, value: " + subsampling);
    }
    if (!(learningOffset > 0)) {
      throw new ConfigException("--topic-learning-offset should have value > 0, value: " + learningOffset);
    }
    if (topicConcentration < 0) {
      throw new ConfigException("--topic-concentration should have value >= 0, value: " + topicConcentration);
    }
    if (vocabSize < 10) {
      throw new ConfigException("--vocab-size should have value >= 10, value: " + vocabSize);
    }
    if (minDf <= 0) {
      throw new ConfigException("--min-df should have value > 0, value: " + minDf);
    }
    if (maxDf <= 0) {
      throw new ConfigException("--max-df should have value > 0, value: " + maxDf);
    }
    if (bigramMinCount < 1) {
      throw new ConfigException("--bigram-min-count should have value > 0, value: " + bigramMinCount);
    }
    if (bigramMinNpmi < -1 || bigramMinNpmi > 1) {
      throw new ConfigException("--bigram-min-npmi should be between -1 and 1, value: " + bigramMinNpmi);
    }
    if (minTopicWeight < 0 || minTopicWeight >= 1) {
      throw new ConfigException("--topic-min-weight should be in [0, 1), value: " + minTopicWeight);
    }
    tracked = Collections.unmodifiableMap(new TreeMap<>(tracked));
  }

  static TopicsConfig from(Settings settings) {
    Map<String, TrackQuery> tracked = new LinkedHashMap<>();
    settings.map(ConfigOption.TRACK).forEach((name, query) -> tracked.put(name, parseTracked(name, query)));
    return new TopicsConfig(
        settings.integer(ConfigOption.TOPICS),
        settings.integer(ConfigOption.TOPIC_ITERATIONS),
        settings.string(ConfigOption.TOPIC_OPTIMIZER),
        settings.decimal(ConfigOption.TOPIC_SUBSAMPLING),
        settings.decimal(ConfigOption.TOPIC_LEARNING_OFFSET),
        settings.decimal(ConfigOption.TOPIC_CONCENTRATION),
        settings.longValue(ConfigOption.TOPIC_SEED),
        settings.optionalString(ConfigOption.TOPIC_MODEL),
        settings.flag(ConfigOption.RETRAIN),
        settings.integer(ConfigOption.VOCAB_SIZE),
        settings.decimal(ConfigOption.MIN_DF),
        settings.decimal(ConfigOption.MAX_DF),
        settings.integer(ConfigOption.BIGRAM_MIN_COUNT),
        settings.decimal(ConfigOption.BIGRAM_MIN_NPMI),
        settings.decimal(ConfigOption.TOPIC_MIN_WEIGHT),
        tracked);
  }

  /** Parses one {@code --track NAME=QUERY}; a bad name or query is a {@link ConfigException}. */
  static TrackQuery parseTracked(String name, String query) {
    if (!name.matches("[A-Za-z][A-Za-z0-9_-]{0,63}")) {
      throw new ConfigException("--track names start with a letter and hold letters, digits, _ or - "
          + "(at most 64), value: " + name);
    }
    try {
      return TrackQuery.parse(query);
    } catch (TrackQuery.ParseException e) {
      throw new ConfigException("--track " + name + ": " + e.getMessage(), e);
    }
  }
}
