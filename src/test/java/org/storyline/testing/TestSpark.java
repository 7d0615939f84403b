package org.storyline.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * The one {@link SparkSession} of the test JVM (surefire reuses one fork): {@code local[2]}, two shuffle partitions,
 * no UI, driver on 127.0.0.1, UTC. Created on first use, stopped by the JVM's shutdown.
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
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.mapKeyDedupPolicy", "LAST_WIN")
        .config("spark.sql.artifact.isolation.enabled", "false")
        .config("spark.sql.artifact.isolation.alwaysApplyClassloader", "false")
        .config("spark.sql.adaptive.coalescePartitions.parallelismFirst", "false")
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
