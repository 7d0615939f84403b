package org.storyline.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storyline.config.JobConfig;
import org.storyline.cooccurrence.CooccurrenceStage;
import org.storyline.entities.EntitiesStage;
import org.storyline.ingest.IngestStage;
import org.storyline.io.FaultPoints;
import org.storyline.io.InputFile;
import org.storyline.io.InputResolver;
import org.storyline.io.ReportStore;
import org.storyline.run.RunContext;
import org.storyline.run.Stage;
import org.storyline.run.StageResult;
import org.storyline.topics.TopicsStage;
import org.storyline.topics.TrendsStage;

/**
 * Runs the stages in order. Each stage's tables are written to the run's staging folder and read back by the next
 * stage (so lineage stays short and an expensive stage such as NER runs once); the run is published only when
 * every table and the manifest are written. A failed run is recorded, with the stages that ran, in the history.
 */
public final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private Pipeline() {}

  /** The fault point of a run whose report folder is open and whose SparkSession exists, before its first stage. */
  public static final String STARTED = "started";

  /** The stages of a run, in order: each reads only tables that the ones before it wrote. */
  public static List<Stage> stages() {
    return List.of(new IngestStage(), new EntitiesStage(), new CooccurrenceStage(), new TopicsStage(),
        new TrendsStage());
  }

  /**
   * What a run produced: its id, its manifest, and the warnings of a published run (steps after the commit point
   * that failed, such as its history entry: see {@link ReportStore#publish}).
   */
  public record RunResult(String runId, Map<String, Object> manifest, List<String> warnings) {}

  public static RunResult run(SparkSession spark, JobConfig config) {
    return run(spark, config, InputResolver.resolve(config.inputs(), config.format(),
        spark.sparkContext().hadoopConfiguration()));
  }

  /** The same on inputs already listed (by {@link Preflight}). */
  public static RunResult run(SparkSession spark, JobConfig config, InputResolver.Resolution inputs) {
    Instant started = Instant.now();
    spark.conf().set("spark.sql.session.timeZone", "UTC");
    String runId = ReportStore.newRunId();
    Map<String, Object> input = describe(inputs);
    List<RunSummary.StageRun> ran = new ArrayList<>();

    try (ReportStore store = ReportStore.begin(spark, config.output(), runId, config.keepRuns())) {
      try {
        LOG.info("run {}: {} input files ({} bytes) -> {}", runId, inputs.files().size(), inputs.totalBytes(),
            store.root());
        RunContext ctx = new RunContext(spark, config, store, inputs);
        FaultPoints.reached(STARTED);
        for (Stage stage : stages()) {
          runStage(ctx, stage, ran);
        }
        Map<String, Object> manifest = Manifest.build(runId, Manifest.SUCCEEDED, started, spark, config, input,
            new RunSummary(ran), null);
        List<String> warnings = store.publish(Manifest.toJson(manifest));
        return new RunResult(runId, manifest, warnings);
      } catch (Throwable e) {
        // Throwable, not RuntimeException | Error: what fails inside Spark arrives as a SparkException, a checked
        // exception that Scala code throws undeclared. Every failure is recorded, then passed on as it came.
        try {
          store.abandon(Manifest.toJson(Manifest.build(runId, Manifest.FAILED, started, spark, config, input,
              new RunSummary(ran), e)));
        } catch (Throwable cleanup) {
          e.addSuppressed(cleanup);
        }
        throw e;
      }
    }
  }

  /**
   * Runs one stage: labels its Spark jobs with its name (Spark UI, event log), times it, reaches its fault point
   * ({@link FaultPoints}) and records it in {@code ran}, with its result, or without one if it failed.
   */
  static StageResult runStage(RunContext ctx, Stage stage, List<RunSummary.StageRun> ran) {
    String name = stage.name();
    ctx.spark().sparkContext().setJobGroup("storyline-" + name, "storyline: " + name, false);
    StageResult result = null;
    long start = System.nanoTime();
    try {
      result = stage.run(ctx);
      FaultPoints.reached(name);
      return result;
    } finally {
      double seconds = (System.nanoTime() - start) / 1e9;
      ran.add(new RunSummary.StageRun(name, seconds, Optional.ofNullable(result)));
      LOG.info("stage {} finished in {} s: {}", name, String.format("%.1f", seconds),
          result == null ? "failed" : result.stageCounts());
      ctx.spark().sparkContext().clearJobGroup();
    }
  }

  private static Map<String, Object> describe(InputResolver.Resolution inputs) {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("files", inputs.files().size());
    input.put("bytes", inputs.totalBytes());
    Map<String, Long> byFormat = new TreeMap<>();
    for (InputFile f : inputs.files()) {
      byFormat.merge(f.format().label(), 1L, Long::sum);
    }
    input.put("files_by_format", byFormat);
    input.put("skipped_files", inputs.skipped().stream().limit(100).toList());
    input.put("skipped_file_count", inputs.skipped().size());
    return input;
  }
}
