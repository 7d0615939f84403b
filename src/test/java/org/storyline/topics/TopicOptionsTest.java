package org.storyline.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.clustering.LDAModel;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.storyline.cli.OptionCase;
import org.storyline.cli.RunOptions;
import org.storyline.config.JobConfig;
import org.storyline.schema.Col;
import org.storyline.testing.TestSpark;

/**
 * Every topic option of {@code storyline run} changes what it governs: each case parses the option through the
 * command's own parser and runs what the pipeline's topics stage runs (TopicModel.fitFeatures / fit / infer /
 * docTopics, ModelSource.choose, TrackedTopics.match) on twelve hand-written articles.
 */
class TopicOptionsTest {
  private static final SparkSession SPARK = TestSpark.session();

  /**
   * Twelve articles of three themes (four each). Articles (and occurrences) of the terms that matter: security 4
   * (7), detail 3 (6, always right after security), fan 4, football 4, market 4, goal 3 (always right before
   * "Every"), rate 3, fell 2 (3), guard 2 (3), hall 2 (3), chair 2 (2); "every" is in all 12 (above --max-df 0.5).
   */
  static final String[][] TEXTS = {
      {"s1", "The security detail wiped the chair. Every guard watched the security detail."},
      {"s2", "A security detail guarded the chair. Every aide praised the security detail."},
      {"s3", "The security detail swept the hall and the hall door. Every door was checked by the security detail."},
      {"s4", "Security was tight in the hall. Every guard stood guard."},
      {"m1", "The market fell as rates rose and fell. Every trader sold."},
      {"m2", "The market rallied when rates fell. Every broker bought."},
      {"m3", "The market waited for rates. Every investor held."},
      {"m4", "The market closed flat. Every analyst shrugged."},
      {"f1", "The football club scored a goal. Every fan cheered."},
      {"f2", "The football team missed a goal. Every fan groaned."},
      {"f3", "The football match ended without a goal. Every fan left."},
      {"f4", "The football season starts soon. Every fan waits."},
  };

