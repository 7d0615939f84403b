package org.storyline.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.storyline.config.PublishConfig;
import org.storyline.io.DeltaTables;
import org.storyline.io.ReportStore;
import org.storyline.schema.TableSpec;
import org.storyline.testing.TestSpark;

/**
 * The publish protocol on a real HDFS (an in-process {@link MiniDFSCluster}, one DataNode), where there are no
 * symbolic links (whole runs on HDFS, under YARN: {@code YarnClusterIT}): a run is published with the
 * {@code CURRENT} file as the commit point; a nightly write
 * carries the unchanged days (copied for Parquet, left in place by Delta); one run at a time holds the lock file;
 * and a publishing job killed before its commit point (a child JVM, SIGKILL), in either format, leaves the last
 * report readable and its lock to be taken over.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HdfsPublishTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SparkSession spark = TestSpark.session();

  @TempDir
  static java.nio.file.Path dir;

  private MiniDFSCluster cluster;
  private FileSystem hdfs;
  private String base;

  @BeforeAll
  void startHdfs() throws IOException {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("dfs").toString());
    cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    cluster.waitActive();
    base = cluster.getURI().toString();
    spark.sparkContext().hadoopConfiguration().set("dfs.replication", "1");
    hdfs = new Path(base).getFileSystem(spark.sparkContext().hadoopConfiguration());
  }

  @AfterAll
  void stopHdfs() {
    if (cluster != null) {
      cluster.shutdown();
    }
  }

  private String current(String output) throws IOException {
    try (var in = hdfs.open(new Path(output, "CURRENT"))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
  }

  private JsonNode manifest(String output) throws IOException {
    try (var in = hdfs.open(new Path(output + "/runs/" + current(output) + "/manifest.json"))) {
      return JSON.readTree(in);
    }
  }

  private static final TableSpec DAYS = new TableSpec("days",
      new StructType().add("day", DataTypes.StringType).add("n", DataTypes.IntegerType), List.of("day"),
      List.of("n"));

  /** Publishes the (day, n) rows as the days table, whole or as the changed days; returns the run id. */
  private String publishDays(String output, PublishConfig.TableFormat format, List<String> changed, String rows) {
    return publishInProcess(output, format, store -> {
      Dataset<Row> data = spark.sql("SELECT col1 AS day, CAST(col2 AS INT) AS n FROM VALUES " + rows);
      if (changed == null) {
        store.write(DAYS, data);
      } else {
        store.writeChanged(DAYS, data, changed);
      }
    });
  }

  @Test
  void aNightlyWriteCarriesTheUnchangedDaysInBothFormats() throws IOException {
    for (PublishConfig.TableFormat format : PublishConfig.TableFormat.values()) {
      String output = base + "/reports/nightly-" + format.label();
      String first = publishDays(output, format, null, "('d1', 1), ('d2', 2)");
      String second = publishDays(output, format, List.of("d3"), "('d1', 1), ('d2', 2), ('d3', 3)");
      assertThat(current(output)).isEqualTo(second);
      if (format == PublishConfig.TableFormat.PARQUET) {
        // Copied (HDFS has no hard links), and the first run's files are still there.
        assertThat(spark.read().parquet(output + "/runs/" + second + "/days").count()).isEqualTo(3);
        assertThat(hdfs.exists(new Path(output + "/runs/" + second + "/days/day=d1"))).isTrue();
        assertThat(spark.read().parquet(output + "/runs/" + first + "/days").count()).isEqualTo(2);
      } else {
        JsonNode versions = manifest(output).path(ReportStore.TABLE_VERSIONS);
        assertThat(versions.path("days").asLong()).isEqualTo(1);
        assertThat(DeltaTables.read(spark, new Path(output, "days"), 1).count()).isEqualTo(3);
        assertThat(DeltaTables.read(spark, new Path(output, "days"), 0).count()).isEqualTo(2);
      }
    }
  }

  @Test
  void oneRunAtATimeHoldsTheLockAndAStaleLockIsTakenOver() throws IOException {
    String output = base + "/reports/locked";
    try (ReportStore holder = ReportStore.begin(spark, output, "20250901T000000Z-0001", 2)) {
      assertThatThrownBy(() -> ReportStore.begin(spark, output, "20250901T000001Z-0002", 2))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("another Storyline run is writing to " + output + ": run 20250901T000000Z-0001 on ")
          .hasMessageContaining("lock renewed 0 s ago");
      assertThat(hdfs.exists(new Path(output + "/_staging/20250901T000000Z-0001"))).as("harms nothing").isTrue();
    }
    assertThat(hdfs.exists(new Path(output, ".run-lock"))).as("released").isFalse();
    // A killed run's lock: not renewed for longer than the staleness.
    try (OutputStream out = hdfs.create(new Path(output, ".run-lock"), false)) {
      out.write("run 20250101T000000Z-dead on elsewhere (process 1)\n".getBytes(StandardCharsets.UTF_8));
    }
    hdfs.setTimes(new Path(output, ".run-lock"), System.currentTimeMillis() - 600_000, -1);
    try (ReportStore next = ReportStore.begin(spark, output, "20250901T000002Z-0003", 2)) {
      try (var in = hdfs.open(new Path(output, ".run-lock"))) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).startsWith("run 20250901T000002Z-0003 ");
      }
    }
  }

  @Test
  void aRunKilledWhilePublishingLeavesTheLastReportReadable() throws Exception {
    for (PublishConfig.TableFormat format : PublishConfig.TableFormat.values()) {
      String output = base + "/reports/killed-" + format.label();
      String point = format == PublishConfig.TableFormat.DELTA ? ReportStore.FIRST_TABLE_COMMITTED : "before-switch";
      // The last good report: two articles, published in process.
      publishInProcess(output, format, store -> store.write("articles", spark.read().json(spark.createDataset(
          List.of("[{\"id\":\"k1\",\"text\":\"x\"},{\"id\":\"k2\",\"text\":\"y\"}]"),
          org.apache.spark.sql.Encoders.STRING())).select(col("id").as("doc_id"), col("text")), List.of(),
          List.of("doc_id")));
      String published = current(output);
      java.nio.file.Path three = dir.resolve("three-" + format.label() + ".json");
      Files.writeString(three, "{\"id\":\"k1\",\"text\":\"x\"}\n{\"id\":\"k2\",\"text\":\"y\"}\n"
          + "{\"id\":\"k3\",\"text\":\"z\"}\n");
      Process child = KillTest.startChild(point + ":pause", PublishingChild.class.getName(), three.toString(),
          output, "2", format.label());
      try {
        KillTest.awaitLine(child, "storyline-fault: paused at " + point, 240);
      } finally {
        child.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
      }
      assertThat(current(output)).as(format + ": the killed run is not current").isEqualTo(published);
      assertThat(hdfs.exists(new Path(output, ".run-lock"))).as(format + ": the killed run's lock").isTrue();
      assertThat(publishedArticles(output, format)).as(format + ": the last report").isEqualTo(2);

      // The next run: refused while the lock is fresh, then takes it over and cleans up.
      spark.sparkContext().hadoopConfiguration().set("storyline.run-lock.stale-seconds", "2");
      try {
        TimeUnit.SECONDS.sleep(3);
        try (ReportStore next = ReportStore.begin(spark, output, ReportStore.newRunId(), 2,
            new PublishConfig(format, Optional.empty()))) {
          assertThat(hdfs.listStatus(new Path(output, ReportStore.RUNS))).as(format + ": no orphan run").hasSize(1);
          assertThat(next.readPublished("articles").orElseThrow().count()).isEqualTo(2);
          if (format == PublishConfig.TableFormat.DELTA) {
            assertThat(spark.read().format("delta").load(output + "/articles").count())
                .as("the killed run's commit put back").isEqualTo(2);
          }
        }
      } finally {
        spark.sparkContext().hadoopConfiguration().unset("storyline.run-lock.stale-seconds");
      }
    }
  }

  private long publishedArticles(String output, PublishConfig.TableFormat format) throws IOException {
    if (format == PublishConfig.TableFormat.DELTA) {
      long version = manifest(output).path(ReportStore.TABLE_VERSIONS).path("articles").asLong();
      return DeltaTables.read(spark, new Path(output, "articles"), version).count();
    }
    return spark.read().parquet(output + "/runs/" + current(output) + "/articles").count();
  }

  /** Publishes, in this JVM, a run whose tables {@code writes} writes; returns its id. */
  private String publishInProcess(String output, PublishConfig.TableFormat format,
      java.util.function.Consumer<ReportStore> writes) {
    String runId = ReportStore.newRunId();
    try (ReportStore store = ReportStore.begin(spark, output, runId, 2, new PublishConfig(format,
        Optional.empty()))) {
      writes.accept(store);
      Map<String, Long> versions = store.commitTables();
      store.publish(Manifest.toJson(Map.of("run_id", runId, "status", Manifest.SUCCEEDED,
          ReportStore.TABLE_FORMAT, format.label(), ReportStore.TABLE_VERSIONS, versions)));
    }
    return runId;
  }
}
