package org.storyline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.storyline.cli.StorylineCommand;
import org.storyline.testing.TestSpark;

/**
 * {@code --table-format delta} and {@code --database}: two nights of articles published as Delta. The second
 * (incremental) night commits only the day
 * partitions it changed; the first night's versions, read by time travel, are the first night's tables; the tables
 * are queryable by name in the catalog; a report folder refuses a switch of format. ({@code ReportStoreDeltaTest}:
 * a failed or killed run's commits put back, old versions vacuumed, Parquet tables in the catalog;
 * {@code YarnClusterIT}: a Delta run's tables equal a Parquet run's, table for table.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeltaPublishTest {
  private final SparkSession spark = TestSpark.session();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;

  private Path nightOne;
  private Path nightTwo;
  private Path delta;
  /** The Delta report's tables after night one, as sorted rows. */
  private Map<String, List<String>> afterNightOne;
  private JsonNode manifestOne;
  private JsonNode manifestTwo;

  private static String article(String id, String day, String text) {
    return String.format("{\"id\":\"%s\",\"title\":\"%s\",\"text\":\"%s\",\"date\":\"%sT10:00:00Z\","
        + "\"source\":\"%s\"}%n", id, id, text, day, id.hashCode() % 2 == 0 ? "Wire" : "Herald");
  }

  private static String articles(int from, int to, String... days) {
    StringBuilder lines = new StringBuilder();
    String[] texts = {
        "Kim Jong-un met Vladimir Putin in Beijing, where Xi Jinping hosted a military parade for leaders.",
        "Aides of Kim Jong-un wiped the chair he used after meeting Vladimir Putin, to leave no DNA behind.",
        "Xi Jinping and Vladimir Putin watched missiles roll past as Kim Jong-un looked on in Beijing.",
        "Bodyguards of Vladimir Putin carry his waste home in suitcases, reporters in Alaska were told.",
    };
    for (int i = from; i < to; i++) {
      lines.append(article("a" + i, days[i % days.length], texts[i % texts.length] + " Story number " + i + "."));
    }
    return lines.toString();
  }

  @BeforeAll
  void twoNights() throws IOException {
    nightOne = dir.resolve("in1");
    nightTwo = dir.resolve("in2");
    Files.createDirectories(nightOne);
    Files.createDirectories(nightTwo);
    Files.writeString(nightOne.resolve("a.jsonl"), articles(0, 24, "2025-09-01", "2025-09-02", "2025-09-03"),
        StandardCharsets.UTF_8);
    // Night two: new articles for 2025-09-04 only.
    Files.writeString(nightTwo.resolve("b.jsonl"), articles(24, 32, "2025-09-04"), StandardCharsets.UTF_8);
    delta = dir.resolve("delta");
    run(delta, List.of("--table-format", "delta", "--database", "storyline_delta"), nightOne);
    manifestOne = manifest(delta);
    afterNightOne = deltaTables(delta, manifestOne);
    run(delta, List.of("--table-format", "delta", "--incremental"), nightOne, nightTwo);
    manifestTwo = manifest(delta);
  }

  @Test
  void theNightlyRunCommitsOnlyTheDaysItChanged() {
    long versionOne = manifestOne.path("table_versions").path("articles").asLong();
    long versionTwo = manifestTwo.path("table_versions").path("articles").asLong();
    assertThat(versionTwo).isEqualTo(versionOne + 1);
    Row commit = DeltaTable.forPath(spark, delta.resolve("articles").toString()).history(1).head();
    Map<String, String> parameters = commit.getJavaMap(commit.fieldIndex("operationParameters"));
    assertThat(parameters.get("predicate")).contains("2025-09-04").doesNotContain("2025-09-01");
    Map<String, String> metrics = commit.getJavaMap(commit.fieldIndex("operationMetrics"));
    assertThat(metrics.get("numFiles")).isEqualTo("1"); // one new day, one file
    // The three old days keep their files: the same files in both versions.
    assertThat(filesOf("articles", versionTwo, "2025-09-0[123]"))
        .isEqualTo(filesOf("articles", versionOne, "2025-09-0[123]")).hasSize(3);
  }

  @Test
  void timeTravelToThePreviousRunGivesThePreviousTables() {
    assertThat(deltaTables(delta, manifestOne)).isEqualTo(afterNightOne);
    assertThat(afterNightOne.get("articles")).hasSize(24);
  }

  @Test
  void tablesAreQueryableByNameInTheCatalog() {
    assertThat(sorted(spark.table("storyline_delta.articles"))).hasSize(32)
        .isEqualTo(sorted(spark.read().format("delta").load(delta.resolve("articles").toString())));
    assertThat(spark.table("storyline_delta.cooccurrence").count())
        .isEqualTo(manifestTwo.path("tables").path("cooccurrence").asLong());
  }

  @Test
  void aReportFolderKeepsTheFormatOfItsFirstRun() {
    StringWriter err = new StringWriter();
    int code = StorylineCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "run",
        "--output", delta.toString(), "--input", nightOne.toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--table-format parquet: --output " + delta + " holds delta tables");
  }

  private Set<String> filesOf(String table, long version, String dayPattern) {
    Set<String> files = new TreeSet<>();
    for (String file : spark.read().format("delta").option("versionAsOf", version)
        .load(delta.resolve(table).toString()).inputFiles()) {
      if (file.matches(".*published_date=" + dayPattern + "/.*")) {
        files.add(file);
      }
    }
    return files;
  }

  /** Every table a Delta manifest lists, read at its version, as sorted rows. */
  private Map<String, List<String>> deltaTables(Path report, JsonNode manifest) {
    Map<String, List<String>> tables = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> versions = manifest.path("table_versions").fields();
    while (versions.hasNext()) {
      Map.Entry<String, JsonNode> entry = versions.next();
      tables.put(entry.getKey(), sorted(spark.read().format("delta")
          .option("versionAsOf", entry.getValue().asLong()).load(report.resolve(entry.getKey()).toString())));
    }
    return tables;
  }

  private static List<String> sorted(Dataset<Row> rows) {
    return rows.collectAsList().stream().map(Row::toString).sorted().toList();
  }

  private JsonNode manifest(Path report) {
    try {
      String run = Files.readString(report.resolve("CURRENT")).strip();
      return JSON.readTree(report.resolve("runs").resolve(run).resolve("manifest.json").toFile());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void run(Path output, List<String> options, Path... inputs) {
    assertThat(execute(output, options, inputs)).as("run into %s %s", output, options).isZero();
  }

  private int execute(Path output, List<String> options, Path... inputs) {
    List<String> args = new ArrayList<>(List.of("run", "--output", output.toString(), "--topics", "2",
        "--min-df", "1", "--gates", "off"));
    args.addAll(options);
    for (Path input : inputs) {
      args.add("--input");
      args.add(input.toString());
    }
    StringWriter err = new StringWriter();
    int code = StorylineCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(err),
        args.toArray(String[]::new));
    if (code != 0) {
      System.err.println(err);
    }
    return code;
  }
}
