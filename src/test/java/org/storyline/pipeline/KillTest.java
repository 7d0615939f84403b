package org.storyline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storyline.cli.StorylineCommand;
import org.storyline.io.FaultPoints;
import org.storyline.testing.TestSpark;

/**
 * A run killed with SIGKILL at any moment leaves the previous reports intact, and the next run succeeds and
 * cleans up. The process to kill is a child JVM, killed with SIGKILL ({@code destroyForcibly}): a whole run stopped
 * after its ingest stage or killed in the middle of Spark work, and, for each step of publishing (before the move,
 * before the switch, just after the switch), a {@link PublishingChild} stopped at that step: the same
 * {@link org.storyline.io.ReportStore} protocol on a one-table job, which reaches publishing in seconds instead of
 * after a whole pipeline in a cold JVM. Every test starts from a copy of one published report
 * ({@link PublishedReport}, shared with {@link RunFailureTest}); the next run is a real one, in process.
 */
class KillTest {
  /** JIT and GC for a short-lived child (C1 only, parallel GC): about a third less CPU to reach a point. */
  private static final List<String> CHILD_JVM = List.of("-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC");
  private final SparkSession spark = TestSpark.session();
  private final String firstRun = PublishedReport.firstRun();

  @TempDir
  Path dir;
  Path input;
  Path output;

  @BeforeEach
  void copyTheFirstRun() throws IOException {
    input = dir.resolve("in");
    output = dir.resolve("out");
    // The second run sees one more article, so a mix of runs would show.
    PublishedReport.copyInto(input, output);
  }

  /**
   * One killed run after another, at every moment before the commit point: in the middle of Spark work (while it
   * writes its first tables), paused after its ingest stage, and, publishing, before the move and before the switch.
   * After each kill the previous reports are intact; then one real run succeeds and removes what all of them left
   * (staging folders, a run folder moved but never switched). One next run for the four kills keeps the test to two
   * pipeline runs instead of five; the assertions name the kill that broke them.
   */
  @Test
  void runsKilledBeforeTheirCommitPointLeaveThePreviousReportsAndTheNextRunCleansUp() throws Exception {
    killInTheMiddleOfSparkWork(runChild("none:pause"));
    assertPreviousRunIntact("killed while writing tables");
    killAt("ingest", runChild("ingest:pause"));
    assertPreviousRunIntact("killed after ingest");
    for (String point : List.of("before-move", "before-switch")) {
      killAt(point, publishingChild(point + ":pause"));
      assertPreviousRunIntact("killed at " + point);
    }
    try (var runs = Files.list(output.resolve("runs"))) {
      assertThat(runs.count()).as("the run killed before the switch left its moved run folder").isEqualTo(2);
    }
    assertThat(run()).as("the next run succeeds").isZero();
    assertCleanAfterNextRun();
  }

  @Test
  void aRunKilledJustAfterItsCommitPointIsPublishedWhole() throws Exception {
    killAt("after-switch", publishingChild("after-switch:pause"));
    String killed = Files.readSymbolicLink(output.resolve("current")).getFileName().toString();
    assertThat(killed).as("the killed run had switched the link").isNotEqualTo(firstRun);
    assertThat(spark.read().parquet(output.resolve("articles").toString()).count()).as("its articles, whole")
        .isEqualTo(PublishedReport.NEXT_ARTICLES);
    assertThat(run()).as("the next run succeeds").isZero();
    try (var runs = Files.list(output.resolve("runs"))) {
      assertThat(runs.map(p -> p.getFileName().toString()).sorted()).as("the killed run was kept as published")
          .containsExactly(firstRun, killed, Files.readString(output.resolve("CURRENT")).strip());
    }
  }

  private static void killAt(String point, Process child) throws Exception {
    try {
      awaitLine(child, "storyline-fault: paused at " + point, 240);
    } finally {
      child.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
    }
  }

