package org.storyline.io;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The Delta Lake operations of {@code --table-format delta}, on tables addressed by path: a whole-table overwrite,
 * a replacement of some partitions ({@code replaceWhere}), the version a commit made, a read at a version, a
 * restore and a vacuum of the files no kept version reads. Each write is one Delta commit: a reader of the table sees
 * the version before it or the version after it, never a mix.
 */
public final class DeltaTables {
  private DeltaTables() {}

  /** Delta's SQL extension (VACUUM, RESTORE, DESCRIBE HISTORY) and its catalog, for {@code spark_catalog}. */
  public static final String EXTENSION = "io.delta.sql.DeltaSparkSessionExtension";
  public static final String CATALOG = "org.apache.spark.sql.delta.catalog.DeltaCatalog";

  /**
   * Replaces the whole table with {@code rows} (creating it if needed), schema included: one commit. Rows are
   * written as they come, sorted within each task by the partition columns and {@code sortBy}: the caller's rows
   * (a staging table written one file per partition value) need no shuffle to give one file per partition.
   *
   * @return the table's version after the commit
   */
  public static long overwrite(SparkSession spark, Dataset<Row> rows, Path path, List<String> partitionBy,
      List<String> sortBy) {
    sorted(rows, partitionBy, sortBy).write().format("delta").mode(SaveMode.Overwrite)
        .option("overwriteSchema", "true")
        .partitionBy(partitionBy.toArray(String[]::new))
        .save(path.toString());
    return version(spark, path);
  }

  /**
   * Replaces the partitions {@code values} of the table's partition column {@code column} (spelt as folder names
   * spell them) with {@code rows}, which hold only rows of those partitions; every other partition is left as it
   * is, its files untouched. One commit.
   *
   * @return the table's version after the commit
   */
  public static long replacePartitions(SparkSession spark, Dataset<Row> rows, Path path, String column,
      Collection<String> values, List<String> sortBy) {
    sorted(rows, List.of(column), sortBy).write().format("delta").mode(SaveMode.Overwrite)
        .option("replaceWhere", partitionPredicate(column, values))
        .partitionBy(column)
        .save(path.toString());
    return version(spark, path);
  }

  /** The SQL predicate of {@code replaceWhere}: the partition column, as a string, in the given values. */
  static String partitionPredicate(String column, Collection<String> values) {
    return "CAST(`" + column + "` AS STRING) IN ("
        + values.stream().sorted().map(v -> "'" + v.replace("'", "''") + "'").collect(Collectors.joining(", "))
        + ")";
  }

  private static Dataset<Row> sorted(Dataset<Row> rows, List<String> partitionBy, List<String> sortBy) {
    List<String> order = new java.util.ArrayList<>(partitionBy);
    sortBy.stream().filter(c -> !order.contains(c)).forEach(order::add);
    return order.isEmpty() ? rows : rows.sortWithinPartitions(order.stream().map(c -> col(c)).toArray(Column[]::new));
  }

  /**
   * The table's latest version: the highest numbered commit file in its {@code _delta_log} (one listing, no log
   * replay; the caller holds the report folder's lock, so no commit can come in between).
   */
  public static long version(SparkSession spark, Path path) {
    Path log = new Path(path, "_delta_log");
    try {
      FileSystem fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
      long latest = -1;
      for (FileStatus file : fs.listStatus(log)) {
        String name = file.getPath().getName();
        if (COMMIT_FILE.matcher(name).matches()) {
          latest = Math.max(latest, Long.parseLong(name.substring(0, name.indexOf('.'))));
        }
      }
      if (latest < 0) {
        throw new IllegalStateException("no commit in " + log);
      }
      return latest;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + log, e);
    }
  }

  private static final Pattern COMMIT_FILE = Pattern.compile("\\d{20}\\.json");

  /** The table as it was at {@code version} (time travel). */
  public static Dataset<Row> read(SparkSession spark, Path path, long version) {
    return spark.read().format("delta").option("versionAsOf", version).load(path.toString());
  }

  /**
   * Makes {@code version}'s content the latest again (one new commit), unless it is the latest already; whether it
   * restored.
   */
  public static boolean restore(SparkSession spark, Path path, long version) {
    if (version(spark, path) == version) {
      return false;
    }
    DeltaTable.forPath(spark, path.toString()).restoreToVersion(version);
    return true;
  }

  /**
   * VACUUM by version rather than by age: deletes the table's data files that none of {@code versions} reads (nor
   * its latest version), and returns how many. Delta's own VACUUM keeps files by the age of their removal, in whole
   * hours, and compares the writer's clock with the file system's; the runs a report keeps are versions, and this
   * keeps exactly their files, whatever the clocks. Only Spark's data files ({@code part-*.parquet}) outside
   * hidden folders are considered, never the log. The caller holds the report folder's lock: no writer is adding
   * files meanwhile.
   */
  public static int vacuum(SparkSession spark, Path path, Collection<Long> versions) {
    Set<String> needed = new HashSet<>();
    List<Long> all = new java.util.ArrayList<>(versions);
    all.add(version(spark, path));
    for (long v : all) {
      for (String file : read(spark, path, v).inputFiles()) {
        needed.add(new Path(file).toUri().getPath());
      }
    }
    try {
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      String root = fs.makeQualified(path).toUri().getPath();
      int removed = 0;
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(path, true);
      List<Path> unread = new java.util.ArrayList<>();
      while (files.hasNext()) {
        Path file = files.next().getPath();
        String relative = file.toUri().getPath().substring(root.length());
        boolean hidden = java.util.Arrays.stream(relative.split("/")).anyMatch(p -> p.startsWith("_")
            || p.startsWith("."));
        if (!hidden && file.getName().startsWith("part-") && file.getName().endsWith(".parquet")
            && !needed.contains(file.toUri().getPath())) {
          unread.add(file);
        }
      }
      for (Path file : unread) {
        if (fs.delete(file, false)) {
          removed++;
        }
      }
      return removed;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot vacuum " + path, e);
    }
  }
}
