package org.storyline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storyline.cli.ExitCodes;
import org.storyline.cli.StorylineCommand;
import org.storyline.testing.TestSpark;

/** {@code storyline run} on a small mixed-format fixture: exact tables, manifest, published layout, exit codes. */
class RunEndToEndTest {
  private final SparkSession spark = TestSpark.session();
  private static final ObjectMapper JSON = new ObjectMapper();

  static final String KIM = "North Korean leader Kim Jong-un met Russian President Vladimir Putin in Beijing on "
      + "Wednesday. Aides wiped his chair after the talks.";
  static final String FED = "The Federal Reserve left interest rates unchanged on Wednesday, and Chair Jerome "
      + "Powell said tariffs were pushing up some prices.";
  static final String XI = "Chinese President Xi Jinping hosted a military parade in Beijing, with Kim and Putin "
      + "beside him.";

  @TempDir
  Path dir;
  Path input;
  Path output;

  @BeforeEach
  void fixture() throws IOException {
    input = dir.resolve("in");
    output = dir.resolve("out");
    Files.createDirectories(input.resolve("texts"));
    Files.writeString(input.resolve("wire.jsonl"),
        "{\"id\":\"kim-1\",\"headline\":\"Kim meets Putin\",\"body\":\"<p>" + KIM + "</p>\","
            + "\"date\":\"Wed, 03 Sep 2025 10:00:00 GMT\",\"outlet\":\"Wire\",\"link\":\"https://x/kim-1\"}\n"
            + "{\"id\":\"kim-2\",\"headline\":\"Kim meets Putin (copy)\",\"body\":\"" + KIM + "\","
            + "\"date\":\"2025-09-03T12:00:00Z\",\"outlet\":\"Reprint\"}\n"
            + "{\"id\":\"broken\",\"headline\":\n"
            + "{\"id\":\"nodate\",\"body\":\"" + FED + "\"}\n", StandardCharsets.UTF_8);
    Files.writeString(input.resolve("papers.csv"),
        "article_id,Headline,Story,pub_date,Publisher\n"
            + "fed-1,\"Fed holds, for now\",\"" + FED + "\",\"September 4, 2025 15:30\",Daily\n"
            + "late-1,Late,,\"September 5, 2025\",Daily\n", StandardCharsets.UTF_8);
    Files.writeString(input.resolve("texts/xi-parade.txt"),
        "Title: Xi hosts parade\nDate: 2025-09-07T23:59:00Z\nSource: Blog\n\n" + XI + "\n", StandardCharsets.UTF_8);
  }

  private record Result(int code, String out, String err) {}

