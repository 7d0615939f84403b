package org.storyline.topics;

import java.util.Optional;
import java.util.function.Predicate;
import org.storyline.config.ConfigException;
import org.storyline.config.TopicsConfig;

/**
 * Where a run's topic model comes from. The rule, in order: {@code --retrain} trains a new model; else
 * {@code --topic-model PATH} reuses that saved model (an error if it is not one); else the model of the run
 * currently published in the same {@code --output} folder ({@code DIR/model}) is reused when it exists; else a new
 * model is trained. A reused model keeps its topic ids, vocabulary, phrases and {@code k} ({@code --topics} and
 * the feature options apply to training only).
 *
 * @param kind {@code trained}, {@code given} (--topic-model) or {@code published} (the current run's model)
 * @param path the model folder to load; empty when training
 */
public record ModelSource(String kind, Optional<String> path) {
  public static final String TRAINED = "trained";
  public static final String GIVEN = "given";
  public static final String PUBLISHED = "published";

  /**
   * Applies the rule.
   *
   * @param publishedModel the {@code model} folder of the currently published run, if there is a current run
   * @param isModel whether a path holds a saved Spark ML pipeline (its {@code metadata} folder exists)
   */
  public static ModelSource choose(TopicsConfig config, Optional<String> publishedModel, Predicate<String> isModel) {
    if (config.retrain()) {
      return new ModelSource(TRAINED, Optional.empty());
    }
    if (config.model().isPresent()) {
      String path = config.model().get();
      if (!isModel.test(path)) {
        throw new ConfigException("--topic-model " + path + " is not a saved topic model (no " + path
            + "/metadata); give the model folder of an earlier run (DIR/model) or use --retrain");
      }
      return new ModelSource(GIVEN, Optional.of(path));
    }
    if (publishedModel.isPresent() && isModel.test(publishedModel.get())) {
      return new ModelSource(PUBLISHED, publishedModel);
    }
    return new ModelSource(TRAINED, Optional.empty());
  }

  /** Whether {@code path} holds a saved Spark ML pipeline: its {@code metadata} folder exists. */
  public static boolean isSavedModel(String path, org.apache.hadoop.conf.Configuration hadoop) {
    try {
      org.apache.hadoop.fs.Path metadata = new org.apache.hadoop.fs.Path(path, "metadata");
      return metadata.getFileSystem(hadoop).exists(metadata);
    } catch (java.io.IOException | IllegalArgumentException e) {
      return false;
    }
  }
}
