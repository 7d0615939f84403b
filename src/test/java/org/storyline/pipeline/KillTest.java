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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.storyline.cli.StorylineCommand;
import org.storyline.io.FaultPoints;
import org.storyline.testing.TestSpark;

/**
 * A run killed with SIGKILL at any moment leaves the previous reports intact, and the next run succeeds and
 * cleans up. The run to kill is a child JVM stopped at a named point (after a stage, or at each step of
 * publishing) or in the middle of Spark work; it is then killed with SIGKILL ({@code destroyForcibly}).
 */
class KillTest {
  private final SparkSession spark = TestSpark.session();

  /** The first run, published once for the class; each test starts from a copy of it. */
  @TempDir
  static Path template;
  static String firstRun;

  @TempDir
  Path dir;
  Path input;
  Path output;

  @BeforeAll
  static void publishAFirstRun() throws IOException {
    Path input = template.resolve("in");
    Files.createDirectories(input);
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      lines.append(String.format("{\"id\":\"a%02d\",\"title\":\"Story %d\",\"text\":\"Kim Jong-un met Vladimir Putin "
          + "in Beijing on day %d, and aides wiped the chair after the talks.\",\"date\":\"2025-09-%02dT10:00:00Z\"}%n",
          i, i, i, 1 + i % 28));
    }
    Files.writeString(input.resolve("a.jsonl"), lines.toString(), StandardCharsets.UTF_8);
    assertThat(run(input, template.resolve("out"))).as("first run").isZero();
    firstRun = Files.readString(template.resolve("out").resolve("CURRENT")).strip();
  }

  @BeforeEach
  void copyTheFirstRun() throws IOException {
    input = dir.resolve("in");
    output = dir.resolve("out");
    copyTree(template.resolve("in"), input);
    copyTree(template.resolve("out"), output);
    // The second run sees more articles, so a mix of runs would show.
    Files.writeString(input.resolve("b.jsonl"), "{\"id\":\"b1\",\"text\":\"Xi Jinping hosted a parade in Beijing "
        + "with Kim and Putin.\",\"date\":\"2025-09-03T12:00:00Z\"}\n", StandardCharsets.UTF_8);
  }

  /** Copies a folder, symlinks as symlinks (the report's links are relative, so the copy is a report too). */
  static void copyTree(Path from, Path to) throws IOException {
    try (var paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isSymbolicLink(p)) {
          Files.createSymbolicLink(target, Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  @ParameterizedTest(name = "killed at {0}")
  @ValueSource(strings = {"ingest", "before-move", "before-switch"})
  void aRunKilledBeforeItsCommitPointLeavesThePreviousReportsAndTheNextRunCleansUp(String point) throws Exception {
    killAt(point);
    assertPreviousRunIntact();
    assertThat(run()).as("the next run succeeds").isZero();
    assertCleanAfterNextRun();
  }

  @Test
  void aRunKilledJustAfterItsCommitPointIsPublishedWhole() throws Exception {
    killAt("after-switch");
    String killed = Files.readSymbolicLink(output.resolve("current")).getFileName().toString();
    assertThat(killed).as("the killed run had switched the link").isNotEqualTo(firstRun);
    assertThat(spark.read().parquet(output.resolve("articles").toString()).count()).as("its articles, whole")
        .isEqualTo(41);
    assertThat(run()).as("the next run succeeds").isZero();
    try (var runs = Files.list(output.resolve("runs"))) {
      assertThat(runs.map(p -> p.getFileName().toString()).sorted()).as("the killed run was kept as published")
          .containsExactly(firstRun, killed, Files.readString(output.resolve("CURRENT")).strip());
    }
  }

  private void killAt(String point) throws Exception {
    Process child = startChild(point + ":pause");
    try {
      awaitLine(child, "storyline-fault: paused at " + point, 240);
    } finally {
      child.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void aRunKilledInTheMiddleOfSparkWorkLeavesThePreviousReports() throws Exception {
    Process child = startChild("none:pause");
    try {
      // Wait until the child is writing tables into its staging folder, then kill it.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
      while (!stagingHasTableFiles() && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(child.isAlive()).as("child still running when killed").isTrue();
    } finally {
      child.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
    }
    assertPreviousRunIntact();
    assertThat(run()).as("the next run succeeds").isZero();
    assertCleanAfterNextRun();
  }

  private void assertPreviousRunIntact() throws IOException {
    assertThat(Files.readString(output.resolve("CURRENT")).strip()).as("CURRENT unchanged").isEqualTo(firstRun);
    assertThat(Files.readSymbolicLink(output.resolve("current"))).as("current link unchanged")
        .isEqualTo(Path.of("runs", firstRun));
    assertThat(spark.read().parquet(output.resolve("articles").toString()).count()).as("previous articles")
        .isEqualTo(40);
    assertThat(Files.readString(output.resolve("manifest.json"))).as("previous manifest").contains(firstRun);
  }

  private void assertCleanAfterNextRun() throws IOException {
    String second = Files.readString(output.resolve("CURRENT")).strip();
    assertThat(second).as("a new run is current").isNotEqualTo(firstRun);
    assertThat(spark.read().parquet(output.resolve("articles").toString()).count()).as("new articles").isEqualTo(41);
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
    return run(input, output);
  }

  private static int run(Path input, Path output) {
    return StorylineCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
        "run", "--input", input.toString(), "--output", output.toString(), "--keep-runs", "5");
  }

  private Process startChild(String fault) throws IOException {
    String classpath = "target/classes:" + Files.readString(Path.of("target/test-classpath.txt")).strip();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
        "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED", "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
        "-Dlog4j2.configurationFile=conf/log4j2-test.properties",
        "-D" + FaultPoints.PROPERTY + "=" + fault,
        "-cp", classpath, "org.storyline.cli.StorylineCommand",
        "run", "--master", "local[2]", "--input", input.toString(), "--output", output.toString(),
        "--keep-runs", "5"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return builder.start();
  }

  /** Reads the child's output until {@code expected} appears; fails with what it printed otherwise. */
  private static void awaitLine(Process child, String expected, int timeoutSeconds) throws Exception {
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
