package org.storyline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.storyline.config.ConfigOption;
import org.storyline.config.JobConfig;
import org.storyline.config.Settings;
import org.storyline.pipeline.Pipeline;
import org.storyline.sample.SampleCorpus;

/**
 * Ingestion throughput on corpora scaled up from the sample generator (JSON lines). For each size, in one JVM and
 * one Spark session: the baseline is Spark's own JSON reader parsing the same file ({@code spark.read().json}
 * + count); then Storyline's ingest stage (read, map fields, clean HTML, parse dates, ids, language, rejects,
 * Parquet output) without and with near-duplicate detection. Reported: seconds, articles/s, MB/s, time as a
 * multiple of the baseline, peak heap (local mode: driver and executors share it).
 *
 * <p>{@code bench/ingest.sh [SIZES] [WORKDIR]}, SIZES comma-separated (default 10000,100000).
 */
public final class IngestBench {
  private IngestBench() {}

  public static void main(String[] args) throws IOException {
    List<Integer> sizes = Arrays.stream((args.length > 0 ? args[0] : "10000,100000").split(","))
        .map(String::trim).map(Integer::parseInt).toList();
    Path work = Path.of(args.length > 1 ? args[1] : "target/bench/ingest");
    Files.createDirectories(work);
    SparkSession spark = BenchSupport.session("storyline-bench-ingest");
    spark.sparkContext().setLogLevel("WARN");

    BenchSupport.Table table = new BenchSupport.Table(
        "articles", "MB", "variant", "seconds", "articles/s", "MB/s", "x baseline", "peak heap MB");
    for (int size : sizes) {
      Path corpus = work.resolve("corpus-" + size + ".jsonl");
      if (!Files.exists(corpus)) {
        SampleCorpus.writeJsonl(corpus, scaled(size));
      }
      double mb = Files.size(corpus) / 1e6;
      long articles;
      try (var lines = Files.lines(corpus)) {
        articles = lines.count();
      }
      // Warm-up: the first Spark job of a JVM pays for class loading and code generation.
      spark.read().json(corpus.toString()).limit(10).count();

      BenchSupport.resetPeakHeap();
      long t0 = System.nanoTime();
      long parsed = spark.read().json(corpus.toString()).count();
      double baseline = (System.nanoTime() - t0) / 1e9;
      table.row(articles, mb, "baseline: spark.read.json + count", baseline, articles / baseline, mb / baseline,
          1.0, BenchSupport.peakHeapMb());
      if (parsed != articles) {
        throw new IllegalStateException("baseline read " + parsed + " of " + articles);
      }

      for (boolean nearDuplicates : new boolean[] {false, true}) {
        Path out = work.resolve("out-" + size + (nearDuplicates ? "-near" : "-exact"));
        Map<ConfigOption, Object> options = new HashMap<>(Map.of(ConfigOption.INPUT, corpus.toString(),
            ConfigOption.OUTPUT, out.toString(), ConfigOption.KEEP_RUNS, "1"));
        if (!nearDuplicates) {
          options.put(ConfigOption.NEAR_DUPLICATE_THRESHOLD, "1");
        }
        JobConfig config = JobConfig.from(Settings.resolve(Map.of(), options));
        BenchSupport.resetPeakHeap();
        long start = System.nanoTime();
        Pipeline.RunResult result = Pipeline.run(spark, config);
        double seconds = ingestSeconds(result, (System.nanoTime() - start) / 1e9);
        table.row(articles, mb, nearDuplicates ? "storyline ingest, near-dup on" : "storyline ingest, exact dup only",
            seconds, articles / seconds, mb / seconds, seconds / baseline, BenchSupport.peakHeapMb());
      }
    }
    System.out.println();
    System.out.println("Ingestion throughput (local[*], " + Runtime.getRuntime().availableProcessors()
        + " cores, max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MB)");
    System.out.print(table.render());
    spark.stop();
  }

  /** The ingest stage's own wall time from the manifest (later stages of the pipeline are not ingestion). */
  @SuppressWarnings("unchecked")
  private static double ingestSeconds(Pipeline.RunResult result, double fallback) {
    for (Map<String, Object> stage : (List<Map<String, Object>>) result.manifest().get("stages")) {
      if ("ingest".equals(stage.get("name"))) {
        return ((Number) stage.get("seconds")).doubleValue();
      }
    }
    return fallback;
  }

  private static List<SampleCorpus.Article> scaled(int size) {
    long days = java.time.temporal.ChronoUnit.DAYS.between(SampleCorpus.START, SampleCorpus.END) + 1;
    return new SampleCorpus(7).articles(SampleCorpus.START, SampleCorpus.END, size / (double) days, true);
  }
}
