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
    return run(output, incremental, List.of(), inputs);
  }

  private int run(Path output, boolean incremental, List<String> options, Path... inputs) {
    List<String> args = new ArrayList<>(List.of("run", "--output", output.toString()));
    args.addAll(options);
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

  static final String DNA = "Guards of Kim Jong-un collected his glass and bodyguards wiped the chair so that no DNA "
      + "was left for foreign intelligence services.";
  static final String FOOTBALL = "The football club beat its rivals and the bodyguards of the coach kept fans away.";

  /** The seven nights of a week (Monday 1 September 2025 to Sunday 7 September), a few articles each. */
  private Path[] week() throws IOException {
    String[] texts = {FED, KIM, XI, DNA, FOOTBALL, KIM + " More.", FED + " Markets rose."};
    Path[] nights = new Path[7];
    for (int d = 0; d < 7; d++) {
      String day = String.format("2025-09-%02d", d + 1);
      List<String> lines = new ArrayList<>();
      for (int i = 0; i <= d % 3; i++) {
        lines.add(article("d" + d + "a" + i, day, texts[(d + 2 * i) % texts.length] + " Day " + (d + 1) + "."));
      }
      if (d == 0) {
        lines.add("{broken\n");
      }
      if (d == 4) {
        // Monday's first article sent again with a changed text: the batch run rejects it as a duplicate doc_id
        // (its first record keeps the id), and so must Friday's night.
        lines.add(article("d0a0", day, XI + " Corrected on Friday."));
      }
      if (d == 6) {
        lines.set(0, article("d6a0", day, "On Sunday Xi Jinping spoke to Vladimir Putin by phone about the parade, "
            + "the weather in Moscow and the security detail of the visit."));
      }
      nights[d] = night(day, lines.toArray(String[]::new));
    }
    return nights;
  }

  @Test
  void nightlyRunsEqualOneBatchRunAndRerunsChangeNothing() throws IOException {
    Path[] week = week();
    // One topic model for both ways of running, as a nightly deployment would have: the batch run trains it and
    // the nightly runs reuse it, so that topic ids, doc_topics and topic_trends can be compared too (and a model
    // reused from its saved files must give the articles the topics that training gave them).
    List<String> tracking = List.of(
        "--track", "leader_security=(DNA OR bodyguard* OR \"security detail\") AND NOT football",
        "--min-support", "1", "--neighbour-min-support", "1");
    Path batch = dir.resolve("batch");
    List<String> training = new ArrayList<>(List.of("--topics", "3", "--min-df", "2", "--max-df", "0.9",
        "--topic-iterations", "10"));
    training.addAll(tracking);
    run(batch, false, training, week);
    List<String> options = new ArrayList<>(List.of("--topic-model",
        batch.resolve("current").resolve("model").toString()));
    options.addAll(tracking);
    assertThat(table(batch, "topics")).as("a topic model was used").hasSize(3);
    assertThat(table(batch, "doc_topics")).as("articles have topics").isNotEmpty();
    assertThat(table(batch, "tracked_topic_trends")).as("tracked topic rows").isNotEmpty();
    assertThat(table(batch, "rejects")).as("the broken line and the re-sent article").hasSize(2)
        .anyMatch(r -> r.contains("duplicate_doc_id") && r.contains("doc_id: d0a0") && r.contains("Corrected"));

    Path nightly = dir.resolve("nightly");
    for (Path night : week) {
      run(nightly, true, options, night);
    }
    assertThat(stageCount(nightly, "entities", "ner_reused_articles")).as("on Sunday NER ran only on Sunday's "
        + "article; the earlier originals were reused").isEqualTo(stageCount(nightly, "entities",
        "articles_analysed") - 1);
    assertThat(tableNames(nightly)).as("same tables").isEqualTo(tableNames(batch));
    for (String name : tableNames(batch)) {
      assertThat(table(nightly, name)).as("table %s: seven nightly runs = one batch run", name)
          .isEqualTo(table(batch, name));
    }

    List<List<String>> before = new ArrayList<>();
    for (String name : tableNames(nightly)) {
      before.add(table(nightly, name));
    }
    run(nightly, true, options, week[6]);
    JsonNode rerun = manifest(nightly);
    assertThat(rerun.get("counts").get("already_seen").asLong()).as("everything already seen").isEqualTo(1);
    assertThat(rerun.get("counts").get("new_articles").asLong()).as("nothing new").isZero();
    assertThat(stageCount(nightly, "entities", "ner_reused_articles")).as("no NER at all on a rerun")
        .isEqualTo(stageCount(nightly, "entities", "articles_analysed"));
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
