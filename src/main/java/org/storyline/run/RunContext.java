package org.storyline.run;

import org.apache.spark.sql.SparkSession;
import org.storyline.config.JobConfig;
import org.storyline.io.InputResolver;
import org.storyline.io.ReportStore;

/**
 * What every stage of a run shares: the session, the validated configuration, the report folder being written and
 * the input files (listed once, before the first Spark job).
 */
public record RunContext(SparkSession spark, JobConfig config, ReportStore store, InputResolver.Resolution inputs) {
  /** The default parallelism of the session (the number of cores in local mode). */
  public int parallelism() {
    return spark.sparkContext().defaultParallelism();
  }
}
