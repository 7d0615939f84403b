package org.storyline.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.storyline.config.ConfigOption;
import org.storyline.config.EntitiesConfig;
import org.storyline.config.InputFormat;
import org.storyline.config.JobConfig;
import org.storyline.config.Settings;
import org.storyline.entities.Entities;
import org.storyline.entities.EntitySchemas;
import org.storyline.entities.NerBenchSupport;
import org.storyline.ingest.Deduplication;
import org.storyline.ingest.Ingest;
import org.storyline.io.InputReader;
import org.storyline.io.InputResolver;
import org.storyline.schema.Col;

/**
 * NER throughput on real articles, three ways on the same texts and the same number of cores, in one JVM:
 *
 * <ol>
 *   <li>bare: Storyline's recognizer (PTB tokenizer, sentence splitter, CRF {@code classifySentence}) on plain
 *       threads, one per core;</li>
 *   <li>spark: the entities stage's NER step ({@code Entities.recognize}) in Spark {@code local[cores]}, written to
 *       Parquet as the pipeline does;</li>
 *   <li>stock: CoreNLP's own {@code StanfordCoreNLP} pipeline (tokenize,ssplit,pos,lemma,ner, default settings) on
 *       plain threads, one per core;</li>
 *   <li>lean (context only): the same pipeline with one CRF model (ours) and without SUTime, the numeric
 *       classifiers and the fine-grained rules.</li>
 * </ol>
 *
 * Each is warmed up on the first 500 texts before it is timed (JIT), and the peak heap (sampled every 10 ms) and
 * peak resident memory of the JVM are recorded per mode: in local mode the JVM is the executor.
 *
 * <p>Run with {@code bench/ner.sh [--articles N] [--cores N] [--no-stock] [--reuters DIR]}.
 */
public final class NerBenchmark {
  private NerBenchmark() {}

  record Measure(String mode, long articles, long tokens, double seconds, long peakHeapMb, long peakRssMb) {
    double tokensPerSecond() {
      return tokens / seconds;
    }
  }

  public static void main(String[] args) throws Exception {
    int articles = 6000;
    int cores = 2;
    boolean stock = true;
    String reuters = "../shared/data/reuters21578";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--articles" -> articles = Integer.parseInt(args[++i]);
        case "--cores" -> cores = Integer.parseInt(args[++i]);
        case "--no-stock" -> stock = false;
        case "--reuters" -> reuters = args[++i];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    SparkSession spark = SparkSession.builder().appName("ner-benchmark").master("local[" + cores + "]")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", String.valueOf(2 * cores))
        .config("spark.sql.artifact.isolation.enabled", "false")
        .config("spark.sql.artifact.isolation.alwaysApplyClassloader", "false")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");

    Settings settings = Settings.defaults().with(Map.of(ConfigOption.INPUT, List.of(reuters),
        ConfigOption.OUTPUT, "unused", ConfigOption.FORMAT, InputFormat.REUTERS.name().toLowerCase(Locale.ROOT)));
    JobConfig config = JobConfig.from(settings);
    EntitiesConfig entities = config.entities();

    // The texts: Reuters stories ingested as a run does, the analysed ones, the first N by doc_id.
    InputResolver.Resolution inputs = InputResolver.resolve(config.inputs(), config.format(),
        spark.sparkContext().hadoopConfiguration());
    Dataset<Row> analysable = Entities.analysable(
        Ingest.articles(Ingest.classify(InputReader.read(spark, inputs, config.ingest().maxRecordBytes()), config),
            config)
            .drop(Deduplication.DUPLICATE_KIND), config.ingest().languages())
        .orderBy(col(Col.DOC_ID)).limit(articles);
    List<Row> rows = analysable.collectAsList(); // bounded by --articles: the bare and stock modes need the texts
    List<String> texts = rows.stream().map(r -> r.getString(3)).toList();
    Dataset<Row> input = spark.createDataFrame(rows, analysable.schema()).persist(StorageLevel.MEMORY_ONLY());
    input.count();
    System.out.printf(Locale.ROOT, "%,d Reuters-21578 articles (%,d chars), %d cores, models %s%n", texts.size(),
        texts.stream().mapToLong(String::length).sum(), cores, entities.models());

    long heapBefore = usedHeapAfterGc();
    long loadStart = System.nanoTime();
    NerBenchSupport.load(entities);
    double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
    long modelHeap = usedHeapAfterGc() - heapBefore;

    List<String> warm = texts.subList(0, Math.min(500, texts.size()));
    List<Measure> measures = new ArrayList<>();
    final int threads = cores;
    NerBenchSupport.tagAll(warm, threads, entities);
    measures.add(measure("bare CRF, " + cores + " threads", texts.size(),
        () -> NerBenchSupport.tagAll(texts, threads, entities)));

    Path out = Files.createTempDirectory("ner-bench");
    int partitions = Entities.nerPartitions(texts.size(), spark.sparkContext().defaultParallelism());
    runSpark(input.limit(warm.size()), entities, partitions, out.resolve("warm"));
    measures.add(measure("Spark NER stage, local[" + cores + "]", texts.size(),
        () -> runSpark(input, entities, partitions, out.resolve("ner"))));

    if (stock) {
      Properties props = new Properties();
      props.setProperty("annotators", "tokenize,ssplit,pos,lemma,ner");
      measures.add(measurePipeline("stock CoreNLP pipeline, " + cores + " threads", props, texts, warm, threads));
      // For context, not a target: the same pipeline trimmed to what Storyline's NER does (one CRF model, no
      // SUTime, numeric classifiers or fine-grained rules), which still runs the POS tagger and lemmatizer.
      Properties lean = new Properties();
      lean.setProperty("annotators", "tokenize,ssplit,pos,lemma,ner");
      lean.setProperty("ner.model", String.join(",", entities.models()));
      lean.setProperty("ner.useSUTime", "false");
      lean.setProperty("ner.applyNumericClassifiers", "false");
      lean.setProperty("ner.applyFineGrained", "false");
      lean.setProperty("ner.buildEntityMentions", "false");
      measures.add(measurePipeline("lean CoreNLP pipeline (1 model), " + cores + " thr.", lean, texts, warm,
          threads));
    }
    print(measures, cores, loadSeconds, modelHeap);
    deleteRecursively(out);
    spark.stop();
  }

