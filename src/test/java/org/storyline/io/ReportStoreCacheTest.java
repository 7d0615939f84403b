package org.storyline.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storyline.schema.TableSpec;
import org.storyline.testing.TestSpark;

/** {@link ReportStore#readCached}: one persisted copy of a table's columns, never older than the table. */
class ReportStoreCacheTest {
  private final SparkSession spark = TestSpark.session();

  @TempDir
  Path output;

  private static final TableSpec DAYS = new TableSpec("days",
      org.apache.spark.sql.types.StructType.fromDDL("doc_id STRING, n INT, published_date DATE"),
      List.of("published_date"), List.of("doc_id"));

  private Dataset<Row> rows(String... ids) {
    return spark.sql("SELECT * FROM VALUES " + String.join(", ", java.util.Arrays.stream(ids)
        .map(id -> "('" + id + "', 1, DATE'2025-09-0" + (id.length() % 9 + 1) + "')").toList())
        + " AS t(doc_id, n, published_date)");
  }

  @Test
  void aCachedSubsetIsSharedUntilItsTableIsWrittenAgainAndReleasedOnClose() {
    Dataset<Row> first;
    try (ReportStore store = ReportStore.begin(spark, output.toString(), ReportStore.newRunId(), 2)) {
      store.write(DAYS, rows("a", "bb"));
      first = store.readCached(DAYS, List.of("doc_id", "published_date"));
      assertThat(first.columns()).containsExactly("doc_id", "published_date");
      assertThat(first.count()).isEqualTo(2);
      assertThat(store.readCached(DAYS, List.of("doc_id", "published_date"))).as("the same copy")
          .isSameAs(first);
      assertThat(first.storageLevel()).isEqualTo(StorageLevel.MEMORY_AND_DISK());

      store.write(DAYS, rows("a", "bb", "ccc"));
      assertThat(first.storageLevel()).as("released when its table is written again").isEqualTo(StorageLevel.NONE());
      Dataset<Row> second = store.readCached(DAYS, List.of("doc_id", "published_date"));
      assertThat(second.count()).as("the rows written last, not the cached ones").isEqualTo(3);
      store.abandon("{}");
      assertThat(second.storageLevel()).as("still cached until close").isEqualTo(StorageLevel.MEMORY_AND_DISK());
      first = second;
    }
    assertThat(first.storageLevel()).as("released on close").isEqualTo(StorageLevel.NONE());
  }
}
