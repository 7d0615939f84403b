package org.storyline.bench;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.storyline.config.TopicsConfig;
import org.storyline.topics.Coherence;
import org.storyline.topics.TextFeatures;
import org.storyline.topics.TopicModel;

/**
 * LDA benchmark: Storyline's topic model (Spark MLlib online LDA, the product defaults) against MALLET's
 * ParallelTopicModel, in the same invocation, on the same documents and the same vocabulary (MALLET gets each
 * article's vocabulary terms in text order, exactly the tokens MLlib counts). Reports wall times of training and
 * inference and the mean NPMI coherence of each model's top-10 terms over the same documents.
 *
 * <p>{@code bench/topics.sh [N ...]} runs it; arguments: JSON-lines files of articles (scripts/generate-sample.sh
 * --scale N FILE). System properties: {@code k} (20), {@code iterations} (50, MLlib), {@code mallet.iterations}
 * (1000), {@code threads} (2: Spark local[threads] and MALLET threads).
 */
public final class TopicBench {
  private TopicBench() {}

  record Row2(String corpus, long docs, long tokens, int vocab, String system, double train, double infer,
      double npmi) {}

  public static void main(String[] args) {
    int code = 0;
    try {
      run(args);
    } catch (Exception e) {
      org.slf4j.LoggerFactory.getLogger(TopicBench.class).error("benchmark failed", e);
      code = 1;
    }
    // MALLET's worker threads are not daemons: exit explicitly, also after a failure.
    System.exit(code);
  }

