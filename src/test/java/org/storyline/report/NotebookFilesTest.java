package org.storyline.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The notebooks are stored without outputs, on the Java kernel, with the report folder as a parameter. */
class NotebookFilesTest {
  private static final Path NOTEBOOKS = Path.of(System.getProperty("basedir", ".")).resolve("notebooks");

  @Test
  void notebooksAreStoredWithoutOutputs() throws IOException {
    List<Path> notebooks;
    try (Stream<Path> files = Files.list(NOTEBOOKS)) {
      notebooks = files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
    }
    assertThat(notebooks.stream().map(p -> p.getFileName().toString())).as("the three notebooks")
        .contains("01-explore-reports.ipynb", "02-entity-network.ipynb", "03-topic-trends.ipynb");
    ObjectMapper json = new ObjectMapper();
    for (Path notebook : notebooks) {
      JsonNode nb = json.readTree(notebook.toFile());
      assertThat(nb.path("metadata").path("kernelspec").path("name").asText()).as(notebook + ": kernel")
          .isEqualTo("storyline-java");
      boolean hasParameter = false;
      for (JsonNode cell : nb.path("cells")) {
        if ("code".equals(cell.path("cell_type").asText())) {
          assertThat(cell.path("outputs").size()).as(notebook + ": no stored outputs").isZero();
          assertThat(cell.path("execution_count").isNull()).as(notebook + ": no execution count").isTrue();
          hasParameter |= cell.path("source").toString().contains("STORYLINE_REPORT");
        }
      }
      assertThat(hasParameter).as(notebook + ": the report folder is a parameter (STORYLINE_REPORT)").isTrue();
    }
  }
}
