package org.storyline.topics;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storyline.config.ConfigException;
import org.storyline.config.TopicsConfig;
import org.storyline.sample.PlantedTopics;
import org.storyline.testing.TestSpark;

/** Training, saving, reusing and per-article determinism of the topic model, on the planted corpus. */
class TopicModelTest {
  static TopicsConfig config = new TopicsConfig(3, 15, "online", 0, 10, 0, 7, Optional.empty(), false, 500, 3, 0.6, 5,
      0.5, 0.1, Map.of());
  static Dataset<Row> training;
  static Dataset<Row> later;
  static PipelineModel model;

  @BeforeAll
  static void train() {
    training = TopicModel.documents(PlantedTopics.frame(TestSpark.session(), new PlantedTopics(3).articles(
        LocalDate.of(2025, 3, 10), LocalDate.of(2025, 4, 10))), null);
    // "New data": ten later days from another generator, never seen in training.
    later = TopicModel.documents(PlantedTopics.frame(TestSpark.session(), new PlantedTopics(99).articles(
        LocalDate.of(2025, 5, 1), LocalDate.of(2025, 5, 10))), null);
    model = TopicModel.fit(training, config);
  }

  /**
   * What "the same model" means here: the same vocabulary, topic ids, labels and terms, and weights within 1e-12.
   * Spark ML's BLAS is pinned to its Java implementation by the launcher ({@code SparkSessions}), not in this test
   * JVM: a native BLAS (OpenBLAS as the system libblas.so.3) sums in another order and changes the last digits
   * (0.0027732086277930026 against ...034), which is not a different model.
   */
  static final double FLOAT_TOLERANCE = 1e-12;

