package org.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad configuration stops before Spark starts, with one line on stderr and exit code 2. Each case runs
 * {@code storyline run} in a JVM of its own whose Spark master is a URL Spark cannot parse: had any case started a
 * SparkSession, it would fail with Spark's "Could not parse Master URL" instead, and stderr would not be the one
 * expected line.
 */
class PreflightTest {
  @TempDir
  static Path dir;

  /** A valid input file, for the cases where something else is wrong. */
  private static Path input() throws IOException {
    Path input = dir.resolve("in.jsonl");
    if (!Files.exists(input)) {
      Files.writeString(input, "{\"id\":\"1\",\"text\":\"Kim Jong-un met Vladimir Putin in Beijing.\","
          + "\"published\":\"2025-09-03\"}\n");
    }
    return input;
  }

  static Stream<Arguments> badConfigurations() throws IOException {
    String in = input().toString();
    Path file = Files.writeString(dir.resolve("plain-file"), "x");
    Path badAliases = Files.writeString(dir.resolve("aliases.csv"), "Jinping,Xi Jinping,POLITICIAN\n");
    String missing = dir.resolve("missing").toString();
    return Stream.of(
        Arguments.of("missing input", List.of("--input", missing, "--output", out("a")),
            "storyline: input path not found: --input " + missing),
        Arguments.of("output under a plain file", List.of("--input", in, "--output", file + "/report"),
            "storyline: --output " + file + "/report is not writable: "),
        Arguments.of("missing alias file", List.of("--input", in, "--output", out("b"), "--alias-file", missing),
            "storyline: --alias-file file not found, value: " + missing),
        Arguments.of("bad alias type", List.of("--input", in, "--output", out("c"), "--alias-file",
            badAliases.toString()), "storyline: --alias-file " + badAliases + " line 1: type should be PERSON, "
            + "ORGANIZATION, LOCATION or MISC, value: POLITICIAN"),
        Arguments.of("missing block list", List.of("--input", in, "--output", out("d"), "--entity-blocklist",
            missing), "storyline: --entity-blocklist file not found, value: " + missing),
        Arguments.of("missing NER model", List.of("--input", in, "--output", out("e"), "--ner-model",
            "models/none.crf.ser.gz"), "storyline: --ner-model is neither a classpath resource nor a readable file, "
            + "value: models/none.crf.ser.gz (the build ships the models listed in pom.xml's ner.model.includes)"),
        Arguments.of("missing topic model", List.of("--input", in, "--output", out("f"), "--topic-model", missing),
            "storyline: --topic-model " + missing + " is not a saved topic model (no " + missing + "/metadata); "
                + "give the model folder of an earlier run (DIR/model) or use --retrain"),
        Arguments.of("malformed tracked topic", List.of("--input", in, "--output", out("g"), "--track",
            "t=(DNA"), "storyline: --track t: malformed query at position 5: expected ')' to close the '(' at "
            + "position 1 but found the end of the query (query: (DNA)"),
        Arguments.of("incremental with --from", List.of("--input", in, "--output", out("h"), "--incremental",
            "--from", "2025-09-01"), "storyline: --incremental cannot be combined with --from/--to, value: --from "
            + "2025-09-01 --to (none)"),
        Arguments.of("link index not built", List.of("--input", in, "--output", out("j"), "--link-index",
            dir.toString()), "storyline: --link-index is not a finished link index (no _LINK_INDEX; build it with "
            + "'storyline link-index'): " + dir),
        Arguments.of("unknown option", List.of("--input", in, "--output", out("i"), "--bogus", "1"),
            "storyline: Unknown options: '--bogus', '1' (see 'storyline run --help')"));
  }

  private static String out(String name) {
    return dir.resolve("out-" + name).toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badConfigurations")
  void stopsBeforeSparkWithOneLineAndExitCodeTwo(String name, List<String> args, String expected) throws Exception {
    Result r = storyline(args);
    assertThat(r.code()).as("exit code of %s; stderr: %s", name, r.stderr()).isEqualTo(ExitCodes.USAGE);
    List<String> lines = r.stderr().lines().filter(l -> !l.startsWith("WARNING: Using incubator modules")).toList();
    assertThat(lines).as("stderr of %s: one line", name).hasSize(1);
    if (expected.endsWith(": ")) {
      assertThat(lines.get(0)).as("the line of %s", name).startsWith(expected);
    } else {
      assertThat(lines.get(0)).as("the line of %s", name).isEqualTo(expected);
    }
    assertThat(r.stdout()).as("nothing on stdout for %s", name).isEmpty();
  }

  private record Result(int code, String stdout, String stderr) {}

  private static Result storyline(List<String> args) throws Exception {
    String classpath = "target/classes:" + Files.readString(Path.of("target/test-classpath.txt")).strip();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        // A JVM that lives a few seconds: C1 only and the serial GC take about 40% less CPU (6.4 s to 3.8 s here).
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-Dlog4j2.configurationFile=conf/log4j2.properties",
        // Spark cannot parse this master: a case that started a session would fail with another message.
        "-Dspark.master=no-spark-before-preflight://",
        "-cp", classpath, "org.storyline.cli.StorylineCommand", "run"));
    command.addAll(args);
    Path stdout = Files.createTempFile(dir, "stdout", ".txt");
    Path stderr = Files.createTempFile(dir, "stderr", ".txt");
    Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("storyline did not stop within 120 s: " + args);
    }
    return new Result(p.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8));
  }
}
