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
import java.time.LocalDate;
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
 * Nightly mode: five weeks of articles in five nights with --incremental give the same tables as one batch run over
 * all of them, row for row, with z-scores, bursts, emerging pairs and emerging terms present, a late article for an
 * old day, an article re-sent with a changed text, and an alias learned late that merges two earlier entities;
 * re-running a night changes nothing; a late article for an earlier day becomes the original of its later copy.
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

  /** The rows of a table of a report folder that match a SQL condition. */
  private long rows(Path output, String name, String condition) {
    return spark.read().parquet(output.resolve(name).toString()).filter(condition).count();
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

  /** Sentences with entities for the four weeks of history, one a day; "Powell" alone until the fifth week. */
  private static final String[] HISTORY = {
      "Fed chief Powell warned that tariffs could lift prices this summer.",
      "Kim Jong-un inspected a missile factory in Pyongyang, state media said.",
      "Shipping firms in Rotterdam said port congestion eased as fuel prices fell.",
      "The football club signed a striker from Lisbon and fans cheered at the stadium.",
      "Vladimir Putin chaired a security council meeting in Moscow on the harvest.",
      "Farmers in Iowa expected a record corn harvest despite the dry weeks.",
      "Powell told lawmakers in Washington that inflation was cooling slowly."};
  private static final String[] CONTEXT = {"Analysts expected little change before the autumn.",
      "Officials gave no further details on the plans.", "Markets moved little on the news.",
      "Reporters were told more would follow next week.", "The statement was read out on the evening news."};

  /**
   * Five weeks: a backfill night with four weeks of history (Monday 4 August to Sunday 31 August 2025, one article
   * a day, no leader-security story, "Powell" never with his first name), then the fifth week (Monday 1 September to
   * Sunday 7 September) in four nights, where the Kim-Putin-Xi and DNA stories break. The Monday-Tuesday night names
   * "Jerome Powell" and "Powell" in one article, so the alias learned then merges the history's "Powell" into
   * "Jerome Powell"; the Wednesday-Thursday night brings a late article for 20 August; the Friday-Saturday night
   * re-sends a Monday article with a changed text.
   */
  private Path[] fiveWeeks() throws IOException {
    List<String> history = new ArrayList<>();
    for (int i = 0; i < 28; i++) {
      // Each (sentence, context) pair once: no two history articles are near duplicates of each other.
      history.add(article("h" + i, LocalDate.of(2025, 8, 4).plusDays(i).toString(),
          HISTORY[i % 7] + " " + CONTEXT[(i / 7 + i % 7) % 5]));
    }
    // The fifth week in four nights (Monday-Tuesday, Wednesday-Thursday, Friday-Saturday, Sunday): fewer pipeline
    // runs for the suite, each case still in a night of its own. Folders are named by date, as a nightly
    // deployment's are, so that the batch run reads them in the order the nights came (the first record of an id
    // keeps it).
    List<List<String>> week = week();
    return new Path[] {night("2025-08-04", history.toArray(String[]::new)),
        night("2025-09-01", concat(week.get(0), week.get(1))), night("2025-09-03", concat(week.get(2), week.get(3))),
        night("2025-09-05", concat(week.get(4), week.get(5))), night("2025-09-07", week.get(6).toArray(String[]::new))};
  }

  private static String[] concat(List<String> a, List<String> b) {
    return Stream.concat(a.stream(), b.stream()).toArray(String[]::new);
  }

  /** The articles of each day of a week (Monday 1 September 2025 to Sunday 7 September), a few a day. */
  private List<List<String>> week() {
    String[] texts = {FED, KIM, XI, DNA, FOOTBALL, KIM + " More.", FED + " Markets rose."};
    List<List<String>> days = new ArrayList<>();
    for (int d = 0; d < 7; d++) {
      String day = String.format("2025-09-%02d", d + 1);
      List<String> lines = new ArrayList<>();
      for (int i = 0; i <= d % 3; i++) {
        lines.add(article("d" + d + "a" + i, day, texts[(d + 2 * i) % texts.length] + " Day " + (d + 1) + "."));
      }
      if (d == 0) {
        lines.add("{broken\n");
      }
      if (d >= 1 && d <= 3) {
        // The leader-security story breaks on Tuesday to Thursday: three more articles a day (a burst).
        String[] guards = {"Guards of Kim Jong-un", "Aides of Vladimir Putin", "Security officers of Xi Jinping"};
        String[] acts = {"collected the glass and wiped the chair", "carried away the cutlery and the napkins",
            "took the cups and swabbed the table"};
        String[] whom = {"foreign spies", "rival services", "the hosts"};
        for (int j = 0; j < 3; j++) {
          lines.add(article("dna" + d + j, day, guards[j] + " " + acts[(d + j) % 3]
              + " after the talks in Beijing, so that no DNA was left for " + whom[j] + "."));
        }
      }
      if (d == 1) {
        lines.add(article("powell", day, "Jerome Powell said the Federal Reserve would wait. Powell added that "
            + "tariffs were a risk to the outlook."));
      }
      if (d == 3) {
        lines.add(article("late", "2025-08-20", "A late report: Kim Jong-un met Vladimir Putin at a border town "
            + "and aides collected his glass."));
      }
      if (d == 4) {
        // Monday's first article sent again with a changed text: the batch run rejects it as a duplicate doc_id
        // (its first record keeps the id), and so must the Friday-Saturday night.
        lines.add(article("d0a0", day, XI + " Corrected on Friday."));
      }
      if (d == 6) {
        lines.set(0, article("d6a0", day, "On Sunday Xi Jinping spoke to Vladimir Putin by phone about the parade, "
            + "the weather in Moscow and the security detail of the visit."));
      }
      days.add(lines);
    }
    return days;
  }

  @Test
  void nightlyRunsEqualOneBatchRunAndRerunsChangeNothing() throws IOException {
    Path[] nights = fiveWeeks();
    // One topic model for both ways of running, as a nightly deployment would have: the batch run trains it and
    // the nightly runs reuse it, so that topic ids, doc_topics and topic_trends can be compared too (and a model
    // reused from its saved files must give the articles the topics that training gave them). Baselines of a week
    // (days) and two weeks (pairs), so that the fifth week's stories have z-scores, bursts and emerging rows.
    List<String> tracking = List.of(
        "--track", "leader_security=(DNA OR bodyguard* OR \"security detail\") AND NOT football",
        "--min-support", "1", "--neighbour-min-support", "1", "--baseline-days", "7",
        "--emerging-baseline-weeks", "2", "--emerging-min-docs", "2", "--emerging-min-count", "2",
        "--alias-min-support", "1");
    Path batch = dir.resolve("batch");
    List<String> training = new ArrayList<>(List.of("--topics", "3", "--min-df", "2", "--max-df", "0.9",
        "--topic-iterations", "10"));
    training.addAll(tracking);
    run(batch, false, training, nights);
    List<String> options = new ArrayList<>(List.of("--topic-model",
        batch.resolve("current").resolve("model").toString()));
    options.addAll(tracking);
    // What the comparison below must cover, asserted on the batch first so that no equality is of empty tables.
    assertThat(table(batch, "topics")).as("a topic model was used").hasSize(3);
    assertThat(table(batch, "doc_topics")).as("articles have topics").isNotEmpty();
    assertThat(table(batch, "tracked_topic_trends")).as("tracked topic rows").isNotEmpty();
    assertThat(rows(batch, "topic_trends", "zscore IS NOT NULL")).as("topic z-scores").isPositive();
    assertThat(rows(batch, "tracked_topic_trends", "zscore IS NOT NULL")).as("tracked z-scores").isPositive();
    assertThat(rows(batch, "tracked_topic_trends", "burst AND period = 'day'")).as("the DNA story's burst")
        .isPositive();
    assertThat(table(batch, "emerging_pairs")).as("emerging pairs").isNotEmpty();
    assertThat(table(batch, "emerging_terms")).as("emerging terms").isNotEmpty();
    assertThat(rows(batch, "cooccurrence", "period = 'day' AND period_start = DATE'2025-08-20' AND "
        + "array_contains(example_doc_ids, 'late')")).as("the late article's day").isPositive();
    assertThat(rows(batch, "entity_mentions", "doc_id = 'h0' AND entity = 'Jerome Powell'"))
        .as("the history's Powell merged into Jerome Powell").isEqualTo(1);
    assertThat(rows(batch, "entities", "entity = 'Powell'")).as("no Powell of his own").isZero();
    assertThat(table(batch, "rejects")).as("the broken line and the re-sent article").hasSize(2)
        .anyMatch(r -> r.contains("duplicate_doc_id") && r.contains("doc_id: d0a0") && r.contains("Corrected"));

    Path nightly = dir.resolve("nightly");
    for (int i = 0; i < nights.length; i++) {
      run(nightly, true, options, nights[i]);
      if (i == 0) {
        assertThat(rows(nightly, "entities", "entity = 'Powell'")).as("after the history, Powell of his own")
            .isEqualTo(1);
      }
      if (i == 1) {
        assertThat(stageCount(nightly, "topics", "inferred_articles"))
            .as("the Mon-Tue night infers its new articles and the history's Powell articles again (their entity "
                + "terms are Jerome Powell's now), and carries the other earlier articles' topics")
            .isGreaterThan(manifest(nightly).get("counts").get("new_articles").asLong())
            .isLessThan(stageCount(nightly, "topics", "articles_analysed"));
        assertThat(stageCount(nightly, "cooccurrence", "changed_entities"))
            .as("the alias changed the August articles of two entities only: Powell's and Jerome Powell's")
            .isEqualTo(2);
        assertThat(stageCount(nightly, "cooccurrence", "entity_recounted_days"))
            .as("August (its days, weeks and month had no new article) recounted for those two entities only")
            .isEqualTo(31);
      }
    }
    assertThat(stageCount(nightly, "entities", "ner_reused_articles")).as("on Sunday NER ran only on Sunday's "
        + "article; the earlier originals were reused").isEqualTo(stageCount(nightly, "entities",
        "articles_analysed") - 1);
    assertThat(stageCount(nightly, "topics", "emerging_term_buckets")).as("on Sunday only the emerging terms of "
        + "Sunday's day, week and month were ranked again (the buckets whose baselines hold Sunday come after the "
        + "last day); every earlier bucket's rows were carried").isEqualTo(3);
    assertThat(stageCount(nightly, "topics", "tokenized_articles")).as("on Sunday only Sunday's article was "
        + "tokenized; the earlier articles' terms were read from article_terms").isEqualTo(1);
    assertThat(tableNames(nightly)).as("same tables").isEqualTo(tableNames(batch));
    for (String name : tableNames(batch)) {
      assertThat(table(nightly, name)).as("table %s: five nightly runs (five weeks) = one batch run", name)
          .isEqualTo(table(batch, name));
    }

    List<List<String>> before = new ArrayList<>();
    for (String name : tableNames(nightly)) {
      before.add(table(nightly, name));
    }
    run(nightly, true, options, nights[nights.length - 1]);
    JsonNode rerun = manifest(nightly);
    assertThat(rerun.get("counts").get("already_seen").asLong()).as("everything already seen").isEqualTo(1);
    assertThat(rerun.get("counts").get("new_articles").asLong()).as("nothing new").isZero();
    assertThat(stageCount(nightly, "entities", "ner_reused_articles")).as("no NER at all on a rerun")
        .isEqualTo(stageCount(nightly, "entities", "articles_analysed"));
    assertThat(stageCount(nightly, "topics", "inferred_articles")).as("no topic inference on a rerun").isZero();
    assertThat(stageCount(nightly, "topics", "tokenized_articles")).as("no article tokenized on a rerun").isZero();
    assertThat(stageCount(nightly, "topics", "emerging_term_buckets")).as("no emerging-term bucket ranked again "
        + "on a rerun").isZero();
    assertThat(stageCount(nightly, "cooccurrence", "recounted_days")).as("no day's pairs counted again on a rerun "
        + "(the nights before took the nightly path too: they wrote the state it compares with)").isZero();
    assertThat(stageCount(nightly, "cooccurrence", "counted_days")).as("days with counted articles").isEqualTo(35);
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
