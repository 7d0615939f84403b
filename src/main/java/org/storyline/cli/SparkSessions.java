package org.storyline.cli;

import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.storyline.io.DeltaTables;
import org.storyline.io.NoForkLocalFileSystem;

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
    SparkConf given = new SparkConf(true); // what spark-submit and -D set
    // Delta Lake's SQL and catalog (--table-format delta: VACUUM, RESTORE, --database tables USING delta), unless
    // the cluster configures its own. Parquet tables pass through Delta's catalog unchanged.
    if (!given.contains(SQL_EXTENSIONS)) {
      builder.config(SQL_EXTENSIONS, DeltaTables.EXTENSION);
    }
    if (!given.contains(SESSION_CATALOG)) {
      builder.config(SESSION_CATALOG, DeltaTables.CATALOG);
    }
    pinJavaBlas(builder, given.get(EXECUTOR_JAVA_OPTIONS, ""));
    master.ifPresent(builder::master);
    // The master comes from --master, or from spark.master (spark-submit, or bin/storyline's -Dspark.master).
    boolean local = master.or(() -> Optional.ofNullable(System.getProperty("spark.master")))
        .map(m -> m.startsWith("local")).orElse(false);
    if (local && System.getenv("SPARK_LOCAL_IP") == null) {
      builder.config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1");
    }
    if (local) {
      builder.config("spark.ui.showConsoleProgress", "false");
      // Local paths without a forked chmod per file written (NoForkLocalFileSystem). Local mode only: on a cluster
      // the executors' file systems are the cluster's business.
      if (!given.contains(NoForkLocalFileSystem.SPARK_KEY)) {
        builder.config(NoForkLocalFileSystem.SPARK_KEY, NoForkLocalFileSystem.class.getName());
      }
      // 200 shuffle partitions (the cluster default) means thousands of tiny tasks on a laptop; a few per core
      // is right for local mode. spark-submit users size it for their cluster.
      if (System.getProperty("spark.sql.shuffle.partitions") == null) {
        int cores = Runtime.getRuntime().availableProcessors();
        builder.config("spark.sql.shuffle.partitions", String.valueOf(Math.max(4, 2 * cores)));
      }
      // Reading a table partitioned by day (articles: 731 folders for two years) lists its folders with a Spark
      // job of one task per folder once there are more than 32 (the default): 8 s of tiny tasks on 2 cores, for
      // what the driver lists in milliseconds on a local disk. On a cluster (object stores, slow listings) the
      // distributed listing is the right default and is left alone.
      if (System.getProperty(PARTITION_DISCOVERY_THRESHOLD) == null) {
        builder.config(PARTITION_DISCOVERY_THRESHOLD, "100000");
      }
    }
    return builder.getOrCreate();
  }

  static final String SQL_EXTENSIONS = "spark.sql.extensions";
  static final String SESSION_CATALOG = "spark.sql.catalog.spark_catalog";
  static final String PARTITION_DISCOVERY_THRESHOLD = "spark.sql.sources.parallelPartitionDiscovery.threshold";

  /** dev.ludovic.netlib's switch, read once per JVM when Spark ML first needs a BLAS. */
  static final String ALLOW_NATIVE_BLAS = "dev.ludovic.netlib.blas.allowNative";
  static final String EXECUTOR_JAVA_OPTIONS = "spark.executor.extraJavaOptions";

  /**
   * Pins Spark ML's BLAS (LDA training and inference) to its Java implementation, in the driver and, through
   * {@code spark.executor.extraJavaOptions}, in every executor: a native BLAS (OpenBLAS as the system
   * {@code libblas.so.3}, which most Debian machines and cluster images have) sums in another order, so the same
   * corpus and seed would give topic weights that differ in the last digits from one machine to the next. A user
   * who wants native BLAS for speed sets {@code -Ddev.ludovic.netlib.blas.allowNative=true} for the driver and in
   * {@code spark.executor.extraJavaOptions}; a value given either way is kept.
   *
   * @param executorOptions the executors' Java options as configured so far (spark-submit's {@code --conf})
   */
  static void pinJavaBlas(SparkSession.Builder builder, String executorOptions) {
    if (System.getProperty(ALLOW_NATIVE_BLAS) == null) {
      System.setProperty(ALLOW_NATIVE_BLAS, "false");
    }
    builder.config(EXECUTOR_JAVA_OPTIONS, withBlasChoice(executorOptions, System.getProperty(ALLOW_NATIVE_BLAS)));
  }

  /** The executors' Java options with the driver's BLAS choice added, unless they make a choice of their own. */
  static String withBlasChoice(String executorOptions, String allowNative) {
    if (executorOptions.contains(ALLOW_NATIVE_BLAS)) {
      return executorOptions;
    }
    String choice = "-D" + ALLOW_NATIVE_BLAS + "=" + allowNative;
    return executorOptions.isBlank() ? choice : executorOptions.strip() + " " + choice;
  }
}
