package org.storyline.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.storyline.cli.ExitCodes;
import org.storyline.cli.StorylineCommand;
import org.storyline.io.FaultPoints;
import org.storyline.io.ReportStore;
import org.storyline.testing.TestSpark;

/**
 * The job on YARN with its data on HDFS: an in-process {@link MiniDFSCluster} and {@link MiniYARNCluster} (one
 * DataNode, one NodeManager; the way Spark's own {@code YarnClusterSuite} runs), the shaded jar submitted with
 * {@code --master yarn} as the README says, in client mode publishing Parquet and in cluster mode publishing Delta,
 * input and output on that HDFS. Every table of each must equal, row for row, the table of a local run of the same
 * input. Then a client-mode run is killed (SIGKILL of its driver) once it has written to HDFS staging, and the last
 * report is still the readable, current one. (The kill inside publishing, on HDFS, is {@code HdfsPublishTest}'s.)
 *
 * <p>The Spark jars the containers run with are the ones {@code scripts/spark-standalone.sh home} assembles
 * ({@code target/spark-home/jars}, spark-yarn included), given as {@code spark.yarn.jars=local:...}: the
 * NodeManager runs on this machine, so nothing is uploaded. Logs: {@code target/yarn-it/}.
 */
class YarnClusterIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(15);
  private static final String HOST = "127.0.0.1";

  private static Path root;
  private static Path work;
  private static Path jar;
  private static Path sparkHome;
  private static Path hadoopConf;
  private static MiniDFSCluster hdfsCluster;
  private static MiniYARNCluster yarnCluster;
  private static FileSystem hdfs;
  private static String base;

  @BeforeAll
  static void startClusters() throws Exception {
    root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    work = root.resolve("target/yarn-it");
    deleteTree(work);
    Files.createDirectories(work);
    jar = Path.of(System.getProperty("storyline.shadedJar", root.resolve("target/storyline-0.1.0-spark.jar")
        .toString()));
    assertThat(jar).as("the shaded jar (mvn package)").exists();
    sparkHome = sparkHome();

    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, work.resolve("dfs").toString());
    hdfsCluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    hdfsCluster.waitActive();
    base = hdfsCluster.getURI().toString();

    YarnConfiguration yarnConf = new YarnConfiguration(conf);
    yarnConf.set("fs.defaultFS", base);
    yarnConf.set("dfs.replication", "1");
    yarnConf.setInt(YarnConfiguration.NM_PMEM_MB, 6144);
    yarnConf.setInt(YarnConfiguration.NM_VCORES, 4);
    yarnConf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 256);
    yarnConf.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, 4096);
    yarnConf.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
    yarnConf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
    // A shared machine's disk may be fuller than YARN's 90% default: the NodeManager would refuse containers.
    yarnConf.set("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", "100.0");
    // The capacity scheduler (YARN's default) with one queue taking it all: a cluster's capacity-scheduler.xml.
    yarnConf.set("yarn.scheduler.capacity.root.queues", "default");
    yarnConf.set("yarn.scheduler.capacity.root.default.capacity", "100");
    yarnConf.set("yarn.scheduler.capacity.maximum-am-resource-percent", "0.5");
    yarnCluster = new MiniYARNCluster("storyline-yarn-it", 1, 1, 1);
    yarnCluster.init(yarnConf);
    yarnCluster.start();
    Configuration running = yarnCluster.getConfig();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (running.get(YarnConfiguration.RM_ADDRESS, "").endsWith(":0") && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(100);
    }
    hadoopConf = work.resolve("hadoop-conf");
    Files.createDirectories(hadoopConf);
    // The clients' yarn-site.xml: the yarn.* settings of the running cluster (its ResourceManager's ports), not
    // the whole configuration, which carries MiniDFSCluster's test-only classes (a StaticMapping topology).
    Configuration yarnSite = new Configuration(false);
    for (Map.Entry<String, String> entry : running) {
      if (entry.getKey().startsWith("yarn.")) {
        yarnSite.set(entry.getKey(), entry.getValue());
      }
    }
    try (OutputStream out = Files.newOutputStream(hadoopConf.resolve("yarn-site.xml"))) {
      yarnSite.writeXml(out);
    }
    Files.writeString(hadoopConf.resolve("core-site.xml"), "<?xml version=\"1.0\"?>\n<configuration>\n"
        + "<property><name>fs.defaultFS</name><value>" + base + "</value></property>\n"
        + "<property><name>dfs.replication</name><value>1</value></property>\n</configuration>\n");
    TestSpark.session().sparkContext().hadoopConfiguration().set("dfs.replication", "1");
    hdfs = new org.apache.hadoop.fs.Path(base).getFileSystem(TestSpark.session().sparkContext()
        .hadoopConfiguration());
  }

  @AfterAll
  static void stopClusters() {
    if (yarnCluster != null) {
      yarnCluster.stop();
    }
    if (hdfsCluster != null) {
      hdfsCluster.shutdown();
    }
  }

  private static String article(String id, String day, String text) {
    return String.format("{\"id\":\"%s\",\"title\":\"%s\",\"text\":\"%s\",\"date\":\"%sT10:00:00Z\","
        + "\"source\":\"%s\"}%n", id, id, text, day, id.endsWith("1") ? "Herald" : "Wire");
  }

  @Test
  void yarnRunsInBothDeployModesAndFormatsEqualTheLocalRunAndAKilledRunLeavesTheLastReport() throws Exception {
    SparkSession spark = TestSpark.session();
    String[] texts = {
        "Kim Jong-un met Vladimir Putin in Beijing, where Xi Jinping hosted a military parade.",
        "Aides of Kim Jong-un wiped the chair he used after meeting Vladimir Putin, to leave no DNA behind.",
        "Bodyguards of Vladimir Putin carry his waste home in suitcases, reporters in Alaska were told.",
    };
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      lines.append(article("y" + i, "2025-09-0" + (1 + i % 4), texts[i % texts.length] + " Item " + i + "."));
    }
    String input = base + "/in/articles.jsonl";
    try (OutputStream out = hdfs.create(new org.apache.hadoop.fs.Path(input), true)) {
      out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
    }

    // The local run reads the same HDFS input (so input_file agrees) and trains the topic model the YARN runs reuse:
    // LDA training is the one step whose sums depend on task order (StandaloneClusterIT says why).
    Path local = work.resolve("report-local");
    StringWriter err = new StringWriter();
    int code = StorylineCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "run",
        "--input", input, "--output", local.toString(), "--master", "local[2]", "--topics", "2", "--min-df", "1");
    assertThat(code).as("local run: %s", err).isEqualTo(ExitCodes.OK);
    String model = base + "/models/topics";
    hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.resolve("current").resolve("model").toRealPath()
        .toUri()), new org.apache.hadoop.fs.Path(model));
    SortedMap<String, Path> localTables = ReportComparison.tables(local);
    assertThat(localTables).containsKeys("articles", "entities", "cooccurrence", "topic_trends");

    // Both deploy modes at once (the YARN cluster has room for both): most of a small run's time is waiting on
    // container starts and job scheduling, not work.
    Map<String, Process> runs = new java.util.LinkedHashMap<>();
    for (String mode : List.of("client", "cluster")) {
      String format = mode.equals("client") ? "parquet" : "delta";
      runs.put(mode, start(mode + "-" + format, mode, List.of(), "run", "--input", input, "--output",
          base + "/reports/" + format, "--table-format", format, "--topic-model", model, "--topics", "2",
          "--min-df", "1"));
    }
    for (Map.Entry<String, Process> run : runs.entrySet()) {
      String mode = run.getKey();
      String format = mode.equals("client") ? "parquet" : "delta";
      Submitted submitted = await(run.getValue(), mode + "-" + format);
      assertThat(submitted.code()).as("%s mode exit code; stderr:%n%s", mode, submitted.stderrTail())
          .isEqualTo(ExitCodes.OK);
      String output = base + "/reports/" + format;
      JsonNode manifest = manifest(output);
      assertThat(manifest.path("master").asText()).as("ran on YARN").isEqualTo("yarn");
      assertThat(manifest.path(ReportStore.TABLE_FORMAT).asText()).isEqualTo(format);
      List<String> differences = new ArrayList<>();
      for (Map.Entry<String, Path> table : localTables.entrySet()) {
        differences.addAll(ReportComparison.differences(table.getKey(),
            "local", spark.read().parquet(table.getValue().toString()),
            "yarn-" + mode, table(spark, output, manifest, table.getKey()), 5));
      }
      assertThat(differences).as("%s mode (%s) against the local run (Parquet)", mode, format).isEmpty();
    }

    // Killed in the middle of its work: the driver (client mode) paused once ingestion has written its tables to
    // HDFS staging, then SIGKILL. The last report stays current and readable.
    String output = base + "/reports/parquet";
    String published = current(output);
    Process killed = start("killed", "client", List.of("-D" + FaultPoints.PROPERTY + "=ingest:pause"), "run",
        "--input", input, "--output", output, "--topic-model", model, "--topics", "2", "--min-df", "1");
    try {
      awaitStderr(killed, work.resolve("killed.err"), "storyline-fault: paused at ingest");
      assertThat(hdfs.exists(new org.apache.hadoop.fs.Path(output, ReportStore.STAGING))).as("staging written")
          .isTrue();
    } finally {
      Processes.destroyTree(killed.toHandle());
      killed.waitFor(60, TimeUnit.SECONDS);
    }
    assertThat(current(output)).as("the killed run is not current").isEqualTo(published);
    assertThat(spark.read().parquet(output + "/runs/" + published + "/articles").count()).isEqualTo(12);
  }

  /** A YARN report's table: Parquet under runs/CURRENT, or Delta at the version its manifest records. */
  private static Dataset<Row> table(SparkSession spark, String output, JsonNode manifest, String name)
      throws IOException {
    JsonNode version = manifest.path(ReportStore.TABLE_VERSIONS).path(name);
    if (version.canConvertToLong()) {
      return spark.read().format("delta").option("versionAsOf", version.asLong()).load(output + "/" + name);
    }
    return spark.read().parquet(output + "/runs/" + current(output) + "/" + name);
  }

  private static String current(String output) throws IOException {
    try (var in = hdfs.open(new org.apache.hadoop.fs.Path(output, "CURRENT"))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
  }

  private static JsonNode manifest(String output) throws IOException {
    try (var in = hdfs.open(new org.apache.hadoop.fs.Path(output + "/runs/" + current(output) + "/manifest.json"))) {
      return JSON.readTree(in);
    }
  }

  record Submitted(int code, Path stdout, Path stderr) {
    String stderrTail() {
      try {
        List<String> lines = Files.readAllLines(stderr);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
      } catch (IOException e) {
        return "(no stderr: " + e + ")";
      }
    }
  }

  /** Waits for a submit to end (killing it after {@link #SUBMIT_TIMEOUT}). */
  private static Submitted await(Process p, String name) throws InterruptedException {
    if (!p.waitFor(SUBMIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      Processes.destroyTree(p.toHandle());
      throw new AssertionError("spark-submit " + name + " did not finish within " + SUBMIT_TIMEOUT);
    }
    return new Submitted(p.exitValue(), work.resolve(name + ".out"), work.resolve(name + ".err"));
  }

  /**
   * {@code spark-submit --master yarn} with plain java, the assembled Spark jars and the clusters' configuration in
   * HADOOP_CONF_DIR, as the README's YARN section does.
   */
  private static Process start(String name, String deployMode, List<String> jvmOptions, String... appArgs)
      throws IOException {
    String javaHome = System.getProperty("java.home");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(javaHome, "bin", "java").toString());
    cmd.add("-Xmx1g");
    cmd.addAll(jvmOptions);
    cmd.add("-Dlog4j2.configurationFile=" + root.resolve("conf/log4j2.properties"));
    cmd.addAll(List.of("-cp", hadoopConf + ":" + sparkHome.resolve("jars") + "/*",
        "org.apache.spark.deploy.SparkSubmit",
        "--master", "yarn", "--deploy-mode", deployMode, "--name", "storyline-yarn-it-" + name,
        "--driver-memory", "1g", "--executor-memory", "1536m", "--executor-cores", "1", "--num-executors", "1",
        "--conf", "spark.yarn.am.memory=512m",
        "--conf", "spark.yarn.maxAppAttempts=1",
        "--conf", "spark.yarn.jars=local:" + sparkHome.resolve("jars") + "/*",
        "--conf", "spark.yarn.appMasterEnv.JAVA_HOME=" + javaHome,
        "--conf", "spark.executorEnv.JAVA_HOME=" + javaHome,
        "--conf", "spark.yarn.appMasterEnv.SPARK_LOCAL_IP=" + HOST,
        "--conf", "spark.executorEnv.SPARK_LOCAL_IP=" + HOST,
        "--conf", "spark.ui.enabled=false",
        "--conf", "spark.sql.shuffle.partitions=4",
        "--conf", "spark.hadoop.dfs.replication=1",
        "--class", StorylineCommand.class.getName(), jar.toString()));
    if (deployMode.equals("client")) {
      cmd.addAll(cmd.indexOf("--class"), List.of("--conf", "spark.driver.host=" + HOST));
    }
    cmd.addAll(List.of(appArgs));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile())
        .redirectOutput(work.resolve(name + ".out").toFile()).redirectError(work.resolve(name + ".err").toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("SPARK_") || k.startsWith("HADOOP_")
        || k.startsWith("YARN_"));
    pb.environment().put("SPARK_HOME", sparkHome.toString());
    pb.environment().put("HADOOP_CONF_DIR", hadoopConf.toString());
    pb.environment().put("SPARK_LOCAL_IP", HOST);
    pb.environment().put("STORYLINE_LINKING", "off");
    return pb.start();
  }

  private static void awaitStderr(Process p, Path stderr, String line) throws Exception {
    long deadline = System.nanoTime() + SUBMIT_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(stderr) && Files.readString(stderr).contains(line)) {
        return;
      }
      if (!p.isAlive()) {
        throw new AssertionError("the run ended (exit " + p.exitValue() + ") before printing '" + line + "'");
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
    throw new AssertionError("no '" + line + "' within " + SUBMIT_TIMEOUT);
  }

  /** The Spark home of the standalone cluster script, assembled from Maven's Spark jars (spark-yarn included). */
  private static Path sparkHome() throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("scripts/spark-standalone.sh").toString(), "home")
        .directory(root.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().keySet().removeIf(k -> k.startsWith("SPARK_") || k.startsWith("STORYLINE_"));
    String maven = System.getProperty("storyline.mavenHome");
    if (maven != null) {
      pb.environment().put("MVN", Path.of(maven, "bin", "mvn").toString());
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor()).as("scripts/spark-standalone.sh home").isZero();
    Path home = Path.of(out.lines().reduce((a, b) -> b).orElseThrow());
    assertThat(home.resolve("jars")).as("Spark jars").isDirectoryContaining("glob:**/spark-yarn_*.jar");
    return home;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