  /** Waits until {@code child} is writing tables into its staging folder, then kills it. */
  private void killInTheMiddleOfSparkWork(Process child) throws Exception {
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
      while (!stagingHasTableFiles() && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(child.isAlive()).as("child still running when killed").isTrue();
    } finally {
      child.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
    }
  }

  private void assertPreviousRunIntact(String after) throws IOException {
    assertThat(Files.readString(output.resolve("CURRENT")).strip()).as("%s: CURRENT unchanged", after)
        .isEqualTo(firstRun);
    assertThat(Files.readSymbolicLink(output.resolve("current"))).as("%s: current link unchanged", after)
        .isEqualTo(Path.of("runs", firstRun));
    assertThat(spark.read().parquet(output.resolve("articles").toString()).count())
        .as("%s: previous articles", after).isEqualTo(PublishedReport.FIRST_ARTICLES);
    assertThat(Files.readString(output.resolve("manifest.json"))).as("%s: previous manifest", after)
        .contains(firstRun);
  }

  private void assertCleanAfterNextRun() throws IOException {
    String second = Files.readString(output.resolve("CURRENT")).strip();
    assertThat(second).as("a new run is current").isNotEqualTo(firstRun);
    assertThat(spark.read().parquet(output.resolve("articles").toString()).count()).as("new articles")
        .isEqualTo(PublishedReport.NEXT_ARTICLES);
    assertThat(output.resolve("_staging")).as("no staging debris").doesNotExist();
    try (var runs = Files.list(output.resolve("runs"))) {
      assertThat(runs.map(p -> p.getFileName().toString()).sorted()).as("only published runs remain")
          .containsExactly(firstRun, second);
    }
  }

  private boolean stagingHasTableFiles() throws IOException {
    Path staging = output.resolve("_staging");
    if (!Files.isDirectory(staging)) {
      return false;
    }
    try (var files = Files.walk(staging)) {
      return files.anyMatch(p -> p.getFileName().toString().startsWith("part-"));
    }
  }

  private int run() {
    return StorylineCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
        "run", "--input", input.toString(), "--output", output.toString(), "--keep-runs", "5");
  }

  /** A child JVM running {@code storyline run} on this test's input and output, with {@code fault} set. */
  private Process runChild(String fault) throws IOException {
    return startChild(fault, "org.storyline.cli.StorylineCommand", "run", "--master", "local[2]",
        "--input", input.toString(), "--output", output.toString(), "--keep-runs", "5");
  }

  /** A child JVM publishing a one-table report of this test's input ({@link PublishingChild}), {@code fault} set. */
  private Process publishingChild(String fault) throws IOException {
    return startChild(fault, PublishingChild.class.getName(), input.toString(), output.toString(), "5");
  }

  static Process startChild(String fault, String mainClass, String... args) throws IOException {
    String classpath = "target/test-classes:target/classes:"
        + Files.readString(Path.of("target/test-classpath.txt")).strip();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(CHILD_JVM);
    command.addAll(List.of(
        "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED", "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
        "-Dlog4j2.configurationFile=conf/log4j2-test.properties",
        "-D" + FaultPoints.PROPERTY + "=" + fault,
        "-cp", classpath, mainClass));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.environment().put("STORYLINE_LINKING", "off");
    return builder.start();
  }

  /** Reads the child's output until {@code expected} appears; fails with what it printed otherwise. */
  static void awaitLine(Process child, String expected, int timeoutSeconds) throws Exception {
    List<String> seen = new ArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          synchronized (seen) {
            seen.add(line);
            seen.notifyAll();
          }
        }
      } catch (IOException ignored) {
        // the child was killed
      }
    });
    reader.setDaemon(true);
    reader.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    synchronized (seen) {
      while (seen.stream().noneMatch(l -> l.contains(expected))) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        assertThat(left > 0 && child.isAlive()).as("child reached '%s'; it printed:%n%s", expected,
            String.join("\n", seen)).isTrue();
        seen.wait(Math.min(left, 500));
      }
    }
  }
}
