package org.storyline.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import org.storyline.io.FaultPoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a run measured: each stage's wall time and counts, and run-level counts, in the order they happened. The
 * manifest is written from it. Each stage's Spark jobs are labelled with the stage name (Spark UI, event log).
 */
public final class RunMetrics {
  private static final Logger LOG = LoggerFactory.getLogger(RunMetrics.class);

  private final Map<String, Object> counts = new LinkedHashMap<>();
  private final List<Map<String, Object>> stages = new ArrayList<>();

  /** Counts recorded by one stage. */
  public static final class Stage {
    private final Map<String, Object> counts = new LinkedHashMap<>();

    public void count(String name, Object value) {
      counts.put(name, value);
    }
  }

  /** Runs {@code body} as stage {@code name}: labels its Spark jobs, times it, logs and records its counts. */
  public <T> T stage(SparkSession spark, String name, Function<Stage, T> body) {
    spark.sparkContext().setJobGroup("storyline-" + name, "storyline: " + name, false);
    Stage stage = new Stage();
    long start = System.nanoTime();
    try {
      T result = body.apply(stage);
      FaultPoints.reached(name);
      return result;
    } finally {
      double seconds = (System.nanoTime() - start) / 1e9;
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", name);
      entry.put("seconds", Math.round(seconds * 1000) / 1000.0);
      entry.put("counts", stage.counts);
      stages.add(entry);
      LOG.info("stage {} finished in {} s: {}", name, String.format("%.1f", seconds), stage.counts);
      spark.sparkContext().clearJobGroup();
    }
  }

  public void count(String name, Object value) {
    counts.put(name, value);
  }

  public Map<String, Object> counts() {
    return counts;
  }

  public List<Map<String, Object>> stages() {
    return stages;
  }
}
