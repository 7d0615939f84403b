package org.storyline.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storyline.testing.TestSpark;

/** History entries are written whole or not at all: a temporary file in the same folder, then one rename. */
class ReportStoreHistoryTest {
  private final SparkSession spark = TestSpark.session();

  @TempDir
  Path output;

  private String abandonRun(String manifest) {
    String runId = ReportStore.newRunId();
    try (ReportStore store = ReportStore.begin(spark, output.toString(), runId, 2)) {
      store.abandon(manifest);
    }
    return runId;
  }

  @Test
  void aHistoryEntryIsWrittenWhole() throws IOException {
    String manifest = "{\n  \"run_id\" : \"x\",\n  \"status\" : \"failed\"\n}\n";
    String runId = abandonRun(manifest);
    Path history = output.resolve(ReportStore.HISTORY);
    assertThat(Files.readString(history.resolve(runId + ".json"), StandardCharsets.UTF_8)).as("the entry")
        .isEqualTo(manifest);
    try (var files = Files.list(history)) {
      assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left")
          .containsExactly(runId + ".json");
    }
    assertThat(output.resolve(ReportStore.STAGING)).as("no staging folder left").doesNotExist();
  }

  @Test
  void aFailureWhileWritingAHistoryEntryLeavesNoPartOfIt() throws IOException {
    String runId;
    // The failure strikes once the temporary file is written, before the rename.
    System.setProperty(FaultPoints.PROPERTY, "history:disk-full");
    try {
      runId = abandonRun("{\"run_id\":\"x\"}\n");
    } finally {
      System.clearProperty(FaultPoints.PROPERTY);
    }
    Path history = output.resolve(ReportStore.HISTORY);
    try (var files = Files.list(history)) {
      assertThat(files.map(p -> p.getFileName().toString())).as("neither the entry nor its temporary file of "
          + runId).isEmpty();
    }
    assertThat(output.resolve(ReportStore.STAGING)).as("staging cleaned all the same").doesNotExist();
  }
}
