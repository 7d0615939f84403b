package org.storyline.cli;

import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * Gets the {@link SparkSession} for a command. Under spark-submit the master and resources come from spark-submit;
 * the local launcher passes {@code --master local[*]}. Nothing here hard-codes a master.
 */
public final class SparkSessions {
  private SparkSessions() {}

  public static SparkSession get(String appName, Optional<String> master) {
    SparkSession.Builder builder = SparkSession.builder().appName(appName)
        // Periods (day, ISO week, month) are defined in UTC whatever the machine's zone.
        .config("spark.sql.session.timeZone", "UTC")
        // Field maps may hold two keys that differ only in case; the first reader wins, never an error.
        .config("spark.sql.mapKeyDedupPolicy", "LAST_WIN")
        // Spark 4 gives each session an artifact class loader that asks the driver over RPC for every class it
        // cannot find, including the names Janino probes while compiling generated code ("int", "boolean"):
        // measured here, it made a 500-article ingest 3x slower. Storyline adds no session artifacts.
        .config("spark.sql.artifact.isolation.enabled", "false")
        .config("spark.sql.artifact.isolation.alwaysApplyClassloader", "false");
    master.ifPresent(builder::master);
    // The master comes from --master, or from spark.master (spark-submit, or bin/storyline's -Dspark.master).
    boolean local = master.or(() -> Optional.ofNullable(System.getProperty("spark.master")))
        .map(m -> m.startsWith("local")).orElse(false);
    if (local && System.getenv("SPARK_LOCAL_IP") == null) {
      builder.config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1");
    }
    if (local) {
      builder.config("spark.ui.showConsoleProgress", "false");
      // 200 shuffle partitions (the cluster default) means thousands of tiny tasks on a laptop; a few per core
      // is right for local mode. spark-submit users size it for their cluster.
      if (System.getProperty("spark.sql.shuffle.partitions") == null) {
        int cores = Runtime.getRuntime().availableProcessors();
        builder.config("spark.sql.shuffle.partitions", String.valueOf(Math.max(4, 2 * cores)));
      }
    }
    return builder.getOrCreate();
  }
}
