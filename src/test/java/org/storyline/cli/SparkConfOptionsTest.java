package org.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storyline.config.ConfigException;
import org.storyline.config.JobConfig;
import picocli.CommandLine;

/**
 * Options given as Spark conf ({@code spark.storyline.<option>}, what spark-submit's {@code --conf} and Airflow's
 * {@code SparkSubmitOperator(conf=...)} pass): they take effect, rank below the config file and the command line,
 * name a config file, fill lists and maps, and a misspelt key is an error. No Spark.
 */
class SparkConfOptionsTest {
  @TempDir
  Path dir;

  private static JobConfig parse(Map<String, String> sparkConf, String... args) {
    CommandLine cl = RunCommand.create();
    cl.parseArgs(args);
    RunCommand command = cl.getCommand();
    return JobConfig.from(command.settings(sparkConf));
  }

  @Test
  void aSparkConfValueTakesEffectAndRanksBelowTheConfigFileAndTheCommandLine() throws IOException {
    Map<String, String> conf = Map.of("gate-max-reject-rate", "0.2", "min-text-chars", "80", "keep-runs", "7");
    JobConfig fromConf = parse(conf, "--input", "in", "--output", "out");
    assertThat(fromConf.operations().gates().maxRejectRate()).isEqualTo(0.2);
    assertThat(fromConf.ingest().minTextChars()).isEqualTo(80);
    assertThat(fromConf.keepRuns()).isEqualTo(7);

    Path file = dir.resolve("job.yaml");
    Files.writeString(file, "min-text-chars: 60\nkeep-runs: 5\n");
    JobConfig withFile = parse(conf, "--input", "in", "--output", "out", "--config", file.toString(),
        "--keep-runs", "4");
    assertThat(withFile.operations().gates().maxRejectRate()).as("Spark conf only").isEqualTo(0.2);
    assertThat(withFile.ingest().minTextChars()).as("config file over Spark conf").isEqualTo(60);
    assertThat(withFile.keepRuns()).as("command line over both").isEqualTo(4);
    assertThat(parse(Map.of(), "--input", "in", "--output", "out").operations().gates().maxRejectRate())
        .as("the default").isEqualTo(0.5);
  }

  @Test
  void theWholeJobCanComeFromSparkConfIncludingItsConfigFileListsAndMaps() throws IOException {
    Path file = dir.resolve("job.properties");
    Files.writeString(file, "output=from-file\n");
    JobConfig config = parse(Map.of(
        "config", file.toString(),
        "input", "a,b",
        "incremental", "true",
        "languages", "en,de",
        "track.leader_security", "bodyguard* AND Kim",
        "field", "text=body"));
    assertThat(config.inputs()).containsExactly("a", "b");
    assertThat(config.output()).as("from the config file spark.storyline.config names").isEqualTo("from-file");
    assertThat(config.incremental()).isTrue();
    assertThat(config.ingest().languages()).containsExactly("en", "de");
    assertThat(config.topics().tracked()).containsOnlyKeys("leader_security");
    assertThat(config.fieldOverrides()).isEqualTo(Map.of("text", "body"));
  }

  @Test
  void aMisspeltKeyIsAnErrorNamingIt() {
    assertThatThrownBy(() -> parse(Map.of("gate-max-reject-rat", "0.2"), "--input", "in", "--output", "out"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("unknown option 'spark.storyline.gate-max-reject-rat' in the Spark conf "
            + "(spark.storyline.<option of storyline run>)");
    assertThatThrownBy(() -> parse(Map.of("gates", "maybe"), "--input", "in", "--output", "out"))
        .isInstanceOf(ConfigException.class).hasMessage("--gates should be on or off, value: maybe");
  }

  @Test
  void theDriversSparkConfIsReadFromItsSystemProperties() {
    // spark-submit sets --conf values and spark-defaults.conf as system properties of the driver JVM.
    System.setProperty("spark.storyline.gate-min-records", "42");
    try {
      assertThat(RunOptions.parse().operations().gates().minRecords()).isEqualTo(42);
      assertThat(RunOptions.parse("--gate-min-records", "7").operations().gates().minRecords()).isEqualTo(7);
    } finally {
      System.clearProperty("spark.storyline.gate-min-records");
    }
    assertThat(RunCommand.sparkConfOptions()).doesNotContainKey("gate-min-records");
    assertThat(List.of(RunOptions.parse().operations().gates().minRecords())).containsExactly(1L);
  }
}
