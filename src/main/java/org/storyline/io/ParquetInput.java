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
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Parquet files (for example an earlier Storyline {@code articles} table, or a corpus exported from a warehouse).
 * Every top-level column becomes a field: scalars as text (timestamps in UTC, the session time zone), nested
 * values as JSON.
 */
public final class ParquetInput {
  private ParquetInput() {}

  public static Dataset<Row> read(SparkSession spark, List<InputFile> files) {
    // A file whose footer cannot be read would fail the whole Spark job: check footers first (metadata only) and
    // turn unreadable files into rejected records.
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<String> readable = new ArrayList<>();
    List<Row> unreadable = new ArrayList<>();
    for (InputFile file : files) {
      try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file.path()), conf))) {
        reader.getFooter();
        readable.add(file.path());
      } catch (IOException | RuntimeException e) {
        unreadable.add(FileRecordReader.error(file.path(), 0, null, RawRecords.UNREADABLE_FILE,
            "not a readable Parquet file: " + e.getMessage()));
      }
    }
    Dataset<Row> rejected = spark.createDataFrame(unreadable, RawRecords.SCHEMA);
    if (readable.isEmpty()) {
      return rejected;
    }
    return fields(spark.read().option("mergeSchema", true).parquet(readable.toArray(String[]::new)))
        .unionByName(rejected);
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
