package org.storyline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storyline.cli.ExitCodes;
import org.storyline.cli.StorylineCommand;
import org.storyline.io.FaultPoints;
import org.storyline.testing.TestSpark;

/**
 * How a run that fails is told and recorded: a failure inside a Spark task, an Error on the driver, a full disk
 * at start, and a history that cannot be written once the run is published. Each test starts from a copy of one
 * published report ({@link PublishedReport}, shared with {@link KillTest}) and injects the failure with
 * {@link FaultPoints}.
 */
class RunFailureTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ENOSPC = "java.io.IOException: No space left on device";
  private final SparkSession spark = TestSpark.session();
  private final String firstRun = PublishedReport.firstRun();

  @TempDir
  Path dir;
  Path input;
  Path output;

  private record Result(int code, String out, String err) {}

  @BeforeEach
  void copyTheFirstRun() throws IOException {
    input = dir.resolve("in");
    output = dir.resolve("out");
    PublishedReport.copyInto(input, output);
  }

  /** {@code storyline run} with {@code fault} (POINT:ACTION) set for its duration, if not null. */
  private Result run(String fault) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    if (fault != null) {
      System.setProperty(FaultPoints.PROPERTY, fault);
    }
    try {
      int code = StorylineCommand.execute(new PrintWriter(out), new PrintWriter(err),
          "run", "--input", input.toString(), "--output", output.toString(), "--keep-runs", "5");
      return new Result(code, out.toString(), err.toString());
    } finally {
      System.clearProperty(FaultPoints.PROPERTY);
    }
  }

  @Test
  void aDiskFullInsideASparkTaskIsRecordedCleanedUpAndToldByItsRootCause() throws IOException {
    // Thrown inside the NER mapPartitions, in a task: Spark fails the job with "Job aborted due to stage failure",
    // a SparkException (checked, thrown undeclared), the task's error nested in it.
    Result failed = run("ner-task:disk-full");

    assertThat(failed.code()).as("exit code of a failed run").isEqualTo(ExitCodes.FAILURE);
    assertThat(failed.err()).as("one line on stderr, the root cause")
        .isEqualTo("storyline: run failed: " + ENOSPC + "\n");
    assertPreviousRunIntact();
    assertThat(output.resolve("_staging")).as("no staging folder left").doesNotExist();
    JsonNode entry = onlyNewHistoryEntry();
    assertThat(entry.path("status").asText()).as("history status").isEqualTo("failed");
    assertThat(entry.path("error").asText()).as("history error: the root cause").isEqualTo(ENOSPC);
    List<String> chain = JSON.convertValue(entry.path("error_chain"), List.class);
    assertThat(chain).as("the chain, from Spark's wrapper to the cause")
        .first().asString().startsWith("org.apache.spark.SparkException");
    assertThat(chain.get(0)).as("it failed in a task").contains("Lost task");
    assertThat(chain).as("the task's error").contains("org.apache.hadoop.fs.FSError: " + ENOSPC);
    assertThat(chain).as("the cause last").last().isEqualTo(ENOSPC);
    assertThat(entry.path("counts").path("records_read").asLong()).as("counts of the stage that ran")
        .isEqualTo(PublishedReport.NEXT_ARTICLES);
  }

  @Test
  void anErrorOnTheDriverIsRecordedAndToldInOneLine() throws IOException {
    // An FSError (an Error) thrown on the driver right after ingestion.
    Result failed = run("ingest:disk-full");

    assertThat(failed.code()).as("exit code").isEqualTo(ExitCodes.FAILURE);
    assertThat(failed.err()).as("one line").isEqualTo("storyline: run failed: " + ENOSPC + "\n");
    assertPreviousRunIntact();
    assertThat(output.resolve("_staging")).as("no staging folder left").doesNotExist();
    assertThat(onlyNewHistoryEntry().path("status").asText()).as("history status").isEqualTo("failed");
  }

  @Test
  void aFullDiskAtStartIsAnUnwritableOutputInOneLine() throws IOException {
    Result failed = run("write-probe:disk-full");

    assertThat(failed.code()).as("exit code of an unwritable output").isEqualTo(ExitCodes.USAGE);
    assertThat(failed.err()).as("one line naming the cause")
        .isEqualTo("storyline: --output " + output + " is not writable: " + ENOSPC + "\n");
    assertPreviousRunIntact();
    try (var files = Files.list(output)) {
      assertThat(files.map(p -> p.getFileName().toString())).as("no probe file left")
          .noneMatch(n -> n.startsWith(".write-probe"));
    }
  }

  @Test
  void aHistoryThatCannotBeWrittenAfterTheCommitPointIsAWarningOnAPublishedRun() throws IOException {
    Result published = run("history:disk-full");

    String current = Files.readString(output.resolve("CURRENT")).strip();
    assertThat(current).as("the new run is current").isNotEqualTo(firstRun);
    assertThat(published.code()).as("exit code: the report is published").isEqualTo(ExitCodes.OK);
    assertThat(published.out()).as("summary line").contains("run " + current + " published");
    assertThat(published.err()).as("one warning line")
        .isEqualTo("storyline: warning: run " + current + " is published, but writing its history entry failed: "
            + ENOSPC + "\n");
    assertThat(Files.readSymbolicLink(output.resolve("current"))).as("current link")
        .isEqualTo(Path.of("runs", current));
    assertThat(spark.read().parquet(output.resolve("articles").toString()).count()).as("the new articles")
        .isEqualTo(PublishedReport.NEXT_ARTICLES);
    try (var history = Files.list(output.resolve("history"))) {
      assertThat(history.map(p -> p.getFileName().toString())).as("only the first run's entry, no temporary file")
          .containsExactly(firstRun + ".json");
    }
    assertThat(output.resolve("_staging")).as("no staging folder left").doesNotExist();
  }

  private void assertPreviousRunIntact() throws IOException {
    assertThat(Files.readString(output.resolve("CURRENT")).strip()).as("CURRENT unchanged").isEqualTo(firstRun);
    assertThat(Files.readSymbolicLink(output.resolve("current"))).as("current link unchanged")
        .isEqualTo(Path.of("runs", firstRun));
    assertThat(spark.read().parquet(output.resolve("articles").toString()).count()).as("previous articles")
        .isEqualTo(PublishedReport.FIRST_ARTICLES);
    try (var runs = Files.list(output.resolve("runs"))) {
      assertThat(runs.map(p -> p.getFileName().toString())).as("only the published run")
          .containsExactly(firstRun);
    }
  }

  /** The history entry of the run after the first one (there must be exactly one). */
  private JsonNode onlyNewHistoryEntry() throws IOException {
    try (var history = Files.list(output.resolve("history"))) {
      List<Path> entries = history.filter(p -> !p.getFileName().toString().equals(firstRun + ".json")).toList();
      assertThat(entries).as("one new history entry").hasSize(1);
      return JSON.readTree(entries.get(0).toFile());
    }
  }
}
