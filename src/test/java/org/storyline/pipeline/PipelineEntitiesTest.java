package org.storyline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storyline.config.ConfigOption;
import org.storyline.config.JobConfig;
import org.storyline.config.Settings;
import org.storyline.entities.EntitySchemas;
import org.storyline.schema.Col;
import org.storyline.schema.Tables;
import org.storyline.testing.TestSpark;

class PipelineEntitiesTest {

  @Test
  void theRunWritesTheEntityTablesAndCountsWhatItSkipped(@TempDir Path dir) throws Exception {
    String story = "North Korean leader Kim Jong-un met Russian President Vladimir Putin in Beijing on Wednesday. "
        + "Putin and Kim spoke for two hours, the Kremlin said.";
    Files.writeString(dir.resolve("in.jsonl"), String.join("\n",
        "{\"id\":\"a1\",\"title\":\"Talks\",\"published\":\"2025-09-03T10:00:00Z\",\"lang\":\"en\",\"text\":\""
            + story + "\"}",
        "{\"id\":\"a2\",\"title\":\"Talks again\",\"published\":\"2025-09-04T10:00:00Z\",\"lang\":\"en\",\"text\":\""
            + story + "\"}",
        "{\"id\":\"a3\",\"title\":\"Gespr\u00e4che\",\"published\":\"2025-09-04T11:00:00Z\",\"lang\":\"de\","
            + "\"text\":\"Bundeskanzler Friedrich Merz traf am Mittwoch Emmanuel Macron in Berlin.\"}",
        "{\"id\":\"a4\",\"title\":\"Security\",\"published\":\"2025-09-05T10:00:00Z\",\"lang\":\"en\",\"text\":\""
            + "Kim Jong-un's aides wiped the chair Kim had used. Kim Jong Un's security detail took his glass.\"}"));
    Path out = dir.resolve("out");
    JobConfig config = JobConfig.from(Settings.defaults().with(Map.of(ConfigOption.INPUT, List.of(dir.resolve(
        "in.jsonl").toString()), ConfigOption.OUTPUT, out.toString())));
    SparkSession spark = TestSpark.session();
    Pipeline.RunResult result = Pipeline.run(spark, config);

    @SuppressWarnings("unchecked")
    Map<String, Object> counts = (Map<String, Object>) result.manifest().get("counts");
    assertThat(counts.get("entities_articles_analysed")).as("a1 and a4").isEqualTo(2L);
    assertThat(counts.get("entities_skipped")).as("a2 duplicate of a1, a3 German")
        .isEqualTo(Map.of("duplicate", 1L, "other_language", 1L));

    Dataset<Row> mentions = spark.read().parquet(out.resolve(Tables.ENTITY_MENTIONS.name()).toString());
    assertThat(mentions.columns()).as("entity_mentions columns, in order")
        .containsExactly(EntitySchemas.ENTITY_MENTIONS.fieldNames());
    assertThat(Arrays.stream(mentions.schema().fields()).map(f -> f.dataType()).toList()).as("types")
        .isEqualTo(Arrays.stream(EntitySchemas.ENTITY_MENTIONS.fields()).map(f -> f.dataType()).toList());
    assertThat(mentions.filter("doc_id = 'a2' or doc_id = 'a3'").count()).as("no mentions of skipped articles")
        .isZero();

    Dataset<Row> entities = spark.read().parquet(out.resolve(Tables.ENTITIES.name()).toString());
    List<Row> kim = entities.filter("entity = 'Kim Jong-un'").collectAsList();
    assertThat(kim).as("one Kim Jong-un").hasSize(1);
    assertThat(kim.get(0).<String>getList(kim.get(0).fieldIndex(Col.ALIASES))).as("its short forms")
        .contains("Kim", "Kim Jong Un");
    assertThat((long) kim.get(0).getAs(Col.DOC_COUNT)).as("in a1 and a4").isEqualTo(2L);
    assertThat(entities.filter("entity in ('Kim', 'Putin', 'Jong-un')").count()).as("no short-form entities")
        .isZero();

    Dataset<Row> trends = spark.read().parquet(out.resolve(Tables.ENTITY_TRENDS.name()).toString());
    assertThat(trends.select(Col.PERIOD).distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
        .as("default periods").containsExactlyInAnyOrder("day", "week", "month");
    Row kimMonth = trends.filter("entity = 'Kim Jong-un' and period = 'month'").first();
    assertThat((double) kimMonth.getAs(Col.SHARE)).as("in both analysed articles of September").isEqualTo(1.0);
    assertThat(Files.isDirectory(out.resolve(Tables.NER_MENTIONS.name()))).as("ner_mentions kept").isTrue();
  }
}
