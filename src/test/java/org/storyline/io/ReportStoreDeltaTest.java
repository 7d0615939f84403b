package org.storyline.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storyline.config.PublishConfig;
import org.storyline.schema.TableSpec;
import org.storyline.testing.TestSpark;

/**
 * The Delta side of {@link ReportStore}, on a hand-made table of (day, n) rows partitioned by day: a nightly write
 * commits only its changed days; a run that fails after committing puts its commits back; a run killed after
 * committing (no abandon) is put back by the next run; a table only a killed run had is removed; versions of runs
 * no longer kept are vacuumed, the kept ones stay readable. And {@code --database} with Parquet: the catalog table
 * follows each published run's folder.
 */
class ReportStoreDeltaTest {
  private final SparkSession spark = TestSpark.session();
  private static final PublishConfig DELTA =
      new PublishConfig(PublishConfig.TableFormat.DELTA, Optional.empty());
  private static final TableSpec DAYS = new TableSpec("days",
      new StructType().add("day", DataTypes.StringType).add("n", DataTypes.IntegerType), List.of("day"),
      List.of("n"));

  @TempDir
  java.nio.file.Path output;

  private Dataset<Row> rows(String... dayAndN) {
    StringBuilder values = new StringBuilder();
    for (String r : dayAndN) {
      String[] p = r.split("=");
      values.append(values.length() == 0 ? "" : ", ").append("('").append(p[0]).append("', ").append(p[1])
          .append(")");
    }
    return spark.sql("SELECT col1 AS day, CAST(col2 AS INT) AS n FROM VALUES " + values);
  }

  /** The table's latest version, as day=n strings. */
  private List<String> latest() {
    return spark.read().format("delta").load(output.resolve("days").toString()).orderBy("day", "n")
        .selectExpr("concat(day, '=', n)").as(Encoders.STRING()).collectAsList();
  }

  /** Publishes one run: the given rows, as a whole table or as the given changed days. */
  private Map<String, Long> publish(String runId, List<String> changed, String... dayAndN) {
    try (ReportStore store = ReportStore.begin(spark, output.toString(), runId, 2, DELTA)) {
      if (changed == null) {
        store.write(DAYS, rows(dayAndN));
      } else {
        store.writeChanged(DAYS, rows(dayAndN), changed);
      }
      Map<String, Long> versions = store.commitTables();
      store.publish("{\"run_id\":\"" + runId + "\",\"table_format\":\"delta\",\"table_versions\":{\"days\":"
          + versions.get("days") + "}}\n");
      return versions;
    }
  }

  @Test
  void aNightlyWriteCommitsOnlyItsChangedDaysAndAFailedRunPutsItsCommitBack() {
    publish("20250901T000000Z-0001", null, "d1=1", "d2=2");
    Map<String, Long> second = publish("20250902T000000Z-0001", List.of("d2", "d3"), "d1=1", "d2=20", "d3=3");
    assertThat(latest()).containsExactly("d1=1", "d2=20", "d3=3");
    assertThat(second).containsEntry("days", 1L);

    try (ReportStore store = ReportStore.begin(spark, output.toString(), "20250903T000000Z-0001", 2, DELTA)) {
      store.writeChanged(DAYS, rows("d1=1", "d2=20", "d3=3", "d4=4"), List.of("d4"));
      store.commitTables();
      assertThat(latest()).as("committed, not published").contains("d4=4");
      store.abandon("{\"run_id\":\"20250903T000000Z-0001\",\"status\":\"failed\"}\n");
    }
    assertThat(latest()).as("put back").containsExactly("d1=1", "d2=20", "d3=3");
  }

  @Test
  void theNextRunPutsBackTheCommitsOfAKilledRunAndRemovesTablesOnlyItHad() {
    publish("20250901T000000Z-0001", null, "d1=1");
    // Killed after committing: neither published nor abandoned. A table of its own, too.
    try (ReportStore store = ReportStore.begin(spark, output.toString(), "20250902T000000Z-0001", 2, DELTA)) {
      store.write(DAYS, rows("d1=100"));
      store.write(new TableSpec("extra", new StructType().add("x", DataTypes.IntegerType), List.of(), List.of()),
          spark.sql("SELECT 1 AS x"));
      store.commitTables();
    }
    assertThat(latest()).containsExactly("d1=100");
    try (ReportStore store = ReportStore.begin(spark, output.toString(), "20250903T000000Z-0001", 2, DELTA)) {
      assertThat(latest()).containsExactly("d1=1");
      assertThat(output.resolve("extra")).doesNotExist();
      assertThat(store.readPublished(DAYS).orElseThrow().count()).isEqualTo(1);
    }
  }

  @Test
  void parquetTablesInTheCatalogFollowEachPublishedRun() {
    PublishConfig parquet = new PublishConfig(PublishConfig.TableFormat.PARQUET, Optional.of("storyline_store"));
    for (String rows : List.of("('d1', 1), ('d2', 2)", "('d1', 1), ('d2', 2), ('d3', 3)")) {
      String runId = ReportStore.newRunId();
      try (ReportStore store = ReportStore.begin(spark, output.toString(), runId, 2, parquet)) {
        store.write(DAYS, spark.sql("SELECT col1 AS day, CAST(col2 AS INT) AS n FROM VALUES " + rows));
        assertThat(store.commitTables()).isEmpty();
        assertThat(store.publish("{\"run_id\":\"" + runId + "\"}\n")).isEmpty();
      }
    }
    // The second run's folder, its partitions recovered: day is a partition the catalog knows.
    assertThat(spark.table("storyline_store.days").count()).isEqualTo(3);
    assertThat(spark.sql("SELECT n FROM storyline_store.days WHERE day = 'd3'").as(Encoders.INT()).collectAsList())
        .containsExactly(3);
    assertThat(spark.sql("SHOW PARTITIONS storyline_store.days").count()).isEqualTo(3);
  }

  @Test
  void versionsOfRunsNoLongerKeptAreVacuumedAndTheKeptOnesStayReadable() {
    long v1 = publish("20250901T000000Z-0001", null, "d1=1").get("days");
    long v2 = publish("20250902T000000Z-0001", null, "d1=2").get("days");
    long v3 = publish("20250903T000000Z-0001", null, "d1=3").get("days"); // --keep-runs 2: the first run goes
    Path table = new Path(output.resolve("days").toUri());
    assertThat(DeltaTables.read(spark, table, v2).selectExpr("n").as(Encoders.INT()).collectAsList())
        .containsExactly(2);
    assertThat(DeltaTables.read(spark, table, v3).selectExpr("n").as(Encoders.INT()).collectAsList())
        .containsExactly(3);
    assertThatThrownBy(() -> DeltaTables.read(spark, table, v1).collectAsList()).as("run 1's files are gone")
        .hasStackTraceContaining("FileNotFound");
    assertThat(DeltaTables.version(spark, table)).as("vacuum adds no commit").isEqualTo(v3);
  }
}
