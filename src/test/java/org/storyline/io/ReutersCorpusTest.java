package org.storyline.io;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.storyline.config.ConfigOption;
import org.storyline.config.InputFormat;
import org.storyline.config.JobConfig;
import org.storyline.config.Settings;
import org.storyline.ingest.Ingest;
import org.storyline.testing.Required;
import org.storyline.testing.TestSpark;

/** The real Reuters-21578 file reut2-000.sgm from ../shared/data: every story read, none lost. */
class ReutersCorpusTest {
  private final SparkSession spark = TestSpark.session();

  @Test
  void firstFileOfReuters21578IngestsEveryStory() throws IOException {
    Path file = Required.sharedFile("reuters21578/reut2-000.sgm");

    InputResolver.Resolution resolution = InputResolver.resolve(List.of(file.toString()), InputFormat.AUTO,
        spark.sparkContext().hadoopConfiguration());
    assertThat(resolution.files()).as("format picked from .sgm").extracting(InputFile::format)
        .containsExactly(InputFormat.REUTERS);
    JobConfig config = JobConfig.from(Settings.resolve(Map.of(),
        Map.of(ConfigOption.INPUT, file.toString(), ConfigOption.OUTPUT, "unused")));
    // Counted apart from the reader: the stories' opening tags in the raw file, by a plain text scan.
    long storiesInFile = Pattern.compile("<REUTERS[\\s>]")
        .matcher(Files.readString(file, StandardCharsets.ISO_8859_1)).results().count();
    assertThat(storiesInFile).as("<REUTERS> tags in reut2-000.sgm (NEWID 1..1000)").isEqualTo(1000);
    Dataset<Row> classified = Ingest.classify(InputReader.read(spark, resolution, config.ingest().maxRecordBytes()),
        config).cache();
    try {
      long articles = Ingest.articles(classified, config).count();
      long rejects = Ingest.rejects(classified).count();
      assertThat(articles + rejects).as("nothing lost: articles (%d) + rejects (%d) = stories in the file",
          articles, rejects).isEqualTo(storiesInFile);
      Map<String, Long> reasons = new HashMap<>();
      for (Row r : classified.groupBy("reason").count().collectAsList()) {
        reasons.put(r.isNullAt(0) ? "accepted" : r.getString(0), r.getLong(1));
      }
      assertThat(reasons).as("no story lacks a date").doesNotContainKeys("missing_date", "unparseable_date");
      assertThat(reasons.get("accepted")).as("most stories are articles").isGreaterThan(900);
      Row first = classified.filter(col("doc_id").equalTo("reuters-1")).first();
      assertThat(first.<String>getAs("title")).as("title").isEqualTo("BAHIA COCOA REVIEW");
      assertThat(first.<String>getAs("text")).as("body, cleaned").startsWith("Showers continued throughout the week "
          + "in the Bahia cocoa zone, alleviating the drought since early January");
      assertThat(first.<java.sql.Timestamp>getAs("published").toInstant().toString()).as("date")
          .isEqualTo("1987-02-26T15:01:01.790Z");
    } finally {
      classified.unpersist();
    }
  }
}
