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
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storyline.cli.StorylineCommand;
import org.storyline.testing.TestSpark;

/**
 * Nightly mode: runs one day at a time with --incremental give the same tables as one batch run over all days;
 * re-running a night changes nothing; a late article for an earlier day updates that day's rows.
 */
class IncrementalTest {
  private final SparkSession spark = TestSpark.session();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private static String article(String id, String day, String text) {
    return String.format("{\"id\":\"%s\",\"title\":\"%s\",\"text\":\"%s\",\"date\":\"%sT10:00:00Z\",\"source\":\"Wire\"}%n",
        id, id, text, day);
  }

  private Path night(String name, String... lines) throws IOException {
    Path folder = dir.resolve("in").resolve(name);
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("articles.jsonl"), String.join("", lines), StandardCharsets.UTF_8);
    return folder;
  }

  private int run(Path output, boolean incremental, Path... inputs) {
    List<String> args = new ArrayList<>(List.of("run", "--output", output.toString()));
    for (Path input : inputs) {
      args.add("--input");
      args.add(input.toString());
    }
    if (incremental) {
      args.add("--incremental");
    }
    StringWriter err = new StringWriter();
    int code = StorylineCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(err),
        args.toArray(String[]::new));
    assertThat(code).as("run %s: %s", args, err).isZero();
    return code;
  }

  /** Every table of a report folder, as sorted rows rendered to text. */
  private List<String> table(Path output, String name) {
    Dataset<Row> rows = spark.read().parquet(output.resolve(name).toString());
    return rows.collectAsList().stream().map(Row::toString).sorted().toList();
  }

  private List<String> tableNames(Path output) throws IOException {
    try (Stream<Path> entries = Files.list(output.resolve("current"))) {
      return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.equals("model"))
          .sorted().toList();
    }
  }

  private long stageCount(Path output, String stage, String count) throws IOException {
    for (JsonNode s : manifest(output).get("stages")) {
      if (s.get("name").asText().equals(stage)) {
        return s.get("counts").get(count).asLong();
      }
    }
    throw new AssertionError("no stage " + stage + " in the manifest");
  }

  private JsonNode manifest(Path output) throws IOException {
    return JSON.readTree(output.resolve("manifest.json").toFile());
  }

  static final String KIM = "North Korean leader Kim Jong-un met Russian President Vladimir Putin in Beijing and "
      + "aides wiped his chair after the talks, footage showed.";
  static final String FED = "The Federal Reserve left interest rates unchanged and Chair Jerome Powell said tariffs "
      + "were pushing up the prices of some goods.";
  static final String XI = "Chinese President Xi Jinping hosted a military parade in Beijing with Kim Jong-un and "
      + "Vladimir Putin beside him on the rostrum.";

  @Test
  void nightlyRunsEqualOneBatchRunAndRerunsChangeNothing() throws IOException {
    Path monday = night("2025-09-01", article("m1", "2025-09-01", FED), "{broken\n");
    Path tuesday = night("2025-09-02", article("t1", "2025-09-02", KIM), article("t2", "2025-09-02", XI));
    Path wednesday = night("2025-09-03", article("w1", "2025-09-03", KIM + " More."),
        article("w2", "2025-09-03", FED + " Markets rose."));

    Path batch = dir.resolve("batch");
    run(batch, false, monday, tuesday, wednesday);

    Path nightly = dir.resolve("nightly");
    run(nightly, true, monday);
    run(nightly, true, tuesday);
    run(nightly, true, wednesday);
    assertThat(stageCount(nightly, "entities", "ner_reused_articles")).as("NER reused for Monday's and Tuesday's "
        + "articles, run only on Wednesday's two").isEqualTo(3);
    assertThat(stageCount(nightly, "entities", "articles_analysed")).as("all analysed articles (w1 is a near-duplicate of t1)").isEqualTo(4);
    assertThat(tableNames(nightly)).as("same tables").isEqualTo(tableNames(batch));
    for (String name : tableNames(batch)) {
      assertThat(table(nightly, name)).as("table %s: nightly runs = one batch run", name)
          .isEqualTo(table(batch, name));
    }

    List<List<String>> before = new ArrayList<>();
    for (String name : tableNames(nightly)) {
      before.add(table(nightly, name));
    }
    run(nightly, true, wednesday);
    JsonNode rerun = manifest(nightly);
    assertThat(rerun.get("counts").get("already_seen").asLong()).as("everything already seen").isEqualTo(2);
    assertThat(rerun.get("counts").get("new_articles").asLong()).as("nothing new").isZero();
    assertThat(stageCount(nightly, "entities", "ner_reused_articles")).as("no NER at all on a rerun").isEqualTo(4);
    List<List<String>> after = new ArrayList<>();
    for (String name : tableNames(nightly)) {
      after.add(table(nightly, name));
    }
    assertThat(after).as("re-running a night changes no table").isEqualTo(before);
  }

  @Test
  void aLateArticleForAnEarlierDayBecomesTheOriginalOfItsLaterCopy() throws IOException {
    Path output = dir.resolve("out");
    run(output, true, night("2025-09-03", article("copy", "2025-09-03", KIM)));
    run(output, true, night("late", article("original", "2025-09-01", KIM)));
    TreeSet<String> rows = new TreeSet<>();
    for (Row r : spark.read().parquet(output.resolve("articles").toString()).collectAsList()) {
      rows.add(r.getAs("doc_id") + " -> " + r.getAs("duplicate_of") + " on " + r.getAs("published_date"));
    }
    assertThat(rows).as("the late, earlier article is the original now")
        .containsExactly("copy -> original on 2025-09-03", "original -> null on 2025-09-01");
    TreeSet<String> mentioned = new TreeSet<>();
    for (Row r : spark.read().parquet(output.resolve("entity_mentions").toString()).select("doc_id").distinct()
        .collectAsList()) {
      mentioned.add(r.getString(0));
    }
    assertThat(mentioned).as("the copy's NER rows of the first night are not reused now it is a duplicate")
        .containsExactly("original");
    assertThat(manifest(output).get("counts").get("duplicates_exact").asLong()).as("duplicates").isEqualTo(1);
  }
}
