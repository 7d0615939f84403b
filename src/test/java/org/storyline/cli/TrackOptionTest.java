package org.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storyline.config.ConfigException;
import org.storyline.config.ConfigFile;
import org.storyline.config.ConfigOption;
import org.storyline.config.JobConfig;
import org.storyline.config.Settings;

/** --track on the command line and track: in the config file; a malformed query stops the run before Spark. */
class TrackOptionTest {

  @Test
  void malformedTrackExitsWithUsageBeforeAnySparkWork(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("in.jsonl");
    Files.writeString(input, "{\"id\":\"1\",\"text\":\"hello world, a text\",\"published\":\"2025-09-03\"}\n");
    Path output = dir.resolve("out");
    StringWriter err = new StringWriter();
    picocli.CommandLine cl = StorylineCommand.commandLine();
    cl.setErr(new PrintWriter(err));
    cl.getSubcommands().get("run").setErr(new PrintWriter(err));
    int code = cl.execute("run", "--input", input.toString(), "--output", output.toString(),
        "--track", "ok=DNA", "--track", "leader_security=(DNA OR bodyguard*");
    assertThat(code).as("usage error").isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).as("one clear line").isEqualTo("storyline: --track leader_security: malformed query "
        + "at position 19: expected ')' to close the '(' at position 1 but found the end of the query "
        + "(query: (DNA OR bodyguard*)" + System.lineSeparator());
    assertThat(output).as("nothing written: the run stopped before the report store was opened").doesNotExist();
  }

  @Test
  void trackedTopicsFromTheCommandLineAndTheConfigFile(@TempDir Path dir) throws Exception {
    Path yaml = dir.resolve("c.yaml");
    Files.writeString(yaml, "input: [x]\noutput: y\ntrack:\n  leader_security: (DNA OR bodyguard*) AND NOT football\n"
        + "  rates: \"\\\"interest rate*\\\" OR inflation\"\n");
    Map<ConfigOption, Object> file = ConfigFile.load(yaml);
    JobConfig fromFile = JobConfig.from(Settings.resolve(file, Map.of()));
    assertThat(fromFile.topics().tracked()).as("both parsed, sorted by name").containsOnlyKeys("leader_security",
        "rates");
    assertThat(fromFile.topics().tracked().get("leader_security").toString()).as("parsed query")
        .isEqualTo("((dna OR bodyguard*) AND NOT football)");
    assertThat(fromFile.topics().tracked().get("rates").toString()).as("quoted phrase in YAML")
        .isEqualTo("(\"interest rate*\" OR inflation)");

    JobConfig fromCli = JobConfig.from(Settings.resolve(file,
        Map.of(ConfigOption.TRACK, List.of("only=surveillance"))));
    assertThat(fromCli.topics().tracked()).as("the command line replaces the file's mapping")
        .containsOnlyKeys("only");

    assertThatThrownBy(() -> JobConfig.from(Settings.resolve(Map.of(), Map.of(ConfigOption.INPUT, List.of("x"),
        ConfigOption.OUTPUT, "y", ConfigOption.TRACK, List.of("bad name=DNA")))))
        .as("names are checked").isInstanceOf(ConfigException.class).hasMessageContaining("--track names");
    assertThatThrownBy(() -> JobConfig.from(Settings.resolve(Map.of(), Map.of(ConfigOption.INPUT, List.of("x"),
        ConfigOption.OUTPUT, "y", ConfigOption.BURST_S, "1"))))
        .as("trend options are validated").hasMessage("--burst-s should have value > 1, value: 1.0");
  }
}
