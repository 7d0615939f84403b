package org.storyline.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storyline.testing.TestSpark;
import scala.jdk.javaapi.CollectionConverters;

/** The generic report comparison behind StandaloneClusterIT: table discovery and row-by-row equality. */
class ReportComparisonTest {
  private final SparkSession spark = TestSpark.session();

  private static final StructType SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField("entity", DataTypes.StringType, false),
      DataTypes.createStructField("score", DataTypes.DoubleType, true),
      DataTypes.createStructField("aliases", DataTypes.createArrayType(DataTypes.StringType), true),
      DataTypes.createStructField("by_day", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), true)));

  private static Row row(String entity, Double score, List<String> aliases, Map<String, Long> byDay) {
    return RowFactory.create(entity, score, CollectionConverters.asScala(aliases).toSeq(),
        CollectionConverters.asScala(byDay));
  }

  private static Map<String, Long> ordered(Object... keyValues) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], (Long) keyValues[i + 1]);
    }
    return m;
  }

  private Dataset<Row> frame(Row... rows) {
    return spark.createDataFrame(List.of(rows), SCHEMA);
  }

  private static final Row PUTIN = row("Vladimir Putin", 0.1 + 0.2, List.of("Putin"), ordered("d1", 2L, "d2", 1L));
  private static final Row KIM = row("Kim Jong-un", 1.5, List.of("Kim", "Kim Jong Un"), ordered("d1", 3L));

  @Test
  void equalTablesInAnotherOrderWithMapsInAnotherOrderAndDoublesOffByAnUlpHaveNoDifferences() {
    Dataset<Row> left = frame(PUTIN, KIM);
    Dataset<Row> right = frame(
        row("Kim Jong-un", 1.5, List.of("Kim", "Kim Jong Un"), ordered("d1", 3L)),
        row("Vladimir Putin", 0.3, List.of("Putin"), ordered("d2", 1L, "d1", 2L)));
    assertThat(0.1 + 0.2).as("the fixture's doubles really differ in the last bit").isNotEqualTo(0.3);
    assertThat(ReportComparison.differences("t", "local", left, "cluster", right, 5)).as("differences").isEmpty();
  }

  @Test
  void aDifferentValueAMissingDuplicateAndAFarDoubleAreAllReported() {
    Dataset<Row> left = frame(PUTIN, KIM, KIM);
    Dataset<Row> right = frame(
        row("Vladimir Putin", 0.3000003, List.of("Putin"), ordered("d1", 2L, "d2", 1L)),
        row("Kim Jong-un", 1.5, List.of("Kim", "Kim Jong-Un"), ordered("d1", 3L)));
    assertThat(ReportComparison.differences("t", "local", left, "cluster", right, 5)).as("differences")
        .containsExactlyInAnyOrder(
            "t: row only in local: [\"Kim Jong-un\", 1.5, [\"Kim\", \"Kim Jong Un\"], {\"d1\"=3}]",
            "t: row only in local: [\"Kim Jong-un\", 1.5, [\"Kim\", \"Kim Jong Un\"], {\"d1\"=3}]",
            "t: row only in cluster: [\"Kim Jong-un\", 1.5, [\"Kim\", \"Kim Jong-Un\"], {\"d1\"=3}]",
            "t: row differs: local [\"Vladimir Putin\", 0.30000000000000004, [\"Putin\"], {\"d1\"=2, \"d2\"=1}]"
                + " vs cluster [\"Vladimir Putin\", 0.3000003, [\"Putin\"], {\"d1\"=2, \"d2\"=1}]");
  }

  @Test
  void onlyTheFirstDifferencesAreSpelledOut() {
    Dataset<Row> left = frame(PUTIN, KIM);
    Dataset<Row> right = frame();
    assertThat(ReportComparison.differences("t", "local", left, "cluster", right, 1)).as("differences")
        .hasSize(2).last().isEqualTo("t: ... 1 more differing rows");
  }

  @Test
  void aDifferentSchemaIsReportedAsSuch() {
    Dataset<Row> left = frame(PUTIN);
    Dataset<Row> right = left.withColumn("score", left.col("score").cast("float"));
    assertThat(ReportComparison.differences("t", "local", left, "cluster", right, 5)).as("differences")
        .containsExactly("t: schemas differ: local <entity:string, score:double, aliases:array<string>,"
            + " by_day:map<string,bigint>> vs cluster <entity:string, score:float, aliases:array<string>,"
            + " by_day:map<string,bigint>>");
  }

  @Test
  void tablesAreFoundUnderTheCurrentRunFolderWithPartitionsWithoutLinksStagingOrEarlierRuns(@TempDir Path dir)
      throws IOException {
    Path run = dir.resolve("runs").resolve("20250903T100000Z-abcd");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("CURRENT"), "20250903T100000Z-abcd\n", StandardCharsets.UTF_8);
    frame(PUTIN, KIM).write().partitionBy("entity").parquet(run.resolve("entities").toString());
    frame(PUTIN).write().parquet(run.resolve("scores").toString());
    frame(KIM).write().parquet(run.resolve("model").resolve("data").toString());
    frame(KIM).write().parquet(dir.resolve("_staging").resolve("next").resolve("scores").toString());
    // An earlier run that --keep-runs kept is not part of the report.
    frame(KIM).write().parquet(dir.resolve("runs").resolve("20250902T100000Z-0123").resolve("scores").toString());
    Files.createSymbolicLink(dir.resolve("current"), Path.of("runs", "20250903T100000Z-abcd"));
    Files.createSymbolicLink(dir.resolve("scores"), Path.of("current", "scores"));

    Map<String, Path> tables = ReportComparison.tables(dir);
    assertThat(tables).as("tables by name").containsOnlyKeys("entities", "model/data", "scores");
    assertThat(tables.get("entities")).as("a partitioned table is its top folder").isEqualTo(run.resolve("entities"));
    assertThat(spark.read().parquet(tables.get("entities").toString()).count()).as("rows of all partitions")
        .isEqualTo(2);
  }
}