  interface Run {
    long tokens() throws Exception;
  }

  private static long runSpark(Dataset<Row> input, EntitiesConfig entities, int partitions, Path out) {
    Entities.recognize(input, entities, partitions).write().mode(SaveMode.Overwrite).parquet(out.toString());
    Row total = input.sparkSession().read().parquet(out.toString()).agg(sum(col(EntitySchemas.TOKENS))).first();
    return total.getLong(0);
  }

  /** Loads a StanfordCoreNLP pipeline, warms it up and times it on the texts; the pipeline is dropped after. */
  private static Measure measurePipeline(String mode, Properties props, List<String> texts, List<String> warm,
      int threads) throws Exception {
    long start = System.nanoTime();
    StanfordCoreNLP pipeline = new StanfordCoreNLP(props);
    System.out.printf(Locale.ROOT, "%s loaded in %.1f s%n", mode, (System.nanoTime() - start) / 1e9);
    runStock(pipeline, warm, threads);
    return measure(mode, texts.size(), () -> runStock(pipeline, texts, threads));
  }

  private static long runStock(StanfordCoreNLP pipeline, List<String> texts, int threads) throws Exception {
    return NerBenchSupport.onThreads(texts, threads, () -> text -> {
      Annotation doc = new Annotation(text);
      pipeline.annotate(doc);
      return doc.get(CoreAnnotations.TokensAnnotation.class).size();
    });
  }

  private static Measure measure(String mode, long articles, Run run) throws Exception {
    System.gc();
    resetPeakRss();
    AtomicBoolean done = new AtomicBoolean();
    AtomicLong peakHeap = new AtomicLong();
    Thread sampler = new Thread(() -> {
      while (!done.get()) {
        peakHeap.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    sampler.setDaemon(true);
    sampler.start();
    long start = System.nanoTime();
    long tokens = run.tokens();
    double seconds = (System.nanoTime() - start) / 1e9;
    done.set(true);
    sampler.join();
    Measure m = new Measure(mode, articles, tokens, seconds, peakHeap.get() >> 20, peakRssKb() >> 10);
    System.out.printf(Locale.ROOT, "  %s: %,d tokens in %.1f s%n", mode, tokens, seconds);
    return m;
  }

  private static void print(List<Measure> measures, int cores, double loadSeconds, long modelHeap) {
    Measure bare = measures.get(0);
    Measure spark = measures.get(1);
    Measure stock = measures.size() > 2 ? measures.get(2) : null;
    System.out.println();
    System.out.printf(Locale.ROOT, "%-38s %9s %10s %8s %10s %14s %9s %9s %9s%n", "mode", "articles", "tokens",
        "seconds", "tokens/s", "tokens/s/core", "vs bare", "peak heap", "peak RSS");
    for (Measure m : measures) {
      System.out.printf(Locale.ROOT, "%-38s %9d %10d %8.1f %10.0f %14.0f %9.2f %7d MB %6d MB%n", m.mode(),
          m.articles(), m.tokens(), m.seconds(), m.tokensPerSecond(), m.tokensPerSecond() / cores,
          m.tokensPerSecond() / bare.tokensPerSecond(), m.peakHeapMb(), m.peakRssMb());
    }
    System.out.println();
    double perCore = spark.tokensPerSecond() / cores;
    double vsBare = spark.tokensPerSecond() / bare.tokensPerSecond();
    System.out.printf(Locale.ROOT, "Spark NER per core: %,.0f tokens/s (target >= 25,000): %s%n", perCore,
        perCore >= 25_000 ? "met" : "NOT met");
    System.out.printf(Locale.ROOT, "Spark / bare: %.2f (target >= 0.70, i.e. within 30%%): %s%n", vsBare,
        vsBare >= 0.7 ? "met" : "NOT met");
    if (stock != null) {
      double vsStock = spark.tokensPerSecond() / stock.tokensPerSecond();
      System.out.printf(Locale.ROOT, "Spark / stock pipeline: %.2f (target >= 3): %s%n", vsStock,
          vsStock >= 3 ? "met" : "NOT met");
      Measure lean = measures.get(3);
      System.out.printf(Locale.ROOT, "Spark / lean pipeline: %.2f (for context: POS tagger and lemmatizer kept, "
          + "one CRF model, no SUTime or rules)%n", spark.tokensPerSecond() / lean.tokensPerSecond());
    }
    System.out.printf(Locale.ROOT, "model: loaded in %.1f s, %d MB of heap retained (once per executor JVM); "
        + "max heap %d MB%n", loadSeconds, modelHeap >> 20, Runtime.getRuntime().maxMemory() >> 20);
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        used += pool.getUsage().getUsed();
      }
    }
    return used;
  }

  /** Resets the kernel's peak-RSS counter of this process (Linux; ignored elsewhere). */
  private static void resetPeakRss() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    } catch (IOException | RuntimeException e) {
      // not Linux, or not allowed: the peak then covers the whole run so far
    }
  }

  private static long peakRssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
