package org.storyline.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.storyline.cli.OptionCase;
import org.storyline.config.JobConfig;
import org.storyline.entities.Entities;
import org.storyline.io.InputReader;
import org.storyline.io.InputResolver;
import org.storyline.io.RawRecords;
import org.storyline.schema.Col;
import org.storyline.testing.TestSpark;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Every input and ingestion option of {@code storyline run} changes what it governs: each case parses the option
 * through the command's own parser and runs the functions the pipeline's ingest stage calls (InputResolver,
 * InputReader, Ingest.classify / rejects / newRecords / articles, Deduplication) on a few hand-made records.
 */
class IngestOptionsTest {
  private static final SparkSession SPARK = TestSpark.session();

  @TempDir
  static Path dir;
  static String jsonA;
  static String jsonB;
  static String txt;
  static String config;

  /** 24 distinct words; near-duplicate pairs below change one of them. */
  private static final List<String> WORDS = IntStream.rangeClosed(1, 24)
      .mapToObj(i -> "w" + (char) ('a' + (i - 1) / 5) + (char) ('a' + (i - 1) % 5) + "x").toList();

  @BeforeAll
  static void files() throws IOException {
    // a.jsonl: one short line (63 bytes) and one long line (over 100 bytes).
    Path a = dir.resolve("a.jsonl");
    Files.writeString(a, "{\"id\":\"a1\",\"text\":\"Kim met Putin in Beijing.\",\"date\":\"2025-09-03\"}\n"
        + "{\"id\":\"a2\",\"text\":\"Kim met Putin in Beijing, and aides wiped the chair after the talks "
        + "ended.\",\"date\":\"2025-09-03\"}\n", StandardCharsets.UTF_8);
    Path b = dir.resolve("b.jsonl");
    Files.writeString(b, "{\"id\":\"b1\",\"text\":\"Xi hosted a parade in Beijing.\",\"date\":\"2025-09-04\"}\n",
        StandardCharsets.UTF_8);
    // JSON lines in a file named .txt: auto reads it as one text article, --format jsonl as two records.
    Path t = dir.resolve("c.txt");
    Files.writeString(t, "{\"id\":\"c1\",\"text\":\"First story about Kim.\",\"date\":\"2025-09-03\"}\n"
        + "{\"id\":\"c2\",\"text\":\"Second story about Putin.\",\"date\":\"2025-09-03\"}\n", StandardCharsets.UTF_8);
    config = Files.writeString(dir.resolve("job.yaml"), "min-text-chars: 32\n", StandardCharsets.UTF_8).toString();
    jsonA = a.toString();
    jsonB = b.toString();
    txt = t.toString();
  }

