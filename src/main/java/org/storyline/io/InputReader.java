package org.storyline.io;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.storyline.config.InputFormat;

/** Reads every resolved input file into one {@link RawRecords#SCHEMA} dataset, whatever the formats. */
public final class InputReader {
  private InputReader() {}

  /** Raw records per partition we aim for: about 32 MB of input. */
  private static final long BYTES_PER_PARTITION = 32L << 20;

  private static final StructType FILES = DataTypes.createStructType(List.of(
      DataTypes.createStructField("path", DataTypes.StringType, false),
      DataTypes.createStructField("format", DataTypes.StringType, false)));

  public static Dataset<Row> read(SparkSession spark, InputResolver.Resolution resolution) {
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
          .flatMap(new FileRecordReader(broadcastConf), Encoders.row(RawRecords.SCHEMA));
      all = all.unionByName(records);
    }
    if (byFormat.containsKey(InputFormat.CSV)) {
      all = all.unionByName(CsvInput.read(spark, byFormat.get(InputFormat.CSV), conf));
    }
    if (byFormat.containsKey(InputFormat.PARQUET)) {
      all = all.unionByName(ParquetInput.read(spark, byFormat.get(InputFormat.PARQUET)));
    }
    return all.repartition(partitions);
  }
}
