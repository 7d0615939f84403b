package org.storyline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storyline.config.ConfigOption;
import org.storyline.config.JobConfig;
import org.storyline.config.Settings;
import org.storyline.cooccurrence.CooccurrenceFixtures;
import org.storyline.cooccurrence.CooccurrenceStage;
import org.storyline.io.ReportStore;
import org.storyline.run.RunContext;
import org.storyline.schema.Schemas;
import org.storyline.schema.Tables;
import org.storyline.testing.TestSpark;

/**
 * The co-occurrence stage as Pipeline runs it: reads entity_mentions and articles back from the run, writes the
 * three tables, records the counts for the manifest; and runs only once entity_mentions has been written.
 */
class PipelineCooccurrenceTest {

  private static final StructType MENTIONS = CooccurrenceFixtures.MENTIONS;

  @TempDir
  Path dir;

  @Test
  void writesTheTablesAndCountsOnceMentionsExist() throws Exception {
    SparkSession spark = TestSpark.session();
    List<Row> articles = new ArrayList<>();
    List<Row> mentions = new ArrayList<>();
    // Six articles on 2025-09-01..06: Kim and Putin in all six, Xi in the first three; a seventh duplicates the first.
    for (int i = 0; i < 7; i++) {
      Instant published = Instant.parse("2025-09-01T10:00:00Z").plusSeconds(86_400L * Math.min(i, 5));
      String id = "a" + i;
      articles.add(RowFactory.create(id, "t", "text", Timestamp.from(published), "src", null, "en", 4, "h" + i,
          i == 6 ? "a0" : null, "in.jsonl", Date.valueOf(published.atZone(ZoneOffset.UTC).toLocalDate())));
      List<String[]> entities = new ArrayList<>(List.of(new String[] {"Q56226", "Kim Jong-un", "PERSON"},
          new String[] {"Q7747", "Vladimir Putin", "PERSON"}));
      if (i < 3) {
        entities.add(new String[] {"Q15031", "Xi Jinping", "PERSON"});
      }
      for (String[] e : entities) {
        mentions.add(RowFactory.create(id, Timestamp.from(published), 0, e[0], e[1], e[2], e[1], 0, e[1].length()));
      }
    }
    Map<ConfigOption, Object> options = new java.util.EnumMap<>(ConfigOption.class);
    options.put(ConfigOption.INPUT, "unused");
    options.put(ConfigOption.OUTPUT, dir.toString());
    options.put(ConfigOption.MAX_ENTITIES_PER_DOC, "2");
    JobConfig config = JobConfig.from(Settings.defaults().with(options));

    try (ReportStore store = ReportStore.begin(spark, dir.toString(), ReportStore.newRunId(), 2)) {
      store.write(Tables.ARTICLES, spark.createDataFrame(articles, Schemas.ARTICLES));
      assertThat(store.hasTable(Tables.ENTITY_MENTIONS.name())).as("before the entities stage").isFalse();
      store.write(Tables.ENTITY_MENTIONS, spark.createDataFrame(mentions, MENTIONS));
      assertThat(store.hasTable(Tables.ENTITY_MENTIONS.name())).as("after the entities stage").isTrue();

      CooccurrenceStage.Result result = new CooccurrenceStage().run(new RunContext(spark, config, store, null));
      Map<String, Object> counts = result.runCounts();
      Map<String, Long> tables = result.tables();

      // Cap 2: a0-a2 mention 3 entities once each; ties by id keep Q15031 (Xi) and Q56226 (Kim): 3 capped articles.
      assertThat(counts).as("manifest counts")
          .containsEntry("cooccurrence_counted_articles", 6L)
          .containsEntry("cooccurrence_capped_articles", 3L)
          .containsEntry("cooccurrence_entities_dropped_by_cap", 3L);
      // By hand, after the cap: Xi-Kim in a0-a2 (1..3 September), Kim-Putin in a3-a5 (4..6 September), every
      // mention in sentence 0. Each pair is in 1 article a day (below --min-support 2) and in 3 of the week, the
      // month and the run: 2 pairs x 3 periods x 2 windows (document, sentence) = 12 rows. top_neighbours: each pair
      // reaches --neighbour-min-support 3, so Xi, Kim (twice) and Putin each way, 4 rows x 3 periods x 2 windows =
      // 24. emerging_pairs: one week, no baseline weeks before it, none.
      assertThat(tables).as("table sizes")
          .containsExactlyInAnyOrderEntriesOf(Map.of("cooccurrence", 12L, "top_neighbours", 24L, "emerging_pairs", 0L));
      Dataset<Row> co = store.read(Tables.COOCCURRENCE);
      List<String> expected = new ArrayList<>();
      for (String window : List.of("document", "sentence")) {
        for (String period : List.of("week", "month", "all")) {
          String start = period.equals("all") ? "1970-01-01" : "2025-09-01";
          expected.add(String.join(" ", window, period, start, "Q56226", "Q15031", "3", "6"));
          expected.add(String.join(" ", window, period, start, "Q56226", "Q7747", "3", "6"));
        }
      }
      assertThat(co.select("window", "period", "period_start", "entity_id_a", "entity_id_b", "pair_docs", "n_docs")
          .collectAsList()).as("cooccurrence rows: window, period, start, pair, pair_docs, n_docs")
          .extracting(r -> r.mkString(" ")).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(co.columns()).as("partition columns are read back").contains("window", "period");
      Row kimPutinAll = co.filter("window = 'document' and period = 'all' and entity_id_a = 'Q56226'"
          + " and entity_id_b = 'Q7747'").first();
      assertThat(kimPutinAll.getLong(kimPutinAll.fieldIndex("pair_docs"))).as("Kim-Putin over the run: a3-a5")
          .isEqualTo(3);
      assertThat(kimPutinAll.getLong(kimPutinAll.fieldIndex("n_docs"))).as("n_docs without the duplicate")
          .isEqualTo(6);
      store.publish("{}\n");
    }
    assertThat(Files.isDirectory(dir.resolve("cooccurrence"))).as("published link").isTrue();
    assertThat(Files.isDirectory(dir.resolve("cooccurrence").resolve("window=document").resolve("period=week")))
        .as("partitioned by window and period").isTrue();
    assertThat(Files.isDirectory(dir.resolve("top_neighbours"))).as("top_neighbours").isTrue();
    assertThat(Files.isDirectory(dir.resolve("emerging_pairs"))).as("emerging_pairs").isTrue();
  }
}
