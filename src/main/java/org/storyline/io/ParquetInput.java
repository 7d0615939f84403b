package org.storyline.io;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parquet files (for example an earlier Storyline {@code articles} table, or a corpus exported from a warehouse).
 * Every top-level column becomes a field: scalars as text (timestamps in UTC, the session time zone), nested
 * values as JSON.
 *
 * <p>Files are grouped by the schema in their footer and each group is read on its own, so the same column may
 * have different types in different files (DATE in one, STRING in another): each group casts its own types to
 * text, and the date column is then parsed like every other format's. No {@code mergeSchema}, which fails on such
 * files with a message that names none of them.
 *
 * <p>A file that cannot be read is one {@code unreadable_file} record ({@code raw} its path, {@code detail} the
 * root cause) and every other file is still read: a footer that cannot be read is found by opening each footer on
 * the driver (metadata only); a corrupt page behind a valid footer by one check job per schema group that decodes
 * every column into Spark's {@code noop} sink (nothing is kept or collected). When a group's check fails, its files
 * are checked again in halves until the failing files are alone: a handful of jobs for one bad file among
 * thousands. The check is a second pass over the Parquet input; in this pipeline it costs little next to NER.
 * {@code ignoreCorruptFiles} is forced off for these reads: it would drop a bad file, or the rest of it, silently.
 */
public final class ParquetInput {
  private static final Logger LOG = LoggerFactory.getLogger(ParquetInput.class);

  private ParquetInput() {}

  public static Dataset<Row> read(SparkSession spark, List<InputFile> files) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Map<MessageType, List<String>> groups = new LinkedHashMap<>();
    List<Row> unreadable = new ArrayList<>();
    for (InputFile file : files) {
      try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file.path()), conf))) {
        MessageType schema = reader.getFooter().getFileMetaData().getSchema();
        groups.computeIfAbsent(schema, k -> new ArrayList<>()).add(file.path());
      } catch (IOException | RuntimeException e) {
        unreadable.add(FileRecordReader.error(file.path(), 0, file.path(), RawRecords.UNREADABLE_FILE,
            "not a readable Parquet file: " + e.getMessage()));
      }
    }
    List<Dataset<Row>> parts = new ArrayList<>();
    for (List<String> group : groups.values()) {
      List<String> readable = new ArrayList<>();
      check(spark, group, readable, unreadable);
      if (!readable.isEmpty()) {
        parts.add(fields(scan(spark, readable)));
      }
    }
    Dataset<Row> all = spark.createDataFrame(unreadable, RawRecords.SCHEMA);
    for (Dataset<Row> part : parts) {
      all = all.unionByName(part);
    }
    return all;
  }

  /** Files of one schema, read by Spark, never skipping what it cannot read. */
  private static Dataset<Row> scan(SparkSession spark, List<String> paths) {
    return spark.read().option("ignoreCorruptFiles", "false").option("mergeSchema", "false")
        .parquet(paths.toArray(String[]::new));
  }

  /**
   * Decodes every column of {@code paths} into the noop sink; on a failure, checks each half again. Readable files
   * go to {@code readable}, each unreadable one becomes a rejected record in {@code unreadable}.
   */
  static void check(SparkSession spark, List<String> paths, List<String> readable, List<Row> unreadable) {
    SparkContext sc = spark.sparkContext();
    String description = sc.getLocalProperty("spark.job.description");
    sc.setJobDescription("storyline: check " + paths.size() + " Parquet file(s) for unreadable pages");
    try {
      scan(spark, paths).write().format("noop").mode("overwrite").save();
      readable.addAll(paths);
      return;
    } catch (Exception e) {
      if (paths.size() == 1) {
        String cause = rootCause(e);
        LOG.warn("unreadable Parquet file {}: {}", paths.get(0), cause);
        unreadable.add(FileRecordReader.error(paths.get(0), 0, paths.get(0), RawRecords.UNREADABLE_FILE, cause));
        return;
      }
    } finally {
      sc.setJobDescription(description);
    }
    int half = paths.size() / 2;
    check(spark, paths.subList(0, half), readable, unreadable);
    check(spark, paths.subList(half, paths.size()), readable, unreadable);
  }

  /** The innermost cause's message (Spark wraps a reader's exception in a job and a task failure). */
  static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null || message.isBlank() ? root.getClass().getName() : message;
  }

  private static Dataset<Row> fields(Dataset<Row> rows) {
    List<Column> names = new ArrayList<>();
    List<Column> values = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (StructField field : rows.schema().fields()) {
      String name = field.name().toLowerCase(Locale.ROOT);
      if (!seen.add(name)) {
        continue;
      }
      Column value = col("`" + field.name() + "`");
      boolean nested = field.dataType() instanceof StructType || field.dataType() instanceof ArrayType
          || field.dataType() instanceof MapType;
      names.add(lit(name));
      values.add(nested ? to_json(value) : value.cast("string"));
    }
    Column map = map_filter(map_from_arrays(array(names.toArray(Column[]::new)), array(values.toArray(Column[]::new))),
        (k, v) -> v.isNotNull());
    Column[] all = java.util.Arrays.stream(rows.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new);
    return rows.select(
        col("_metadata.file_path").as("input_file"),
        col("_metadata.row_index").plus(1).cast("long").as("line_or_row"),
        to_json(struct(all)).as("raw"),
        map.as(RawRecords.FIELDS),
        lit(null).cast("string").as(RawRecords.PARSE_ERROR),
        lit(null).cast("string").as(RawRecords.PARSE_DETAIL));
  }
}
