package org.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.storyline.config.ConfigOption;

/**
 * Every option of {@code storyline run} has a case showing it changes the output: the option tests' sources are
 * read for their cases ({@code OptionCase.of("--x"}, {@code new LdaCase("--x"}, {@code lda("--x"}), so an option
 * added to {@link ConfigOption} without a case fails here. No Spark.
 */
class RunOptionsCoverageTest {
  private static final Path TESTS = Path.of("src", "test", "java", "org", "storyline");
  private static final Pattern CASE = Pattern.compile("(?:OptionCase\\.of|new LdaCase|lda)\\(\"(--[a-z-]+)\"");

  /** Options shown elsewhere, and where. */
  private static final Map<String, String> ELSEWHERE = Map.of(
      "--output", "CommandOptionsTest: the small run is published under --output",
      "--keep-runs", "CommandOptionsTest#keepRunsAndStatusLimit",
      "--topic-min-weight", "TopicOptionsTest#topicMinWeightLeavesLighterTopicsOutOfDocTopics",
      "--incremental", "IncrementalTest (nightly runs over a published run)",
      // The test JVM has one SparkSession (getOrCreate ignores a master); spark-submit and bin/storyline set it.
      "--master", "not shown in-process: the shared session's master cannot change");

  @Test
  void everyRunOptionHasACase() throws IOException {
    TreeSet<String> covered = new TreeSet<>(ELSEWHERE.keySet());
    try (Stream<Path> files = Files.walk(TESTS)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith("OptionsTest.java")).toList()) {
        Matcher m = CASE.matcher(Files.readString(file, StandardCharsets.UTF_8));
        while (m.find()) {
          covered.add(m.group(1));
        }
      }
    }
    TreeSet<String> options = new TreeSet<>(Arrays.stream(ConfigOption.values()).map(ConfigOption::cliName).toList());
    options.add("--config");
    assertThat(covered).as("options of storyline run with a case (missing ones are listed)").containsAll(options);
    assertThat(covered).as("cases for options that do not exist").isSubsetOf(options);
  }
}