  private static Dataset<Row> docs() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < TEXTS.length; i++) {
      rows.add(RowFactory.create(TEXTS[i][0], Timestamp.valueOf(String.format("2025-09-%02d 12:00:00", 1 + i)),
          null, TEXTS[i][1]));
    }
    Dataset<Row> articles = SPARK.createDataFrame(rows, new StructType().add(Col.DOC_ID, DataTypes.StringType)
        .add(Col.PUBLISHED, DataTypes.TimestampType).add(Col.TITLE, DataTypes.StringType)
        .add(Col.TEXT, DataTypes.StringType));
    return TopicModel.documents(articles, null);
  }

  /** The vocabulary the feature stages learn, sorted. */
  private static List<String> vocabulary(JobConfig config) {
    for (org.apache.spark.ml.Transformer t : TopicModel.fitFeatures(docs(), config.topics()).stages()) {
      if (t instanceof org.apache.spark.ml.feature.CountVectorizerModel cv) {
        return Arrays.stream(cv.vocabulary()).sorted().toList();
      }
    }
    throw new AssertionError("no vocabulary stage");
  }

  /** Which model a run uses when the published run has one: "kind path". */
  private static String source(JobConfig config) {
    ModelSource s = ModelSource.choose(config.topics(), Optional.of("out/runs/r1/model"), path -> true);
    return s.kind() + " " + s.path().orElse("-");
  }

  /** Doc ids matched per tracked topic: "topic: ids", sorted. */
  private static List<String> tracked(JobConfig config) {
    Dataset<Row> articles = docs();
    List<String> out = new ArrayList<>();
    for (Row r : TrackedTopics.match(articles, config.topics().tracked()).collectAsList()) {
      out.add(r.getAs(TrackedTopics.TOPIC) + ": " + r.getAs(Col.DOC_ID));
    }
    return out.stream().sorted().toList();
  }

  private static final Function<JobConfig, Object> VOCABULARY = TopicOptionsTest::vocabulary;
  private static final Function<JobConfig, Object> SOURCE = TopicOptionsTest::source;
  private static final Function<JobConfig, Object> TRACKED = TopicOptionsTest::tracked;

  /** df 3 to 6 of 12 (the defaults 3 and 0.5). */
  private static final List<String> DEFAULT_VOCABULARY = List.of("detail", "fan", "football", "goal", "market",
      "rate", "security");
  /** df 2 to 6. */
  private static final List<String> MIN_DF_2 = List.of("chair", "detail", "fan", "fell", "football", "goal", "guard",
      "hall", "market", "rate", "security");

  static Stream<OptionCase> cases() {
    return Stream.of(
        OptionCase.of("--min-df", VOCABULARY, DEFAULT_VOCABULARY, MIN_DF_2, "--min-df", "2"),
        // At most 3 of 12 articles: the terms of 4 articles go.
        OptionCase.of("--max-df", VOCABULARY, DEFAULT_VOCABULARY, List.of("detail", "goal", "rate"),
            "--max-df", "0.25"),
        // The 10 most frequent of the 11: chair (2 occurrences) is the one left out.
        OptionCase.of("--vocab-size", VOCABULARY, MIN_DF_2,
            MIN_DF_2.stream().filter(t -> !t.equals("chair")).toList(), "--vocab-size", "10")
            .withBase("--input", "in", "--output", "out", "--min-df", "2"),
        // Pairs in 3 articles become terms: "security detail" (s1-s3) and "goal. Every" (f1-f3; the detector pairs
        // adjacent tokens across a sentence end). Security is then left in s4 only.
        OptionCase.of("--bigram-min-count", VOCABULARY, DEFAULT_VOCABULARY,
            List.of("fan", "football", "goal_every", "market", "rate", "security_detail"),
            "--bigram-min-count", "3"),
        // NPMI >= 1 means P(ab)^2 >= P(a) P(b) (P(a) over T tokens, P(ab) over T - 12 pairs): security_detail
        // (6 pairs; security 7, detail 6 tokens) passes for any T <= 162, far above these articles' tokens;
        // goal_every (3 pairs; goal 3, every 12) would need T / (T - 12) >= 2.
        OptionCase.of("--bigram-min-npmi", VOCABULARY,
            List.of("fan", "football", "goal_every", "market", "rate", "security_detail"),
            List.of("fan", "football", "goal", "market", "rate", "security_detail"), "--bigram-min-npmi", "1")
            .withBase("--input", "in", "--output", "out", "--bigram-min-count", "3"),
        OptionCase.of("--retrain", SOURCE, "published out/runs/r1/model", "trained -", "--retrain"),
        OptionCase.of("--topic-model", SOURCE, "published out/runs/r1/model", "given old/model",
            "--topic-model", "old/model"),
        OptionCase.of("--track", TRACKED, List.of(),
            List.of("chairs: s1", "chairs: s2", "goals: f1", "goals: f2", "goals: f3"),
            "--track", "chairs=chair*", "--track", "goals=goal AND NOT \"security detail\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theOptionChangesWhatItGoverns(OptionCase c) {
    c.check();
  }

  // ---- LDA training: the option reaches the fitted model, and the model's topics change ----

  /** An LDA option: the fitted model's own value of what it sets, with the base and with the option. */
  record LdaCase(String option, List<String> base, List<String> args, Function<LDAModel, Object> param,
      Object byDefault, Object withOption) {
    @Override
    public String toString() {
      return String.join(" ", args);
    }
  }

  /** Few topics and iterations keep the fits quick; the cases of --topics and --topic-iterations set their own. */
  private static final List<String> SMALL = List.of("--input", "in", "--output", "out", "--topics", "3",
      "--topic-iterations", "5", "--min-df", "2");

  private static LdaCase lda(String option, Function<LDAModel, Object> param, Object byDefault, Object withOption,
      String... args) {
    return new LdaCase(option, SMALL, List.of(args), param, byDefault, withOption);
  }

  private static final java.util.Map<List<String>, PipelineModel> FITTED =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static PipelineModel fit(List<String> args) {
    return FITTED.computeIfAbsent(args, a -> TopicModel.fit(docs(),
        RunOptions.parseExactly(a.toArray(String[]::new)).topics()));
  }

  private static LDAModel ldaOf(PipelineModel model) {
    return (LDAModel) model.stages()[1];
  }

  /** The topic-term weights, rounded to 1e-9 (a native BLAS changes only the last digits). */
  private static List<Long> weights(PipelineModel model) {
    Matrix m = ldaOf(model).topicsMatrix();
    List<Long> out = new ArrayList<>();
    for (double v : m.toArray()) {
      out.add(Math.round(v * 1e9));
    }
    return out;
  }

  static Stream<LdaCase> ldaCases() {
    List<String> noK = List.of("--input", "in", "--output", "out", "--topic-iterations", "5", "--min-df", "2");
    List<String> noIterations = List.of("--input", "in", "--output", "out", "--topics", "3", "--min-df", "2");
    return Stream.of(
        new LdaCase("--topics", noK, List.of("--topics", "3"), m -> m.getK(), 20, 3),
        new LdaCase("--topic-iterations", noIterations, List.of("--topic-iterations", "5"), m -> m.getMaxIter(),
            50, 5),
        lda("--topic-optimizer", m -> m.getClass().getSimpleName() + " " + m.getOptimizer(),
            "LocalLDAModel online", "DistributedLDAModel em", "--topic-optimizer", "em"),
        lda("--topic-learning-offset", m -> m.getLearningOffset(), 10.0, 1024.0, "--topic-learning-offset", "1024"),
        lda("--topic-concentration", m -> m.get(m.topicConcentration()).map(v -> (Object) v).getOrElse(() -> "unset"),
            "unset", 0.5, "--topic-concentration", "0.5"),
        lda("--topic-seed", m -> m.getSeed(), 20250903L, 1L, "--topic-seed", "1"),
        // Automatic: min(1, max(10 / 5 iterations, 2000 / 12 articles)) = 1.
        lda("--topic-subsampling", m -> m.getSubsamplingRate(), 1.0, 0.5, "--topic-subsampling", "0.5"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ldaCases")
  void theLdaOptionReachesTheModelAndChangesItsTopics(LdaCase c) {
    List<String> with = new ArrayList<>(c.base());
    with.addAll(c.args());
    PipelineModel byDefault = fit(c.base());
    PipelineModel changed = fit(with);
    assertThat(c.param().apply(ldaOf(byDefault))).as("%s: the model's value with the defaults", c.option())
        .isEqualTo(c.byDefault());
    assertThat(c.param().apply(ldaOf(changed))).as("%s: the model's value with %s", c.option(), c)
        .isEqualTo(c.withOption());
    assertThat(weights(changed)).as("%s: the topics' term weights change", c.option())
        .isNotEqualTo(weights(byDefault));
  }

  /** doc_topics as "doc topic", sorted. */
  private static TreeSet<String> docTopics(Dataset<Row> inferred, JobConfig config) {
    TreeSet<String> out = new TreeSet<>();
    for (Row r : TopicModel.docTopics(inferred, config.topics().minTopicWeight()).collectAsList()) {
      out.add(r.getAs(Col.DOC_ID) + " " + r.<Integer>getAs(TopicModel.TOPIC_ID));
    }
    return out;
  }

  /** Each article's three largest topic weights that reach {@code minWeight}, from the distributions themselves. */
  private static TreeSet<String> expectedDocTopics(List<Row> distributions, double minWeight) {
    TreeSet<String> out = new TreeSet<>();
    for (Row r : distributions) {
      double[] w = ((org.apache.spark.ml.linalg.Vector) r.get(1)).toArray();
      Integer[] order = {0, 1, 2};
      Arrays.sort(order, (a, b) -> Double.compare(w[b], w[a]));
      for (int i = 0; i < TopicModel.TOPICS_PER_DOC; i++) {
        if (w[order[i]] >= minWeight) {
          out.add(r.getString(0) + " " + order[i]);
        }
      }
    }
    return out;
  }

  @org.junit.jupiter.api.Test
  void topicMinWeightLeavesLighterTopicsOutOfDocTopics() {
    List<String> args = new ArrayList<>(SMALL);
    args.addAll(List.of("--topic-min-weight", "0.4"));
    Dataset<Row> inferred = TopicModel.infer(fit(SMALL), docs());
    List<Row> distributions = inferred.select(Col.DOC_ID, TopicModel.DISTRIBUTION).collectAsList();
    TreeSet<String> atDefault = expectedDocTopics(distributions, 0.1);
    TreeSet<String> atOption = expectedDocTopics(distributions, 0.4);
    assertThat(atOption).as("the fixture has topics of weight in [0.1, 0.4)").isNotEqualTo(atDefault);
    assertThat(docTopics(inferred, RunOptions.parseExactly(SMALL.toArray(String[]::new))))
        .as("doc_topics with the default 0.1").isEqualTo(atDefault);
    assertThat(docTopics(inferred, RunOptions.parseExactly(args.toArray(String[]::new))))
        .as("doc_topics with --topic-min-weight 0.4").isEqualTo(atOption);
  }
}
