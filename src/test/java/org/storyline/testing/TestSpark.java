package org.storyline.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.storyline.io.DeltaTables;
import org.storyline.io.NoForkLocalFileSystem;

/**
 * The one {@link SparkSession} of the test JVM (each surefire fork is reused): {@code local[2]}, two shuffle partitions,
 * no UI, driver on 127.0.0.1, UTC, no code generation (neither whole-stage nor per expression). Created on first use,
 * stopped by the JVM's shutdown.
 */
public final class TestSpark {
  private TestSpark() {}

  private static final class Holder {
    static final SparkSession SESSION = SparkSession.builder()
        .appName("storyline-tests")
        .master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.sql.sources.parallelPartitionDiscovery.threshold", "100000")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.mapKeyDedupPolicy", "LAST_WIN")
        .config("spark.sql.artifact.isolation.enabled", "false")
        .config("spark.sql.artifact.isolation.alwaysApplyClassloader", "false")
        .config("spark.sql.adaptive.coalescePartitions.parallelismFirst", "false")
        // Whole-stage code generation compiles a class per stage of every query; on inputs of a few rows that costs
        // more than running the operators one by one (ReportOptionsTest: 70 s to 61 s). The results are the same by
        // Spark's contract; the integration tests run the job with the defaults.
        .config("spark.sql.codegen.wholeStage", System.getProperty("spark.sql.codegen.wholeStage", "false"))
        // Expressions interpreted rather than compiled: with code generation, Janino compiling projections inside
        // tasks took 58% of the executor threads' samples in IncrementalTest (its queries differ from run to run, so
        // the compiled classes are seldom reused); interpreted, IncrementalTest went from 345 s to 280 s. Same results
        // by Spark's contract (its own suites run both modes). What still generates code (sort orderings, cached
        // column accessors, aggregation joiners) is kept for the whole JVM instead of Spark's 100 classes.
        .config("spark.sql.codegen.factoryMode", System.getProperty("spark.sql.codegen.factoryMode", "NO_CODEGEN"))
        .config("spark.sql.codegen.cache.maxEntries", "10000")
        .config(NoForkLocalFileSystem.SPARK_KEY, NoForkLocalFileSystem.class.getName())
        // Delta Lake's SQL (VACUUM, RESTORE, time travel) for the --table-format delta tests: what
        // SparkSessions sets for a run with that format. Parquet runs do not touch it.
        .config("spark.sql.extensions", DeltaTables.EXTENSION)
        .config("spark.sql.catalog.spark_catalog", DeltaTables.CATALOG)
        .getOrCreate();
  }

  public static SparkSession session() {
    return Holder.SESSION;
  }

  /** The shared real corpora folder ({@code ../shared/data}), when this checkout has one next to it. */
  public static Optional<Path> sharedData() {
    String override = System.getenv("STORYLINE_SHARED_DATA");
    Path path = override != null ? Path.of(override) : Path.of("..", "shared", "data");
    return Files.isDirectory(path) ? Optional.of(path.toAbsolutePath().normalize()) : Optional.empty();
  }
}
