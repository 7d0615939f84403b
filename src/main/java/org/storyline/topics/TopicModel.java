package org.storyline.topics;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.inline;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.trim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.clustering.LDA;
import org.apache.spark.ml.clustering.LDAModel;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.functions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.storyline.config.TopicsConfig;
import org.storyline.schema.Col;
import org.storyline.schema.Schemas;

/**
 * Discovered topics: the fitted Spark ML pipeline ({@link TextFeatures} then MLlib {@code LDA}), training,
 * per-article inference and the description of each topic.
 *
 * <p>Per-article inference ({@link #infer}) depends only on the article and the saved model: the vocabulary and
 * phrase list are fixed in the model, and MLlib's {@code LDAModel.transform} runs variational inference for each
 * document separately, its random start drawn from a generator seeded with the model's seed alone (not with the
 * document's position, partition or batch). So an article gets the same topic weights whichever other articles
 * are in the batch and however they are partitioned ({@code TopicModelTest} checks this), which nightly
 * incremental runs rely on. Training ({@link #fit}) is corpus-level and deterministic for a seed and input.
 */
public final class TopicModel {
  private TopicModel() {}

  public static final String DISTRIBUTION = "topic_distribution";
  public static final String TOPIC_ID = "topic_id";
  public static final String WEIGHT = "weight";
  public static final String LABEL = "label";
  public static final String TERMS = "terms";
  public static final String WEIGHTS = "weights";
  public static final String COHERENCE = "coherence";
  /** Terms kept per topic in the {@code topics} table, and used for coherence. */
  public static final int TOP_TERMS = 10;
  /** Topics kept per article in {@code doc_topics}. */
  public static final int TOPICS_PER_DOC = 3;

  /**
   * The model's input: {@code doc_id, published, title, text, entity_terms}. Entity terms are the canonical
   * entity names of each mention in {@code mentions} (lower-cased, spaces as {@code _}: {@code vladimir_putin}),
   * one per mention; an empty array when {@code mentions} is null (no entity stage in this run).
   *
   * @param articles needs {@code doc_id, published, title, text}
   * @param mentions {@code entity_mentions} ({@code doc_id, entity}), or null
   */
  public static Dataset<Row> documents(Dataset<Row> articles, Dataset<Row> mentions) {
    Schemas.requireColumns("topics", articles, Col.DOC_ID, Col.PUBLISHED, Col.TITLE, Col.TEXT);
    Dataset<Row> docs = articles.select(col(Col.DOC_ID), col(Col.PUBLISHED), col(Col.TITLE), col(Col.TEXT));
    if (mentions == null) {
      return docs.withColumn(TextFeatures.ENTITY_TERMS, array().cast("array<string>"));
    }
    return withEntityTerms(docs, mentions);
  }

  /**
   * {@code rows} (with {@code doc_id}) with {@link TextFeatures#ENTITY_TERMS}: the article's canonical entities in
   * the order they are mentioned, lower case, spaces as underscores (empty without mentions). Needs
   * {@code doc_id, entity, begin} in {@code mentions}.
   */
  static Dataset<Row> withEntityTerms(Dataset<Row> rows, Dataset<Row> mentions) {
    Schemas.requireColumns("topics", mentions, Col.DOC_ID, Col.ENTITY);
    Column empty = array().cast("array<string>");
    Dataset<Row> terms = mentions.where(col(Col.ENTITY).isNotNull())
        .select(col(Col.DOC_ID), regexp_replace(lower(trim(col(Col.ENTITY))), "\\s+", "_").as("_e"),
            col(Col.BEGIN))
        .groupBy(Col.DOC_ID)
        .agg(sort_array(collect_list(struct(col(Col.BEGIN), col("_e")))).as("_es"))
        .select(col(Col.DOC_ID), col("_es").getField("_e").as(TextFeatures.ENTITY_TERMS));
    return rows.join(terms, toSeq(List.of(Col.DOC_ID)), "left")
        .withColumn(TextFeatures.ENTITY_TERMS, org.apache.spark.sql.functions.coalesce(
            col(TextFeatures.ENTITY_TERMS), empty));
  }

