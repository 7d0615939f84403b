package org.storyline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storyline.config.ConfigOption;
import org.storyline.config.JobConfig;
import org.storyline.config.Settings;
import org.storyline.io.InputResolver;
import org.storyline.io.ReportStore;
import org.storyline.run.RunContext;
import org.storyline.schema.Col;
import org.storyline.schema.Tables;
import org.storyline.testing.TestSpark;

/**
 * A nightly ingestion (published buckets reused, only changed days written) gives the articles and bucket tables
 * of one batch ingestion over the same records, row for row, with the duplicates a late article changes marked
 * again on the earlier days and the untouched days' files carried over as they were.
 */
class NightlyIngestTest {
  private final SparkSession spark = TestSpark.session();

  @TempDir
  Path dir;

  /** A text of {@code words} words drawn from a small vocabulary, the same for the same seed. */
  private static String text(long seed, int words) {
    String[] vocabulary = ("the minister said talks on trade and security would continue next week in the capital "
        + "while officials from both sides met with reporters outside the hall after a long day of meetings about "
        + "tariffs fuel prices harvest shipping ports railways budget elections parliament court ruling").split(" ");
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < words; i++) {
      b.append(i == 0 ? "" : " ").append(vocabulary[random.nextInt(vocabulary.length)]);
    }
    return b.append('.').toString();
  }

  private static String article(String id, String published, String text) {
    return String.format("{\"id\":\"%s\",\"title\":\"%s\",\"text\":\"%s\",\"date\":\"%s\",\"lang\":\"en\"}%n",
        id, id, text, published);
  }

  private Path file(String name, String... lines) throws IOException {
    Path f = dir.resolve("in").resolve(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, String.join("", lines), StandardCharsets.UTF_8);
    return f;
  }

  /** Runs the ingest stage alone into {@code out} and publishes it; returns the run id. */
  private String ingest(Path out, boolean incremental, Path... inputs) {
    Map<ConfigOption, Object> options = new HashMap<>();
    options.put(ConfigOption.INPUT, Stream.of(inputs).map(Path::toString).toList());
    options.put(ConfigOption.OUTPUT, out.toString());
    options.put(ConfigOption.INCREMENTAL, String.valueOf(incremental));
    JobConfig config = JobConfig.from(Settings.defaults().with(options));
    String runId = ReportStore.newRunId();
    try (ReportStore store = ReportStore.begin(spark, out.toString(), runId, 3)) {
      InputResolver.Resolution resolved = InputResolver.resolve(config.inputs(), config.format(),
          spark.sparkContext().hadoopConfiguration());
      new IngestStage().run(new RunContext(spark, config, store, resolved));
      store.publish("{\"status\":\"succeeded\"}");
    }
    return runId;
  }

  private List<String> rows(Path out, String table) {
    return spark.read().parquet(out.resolve("current").resolve(table).toString()).collectAsList().stream()
        .map(Row::toString).sorted().toList();
  }

  private Map<String, String> duplicateOf(Path out) {
    Map<String, String> m = new HashMap<>();
    for (Row r : spark.read().parquet(out.resolve("current").resolve(Tables.ARTICLES.name()).toString())
        .select(Col.DOC_ID, Col.DUPLICATE_OF).collectAsList()) {
      m.put(r.getString(0), r.isNullAt(1) ? "-" : r.getString(1));
    }
    return m;
  }

  @Test
  void aNightEqualsTheBatchAndWritesOnlyTheDaysItChanged() throws IOException {
    String story = text(1, 220);
    String edited = story.substring(0, story.length() - 1) + " today.";
    String other = text(2, 220);
    String otherEdited = "Update: " + other;
    Path first = file("day1.jsonl",
        article("a", "2025-09-01T08:00:00Z", story),
        article("b", "2025-09-01T09:00:00Z", edited),
        article("d", "2025-09-01T10:00:00Z", text(3, 60)),
        article("c", "2025-09-01T11:00:00Z", text(3, 60)),
        article("e", "2025-09-02T08:00:00Z", other),
        article("x", "2025-09-03T08:00:00Z", text(4, 80)));
    // The night: f is a late article, earlier than a and with its text (a becomes f's exact copy, b f's near
    // duplicate: the 1 September day is written again); g is a new near duplicate of e; h is new and unique; x is
    // re-sent with a changed text and date, which a batch run over both files rejects as a duplicate doc_id.
    Path night = file("day2.jsonl",
        article("f", "2025-08-31T23:00:00Z", story),
        article("g", "2025-09-04T08:00:00Z", otherEdited),
        article("h", "2025-09-04T09:00:00Z", text(5, 80)),
        article("x", "2025-09-04T10:00:00Z", "Corrected: " + text(4, 80)));

    Path nightly = dir.resolve("nightly");
    String firstRun = ingest(nightly, false, first);
    assertThat(duplicateOf(nightly)).as("after the first day")
        .containsExactlyInAnyOrderEntriesOf(Map.of("a", "-", "b", "a", "d", "-", "c", "d", "e", "-", "x", "-"));
    String secondRun = ingest(nightly, true, night);

    Path batch = dir.resolve("batch");
    ingest(batch, false, first, night);
    assertThat(duplicateOf(batch)).as("the batch's markings").containsExactlyInAnyOrderEntriesOf(Map.of(
        "f", "-", "a", "f", "b", "f", "d", "-", "c", "d", "e", "-", "x", "-", "g", "e", "h", "-"));

    assertThat(rows(batch, Tables.REJECTS.name())).as("the batch's rejects").hasSize(1)
        .allMatch(r -> r.contains("duplicate_doc_id") && r.contains("doc_id: x") && r.contains("Corrected"));
    for (String table : List.of(Tables.ARTICLES.name(), Tables.LSH_BUCKETS.name(), Tables.REJECTS.name())) {
      List<String> expected = rows(batch, table);
      assertThat(expected).as("batch %s", table).isNotEmpty();
      assertThat(rows(nightly, table)).as("nightly %s == batch", table).isEqualTo(expected);
    }
    assertThat(rows(nightly, Tables.LSH_BUCKETS.name())).as("16 bands for each of the 9 articles").hasSize(9 * 16);

    // 3 September (x alone) did not change: its file is the first run's, hard-linked; 1 September was rewritten.
    Path runs = nightly.resolve(ReportStore.RUNS);
    assertThat(sameFiles(runs.resolve(firstRun), runs.resolve(secondRun), "published_date=2025-09-03"))
        .as("the unchanged day carried over").isTrue();
    assertThat(sameFiles(runs.resolve(firstRun), runs.resolve(secondRun), "published_date=2025-09-01"))
        .as("the day the late article changed").isFalse();

    // Re-running the night changes nothing.
    List<String> before = rows(nightly, Tables.ARTICLES.name());
    List<String> rejectsBefore = rows(nightly, Tables.REJECTS.name());
    ingest(nightly, true, night);
    assertThat(rows(nightly, Tables.ARTICLES.name())).as("the night again").isEqualTo(before);
    assertThat(rows(nightly, Tables.REJECTS.name())).as("the night's rejects again").isEqualTo(rejectsBefore);
  }

  /** Whether the Parquet files of one day of {@code articles} are the same files (hard links) in both runs. */
  private static boolean sameFiles(Path runA, Path runB, String day) throws IOException {
    List<Path> a = parquetFiles(runA.resolve(Tables.ARTICLES.name()).resolve(day));
    List<Path> b = parquetFiles(runB.resolve(Tables.ARTICLES.name()).resolve(day));
    assertThat(a).as("files of %s", day).isNotEmpty();
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!Files.isSameFile(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static List<Path> parquetFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return new ArrayList<>(files.filter(p -> p.toString().endsWith(".parquet")).sorted().toList());
    }
  }
}