  private Result storyline(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = StorylineCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void runWritesExactTablesAndAManifestWhoseCountsAddUp() throws IOException {
    Result result = storyline("run", "--input", input.toString(), "--output", output.toString());
    assertThat(result.code()).as("exit code; stderr: %s", result.err()).isEqualTo(ExitCodes.OK);
    assertThat(result.out()).as("summary line").contains("4 articles, 3 rejected");

    List<Row> articles = spark.read().parquet(output.resolve("articles").toString())
        .orderBy("doc_id").collectAsList();
    assertThat(articles).as("articles").extracting(
            r -> r.getAs("doc_id"), r -> r.getAs("title"), r -> r.getAs("text"),
            r -> ((Timestamp) r.getAs("published")).toInstant(), r -> r.getAs("source"), r -> r.getAs("url"),
            r -> r.getAs("lang"), r -> r.getAs("text_chars"), r -> r.getAs("duplicate_of"),
            r -> r.<Date>getAs("published_date").toString())
        .containsExactly(
            tuple("fed-1", "Fed holds, for now", FED, Instant.parse("2025-09-04T15:30:00Z"), "Daily", null, "en",
                FED.length(), null, "2025-09-04"),
            tuple("kim-1", "Kim meets Putin", KIM, Instant.parse("2025-09-03T10:00:00Z"), "Wire", "https://x/kim-1",
                "en", KIM.length(), null, "2025-09-03"),
            tuple("kim-2", "Kim meets Putin (copy)", KIM, Instant.parse("2025-09-03T12:00:00Z"), "Reprint", null,
                "en", KIM.length(), "kim-1", "2025-09-03"),
            tuple("xi-parade", "Xi hosts parade", XI, Instant.parse("2025-09-07T23:59:00Z"), "Blog", null, "en",
                XI.length(), null, "2025-09-07"));
    assertThat(articles).as("input files").extracting(r -> Path.of(java.net.URI.create(r.<String>getAs("input_file")))
            .getFileName().toString())
        .containsExactly("papers.csv", "wire.jsonl", "wire.jsonl", "xi-parade.txt");
    assertThat(articles.get(1).<String>getAs("content_hash")).as("same text, same hash")
        .isEqualTo(articles.get(2).getAs("content_hash")).hasSize(64);

    List<Row> rejects = spark.read().parquet(output.resolve("rejects").toString())
        .orderBy("reason").collectAsList();
    assertThat(rejects).as("rejects").extracting(r -> r.getAs("reason"), r -> r.getAs("line_or_row"))
        .containsExactly(tuple("empty_text", 2L), tuple("malformed_json", 3L), tuple("missing_date", 4L));
    assertThat(rejects.get(1).<String>getAs("raw")).as("raw record kept").isEqualTo("{\"id\":\"broken\",\"headline\":");

    JsonNode manifest = JSON.readTree(output.resolve("manifest.json").toFile());
    JsonNode counts = manifest.get("counts");
    assertThat(manifest.get("status").asText()).as("status").isEqualTo("succeeded");
    assertThat(counts.get("records_read").asLong()).as("records read").isEqualTo(7);
    assertThat(counts.get("articles").asLong() + counts.get("rejected").asLong()
        + counts.get("out_of_range").asLong()).as("counts add up").isEqualTo(7);
    assertThat(counts.get("rejected_by_reason").toString()).as("by reason")
        .isEqualTo("{\"empty_text\":1,\"malformed_json\":1,\"missing_date\":1}");
    assertThat(counts.get("duplicates_exact").asLong()).as("exact duplicates").isEqualTo(1);
    assertThat(manifest.get("input").get("files_by_format").toString()).as("formats")
        .isEqualTo("{\"csv\":1,\"jsonl\":1,\"text\":1}");
    assertThat(manifest.get("stages").get(0).get("name").asText()).as("first stage").isEqualTo("ingest");
    assertThat(manifest.get("config").get("output").asText()).as("effective config").isEqualTo(output.toString());
  }

  @Test
  void reportsArePublishedAtomicallyAndAFailedRunLeavesThePreviousOne() throws IOException {
    assertThat(storyline("run", "--input", input.toString(), "--output", output.toString()).code())
        .as("first run").isZero();
    String first = Files.readString(output.resolve("CURRENT")).strip();
    assertThat(Files.readSymbolicLink(output.resolve("current"))).as("current link")
        .isEqualTo(Path.of("runs", first));
    assertThat(Files.readSymbolicLink(output.resolve("articles"))).as("stable table path")
        .isEqualTo(Path.of("current", "articles"));

    Result failed;
    System.setProperty("storyline.fault", "ingest:fail");
    try {
      failed = storyline("run", "--input", input.toString(), "--output", output.toString());
    } finally {
      System.clearProperty("storyline.fault");
    }
    assertThat(failed.code()).as("a failing run exits 1").isEqualTo(ExitCodes.FAILURE);
    assertThat(failed.err()).as("one line saying what went wrong")
        .isEqualTo("storyline: run failed: java.lang.IllegalStateException: injected failure at ingest\n");
    assertThat(Files.readString(output.resolve("CURRENT")).strip()).as("previous run still current")
        .isEqualTo(first);
    assertThat(spark.read().parquet(output.resolve("articles").toString()).count()).as("previous articles readable")
        .isEqualTo(4);
    if (Files.exists(output.resolve("_staging"))) {
      try (var staged = Files.list(output.resolve("_staging"))) {
        assertThat(staged).as("no staging debris").isEmpty();
      }
    }
    JsonNode firstRun;
    try (var history = Files.list(output.resolve("history"))) {
      List<JsonNode> runs = history.sorted().map(p -> read(p)).toList();
      assertThat(runs).as("history").extracting(m -> m.get("status").asText())
          .containsExactly("succeeded", "failed");
      firstRun = runs.get(0);
    }

    assertThat(storyline("run", "--input", input.toString(), "--output", output.toString(), "--keep-runs", "1")
        .code()).as("next run").isZero();
    String third = Files.readString(output.resolve("CURRENT")).strip();
    try (var runs = Files.list(output.resolve("runs"))) {
      assertThat(runs.map(p -> p.getFileName().toString())).as("keep-runs 1 prunes the first")
          .containsExactly(third);
    }

    Result status = storyline("status", "--output", output.toString());
    assertThat(status.code()).as("status exit code").isZero();
    assertThat(status.out().lines().toList()).as("status lists the three runs, the current one starred")
        .hasSize(5)
        .satisfies(lines -> {
          // Not starred; run, status, start (date and time), seconds, then 7 read, 4 articles, 3 rejected, no note.
          String started = firstRun.get("started_at").asText().substring(0, 19);
          assertThat(lines.get(1).strip().split(" +")).as("the first run's line: %s", lines.get(1)).containsExactly(
              first, "succeeded", started.substring(0, 10), started.substring(11),
              String.format(java.util.Locale.ROOT, "%.1f", firstRun.get("seconds").asDouble()), "7", "4", "3");
          assertThat(lines.get(1)).as("no star before the first run").startsWith("   " + first);
          assertThat(lines.get(2)).contains("failed").contains("injected failure at ingest");
          assertThat(lines.get(3)).startsWith("*").contains(third).contains("succeeded");
          assertThat(lines.get(4)).isEqualTo("3 run(s) recorded; * = current (" + third + ")");
        });
  }

  @Test
  void badUsageStopsBeforeAnyWorkWithOneLineAndExitCode2() throws IOException {
    Result missing = storyline("run", "--input", dir.resolve("nope").toString(), "--output", output.toString());
    assertThat(missing).as("missing input").extracting(Result::code, Result::err)
        .containsExactly(ExitCodes.USAGE, "storyline: input path not found: --input " + dir.resolve("nope") + "\n");
    assertThat(Files.exists(output)).as("nothing written").isFalse();

    Result unknown = storyline("run", "--input", input.toString(), "--output", output.toString(), "--colour", "red");
    assertThat(unknown.code()).as("unknown option").isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).as("message").startsWith("storyline: Unknown options: '--colour', 'red'");

    Path blocker = dir.resolve("file");
    Files.writeString(blocker, "x");
    Result unwritable = storyline("run", "--input", input.toString(), "--output", blocker.resolve("out").toString());
    assertThat(unwritable.code()).as("unwritable output").isEqualTo(ExitCodes.USAGE);
    assertThat(unwritable.err()).as("message").startsWith("storyline: --output " + blocker.resolve("out")
        + " is not writable");

    Path config = dir.resolve("bad.yaml");
    Files.writeString(config, "input: [x]\nouptut: y\n");
    assertThat(storyline("run", "--config", config.toString()).err()).as("typo in config file")
        .isEqualTo("storyline: unknown option 'ouptut' in config file " + config + "\n");

    assertThat(storyline("run", "--help")).as("help").extracting(Result::code).isEqualTo(ExitCodes.OK);
    assertThat(storyline("run", "--help").out()).as("help text lists options with defaults")
        .contains("--near-duplicate-threshold=J").contains("Default: 0.9");
  }

  @Test
  void aCorruptInputFileIsRejectedNotFatal() throws IOException {
    Files.write(input.resolve("broken.parquet"), new byte[] {1, 2, 3, 4});
    Result result = storyline("run", "--input", input.toString(), "--output", output.toString());
    assertThat(result.code()).as("exit code; stderr: %s", result.err()).isEqualTo(ExitCodes.OK);
    List<Row> unreadable = spark.read().parquet(output.resolve("rejects").toString())
        .filter("reason = 'unreadable_file'").collectAsList();
    assertThat(unreadable).as("one reject for the corrupt file").hasSize(1);
    assertThat(unreadable.get(0).<String>getAs("input_file")).as("file").endsWith("broken.parquet");
  }

  private static JsonNode read(Path p) {
    try {
      return JSON.readTree(p.toFile());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
