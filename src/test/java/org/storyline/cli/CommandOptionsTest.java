package org.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storyline.config.JobConfig;
import org.storyline.io.ReportStore;
import org.storyline.testing.Required;
import org.storyline.testing.TestSpark;

/**
 * What the command line decides outside the stages, on one small published report made once: a run of three
 * articles (too few for a topic model), then {@code --keep-runs} and {@code status --limit} on a report folder of
 * four runs published with {@link ReportStore}, and exit code 3 for an input that exists but cannot be read.
 */
class CommandOptionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SparkSession SPARK = TestSpark.session();

  @TempDir
  static Path dir;
  static Path small;
  static Result smallRun;

  record Result(int code, String out, String err) {}

  static Result execute(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = StorylineCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  @BeforeAll
  static void publishASmallRun() throws IOException {
    Path input = Files.createDirectories(dir.resolve("in"));
    // Three articles: every word of them is in one article (below --min-df 3) or in all three (above --max-df
    // 0.5), so no term is left for a vocabulary.
    StringBuilder lines = new StringBuilder();
    String[] texts = {"Kim Jong-un met Vladimir Putin in Beijing and aides wiped the chair.",
        "Kim Jong-un met Vladimir Putin in Beijing before the parade began.",
        "Kim Jong-un met Vladimir Putin in Beijing as bodyguards watched."};
    for (int i = 0; i < texts.length; i++) {
      lines.append(String.format("{\"id\":\"a%d\",\"title\":\"Story %d\",\"text\":\"%s\",\"date\":"
          + "\"2025-09-0%dT10:00:00Z\"}%n", i, i, texts[i], i + 1));
    }
    Files.writeString(input.resolve("a.jsonl"), lines.toString(), StandardCharsets.UTF_8);
    small = dir.resolve("small");
    smallRun = execute("run", "--input", input.toString(), "--output", small.toString());
  }

  private static long rows(Path table) {
    return SPARK.read().parquet(table.toString()).count();
  }

  @Test
  void aCorpusTooSmallForATopicModelPublishesEmptyTopicTablesAndSaysWhy() throws IOException {
    assertThat(smallRun.code()).as("exit code; stderr: %s", smallRun.err()).isZero();
    Path current = small.resolve(ReportStore.CURRENT_LINK);
    JsonNode manifest = JSON.readTree(current.resolve("manifest.json").toFile());
    JsonNode topics = manifest.path("counts").path("topics");
    assertThat(topics.path("model").asText()).as("manifest counts.topics.model").isEqualTo("none");
    assertThat(topics.path("reason").asText()).as("the reason is recorded").isNotBlank();
    assertThat(topics.path("k").asInt(-1)).as("k").isZero();
    assertThat(topics.path("articles_analysed").asLong()).as("articles analysed").isEqualTo(3);
    assertThat(current.resolve("topics")).as("topics table written").isDirectory();
    assertThat(current.resolve("doc_topics")).as("doc_topics table written").isDirectory();
    assertThat(rows(current.resolve("topics"))).as("topics rows").isZero();
    assertThat(rows(current.resolve("doc_topics"))).as("doc_topics rows").isZero();
    assertThat(current.resolve("emerging_terms")).as("emerging_terms written all the same").isDirectory();
    assertThat(current.resolve("model")).as("no saved model: the next run trains one").doesNotExist();
    assertThat(manifest.path("tables").path("topics").asLong(-1)).as("tables.topics").isZero();
    assertThat(manifest.path("tables").path("doc_topics").asLong(-1)).as("tables.doc_topics").isZero();
    assertThat(manifest.path("tables").has("emerging_terms")).as("tables.emerging_terms").isTrue();
  }

  /** Publishes an empty run into {@code output} with the --keep-runs of {@code config}; returns its id. */
  private static String publish(Path output, JobConfig config) {
    String runId = ReportStore.newRunId();
    try (ReportStore store = ReportStore.begin(SPARK, output.toString(), runId, config.keepRuns())) {
      store.publish("{\"run_id\":\"" + runId + "\",\"status\":\"succeeded\",\"started_at\":\"2025-09-03T10:00:00Z\","
          + "\"seconds\":1.0,\"counts\":{\"records_read\":1,\"articles\":1,\"rejected\":0}}\n");
    }
    return runId;
  }

  private static List<String> runFolders(Path output) throws IOException {
    try (Stream<Path> runs = Files.list(output.resolve(ReportStore.RUNS))) {
      return runs.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void keepRunsAndStatusLimit() throws IOException, InterruptedException {
    Path output = dir.resolve("four");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(publish(output, RunOptions.parse()));
      Thread.sleep(1100); // run ids are by the second
    }
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(runFolders(output)).as("--keep-runs 3 (default): all three kept").isEqualTo(ids);
    ids.add(publish(output, RunOptions.parse("--keep-runs", "1")));
    soft.assertThat(runFolders(output)).as("--keep-runs 1: only the newest").containsExactly(ids.get(3));

    Result all = execute("status", "--output", output.toString());
    Result two = execute("status", "--output", output.toString(), "--limit", "2");
    soft.assertThat(all.code()).as("status exit code; stderr: %s", all.err()).isZero();
    soft.assertThat(listed(all.out(), ids)).as("status (limit 20): every run").isEqualTo(ids);
    soft.assertThat(two.code()).as("status --limit 2 exit code; stderr: %s", two.err()).isZero();
    soft.assertThat(listed(two.out(), ids)).as("status --limit 2: the last two").isEqualTo(ids.subList(2, 4));
    soft.assertAll();
  }

  private static List<String> listed(String out, List<String> ids) {
    return ids.stream().filter(out::contains).toList();
  }

  @Test
  void anInputThatExistsButCannotBeReadExitsWith3InOneLine() throws IOException {
    Path input = Files.createDirectories(dir.resolve("locked"));
    Required.tool(Files.getFileStore(input).supportsFileAttributeView("posix"),
        "this file system has no POSIX permissions to make an input unreadable");
    Path file = Files.writeString(input.resolve("a.jsonl"), "{\"id\":\"a\",\"text\":\"Kim met Putin in Beijing "
        + "today.\",\"date\":\"2025-09-03\"}\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    try {
      Path output = dir.resolve("unused");
      Result r = execute("run", "--input", file.toString(), "--output", output.toString());
      assertThat(r.code()).as("exit code; stderr: %s", r.err()).isEqualTo(ExitCodes.INPUT_UNREADABLE);
      assertThat(r.err()).as("one line naming the file")
          .startsWith("storyline: input unreadable: ").contains("a.jsonl").endsWith("\n");
      assertThat(r.err().lines().count()).as("lines on stderr").isEqualTo(1);
      assertThat(output.resolve(ReportStore.HISTORY)).as("no run was started").doesNotExist();
    } finally {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
  }
}