  static void assertSameTopics(List<TopicModel.Topic> actual, List<TopicModel.Topic> expected, String what) {
    assertThat(actual).as(what + ": topic count").hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      TopicModel.Topic a = actual.get(i);
      TopicModel.Topic e = expected.get(i);
      assertThat(a.id()).as(what + ": id of topic %d", i).isEqualTo(e.id());
      assertThat(a.label()).as(what + ": label of topic %d", i).isEqualTo(e.label());
      assertThat(a.terms()).as(what + ": terms of topic %d", i).containsExactlyElementsOf(e.terms());
      assertThat(a.weights().stream().mapToDouble(Double::doubleValue).toArray()).as(what + ": weights of topic %d", i)
          .containsExactly(e.weights().stream().mapToDouble(Double::doubleValue).toArray(), within(FLOAT_TOLERANCE));
    }
  }

  static Map<String, double[]> weights(PipelineModel m, Dataset<Row> docs) {
    Map<String, double[]> out = new HashMap<>();
    for (Row r : TopicModel.infer(m, docs).select(col("doc_id"), col(TopicModel.DISTRIBUTION)).collectAsList()) {
      out.put(r.getString(0), ((Vector) r.get(1)).toArray());
    }
    return out;
  }

  @Test
  void findsThePlantedTopics() {
    List<TopicModel.Topic> topics = TopicModel.describe(model, 10);
    assertThat(topics).as("k topics").hasSize(3);
    // The planted texts are a few fixed sentences, so most adjacent pairs pass as phrases (chair_summit): look
    // for the theme words among the words of the terms (dnase_patent holds "dnase", not "dna"). Only words of one
    // theme count: football and economy articles mention bodyguards and security details too, so those words would
    // let a mixed topic pass for security.
    Map<String, List<String>> themes = Map.of(
        PlantedTopics.SECURITY, List.of("dna", "leader", "summit", "spies", "kremlin", "limousine", "palace"),
        PlantedTopics.FOOTBALL, List.of("football", "striker", "stadium", "derby", "penalty", "goalkeeper", "fans"),
        PlantedTopics.ECONOMY, List.of("bank", "inflation", "rate", "yield", "bond", "economists", "mortgage"));
    Map<Integer, List<String>> matched = new HashMap<>();
    for (TopicModel.Topic t : topics) {
      List<String> words = t.terms().stream().flatMap(term -> java.util.Arrays.stream(term.split("_"))).toList();
      matched.put(t.id(), themes.entrySet().stream()
          .filter(theme -> theme.getValue().stream().anyMatch(words::contains)).map(Map.Entry::getKey).toList());
    }
    String seen = topics.stream().map(t -> t.id() + " " + t.terms() + " -> " + matched.get(t.id()))
        .reduce((a, b) -> a + "\n" + b).orElse("");
    assertThat(matched.values()).as("each topic matches exactly one planted theme:\n%s", seen)
        .allSatisfy(m -> assertThat(m).hasSize(1));
    assertThat(matched.values().stream().map(m -> m.get(0)).toList()).as("each theme matches one topic:\n%s", seen)
        .containsExactlyInAnyOrder(PlantedTopics.SECURITY, PlantedTopics.FOOTBALL, PlantedTopics.ECONOMY);
    assertThat(topics.get(0).label()).as("label = top 3 terms")
        .isEqualTo(String.join(", ", topics.get(0).terms().subList(0, 3)));
    double[] coherence = Coherence.npmi(TopicModel.infer(model, training), TextFeatures.ALL_TERMS,
        TopicModel.termLists(topics));
    assertThat(Coherence.mean(coherence)).as("planted topics are coherent").isGreaterThan(0.1);
  }

  @Test
  void trainingIsDeterministicForASeedAndInput() {
    PipelineModel again = TopicModel.fit(training, config);
    assertThat(TopicModel.vocabulary(again)).as("same vocabulary, same order")
        .containsExactly(TopicModel.vocabulary(model));
    assertSameTopics(TopicModel.describe(again, 10), TopicModel.describe(model, 10), "same topics");
  }

  @Test
  void perArticleInferenceDoesNotDependOnTheBatch() {
    Map<String, double[]> alone = weights(model, training.repartition(1));
    Map<String, double[]> mixed = weights(model, training.unionByName(later).repartition(5, col("published")));
    assertThat(alone).as("every training article inferred").hasSize((int) training.count());
    for (Map.Entry<String, double[]> e : alone.entrySet()) {
      assertThat(mixed.get(e.getKey())).as("weights of %s with other articles and partitions", e.getKey())
          .containsExactly(e.getValue(), within(FLOAT_TOLERANCE));
    }
    double[] first = alone.values().iterator().next();
    assertThat(java.util.Arrays.stream(first).sum()).as("a distribution").isCloseTo(1.0, within(1e-9));
  }

  @Test
  void savedModelReusedOnNewDataKeepsTopicIdsAndWeights(@TempDir Path dir) {
    String path = dir.resolve("model").toString();
    TopicModel.save(model, path);
    PipelineModel loaded = TopicModel.load(path);
    assertSameTopics(TopicModel.describe(loaded, 10), TopicModel.describe(model, 10),
        "same topics, same ids, terms and weights");
    Map<String, double[]> original = weights(model, training);
    Map<String, double[]> reused = weights(loaded, training.unionByName(later));
    for (Map.Entry<String, double[]> e : original.entrySet()) {
      assertThat(reused.get(e.getKey())).as("weights of %s after reuse", e.getKey())
          .containsExactly(e.getValue(), within(FLOAT_TOLERANCE));
    }
    List<Row> top = TopicModel.docTopics(TopicModel.infer(loaded, later), 0.1).collectAsList();
    assertThat(top).as("new articles get topics").isNotEmpty();
    assertThat(top).as("ids of the saved model").allSatisfy(r -> assertThat(r.getInt(1)).isBetween(0, 2));
  }

  @Test
  void storedTermsWithTheirEntityTermsAreTheTermsOfTheTextStagesAndTheirFingerprintSurvivesSaving(
      @TempDir Path dir) {
    PipelineModel terms = TopicModel.termsOf(model);
    String fingerprint = TopicModel.termsFingerprint(terms);
    String path = dir.resolve("m").toString();
    TopicModel.save(model, path);
    assertThat(TopicModel.termsFingerprint(TopicModel.termsOf(TopicModel.load(path))))
        .as("the text stages of the model saved and loaded again").isEqualTo(fingerprint);
    List<org.apache.spark.ml.Transformer> stages = new ArrayList<>(List.of(terms.stages()));
    for (int i = 0; i < stages.size(); i++) {
      if (stages.get(i) instanceof PhraseModel phrases) {
        List<String> more = new ArrayList<>(phrases.getPhrases());
        more.add("zebra crossing");
        stages.set(i, phrases.copy(new org.apache.spark.ml.param.ParamMap()).setPhrases(more.toArray(String[]::new)));
      }
    }
    assertThat(TopicModel.termsFingerprint(new PipelineModel(terms.uid(), stages)))
        .as("one more phrase learned").isNotEqualTo(fingerprint);

    // Two articles with entities (one mentioned twice, out of order), one without.
    List<Row> ids = training.select("doc_id").orderBy("doc_id").limit(3).collectAsList();
    StructType mentionSchema = new StructType().add("doc_id", DataTypes.StringType).add("entity", DataTypes.StringType)
        .add("begin", DataTypes.IntegerType);
    Dataset<Row> mentions = TestSpark.session().createDataFrame(List.of(
        RowFactory.create(ids.get(0).getString(0), "Kim Jong-un", 40), RowFactory.create(ids.get(0).getString(0),
            "Vladimir  Putin", 3), RowFactory.create(ids.get(0).getString(0), "Kim Jong-un", 90),
        RowFactory.create(ids.get(1).getString(0), "Xi Jinping", 0)), mentionSchema);
    Dataset<Row> articles = training.drop(TextFeatures.ENTITY_TERMS);
    Dataset<Row> direct = TopicModel.withTerms(terms, TopicModel.documents(articles, mentions));
    Dataset<Row> stored = TopicModel.withStoredTerms(direct.select("doc_id", "published", "terms"), mentions);
    assertThat(stored.filter(col("doc_id").equalTo(ids.get(0).getString(0))).first()
        .<String>getList(3)).as("entity terms in mention order").endsWith("vladimir_putin", "kim_jong-un",
        "kim_jong-un");
    assertThat(stored.exceptAll(direct).count() + direct.exceptAll(stored).count())
        .as("every article's terms and all_terms").isZero();
    assertThat(direct.count()).isEqualTo(training.count());
  }

  @Test
  void docTopicsKeepsTheThreeHeaviestAboveTheMinimum() {
    List<Row> rows = new ArrayList<>();
    rows.add(RowFactory.create("a", org.apache.spark.ml.linalg.Vectors.dense(0.05, 0.5, 0.2, 0.15, 0.1)));
    rows.add(RowFactory.create("b", org.apache.spark.ml.linalg.Vectors.dense(0, 0, 0, 0, 0)));
    Dataset<Row> inferred = TestSpark.session().createDataFrame(rows, new StructType()
        .add("doc_id", DataTypes.StringType)
        .add(TopicModel.DISTRIBUTION, new org.apache.spark.ml.linalg.VectorUDT()));
    List<Row> out = TopicModel.docTopics(inferred, 0.16).orderBy(col("weight").desc()).collectAsList();
    assertThat(out).as("top 3 are 1, 2, 3; topic 3 (0.15) is below 0.16").hasSize(2);
    assertThat(out.get(0).getInt(1)).as("heaviest").isEqualTo(1);
    assertThat(out.get(0).getDouble(2)).as("its weight").isEqualTo(0.5);
    assertThat(out.get(1).getInt(1)).as("second").isEqualTo(2);
  }

  @Test
  void coherenceByHand() {
    // 4 documents: a,b together in 2; a alone in 1; c alone in 1.
    List<Row> rows = List.of(RowFactory.create("1", new String[] {"a", "b"}),
        RowFactory.create("2", new String[] {"a", "b", "a"}), RowFactory.create("3", new String[] {"a"}),
        RowFactory.create("4", new String[] {"c"}));
    Dataset<Row> docs = TestSpark.session().createDataFrame(rows, new StructType().add("doc_id",
        DataTypes.StringType).add("terms", DataTypes.createArrayType(DataTypes.StringType)));
    double[] c = Coherence.npmi(docs, "terms", List.of(List.of("a", "b"), List.of("a", "b", "c")));
    double ab = Math.log((2 / 4.0) / ((3 / 4.0) * (2 / 4.0))) / -Math.log(2 / 4.0);
    assertThat(c[0]).as("npmi(a, b) by hand").isCloseTo(ab, within(1e-12));
    assertThat(c[1]).as("mean of npmi(a,b), npmi(a,c) = -1, npmi(b,c) = -1").isCloseTo((ab - 2) / 3, within(1e-12));
  }

  @Test
  void autoSubsamplingGivesAtLeastTenPasses() {
    TopicsConfig auto = new TopicsConfig(3, 50, "online", 0, 10, 0, 1, Optional.empty(), false, 500, 1, 1.0, 5,
        0.5, 0.1, Map.of());
    assertThat(TopicModel.autoSubsampling(auto, 500)).as("small corpus: whole batches").isEqualTo(1.0);
    assertThat(TopicModel.autoSubsampling(auto, 8000)).as("2000 articles per batch").isEqualTo(0.25);
    assertThat(TopicModel.autoSubsampling(auto, 100000)).as("10 passes over 50 iterations").isEqualTo(0.2);
    TopicsConfig fixed = new TopicsConfig(3, 50, "online", 0.05, 10, 0, 1, Optional.empty(), false, 500, 1, 1.0, 5,
        0.5, 0.1, Map.of());
    assertThat(TopicModel.autoSubsampling(fixed, 100000)).as("--topic-subsampling wins").isEqualTo(0.05);
  }

  @Test
  void modelSourceRule() {
    TopicsConfig retrain = new TopicsConfig(3, 5, "online", 0, 10, 0, 1, Optional.of("/m"), true, 500, 1, 1.0, 5, 0.5,
        0.1, Map.of());
    assertThat(ModelSource.choose(retrain, Optional.of("/p"), p -> true).kind()).as("--retrain wins")
        .isEqualTo(ModelSource.TRAINED);
    TopicsConfig given = new TopicsConfig(3, 5, "online", 0, 10, 0, 1, Optional.of("/m"), false, 500, 1, 1.0, 5, 0.5,
        0.1, Map.of());
    assertThat(ModelSource.choose(given, Optional.of("/p"), p -> true)).as("--topic-model before published")
        .isEqualTo(new ModelSource(ModelSource.GIVEN, Optional.of("/m")));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelSource.choose(given, Optional.empty(), p -> false))
        .as("a missing --topic-model is a usage error").isInstanceOf(ConfigException.class)
        .hasMessageContaining("--topic-model /m is not a saved topic model");
    assertThat(ModelSource.choose(config, Optional.of("/p"), p -> true)).as("published model reused")
        .isEqualTo(new ModelSource(ModelSource.PUBLISHED, Optional.of("/p")));
    assertThat(ModelSource.choose(config, Optional.of("/p"), p -> false).kind()).as("published run without model")
        .isEqualTo(ModelSource.TRAINED);
    assertThat(ModelSource.choose(config, Optional.empty(), p -> true).kind()).as("first run")
        .isEqualTo(ModelSource.TRAINED);
  }
}
