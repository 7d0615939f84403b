package org.storyline.io;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.octet_length;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.storyline.config.InputFormat;
import org.storyline.schema.Col;

/** Reads every resolved input file into one {@link RawRecords#SCHEMA} dataset, whatever the formats. */
public final class InputReader {
  private InputReader() {}

  /** Raw records per partition we aim for: about 32 MB of input. */
  private static final long BYTES_PER_PARTITION = 32L << 20;

  private static final StructType FILES = DataTypes.createStructType(List.of(
      DataTypes.createStructField("path", DataTypes.StringType, false),
      DataTypes.createStructField("format", DataTypes.StringType, false)));

  /** Every record of the inputs; one larger than {@code maxRecordBytes} is a {@code record_too_large} row. */
  public static Dataset<Row> read(SparkSession spark, InputResolver.Resolution resolution, int maxRecordBytes) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Map<InputFormat, List<InputFile>> byFormat =
        resolution.files().stream().collect(Collectors.groupingBy(InputFile::format));
    int parallelism = spark.sparkContext().defaultParallelism();
    int partitions = (int) Math.max(parallelism, Math.min(10_000, resolution.totalBytes() / BYTES_PER_PARTITION));

    Dataset<Row> all = spark.createDataFrame(List.of(), RawRecords.SCHEMA);
    List<Row> perFile = resolution.files().stream()
        .filter(f -> f.format() != InputFormat.CSV && f.format() != InputFormat.PARQUET)
        .map(f -> RowFactory.create(f.path(), f.format().name()))
        .toList();
    if (!perFile.isEmpty()) {
      Broadcast<SerializableHadoopConf> broadcastConf =
          JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(new SerializableHadoopConf(conf));
      Dataset<Row> records = spark.createDataFrame(perFile, FILES)
          .repartition(Math.min(perFile.size(), parallelism * 4))
          .flatMap(new FileRecordReader(broadcastConf, maxRecordBytes), Encoders.row(RawRecords.SCHEMA));
      all = all.unionByName(records);
    }
    if (byFormat.containsKey(InputFormat.CSV)) {
      all = all.unionByName(limitSize(CsvInput.read(spark, byFormat.get(InputFormat.CSV), conf), maxRecordBytes));
    }
    if (byFormat.containsKey(InputFormat.PARQUET)) {
      all = all.unionByName(limitSize(ParquetInput.read(spark, byFormat.get(InputFormat.PARQUET)), maxRecordBytes));
    }
    return all.repartition(partitions);
  }

  /**
   * Rows of Spark's own readers (CSV, Parquet) whose raw text is larger than {@code maxRecordBytes} become
   * {@code record_too_large}, their raw cut to {@link RawRecords#TOO_LARGE_RAW_CHARS} characters; the per-file
   * readers check each record as they read it.
   */
  static Dataset<Row> limitSize(Dataset<Row> raw, int maxRecordBytes) {
    Column bytes = octet_length(col(Col.RAW));
    Column tooLarge = col(RawRecords.PARSE_ERROR).isNull().and(bytes.gt(maxRecordBytes));
    return raw.select(
        col(Col.INPUT_FILE),
        col(Col.LINE_OR_ROW),
        when(tooLarge, substring(col(Col.RAW), 1, RawRecords.TOO_LARGE_RAW_CHARS)).otherwise(col(Col.RAW))
            .as(Col.RAW),
        when(tooLarge, lit(null)).otherwise(col(RawRecords.FIELDS)).as(RawRecords.FIELDS),
        when(tooLarge, lit(RawRecords.RECORD_TOO_LARGE)).otherwise(col(RawRecords.PARSE_ERROR))
            .as(RawRecords.PARSE_ERROR),
        when(tooLarge, concat(lit("record of "), bytes.cast("string"),
            lit(" bytes is larger than --max-record-bytes " + maxRecordBytes)))
            .otherwise(col(RawRecords.PARSE_DETAIL)).as(RawRecords.PARSE_DETAIL));
  }
}