  static void run(String[] args) throws Exception {
    int k = Integer.getInteger("k", 20);
    int iterations = Integer.getInteger("iterations", 50);
    int malletIterations = Integer.getInteger("mallet.iterations", 1000);
    int threads = Integer.getInteger("threads", 2);
    SparkSession spark = SparkSession.builder().master("local[" + threads + "]").appName("topic-bench")
        .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", String.valueOf(2 * threads))
        .config("spark.sql.artifact.isolation.enabled", "false")
        .getOrCreate();
    ReferenceTopicModel mallet = (ReferenceTopicModel) Class.forName("org.storyline.bench.mallet.MalletLda")
        .getDeclaredConstructor().newInstance();
    // (Loaded up front so that a build without -Pbench fails before any work.)
    boolean runMallet = Boolean.parseBoolean(System.getProperty("mallet", "true"));
    // MLlib variants to time, "tau0:eta" each (eta 0 = MLlib's default); default: the product defaults.
    String[] variants = System.getProperty("variants", "10:0").split(",");
    TopicsConfig config = new TopicsConfig(k, iterations, "online", 0, 10, 0, 20250903L, Optional.empty(), false,
        20000, 3, 0.5, 5, 0.5, 0.1, Map.of());
    List<Row2> rows = new ArrayList<>();
    for (String file : args) {
      Dataset<Row> raw = spark.read().json(file).select(col("id").as("doc_id"), col("title"), col("text"),
          to_timestamp(col("published")).as("published"));
      Dataset<Row> docs = TopicModel.documents(raw, null).repartition(2 * threads)
          .persist(StorageLevel.MEMORY_AND_DISK());
      long n = docs.count();

      long t0 = System.nanoTime();
      PipelineModel features = TopicModel.fitFeatures(docs, config);
      Dataset<Row> vectors = features.transform(docs).select(col("doc_id"), col(TextFeatures.ALL_TERMS),
          col(TextFeatures.FEATURES)).persist(StorageLevel.MEMORY_AND_DISK());
      vectors.count();
      double featureSeconds = seconds(t0);

      String name = file.replaceAll(".*/", "");
      rows.add(new Row2(name, n, 0, 0, "features (Spark ML)", featureSeconds, 0, Double.NaN));
      PipelineModel model = null;
      for (String variant : variants) {
        String[] v = variant.split(":");
        TopicsConfig c = new TopicsConfig(k, iterations, "online", 0, Double.parseDouble(v[0]),
            Double.parseDouble(v[1]), config.seed(), Optional.empty(), false, config.vocabSize(), config.minDf(),
            config.maxDf(), config.bigramMinCount(), config.bigramMinNpmi(), config.minTopicWeight(), Map.of());
        long t1 = System.nanoTime();
        PipelineModel m = TopicModel.fitLda(features, vectors.select(TextFeatures.FEATURES), c);
        double train = seconds(t1);
        Transformer lda = m.stages()[1];
        long t2 = System.nanoTime();
        lda.transform(vectors).select(sum(element_at(org.apache.spark.ml.functions.vector_to_array(
            col(TopicModel.DISTRIBUTION), "float64"), 1))).first();
        double infer = seconds(t2);
        List<List<String>> mllibTop = TopicModel.termLists(TopicModel.describe(m, 10));
        double mllibNpmi = Coherence.mean(Coherence.npmi(vectors, TextFeatures.ALL_TERMS, mllibTop));
        rows.add(new Row2(name, n, 0, 0, String.format(Locale.ROOT, "MLlib online %d it tau0=%s eta=%s",
            iterations, v[0], v[1].equals("0") ? "1/k" : v[1]), train, infer, mllibNpmi));
        System.out.println("\n" + name + " MLlib topics (" + variant + "):");
        mllibTop.forEach(t -> System.out.println("  " + String.join(" ", t)));
        if (model == null) {
          model = m;
        }
      }
      String[] vocabulary = TopicModel.vocabulary(model);
      List<Row> vocabRows = new ArrayList<>();
      for (int i = 0; i < vocabulary.length; i++) {
        vocabRows.add(org.apache.spark.sql.RowFactory.create(vocabulary[i], i));
      }
      Dataset<Row> vocab = spark.createDataFrame(vocabRows, new org.apache.spark.sql.types.StructType()
          .add("term", "string").add("id", "int"));
      Dataset<Row> ids = vectors.select(col("doc_id"), posexplode(col(TextFeatures.ALL_TERMS)).as(
              new String[] {"pos", "term"}))
          .join(broadcast(vocab), "term")
          .groupBy("doc_id").agg(sort_array(collect_list(struct(col("pos"), col("id")))).as("p"))
          .select(transform(col("p"), x -> x.getField("id")).as("ids"))
          .where(size(col("ids")).gt(0));
      List<int[]> malletDocs = new ArrayList<>();
      long tokens = 0;
      for (Row r : ids.collectAsList()) {
        List<Integer> list = r.getList(0);
        int[] a = list.stream().mapToInt(Integer::intValue).toArray();
        tokens += a.length;
        malletDocs.add(a);
      }
      for (Row2 r : new ArrayList<>(rows)) {
        if (r.corpus().equals(name)) {
          rows.set(rows.indexOf(r), new Row2(r.corpus(), r.docs(), tokens, vocabulary.length, r.system(), r.train(),
              r.infer(), r.npmi()));
        }
      }
      if (runMallet) {
        ReferenceTopicModel.Result ref = mallet.run(malletDocs.toArray(int[][]::new), vocabulary, k,
            malletIterations, threads, 20250903);
        double malletNpmi = Coherence.mean(Coherence.npmi(vectors, TextFeatures.ALL_TERMS, ref.topTerms()));
        rows.add(new Row2(name, n, tokens, vocabulary.length, "MALLET Gibbs, " + malletIterations + " it",
            ref.trainSeconds(), ref.inferSeconds(), malletNpmi));
        System.out.println(name + " MALLET topics:");
        ref.topTerms().forEach(t -> System.out.println("  " + String.join(" ", t)));
      }
      vectors.unpersist();
      docs.unpersist();
      print(rows, k, threads);
    }
    spark.stop();
  }

  static void print(List<Row2> rows, int k, int threads) {
    System.out.printf(Locale.ROOT, "%nLDA benchmark: k=%d, %d threads (Spark local[%d] / MALLET threads)%n", k,
        threads, threads);
    System.out.printf(Locale.ROOT, "%-22s %8s %10s %6s  %-36s %9s %9s %7s %12s %11s%n", "corpus", "articles",
        "tokens", "vocab", "system", "train s", "infer s", "NPMI", "train ratio", "NPMI diff");
    for (Row2 r : rows) {
      Row2 ref = rows.stream().filter(x -> x.corpus().equals(r.corpus()) && x.system().startsWith("MALLET"))
          .findFirst().orElse(null);
      boolean features = r.system().startsWith("features");
      String ratio = ref == null || features ? "" : String.format(Locale.ROOT, "%.2fx", r.train() / ref.train());
      String diff = ref == null || features ? "" : String.format(Locale.ROOT, "%+.3f", r.npmi() - ref.npmi());
      System.out.printf(Locale.ROOT, "%-22s %8d %10d %6d  %-36s %9.1f %9s %7s %12s %11s%n", r.corpus(), r.docs(),
          r.tokens(), r.vocab(), r.system(), r.train(), features ? "" : String.format(Locale.ROOT, "%.1f",
              r.infer()), features ? "" : String.format(Locale.ROOT, "%.3f", r.npmi()), ratio, diff);
    }
  }

  static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