  /**
   * {@link #withTerms} for articles whose {@link TextFeatures#TERMS} are known (stored by an earlier run with the
   * same text stages): their entity terms appended as the text stages' last step appends them. Needs
   * {@code doc_id, published, terms}; returns {@code doc_id, published, terms, all_terms}.
   */
  public static Dataset<Row> withStoredTerms(Dataset<Row> stored, Dataset<Row> mentions) {
    Schemas.requireColumns("topic terms", stored, Col.DOC_ID, Col.PUBLISHED, TextFeatures.TERMS);
    return withEntityTerms(stored.select(col(Col.DOC_ID), col(Col.PUBLISHED), col(TextFeatures.TERMS)), mentions)
        .select(col(Col.DOC_ID), col(Col.PUBLISHED), col(TextFeatures.TERMS),
            concat(col(TextFeatures.TERMS), col(TextFeatures.ENTITY_TERMS)).as(TextFeatures.ALL_TERMS));
  }

  /**
   * A fingerprint of text stages ({@link #fitTerms} or {@link #termsOf}): every stage's class and parameters (the
   * token pattern, the stop words, the learned phrases...), JSON-encoded as Spark ML saves them, so that the stages
   * of a model and of the same model loaded again have the same one. 32 hex digits of SHA-256.
   */
  public static String termsFingerprint(PipelineModel terms) {
    try {
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      for (Transformer t : terms.stages()) {
        sha.update(t.getClass().getName().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<org.apache.spark.ml.param.ParamPair<?>> params =
            new ArrayList<>(scala.jdk.javaapi.CollectionConverters.asJava(t.extractParamMap().toSeq()));
        params.sort(java.util.Comparator.comparing(p -> p.param().name()));
        for (org.apache.spark.ml.param.ParamPair<?> p : params) {
          @SuppressWarnings("unchecked")
          org.apache.spark.ml.param.Param<Object> param = (org.apache.spark.ml.param.Param<Object>) p.param();
          sha.update((param.name() + "=" + param.jsonEncode(p.value()) + "\n")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
      }
      return java.util.HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * The corpus is too small (or too uniform) for a topic model: no term falls within the document-frequency
   * bounds. The run goes on without discovered topics; it is not an error.
   */
  public static final class NoVocabularyException extends IllegalStateException {
    public NoVocabularyException(String message) {
      super(message);
    }
  }

  /** An empty {@code doc_topics} table, with its schema. */
  public static Dataset<Row> emptyDocTopics(SparkSession spark) {
    StructType schema = new StructType()
        .add(Col.DOC_ID, DataTypes.StringType, true)
        .add(TOPIC_ID, DataTypes.IntegerType, true)
        .add(WEIGHT, DataTypes.DoubleType, true);
    return spark.createDataFrame(List.of(), schema);
  }

  /**
   * Fits the text stages (tokens to {@link TextFeatures#TERMS} and {@link TextFeatures#ALL_TERMS}, the phrase
   * detector learning its phrases from {@code documents}): the first half of training, before the vocabulary.
   */
  public static PipelineModel fitTerms(Dataset<Row> documents, TopicsConfig config) {
    return new Pipeline().setStages(TextFeatures.termStages(config).toArray(PipelineStage[]::new)).fit(documents);
  }

  /** The text stages of a whole model ({@link #fit}) or of its features: what {@link #fitTerms} returned. */
  public static PipelineModel termsOf(PipelineModel model) {
    PipelineModel features = model.stages()[0] instanceof PipelineModel f ? f : model;
    List<Transformer> stages = new ArrayList<>();
    for (Transformer t : features.stages()) {
      if (!(t instanceof CountVectorizerModel)) {
        stages.add(t);
      }
    }
    return new PipelineModel(features.uid(), stages);
  }

  /**
   * The documents with their terms, by the text stages {@code terms} ({@link #fitTerms} or {@link #termsOf}):
   * {@code doc_id, published, terms, all_terms}. Persist it: training ({@link #fitOnTerms}), inference
   * ({@link #inferOnTerms}), coherence and emerging terms all read it, and tokenising is the costly part.
   */
  public static Dataset<Row> withTerms(PipelineModel terms, Dataset<Row> documents) {
    Schemas.requireColumns("topic terms", documents, Col.DOC_ID, Col.PUBLISHED, Col.TITLE, Col.TEXT,
        TextFeatures.ENTITY_TERMS);
    return terms.transform(documents).select(col(Col.DOC_ID), col(Col.PUBLISHED), col(TextFeatures.TERMS),
        col(TextFeatures.ALL_TERMS));
  }

  /** Fits the feature stages only (tests, benchmark): {@code documents} to {@code features}. */
  public static PipelineModel fitFeatures(Dataset<Row> documents, TopicsConfig config) {
    return onFittedTerms(documents, config, (terms, termDocs) -> features(terms, termDocs, config));
  }

  /** {@code then} on newly fitted text stages and the documents' terms by them, cached while it runs. */
  private static PipelineModel onFittedTerms(Dataset<Row> documents, TopicsConfig config,
      BiFunction<PipelineModel, Dataset<Row>, PipelineModel> then) {
    PipelineModel terms = fitTerms(documents, config);
    Dataset<Row> termDocs = withTerms(terms, documents).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return then.apply(terms, termDocs);
    } finally {
      termDocs.unpersist();
    }
  }

  /** The text stages and the vocabulary chosen on {@code termDocs} ({@link #withTerms}), as one model. */
  private static PipelineModel features(PipelineModel terms, Dataset<Row> termDocs, TopicsConfig config) {
    CountVectorizerModel vectorizer = TextFeatures.vocabulary(termDocs, config);
    List<Transformer> stages = new ArrayList<>(Arrays.asList(terms.stages()));
    stages.add(vectorizer);
    return new PipelineModel(org.apache.spark.ml.util.Identifiable$.MODULE$.randomUID("storyline_features"), stages);
  }

  /**
   * Trains the whole model on {@code documents} ({@link #documents}): the feature stages, then LDA on the cached
   * term-count vectors (so LDA's iterations do not tokenise again). Returns one {@code PipelineModel} of two
   * stages, the fitted features and the LDA model, saved and loaded as one.
   */
  public static PipelineModel fit(Dataset<Row> documents, TopicsConfig config) {
    Schemas.requireColumns("topic model training", documents, Col.DOC_ID);
    return onFittedTerms(documents, config, (terms, termDocs) -> fitOnTerms(terms, termDocs, config));
  }

  /**
   * The second half of {@link #fit}: the vocabulary and LDA, trained on {@code termDocs} ({@link #withTerms} of the
   * documents by {@code terms}, the fitted text stages). The same model as {@code fit} on those documents.
   *
   * @throws NoVocabularyException when no term is within the document-frequency bounds
   */
  public static PipelineModel fitOnTerms(PipelineModel terms, Dataset<Row> termDocs, TopicsConfig config) {
    PipelineModel features = features(terms, termDocs, config);
    CountVectorizerModel vectorizer = (CountVectorizerModel) features.stages()[features.stages().length - 1];
    // Online LDA samples its mini-batches partition by partition, so the fitted topics depend on how the vectors
    // are laid out. A layout fixed by the corpus alone (hash of doc_id into a count of partitions that depends
    // only on the number of articles, sorted within each) gives the same model on a laptop and on a cluster.
    int partitions = trainingPartitions(termDocs.count());
    Dataset<Row> vectors = vectorizer.transform(termDocs).select(col(Col.DOC_ID), col(TextFeatures.FEATURES))
        .repartition(partitions, col(Col.DOC_ID)).sortWithinPartitions(Col.DOC_ID)
        .select(col(TextFeatures.FEATURES))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return fitLda(features, vectors, config);
    } finally {
      vectors.unpersist();
    }
  }

  /** Partitions of the LDA training data: one per 5,000 articles, at least 2 and at most 200. */
  static int trainingPartitions(long articles) {
    return (int) Math.max(2, Math.min(200, (articles + 4_999) / 5_000));
  }

  /**
   * Trains LDA on term-count vectors ({@code features} column; cache them) made by {@code features}, and returns
   * the whole model. The online optimizer's mini-batch fraction is {@code --topic-subsampling}, or
   * {@link #autoSubsampling}.
   */
  public static PipelineModel fitLda(PipelineModel features, Dataset<Row> vectors, TopicsConfig config) {
    long n = vectors.count();
    double fraction = autoSubsampling(config, n);
    LDA lda = new LDA().setK(config.k()).setMaxIter(config.iterations()).setOptimizer(config.optimizer())
        .setSeed(config.seed()).setFeaturesCol(TextFeatures.FEATURES).setTopicDistributionCol(DISTRIBUTION);
    if (config.optimizer().equals("online")) {
      lda.setSubsamplingRate(fraction).setLearningOffset(config.learningOffset());
    }
    if (config.topicConcentration() > 0) {
      lda.setTopicConcentration(config.topicConcentration());
    }
    LDAModel model = lda.fit(vectors);
    return new PipelineModel(org.apache.spark.ml.util.Identifiable$.MODULE$.randomUID("storyline_topics"),
        new Transformer[] {features, model});
  }

  /**
   * The online mini-batch fraction: {@code --topic-subsampling} when set, else {@code min(1, max(10 / iterations,
   * 2000 / articles))}: at least ten passes over the corpus in all (fewer leave online LDA far from converged:
   * mean NPMI 0.56 against 0.65 on the benchmark), whole-corpus batches for small corpora.
   */
  public static double autoSubsampling(TopicsConfig config, long articles) {
    if (config.subsampling() > 0) {
      return config.subsampling();
    }
    return Math.min(1.0, Math.max(10.0 / config.iterations(), 2000.0 / Math.max(1, articles)));
  }

  public static PipelineModel load(String path) {
    return PipelineModel.load(path);
  }

  public static void save(PipelineModel model, String path) {
    try {
      model.write().overwrite().save(path);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot save the topic model to " + path, e);
    }
  }

  static PipelineModel featuresOf(PipelineModel model) {
    return (PipelineModel) model.stages()[0];
  }

  /**
   * A fingerprint of what per-article inference depends on in a model: its vocabulary (term ids), the topics'
   * term weights, the document concentration, the seed and k. Two models with the same fingerprint give every
   * article the same topic weights; a model reloaded from its saved files keeps its fingerprint (the doubles are
   * stored as they are). 32 hex digits of SHA-256, computed on the driver (k times the vocabulary doubles).
   */
  public static String fingerprint(PipelineModel model) {
    try {
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      for (String term : vocabulary(model)) {
        sha.update(term.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      LDAModel lda = ldaOf(model);
      double[] topics = lda.topicsMatrix().toArray();
      double[] alpha = lda.estimatedDocConcentration().toArray();
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(8 * (topics.length + alpha.length + 3));
      buf.putLong(lda.getK()).putLong(lda.getSeed()).putLong(topics.length);
      for (double d : topics) {
        buf.putDouble(d);
      }
      for (double d : alpha) {
        buf.putDouble(d);
      }
      sha.update(buf.array());
      return java.util.HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  static LDAModel ldaOf(PipelineModel model) {
    Transformer last = model.stages()[model.stages().length - 1];
    if (!(last instanceof LDAModel lda)) {
      throw new IllegalArgumentException("not a Storyline topic model: its last stage is " + last.getClass());
    }
    return lda;
  }

  /** The vocabulary of a model, index = term id. */
  public static String[] vocabulary(PipelineModel model) {
    return vectorizerOf(model).vocabulary();
  }

  private static CountVectorizerModel vectorizerOf(PipelineModel model) {
    for (Transformer t : featuresOf(model).stages()) {
      if (t instanceof CountVectorizerModel cv) {
        return cv;
      }
    }
    throw new IllegalArgumentException("the topic model has no CountVectorizerModel");
  }

  /** Number of topics of a model. */
  public static int k(PipelineModel model) {
    return ldaOf(model).getK();
  }

  /**
   * Per-article inference: {@code doc_id, published, terms, all_terms, topic_distribution} (a vector of
   * {@code k} weights summing to 1; all zeros for an article with no vocabulary term).
   */
  public static Dataset<Row> infer(PipelineModel model, Dataset<Row> documents) {
    return inferOnTerms(model, withTerms(termsOf(model), documents));
  }

  /**
   * {@link #infer} on documents whose terms are already there ({@link #withTerms} by {@link #termsOf} the model):
   * only the vocabulary and LDA's per-document inference run.
   */
  public static Dataset<Row> inferOnTerms(PipelineModel model, Dataset<Row> termDocs) {
    Schemas.requireColumns("topic inference", termDocs, Col.DOC_ID, Col.PUBLISHED, TextFeatures.TERMS,
        TextFeatures.ALL_TERMS);
    CountVectorizerModel vectorizer = vectorizerOf(model);
    return ldaOf(model).transform(vectorizer.transform(termDocs)).select(col(Col.DOC_ID), col(Col.PUBLISHED),
        col(TextFeatures.TERMS), col(TextFeatures.ALL_TERMS), col(DISTRIBUTION));
  }


  /**
   * The {@code doc_topics} rows: each article's {@link #TOPICS_PER_DOC} heaviest topics with weight at least
   * {@code minWeight}: {@code doc_id, topic_id, weight}.
   */
  public static Dataset<Row> docTopics(Dataset<Row> inferred, double minWeight) {
    Schemas.requireColumns("doc_topics", inferred, Col.DOC_ID, DISTRIBUTION);
    Column weights = functions.vector_to_array(col(DISTRIBUTION), "float64");
    Column pairs = transform(weights, (w, i) -> struct(w.as(WEIGHT), i.multiply(-1).as("_neg_id")));
    Column top = slice(sort_array(pairs, false), 1, TOPICS_PER_DOC);
    return inferred.select(col(Col.DOC_ID), inline(top))
        .where(col(WEIGHT).geq(minWeight).and(col(WEIGHT).gt(0)))
        .select(col(Col.DOC_ID), col("_neg_id").multiply(-1).cast("int").as(TOPIC_ID), col(WEIGHT));
  }

  /** One topic: id, label, top terms and their weights (the topic's term probabilities). */
  public record Topic(int id, String label, List<String> terms, List<Double> weights) {}

  /** The topics of a model with their {@code n} top terms; label = the top three terms. Bounded by k. */
  public static List<Topic> describe(PipelineModel model, int n) {
    String[] vocabulary = vocabulary(model);
    List<Row> rows = ldaOf(model).describeTopics(n).orderBy("topic").collectAsList();
    List<Topic> topics = new ArrayList<>();
    for (Row r : rows) {
      List<Integer> indices = r.getList(1);
      List<Double> weights = r.getList(2);
      List<String> terms = indices.stream().map(i -> vocabulary[i]).toList();
      topics.add(new Topic(r.getInt(0), String.join(", ", terms.subList(0, Math.min(3, terms.size()))), terms,
          List.copyOf(weights)));
    }
    return topics;
  }

  /** The {@code topics} table: {@code topic_id, label, terms, weights, coherence}. */
  public static Dataset<Row> topicsTable(SparkSession spark, List<Topic> topics, double[] coherence) {
    StructType schema = new StructType()
        .add(TOPIC_ID, DataTypes.IntegerType, false)
        .add(LABEL, DataTypes.StringType, false)
        .add(TERMS, DataTypes.createArrayType(DataTypes.StringType, false), false)
        .add(WEIGHTS, DataTypes.createArrayType(DataTypes.DoubleType, false), false)
        .add(COHERENCE, DataTypes.DoubleType, true);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < topics.size(); i++) {
      Topic t = topics.get(i);
      rows.add(RowFactory.create(t.id(), t.label(), t.terms().toArray(String[]::new),
          t.weights().toArray(Double[]::new), Double.isNaN(coherence[i]) ? null : coherence[i]));
    }
    return spark.createDataFrame(rows, schema);
  }

  /** The top terms of each topic, for {@link Coherence}. */
  public static List<List<String>> termLists(List<Topic> topics) {
    return topics.stream().map(Topic::terms).toList();
  }

  static scala.collection.immutable.Seq<String> toSeq(List<String> names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(names).toList();
  }
}
