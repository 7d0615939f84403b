package org.storyline.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.storyline.cli.ExitCodes;
import org.storyline.cli.StorylineCommand;
import org.storyline.io.FaultPoints;
import org.storyline.pipeline.Pipeline;
import org.storyline.testing.Required;
import org.storyline.testing.SampleRun;
import org.storyline.testing.TestSpark;

/**
 * The job on a real Spark cluster: {@code scripts/spark-standalone.sh} starts a standalone Master and two Workers on
 * 127.0.0.1, the shaded jar is submitted with {@code org.apache.spark.deploy.SparkSubmit --deploy-mode client}, and
 * every report table must equal, row for row, the one a local-mode run of the same input writes. This proves that
 * nothing relies on driver-only state, that models load on executors and that the jar carries what it needs. The run
 * is judged by the submit's exit code and the reports, never by the Master, which lists an application as FINISHED
 * even when all its executors failed. Also checks that spark-submit passes on Storyline's exit codes.
 *
 * <p>Runs in the {@code integration-test} phase (after {@code package} built the jar). Skips, saying why, only when
 * the machine cannot run a cluster at all (no bash, no free port), and fails instead under
 * {@code STORYLINE_REQUIRE_TOOLS=1} ({@link Required}). The cluster is stopped in {@link #stopCluster()}
 * and by a shutdown hook, and the test fails if any of its processes is left behind. Logs: {@code target/cluster-it/}.
 * Input: the README's sample run ({@code data/sample} with {@code conf/sample.yaml}), shared with the other
 * integration tests of the JVM ({@link SampleRun}), or {@code -Dstoryline.it.input=PATH}.
 */
class StandaloneClusterIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(Long.getLong("storyline.it.submitMinutes", 15));
  /** Executors sized as docs/cluster.md advises for the NER model: one core, 1.5 GB heap, in a 2 GB Worker. */
  private static final String EXECUTOR_MEMORY = "1536m";
  private static final int SHUFFLE_PARTITIONS = 8;
  /** No executors until a job needs them: the exit-code runs fail before any job, so they start none. */
  private static final List<String> NO_IDLE_EXECUTORS = List.of(
      "--conf", "spark.dynamicAllocation.enabled=true",
      "--conf", "spark.dynamicAllocation.shuffleTracking.enabled=true",
      "--conf", "spark.dynamicAllocation.initialExecutors=0",
      "--conf", "spark.dynamicAllocation.minExecutors=0");

  private static Path root;
  private static Path work;
  private static Path jar;
  private static StandaloneCluster cluster;
  private static Thread stopHook;
  private static final Map<String, String> TIMINGS = new LinkedHashMap<>();
  /** The spark-submit processes running now: a JVM exiting early must not leave a driver waiting for executors. */
  private static final Set<Process> SUBMITS = ConcurrentHashMap.newKeySet();
  private static volatile boolean shuttingDown;

  @BeforeAll
  static void startCluster() throws IOException {
    root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    Required.tool(bashAvailable(),
        "bash not found: the standalone-cluster test needs it to run scripts/spark-standalone.sh");
    Optional<int[]> ports = StandaloneCluster.freePorts();
    Required.tool(ports.isPresent(), "no free TCP port on 127.0.0.1 for the Spark master");
    jar = Path.of(System.getProperty("storyline.shadedJar", root.resolve("target/storyline-0.1.0-spark.jar").toString()));
    assertThat(jar).as("the shaded jar, built by `mvn package` before the integration tests").isRegularFile();

    work = root.resolve("target").resolve("cluster-it");
    Optional<Path> maven = Optional.ofNullable(System.getProperty("storyline.mavenHome"))
        .map(h -> Path.of(h, "bin", "mvn")).filter(Files::isExecutable);
    cluster = new StandaloneCluster(root, work.resolve("standalone"), ports.get()[0], ports.get()[1], maven);
    stopHook = new Thread(StandaloneClusterIT::emergencyStop, "stop-standalone-cluster");
    Runtime.getRuntime().addShutdownHook(stopHook);
    // A test JVM killed earlier may have left its cluster running: its PID files are still in the state folder.
    cluster.stop();
    deleteRecursively(work);
    Files.createDirectories(work);

    long t0 = System.nanoTime();
    StandaloneCluster.Result started = cluster.start();
    time("cluster start (script)", t0);
    assertThat(started.code()).as("scripts/spark-standalone.sh start:%n%s", started.output()).isZero();
    assertThat(cluster.status().code()).as("status after start: master and both workers running").isZero();
  }

  @AfterAll
  static void stopCluster() {
    if (cluster == null) {
      return;
    }
    try {
      long t0 = System.nanoTime();
      StandaloneCluster.Result stopped = cluster.stop();
      time("cluster stop (script)", t0);
      assertThat(stopped.code()).as("scripts/spark-standalone.sh stop:%n%s", stopped.output()).isZero();
      assertThat(cluster.processes()).as("processes of the cluster still running after stop").isEmpty();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stopHook);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway
      }
      System.out.println("StandaloneClusterIT wall times: " + TIMINGS);
    }
  }

  @Test
  void aClusterRunWritesTheSameReportsAsALocalRun() throws IOException {
    Path clusterReport = work.resolve("report-cluster");
    // The local run: the README's sample run ({@link SampleRun}, tracked topic included), which the other
    // integration tests of this JVM share; or, with -Dstoryline.it.input, a run of that input here.
    List<String> config = new ArrayList<>();
    String input;
    Path localReport;
    long t0 = System.nanoTime();
    String otherInput = System.getProperty("storyline.it.input");
    if (otherInput == null) {
      input = SampleRun.INPUT.toString();
      config.addAll(List.of("--config", SampleRun.CONFIG.toString()));
      localReport = SampleRun.folder();
    } else {
      input = Path.of(otherInput).toAbsolutePath().toString();
      localReport = work.resolve("report-local");
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int local = StorylineCommand.execute(new PrintWriter(out), new PrintWriter(err),
          "run", "--input", input, "--output", localReport.toString(), "--master", "local[2]");
      assertThat(local).as("local run exit code; stderr: %s", err).isEqualTo(ExitCodes.OK);
    }
    time("local run (in-process, local[2])", t0);

    // The local run trains the topic model and the cluster run reuses it (--topic-model). Training is the one
    // step whose result may differ beyond float tolerance between two engines: MLlib merges the partial sums of
    // each LDA iteration in task-completion order, and the iterations amplify those last-bit differences. Every
    // other table, and topic inference on the executors, must match row for row.
    SparkSession spark = TestSpark.session();
    t0 = System.nanoTime();
    List<String> args = new ArrayList<>(List.of("run", "--input", input, "--output", clusterReport.toString(),
        "--topic-model", localReport.resolve("current").resolve("model").toRealPath().toString()));
    args.addAll(config);
    Submitted run = submit("run", List.of(), List.of(), args.toArray(String[]::new));
    time("cluster run (spark-submit)", t0);
    assertThat(run.code()).as("spark-submit exit code; stderr:%n%s", run.stderrTail()).isEqualTo(ExitCodes.OK);

    JsonNode clusterManifest = JSON.readTree(clusterReport.resolve("manifest.json").toFile());
    JsonNode localManifest = JSON.readTree(localReport.resolve("manifest.json").toFile());
    assertThat(clusterManifest.get("master").asText()).as("the cluster run ran on the standalone master")
        .isEqualTo(cluster.masterUrl());
    assertThat(clusterManifest.get("status").asText()).as("cluster run status").isEqualTo("succeeded");
    assertThat(clusterManifest.get("counts").get("topics").get("model").asText()).as("the cluster run reused "
        + "the local run's topic model").isEqualTo("given");
    assertThat(withoutModelSource(clusterManifest.get("counts"))).as("manifest counts, cluster vs local")
        .isEqualTo(withoutModelSource(localManifest.get("counts")));
    assertThat(clusterManifest.get("tables")).as("manifest table sizes, cluster vs local")
        .isEqualTo(localManifest.get("tables"));

    t0 = System.nanoTime();
    SortedMap<String, Path> clusterTables = ReportComparison.tables(clusterReport);
    SortedMap<String, Path> localTables = ReportComparison.tables(localReport);
    assertThat(clusterTables.keySet()).as("Parquet tables of the cluster run vs the local run")
        .containsExactlyElementsOf(localTables.keySet());
    assertThat(localTables).as("tables found").containsKeys("articles", "rejects");
    List<String> differences = new ArrayList<>();
    for (Map.Entry<String, Path> table : localTables.entrySet()) {
      differences.addAll(ReportComparison.differences(table.getKey(),
          "local", spark.read().parquet(table.getValue().toString()),
          "cluster", spark.read().parquet(clusterTables.get(table.getKey()).toString()), 5));
    }
    time("comparison of " + localTables.size() + " tables", t0);
    assertThat(differences).as("differences between the cluster and the local reports, tables %s",
        localTables.keySet()).isEmpty();
  }

  @Test
  void sparkSubmitExitsWith2OnBadUsage() {
    long t0 = System.nanoTime();
    Submitted bad = submit("bad-usage", List.of(), NO_IDLE_EXECUTORS,
        "run", "--input", root.resolve("data/sample").toString(), "--output", work.resolve("unused").toString(),
        "--colour", "red");
    time("exit code 2 (bad option)", t0);
    assertThat(bad.code()).as("exit code of a bad option through spark-submit; stderr:%n%s", bad.stderrTail())
        .isEqualTo(ExitCodes.USAGE);
    assertThat(bad.stderr()).as("one line saying what went wrong")
        .contains("storyline: Unknown options: '--colour', 'red'");
  }

  @Test
  void sparkSubmitExitsWith3WhenAnInputIsUnreadable() throws IOException {
    Path dir = Files.createDirectories(work.resolve("unreadable"));
    Required.tool(Files.getFileStore(dir).supportsFileAttributeView("posix"),
        "this file system has no POSIX permissions to make an input unreadable");
    Path file = dir.resolve("articles.jsonl");
    Files.writeString(file, "{\"id\":\"a\",\"body\":\"text\",\"date\":\"2025-09-03\"}\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    try {
      long t0 = System.nanoTime();
      Submitted unreadable = submit("unreadable-input", List.of(), NO_IDLE_EXECUTORS,
          "run", "--input", file.toString(), "--output", work.resolve("unused").toString());
      time("exit code 3 (unreadable input)", t0);
      assertThat(unreadable.code()).as("exit code of an unreadable input through spark-submit; stderr:%n%s",
          unreadable.stderrTail()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
      assertThat(unreadable.stderr()).as("one line saying what went wrong")
          .contains("storyline: input unreadable: ").contains("articles.jsonl");
    } finally {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  @Test
  void sparkSubmitExitsWith1WhenTheRunFails() throws IOException {
    Path input = work.resolve("one-article.jsonl");
    Files.writeString(input, "{\"id\":\"a\",\"headline\":\"One\",\"body\":\"North Korean leader Kim Jong-un met "
        + "Russian President Vladimir Putin in Beijing.\",\"date\":\"2025-09-03T10:00:00Z\"}\n",
        StandardCharsets.UTF_8);
    long t0 = System.nanoTime();
    // The driver JVM's property makes the run fail once it has started, before its first stage (io.FaultPoints):
    // failing after ingestion instead cost about 50 s more (an executor started and warmed up for one article), and
    // what is checked here is how a failed run leaves spark-submit, not where it failed.
    Submitted failed = submit("failed-run", List.of("-D" + FaultPoints.PROPERTY + "=" + Pipeline.STARTED + ":fail"),
        NO_IDLE_EXECUTORS,
        "run", "--input", input.toString(), "--output", work.resolve("failed-report").toString());
    time("exit code 1 (run fails once started)", t0);
    assertThat(failed.code()).as("exit code of a failing run through spark-submit; stderr:%n%s",
        failed.stderrTail()).isEqualTo(ExitCodes.FAILURE);
    assertThat(failed.stderr()).as("one line saying what went wrong")
        .contains("storyline: run failed: java.lang.IllegalStateException: injected failure at started");
  }

  /** The manifest counts without where the topic model came from (trained locally, given to the cluster run). */
  private static JsonNode withoutModelSource(JsonNode counts) {
    com.fasterxml.jackson.databind.node.ObjectNode copy = counts.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) copy.get("topics")).remove(List.of("model", "model_path"));
    return copy;
  }

  // -------------------------------------------------------------------------------------------------------------

  /** A finished spark-submit: exit code and the files holding its output. */
  private record Submitted(int code, Path stdoutFile, Path stderrFile) {
    String stderr() {
      try {
        return Files.readString(stderrFile, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String stderrTail() {
      List<String> lines = stderr().lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()))
          + "\n(all of it in " + stderrFile + ")";
    }
  }

  /**
   * Submits the shaded jar to the cluster as the README says, with plain java and the Spark jars of SPARK_HOME:
   * {@code java -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit --master spark://... --deploy-mode
   * client --class org.storyline.cli.StorylineCommand JAR ARGS}.
   */
  private static Submitted submit(String name, List<String> jvmOptions, List<String> sparkOptions,
      String... appArgs) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    cmd.addAll(jvmOptions);
    cmd.add("-Dlog4j2.configurationFile=" + root.resolve("conf/log4j2.properties"));
    cmd.addAll(List.of("-cp", cluster.sparkHome().resolve("jars") + "/*", "org.apache.spark.deploy.SparkSubmit",
        "--master", cluster.masterUrl(), "--deploy-mode", "client", "--name", "storyline-it-" + name,
        "--conf", "spark.ui.enabled=false",
        "--conf", "spark.driver.host=" + StandaloneCluster.HOST,
        "--conf", "spark.driver.bindAddress=" + StandaloneCluster.HOST,
        "--executor-memory", EXECUTOR_MEMORY, "--executor-cores", "1",
        // A few partitions per core (docs/cluster.md): Spark's default of 200 made the ingest of one article run
        // 2,000 tasks. Still not the local run's 2, so the comparison also shows partitioning does not matter.
        "--conf", "spark.sql.shuffle.partitions=" + SHUFFLE_PARTITIONS));
    cmd.addAll(sparkOptions);
    cmd.addAll(List.of("--class", StorylineCommand.class.getName(), jar.toString()));
    cmd.addAll(List.of(appArgs));

    Path stdout = work.resolve(name + ".out");
    Path stderr = work.resolve(name + ".err");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile())
        .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("SPARK_"));
    pb.environment().put("SPARK_HOME", cluster.sparkHome().toString());
    pb.environment().put("SPARK_LOCAL_IP", StandaloneCluster.HOST);
    try {
      Process p = pb.start();
      SUBMITS.add(p);
      try {
        if (shuttingDown) {
          Processes.destroyTree(p.toHandle());
          throw new IllegalStateException("the test JVM is shutting down");
        }
        if (!p.waitFor(SUBMIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          Processes.destroyTree(p.toHandle());
          throw new AssertionError("spark-submit " + name + " did not finish within " + SUBMIT_TIMEOUT + "; see "
              + stderr);
        }
        return new Submitted(p.exitValue(), stdout, stderr);
      } finally {
        SUBMITS.remove(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The shutdown hook: kills running submits, then stops the cluster (when the JVM ends before @AfterAll). */
  private static void emergencyStop() {
    shuttingDown = true; // test threads still run during shutdown: submit() kills what it starts from now on
    SUBMITS.forEach(p -> Processes.destroyTree(p.toHandle()));
    cluster.stopQuietly();
  }

  private static boolean bashAvailable() {
    try {
      Process p = new ProcessBuilder("bash", "-c", "exit 0").redirectErrorStream(true).start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void time(String what, long startNanos) {
    TIMINGS.put(what, String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9));
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
