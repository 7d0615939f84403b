package org.storyline.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.storyline.config.JobConfig;
import org.storyline.io.Failures;

/** Builds {@code manifest.json}: what ran, on what, with which settings, what it counted and how long it took. */
public final class Manifest {
  private Manifest() {}

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";

  public static Map<String, Object> build(String runId, String status, Instant started, SparkSession spark,
      JobConfig config, Map<String, Object> input, RunSummary summary, Throwable error) {
    Instant finished = Instant.now();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run_id", runId);
    m.put("status", status);
    if (error != null) {
      // The deepest cause is what went wrong (Spark nests it under "Job aborted" and "TASK_WRITE_FAILED");
      // the chain, outermost first, tells where.
      m.put("error", Failures.oneLine(error));
      m.put("error_chain", Failures.chain(error));
    }
    m.put("started_at", started.toString());
    m.put("finished_at", finished.toString());
    m.put("seconds", Duration.between(started, finished).toMillis() / 1000.0);
    Map<String, Object> versions = new LinkedHashMap<>();
    versions.put("storyline", version());
    versions.put("spark", spark.version());
    versions.put("scala", scala.util.Properties.versionNumberString());
    versions.put("java", System.getProperty("java.version"));
    m.put("versions", versions);
    m.put("master", spark.sparkContext().master());
    m.put("config", config.settings().effective());
    m.put("input", input);
    m.put("counts", summary.counts());
    m.put("stages", summary.stageEntries());
    m.put("tables", summary.tables());
    return m;
  }

  /** A manifest read back (the published run's, for the quality gates). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parse(String json) {
    try {
      return JSON.readValue(json, LinkedHashMap.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a manifest: " + e.getOriginalMessage(), e);
    }
  }

  public static String toJson(Map<String, Object> manifest) {
    try {
      return JSON.writeValueAsString(manifest) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("manifest is not serialisable", e);
    }
  }

  /** The version from the jar manifest; "dev" when running from classes. */
  public static String version() {
    String v = Manifest.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
