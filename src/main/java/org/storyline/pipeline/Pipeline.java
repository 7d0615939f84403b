package org.storyline.pipeline;

import java.io.IOException;
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
import org.slf4j.MDC;
import org.storyline.config.JobConfig;
import org.storyline.cooccurrence.CooccurrenceStage;
import org.storyline.entities.EntitiesStage;
import org.storyline.ingest.IngestStage;
import org.storyline.io.Failures;
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
    return run(spark, config, inputs, ReportStore.newRunId());
  }

  /**
   * The same with the run id chosen by the caller (who logged its preflight under it). Every log line of the run
   * carries the run id and the stage ({@link #MDC_RUN_ID}, {@link #MDC_STAGE}): in the driver's MDC, and in the
   * executors' through Spark's {@code mdc.*} job properties.
   */
  public static RunResult run(SparkSession spark, JobConfig config, InputResolver.Resolution inputs,
      String runId) {
    Instant started = Instant.now();
    spark.conf().set("spark.sql.session.timeZone", "UTC");
    Map<String, Object> input = describe(inputs);
    List<RunSummary.StageRun> ran = new ArrayList<>();
    MDC.put(MDC_RUN_ID, runId);
    spark.sparkContext().setLocalProperty("mdc." + MDC_RUN_ID, runId);
    inStage(spark, "prepare");
    try (ReportStore store = ReportStore.begin(spark, config.output(), runId, config.keepRuns(),
        config.publish())) {
      Optional<Map<String, Object>> previous = store.previousManifest();
      // What the metrics of a run that is not published report as the last success: the published run's end.
      Optional<Instant> lastSuccessBefore = previous.flatMap(p -> RunMetrics.instant(p.get("finished_at")));
      Map<String, Object> manifest = null;
      try {
        LOG.info("run {}: {} input files ({} bytes) -> {}", runId, inputs.files().size(), inputs.totalBytes(),
            store.root());
        RunContext ctx = new RunContext(spark, config, store, inputs);
        FaultPoints.reached(STARTED);
        for (Stage stage : stages()) {
          runStage(ctx, stage, ran);
        }
        inStage(spark, "publish");
        RunSummary summary = new RunSummary(ran);
        manifest = Manifest.build(runId, Manifest.SUCCEEDED, started, spark, config, input, summary, null);
        QualityGates.Outcome gates = QualityGates.evaluate(config.operations(), summary.counts(),
            summary.tables(), previous, config.incremental());
        manifest.put("gates", gates.toManifest());
        if (!gates.publishable()) {
          manifest.put("status", QualityGates.STOPPED);
          store.abandon(Manifest.toJson(manifest));
          throw new QualityGates.GatesFailedException(runId, gates);
        }
        if (!gates.failed().isEmpty()) {
          LOG.warn("run {} fails quality gates {} but is published (--gates off)", runId,
              gates.failed().stream().map(QualityGates.Check::describe).toList());
        }
        // Delta: each table committed, its version recorded (the manifest is what makes them one run).
        manifest.put(ReportStore.TABLE_FORMAT, config.publish().tableFormat().label());
        long commitStart = System.nanoTime();
        manifest.put(ReportStore.TABLE_VERSIONS, store.commitTables());
        // The commits come after the manifest's finished_at and seconds (the stages' work): their own time.
        manifest.put("commit_seconds", Math.round((System.nanoTime() - commitStart) / 1e7) / 100.0);
        List<String> warnings = new ArrayList<>(store.publish(Manifest.toJson(manifest)));
        warnings.addAll(reportMetrics(store, config, manifest, RunMetrics.instant(manifest.get("finished_at"))));
        return new RunResult(runId, manifest, warnings);
      } catch (QualityGates.GatesFailedException e) {
        reportMetrics(store, config, manifest, lastSuccessBefore);
        throw e;
      } catch (Throwable e) {
        // Throwable, not RuntimeException | Error: what fails inside Spark arrives as a SparkException, a checked
        // exception that Scala code throws undeclared. Every failure is recorded, then passed on as it came.
        try {
          Map<String, Object> failed = Manifest.build(runId, Manifest.FAILED, started, spark, config, input,
              new RunSummary(ran), e);
          store.abandon(Manifest.toJson(failed));
          reportMetrics(store, config, failed, lastSuccessBefore);
        } catch (Throwable cleanup) {
          e.addSuppressed(cleanup);
        }
        throw e;
      }
    } finally {
      spark.sparkContext().setLocalProperty("mdc." + MDC_RUN_ID, null);
      spark.sparkContext().setLocalProperty("mdc." + MDC_STAGE, null);
      // The driver's MDC keeps the run id and the last stage: the caller's last line (the summary, or the one-line
      // error of the stage that failed) is labelled too. StorylineCommand clears it when the command ends.
    }
  }

  /** The MDC key of the run id on every log line of a run. */
  public static final String MDC_RUN_ID = "run_id";
  /** The MDC key of the stage (or prepare, publish) on every log line of a run. */
  public static final String MDC_STAGE = "stage";

  /** Labels the log lines that follow, the driver's and the executors' (Spark copies mdc.* into task MDC). */
  private static void inStage(SparkSession spark, String stage) {
    MDC.put(MDC_STAGE, stage);
    spark.sparkContext().setLocalProperty("mdc." + MDC_STAGE, stage);
  }

  /**
   * Writes {@code DIR/metrics.prom} and pushes it when {@code --metrics-push} is set. Monitoring must not decide a
   * run's outcome: a failure here is a warning (returned and logged), never an exception.
   */
  static List<String> reportMetrics(ReportStore store, JobConfig config, Map<String, Object> manifest,
      Optional<Instant> lastSuccess) {
    List<String> warnings = new ArrayList<>();
    if (manifest == null) {
      return warnings;
    }
    String exposition = RunMetrics.exposition(manifest, config.output(), lastSuccess);
    try {
      store.replaceTopFile(RunMetrics.FILE, exposition);
    } catch (Exception | org.apache.hadoop.fs.FSError e) {
      warnings.add("could not write " + RunMetrics.FILE + ": " + Failures.oneLine(e));
    }
    config.operations().metricsPush().ifPresent(gateway -> {
      try {
        RunMetrics.push(gateway, config.output(), exposition);
      } catch (IOException e) {
        warnings.add("could not push the metrics to " + gateway + ": " + Failures.oneLine(e));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        warnings.add("pushing the metrics to " + gateway + " was interrupted");
      }
    });
    warnings.forEach(w -> LOG.warn("run {}: {}", manifest.get("run_id"), w));
    return warnings;
  }

  /**
   * Runs one stage: labels its Spark jobs with its name (Spark UI, event log), times it, reaches its fault point
   * ({@link FaultPoints}) and records it in {@code ran}, with its result, or without one if it failed.
   */
  static StageResult runStage(RunContext ctx, Stage stage, List<RunSummary.StageRun> ran) {
    String name = stage.name();
    inStage(ctx.spark(), name);
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
