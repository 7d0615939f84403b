package org.storyline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storyline.cli.ExitCodes;
import org.storyline.cli.StorylineCommand;
import org.storyline.testing.TestSpark;

/**
 * A run that fails a quality gate, end to end on a copy of one published report ({@link PublishedReport}): a feed
 * whose records are mostly broken stops before publishing with exit code 4 and one line naming the failed check,
 * the last report stays published and readable, the history entry and {@code metrics.prom} carry every check's
 * value; {@code --gates off} then publishes the same input.
 */
class GatesRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BROKEN = 100;
  private final SparkSession spark = TestSpark.session();
  private final String firstRun = PublishedReport.firstRun();

  @TempDir
  Path dir;

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = StorylineCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void aFeedOfBrokenRecordsIsStoppedAndTheLastReportStays() throws IOException {
    Path input = dir.resolve("in");
    Path output = dir.resolve("out");
    PublishedReport.copyInto(input, output);
    StringBuilder broken = new StringBuilder();
    for (int i = 0; i < BROKEN; i++) {
      broken.append("{\"id\":\"c").append(i).append("\",\"text\":\"cut off by the feed\n");
    }
    Files.writeString(input.resolve("c.jsonl"), broken.toString(), StandardCharsets.UTF_8);
    long read = PublishedReport.NEXT_ARTICLES + BROKEN;
    Instant firstEnd = Instant.parse(JSON.readTree(output.resolve("history").resolve(firstRun + ".json").toFile())
        .path("finished_at").asText());

    Result stopped = run("run", "--input", input.toString(), "--output", output.toString(), "--keep-runs", "5");

    String runId = newRuns(output).get(0);
    assertThat(stopped.code()).as("exit code of a run stopped by its gates").isEqualTo(ExitCodes.GATES_FAILED);
    assertThat(stopped.err()).as("one line naming the failed check and its value").isEqualTo(
        "storyline: run " + runId + " stopped by its quality gates, the last report stays published: reject_rate "
            + String.format("%.4g", BROKEN / (double) read) + " > 0.5 (--gates off publishes anyway)\n");
    assertThat(Files.readString(output.resolve("CURRENT")).strip()).as("CURRENT unchanged").isEqualTo(firstRun);
    assertThat(spark.read().parquet(output.resolve("articles").toString()).count()).as("the last report's articles")
        .isEqualTo(PublishedReport.FIRST_ARTICLES);
    assertThat(output.resolve("runs").resolve(runId)).as("the stopped run is not published").doesNotExist();
    assertThat(output.resolve("_staging")).as("no staging folder left").doesNotExist();

    JsonNode entry = JSON.readTree(output.resolve("history").resolve(runId + ".json").toFile());
    assertThat(entry.path("status").asText()).isEqualTo(QualityGates.STOPPED);
    JsonNode gates = entry.path("gates");
    assertThat(gates.path("enforced").asBoolean()).isTrue();
    assertThat(gates.path("passed").asBoolean()).isFalse();
    assertThat(JSON.convertValue(gates.path("failed"), List.class)).containsExactly("reject_rate");
    assertThat(gates.path("checks")).as("every check reported").hasSize(10);
    JsonNode rate = check(gates, "reject_rate");
    assertThat(rate.path("value").asDouble()).isEqualTo(BROKEN / (double) read);
    assertThat(rate.path("max").asDouble()).isEqualTo(0.5);
    assertThat(rate.path("passed").asBoolean()).isFalse();
    assertThat(check(gates, "records_read").path("value").asLong()).isEqualTo(read);
    assertThat(check(gates, "article_drop").path("value").asDouble()).as("(40 - 41) / 40")
        .isEqualTo(-1 / 40.0);

    String metrics = Files.readString(output.resolve(RunMetrics.FILE));
    String label = "output=\"" + output + "\"";
    assertThat(metrics).contains(
        "storyline_run_status{" + label + ",status=\"stopped_by_gates\"} 1\n",
        "storyline_run_status{" + label + ",status=\"succeeded\"} 0\n",
        "storyline_run_published{" + label + "} 0\n",
        "storyline_gates_passed{" + label + "} 0\n",
        "storyline_gate_passed{" + label + ",gate=\"reject_rate\"} 0\n",
        "storyline_gate_passed{" + label + ",gate=\"records_read\"} 1\n",
        "storyline_gate_value{" + label + ",gate=\"reject_rate\"} " + (BROKEN / (double) read) + "\n",
        "storyline_counts{" + label + ",name=\"rejected_by_reason\",key=\"malformed_json\"} " + BROKEN + "\n",
        "storyline_last_success_timestamp_seconds{" + label + "} " + (firstEnd.toEpochMilli() / 1000.0) + "\n");

    Result status = run("status", "--output", output.toString());
    assertThat(status.out().lines().filter(l -> l.contains(runId)).toList()).as("storyline status")
        .singleElement().asString().contains(QualityGates.STOPPED).endsWith("gates failed: reject_rate");

    Result published = run("run", "--input", input.toString(), "--output", output.toString(), "--keep-runs", "5",
        "--gates", "off");

    assertThat(published.code()).as("--gates off: published; stderr %s", published.err()).isEqualTo(ExitCodes.OK);
    String current = Files.readString(output.resolve("CURRENT")).strip();
    assertThat(current).isNotEqualTo(firstRun);
    assertThat(spark.read().parquet(output.resolve("articles").toString()).count())
        .isEqualTo(PublishedReport.NEXT_ARTICLES);
    JsonNode manifest = JSON.readTree(output.resolve("manifest.json").toFile());
    assertThat(manifest.path("status").asText()).isEqualTo("succeeded");
    assertThat(manifest.path("gates").path("enforced").asBoolean()).isFalse();
    assertThat(JSON.convertValue(manifest.path("gates").path("failed"), List.class)).containsExactly("reject_rate");
    assertThat(Files.readString(output.resolve(RunMetrics.FILE)))
        .contains("storyline_run_published{" + label + "} 1\n", "storyline_gates_enforced{" + label + "} 0\n");
  }

  private static JsonNode check(JsonNode gates, String name) {
    for (JsonNode c : gates.path("checks")) {
      if (c.path("name").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no check " + name + " in " + gates);
  }

  /** The history entries other than the first run's, by run id. */
  private List<String> newRuns(Path output) throws IOException {
    List<String> ids = new ArrayList<>();
    try (var history = Files.list(output.resolve("history"))) {
      history.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json") && !n.startsWith(firstRun))
          .sorted().forEach(n -> ids.add(n.substring(0, n.length() - ".json".length())));
    }
    assertThat(ids).as("one new history entry").hasSize(1);
    return ids;
  }
}
