package org.storyline.pipeline;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.storyline.cli.SparkSessions;
import org.storyline.config.PublishConfig;
import org.storyline.io.ReportStore;

/**
 * The child JVM that {@link KillTest} kills while it publishes: a small real job through the publishing protocol of a
 * run ({@link ReportStore#begin}, a table written into staging by Spark, {@link ReportStore#publish} with its fault
 * points), without the run's stages, so that it reaches a publishing step in seconds instead of after a whole
 * pipeline in a cold JVM. Its one table, {@code articles}, holds one row per input record, so a reader can tell its
 * report from the previous one. A run's stages write their tables through the same {@link ReportStore#write}.
 *
 * <p>Arguments: {@code INPUT OUTPUT KEEP_RUNS [parquet|delta]}; the fault ({@code -Dstoryline.fault=POINT:pause}) is a JVM property.
 */
public final class PublishingChild {
  private PublishingChild() {}

  public static void main(String[] args) {
    SparkSession spark = SparkSessions.get("storyline-publishing-child", Optional.of("local[2]"));
    String runId = ReportStore.newRunId();
    PublishConfig.TableFormat format = PublishConfig.TableFormat.parse(args.length > 3 ? args[3] : "parquet");
    try (ReportStore store = ReportStore.begin(spark, args[1], runId, Integer.parseInt(args[2]),
        new PublishConfig(format, Optional.empty()))) {
      store.write("articles", spark.read().json(args[0]).select(col("id").as("doc_id"), col("text")), List.of(),
          List.of("doc_id"));
      Map<String, Long> versions = store.commitTables();
      store.publish(Manifest.toJson(Map.<String, Object>of("run_id", runId, "status", Manifest.SUCCEEDED,
          ReportStore.TABLE_FORMAT, format.label(), ReportStore.TABLE_VERSIONS, versions)));
    }
    spark.stop();
  }
}