  private static Row record(long line, String... keyValues) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      fields.put(keyValues[i], keyValues[i + 1]);
    }
    return RowFactory.create("f", line, "raw-" + line, CollectionConverters.asScala(fields), null, null);
  }

  private static Dataset<Row> raw(Row... rows) {
    return SPARK.createDataFrame(Arrays.asList(rows), RawRecords.SCHEMA);
  }

  private static final String BODY = "North Korean leader Kim Jong-un met Russian President Vladimir Putin.";

  /** Records with the reasons and ranges the date, text-length and field options decide. */
  private static Dataset<Row> mixed() {
    return raw(
        record(1, "id", "old", "text", BODY, "date", "1950-06-01"),
        record(2, "id", "future", "text", BODY, "date", "2099-06-01"),
        record(3, "id", "short", "text", "Kim met Putin in Beijing today.", "date", "2025-09-03"), // 31 chars
        record(4, "id", "early", "text", BODY, "date", "2025-09-01"),
        record(5, "id", "late", "text", BODY, "date", "2025-09-05"),
        record(6, "id", "mapped", "my_text", BODY, "text", "", "date", "2025-09-03"));
  }

  /** Reject reasons by doc id ("line:reason"), sorted. */
  private static List<String> rejects(JobConfig config) {
    return Ingest.rejects(Ingest.classify(mixed(), config)).collectAsList().stream()
        .map(r -> r.<Long>getAs(Col.LINE_OR_ROW) + ":" + r.getAs(Col.REASON)).sorted().toList();
  }

  /** Doc ids of the good, in-range records (what Pipeline hands to Ingest.articles), sorted. */
  private static List<String> accepted(JobConfig config) {
    return Ingest.newRecords(Ingest.classify(mixed(), config)).collectAsList().stream()
        .map(r -> r.<String>getAs(Col.DOC_ID)).sorted().toList();
  }

  private static String text(List<String> words) {
    return String.join(" ", words) + ".";
  }

  private static List<String> replaced(int index, String word) {
    List<String> words = new java.util.ArrayList<>(WORDS);
    words.set(index, word);
    return words;
  }

  /**
   * "orig" (earliest) and two edited copies of its 24 words: "tail" changes the last word (5-word shingles: 20
   * each, 19 shared, union 21, Jaccard 19/21 = 0.905 >= 0.9), "mid" the 12th (12 of 20 shared, union 25:
   * 15/25 = 0.6; single words: 23 shared of 25, 0.92). Duplicate marks as "doc->original", sorted.
   */
  private static List<String> duplicates(JobConfig config) {
    Dataset<Row> raw = raw(
        record(1, "id", "orig", "text", text(WORDS), "date", "2025-09-01"),
        record(2, "id", "tail", "text", text(replaced(23, "zzzx")), "date", "2025-09-02"),
        record(3, "id", "mid", "text", text(replaced(11, "yyyx")), "date", "2025-09-03"));
    return Deduplication.mark(Ingest.newRecords(Ingest.classify(raw, config)), config.ingest())
        .collectAsList().stream()
        .filter(r -> !r.isNullAt(r.fieldIndex(Col.DUPLICATE_OF)))
        .map(r -> r.<String>getAs(Col.DOC_ID) + "->" + r.getAs(Col.DUPLICATE_OF) + " "
            + r.getAs(Deduplication.DUPLICATE_KIND))
        .sorted().toList();
  }

  /** The ids Entities.analysable passes on (the text stages' articles) of an en, a de and a fr article. */
  private static List<String> analysed(JobConfig config) {
    Dataset<Row> raw = raw(
        record(1, "id", "en1", "text", BODY, "date", "2025-09-01", "lang", "en"),
        record(2, "id", "de1", "text", "Der nordkoreanische Machthaber traf den russischen Präsidenten.",
            "date", "2025-09-01", "lang", "de"),
        record(3, "id", "fr1", "text", "Le dirigeant nord-coréen a rencontré le président russe.",
            "date", "2025-09-01", "lang", "fr"));
    Dataset<Row> articles = Ingest.articles(Ingest.classify(raw, config), config);
    return Entities.analysable(articles, config.ingest().languages()).collectAsList().stream()
        .map(r -> r.<String>getAs(Col.DOC_ID)).sorted().toList();
  }

  /** Files, formats and records read: "file format", then "file:line parse_error", sorted. */
  private static List<String> read(JobConfig config) {
    InputResolver.Resolution inputs = InputResolver.resolve(config.inputs(), config.format(), new Configuration());
    Stream<String> files = inputs.files().stream()
        .map(f -> Path.of(f.path()).getFileName() + " " + f.format().label());
    Stream<String> records = InputReader.read(SPARK, inputs, config.ingest().maxRecordBytes()).collectAsList()
        .stream().map(r -> Path.of(r.<String>getAs(Col.INPUT_FILE)).getFileName() + ":"
            + r.<Long>getAs(Col.LINE_OR_ROW) + " " + r.getAs(RawRecords.PARSE_ERROR));
    return Stream.concat(files, records).sorted().collect(Collectors.toList());
  }

  private static final Function<JobConfig, Object> READ = IngestOptionsTest::read;
  private static final Function<JobConfig, Object> REJECTS = IngestOptionsTest::rejects;
  private static final Function<JobConfig, Object> ACCEPTED = IngestOptionsTest::accepted;
  private static final Function<JobConfig, Object> DUPLICATES = IngestOptionsTest::duplicates;
  private static final Function<JobConfig, Object> ANALYSED = IngestOptionsTest::analysed;

  static Stream<OptionCase> cases() {
    return Stream.of(
        OptionCase.of("--input", READ,
            List.of("a.jsonl jsonl", "a.jsonl:1 null", "a.jsonl:2 null"),
            List.of("a.jsonl jsonl", "a.jsonl:1 null", "a.jsonl:2 null", "b.jsonl jsonl", "b.jsonl:1 null"),
            "--input", jsonB).withBase("--input", jsonA, "--output", "out"),
        OptionCase.of("--format", READ,
            List.of("c.txt text", "c.txt:1 null"),
            List.of("c.txt jsonl", "c.txt:1 null", "c.txt:2 null"),
            "--format", "jsonl").withBase("--input", txt, "--output", "out"),
        OptionCase.of("--max-record-bytes", READ,
            List.of("a.jsonl jsonl", "a.jsonl:1 null", "a.jsonl:2 null"),
            List.of("a.jsonl jsonl", "a.jsonl:1 null", "a.jsonl:2 " + RawRecords.RECORD_TOO_LARGE),
            "--max-record-bytes", "100").withBase("--input", jsonA, "--output", "out"),
        OptionCase.of("--field", REJECTS,
            List.of("2:implausible_date", "6:" + Ingest.MISSING_TEXT),
            // With text mapped, no other column stands in for it: only record 6 has my_text.
            List.of("1:" + Ingest.MISSING_TEXT, "2:" + Ingest.MISSING_TEXT, "3:" + Ingest.MISSING_TEXT,
                "4:" + Ingest.MISSING_TEXT, "5:" + Ingest.MISSING_TEXT),
            "--field", "text=my_text"),
        OptionCase.of("--config", REJECTS,
            List.of("2:implausible_date", "6:" + Ingest.MISSING_TEXT),
            List.of("2:implausible_date", "3:" + Ingest.EMPTY_TEXT, "6:" + Ingest.MISSING_TEXT),
            "--config", config),
        OptionCase.of("--min-text-chars", REJECTS,
            List.of("2:implausible_date", "6:" + Ingest.MISSING_TEXT),
            List.of("2:implausible_date", "3:" + Ingest.EMPTY_TEXT, "6:" + Ingest.MISSING_TEXT),
            "--min-text-chars", "32"),
        OptionCase.of("--min-date", REJECTS,
            List.of("2:implausible_date", "6:" + Ingest.MISSING_TEXT),
            List.of("1:implausible_date", "2:implausible_date", "6:" + Ingest.MISSING_TEXT),
            "--min-date", "2000-01-01"),
        OptionCase.of("--max-date", REJECTS,
            List.of("2:implausible_date", "6:" + Ingest.MISSING_TEXT),
            List.of("6:" + Ingest.MISSING_TEXT),
            "--max-date", "2100-01-01"),
        OptionCase.of("--from", ACCEPTED,
            List.of("early", "late", "old", "short"),
            List.of("late", "short"),
            "--from", "2025-09-03"),
        OptionCase.of("--to", ACCEPTED,
            List.of("early", "late", "old", "short"),
            List.of("early", "old", "short"),
            "--to", "2025-09-04"),
        OptionCase.of("--near-duplicate-threshold", DUPLICATES,
            List.of("tail->orig near"),
            List.of(),
            "--near-duplicate-threshold", "1"),
        OptionCase.of("--shingle-size", DUPLICATES,
            List.of("tail->orig near"),
            List.of("mid->orig near", "tail->orig near"),
            "--shingle-size", "1"),
        OptionCase.of("--languages", ANALYSED,
            List.of("en1"),
            List.of("de1", "en1"),
            "--languages", "en,de"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theOptionChangesWhatItGoverns(OptionCase c) {
    c.check();
  }
}
