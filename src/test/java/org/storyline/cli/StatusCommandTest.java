package org.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code storyline status} on hand-written history folders (no Spark): bad entries and bad options. */
class StatusCommandTest {
  static final String FIRST = "20250903T101500Z-0a1b";
  static final String SECOND = "20250904T101500Z-2c3d";

  @TempDir
  Path output;
  Path history;

  private record Result(int code, String out, String err) {}

  private Result status(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 1];
    all[0] = "status";
    System.arraycopy(args, 0, all, 1, args.length);
    int code = StorylineCommand.execute(new PrintWriter(out), new PrintWriter(err), all);
    return new Result(code, out.toString(), err.toString());
  }

  private static String manifest(String runId, String status) {
    return "{\n  \"run_id\" : \"" + runId + "\",\n  \"status\" : \"" + status + "\",\n"
        + "  \"started_at\" : \"2025-09-03T10:15:00Z\",\n  \"seconds\" : 12.5,\n"
        + "  \"counts\" : {\"records_read\" : 7, \"articles\" : 4, \"rejected\" : 3}\n}\n";
  }

  @BeforeEach
  void twoGoodRuns() throws IOException {
    history = output.resolve("history");
    Files.createDirectories(history);
    Files.writeString(history.resolve(FIRST + ".json"), manifest(FIRST, "succeeded"), StandardCharsets.UTF_8);
    Files.writeString(history.resolve(SECOND + ".json"), manifest(SECOND, "succeeded"), StandardCharsets.UTF_8);
    Files.writeString(output.resolve("CURRENT"), SECOND + "\n", StandardCharsets.UTF_8);
  }

  @Test
  void unreadableHistoryFilesAreSkippedWithOneWarningLineEachNamingTheFile() throws IOException {
    String whole = manifest("20250905T101500Z-4e5f", "succeeded");
    Path truncated = history.resolve("20250905T101500Z-4e5f.json");
    Files.writeString(truncated, whole.substring(0, whole.length() / 2), StandardCharsets.UTF_8);
    Path garbled = history.resolve("20250906T101500Z-6a7b.json");
    Files.write(garbled, new byte[] {(byte) 0xff, 0x00, '{', '"', (byte) 0xc3, 0x28, 0x01});
    Path empty = history.resolve("20250907T101500Z-8c9d.json");
    Files.writeString(empty, "");
    // A history entry still being written (temporary file, renamed once whole) is not a run, and not a problem.
    Files.writeString(history.resolve(".20250908T101500Z-0e1f.json.tmp-20250908T101500Z-0e1f"), "{\"run_id\"",
        StandardCharsets.UTF_8);

    Result result = status("--output", output.toString());

    assertThat(result.code()).as("exit code; stderr: %s", result.err()).isEqualTo(ExitCodes.OK);
    List<String> warnings = result.err().lines().toList();
    assertThat(warnings).as("one warning line per unreadable file").hasSize(3);
    for (Path bad : List.of(truncated, garbled, empty)) {
      assertThat(warnings).as("a warning naming %s", bad.getFileName())
          .anySatisfy(w -> assertThat(w).startsWith("storyline: warning: skipping unreadable history file ")
              .contains(bad.getFileName().toString()));
    }
    List<String> lines = result.out().lines().toList();
    assertThat(lines).as("header, the two good runs, summary").hasSize(4);
    assertThat(lines.get(1)).as("first run").contains(FIRST).contains("succeeded").doesNotStartWith("*");
    assertThat(lines.get(2)).as("second run, current").startsWith("*").contains(SECOND);
    assertThat(lines.get(3)).as("summary")
        .isEqualTo("2 run(s) recorded (3 unreadable history file(s) skipped); * = current (" + SECOND + ")");
  }

  @ParameterizedTest(name = "--limit {0}")
  @ValueSource(strings = {"-1", "0"})
  void aLimitBelowOneIsAUsageErrorInOneLine(String limit) {
    Result result = status("--output", output.toString(), "--limit", limit);
    assertThat(result.code()).as("exit code").isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).as("one line naming the bad value")
        .isEqualTo("storyline: --limit should be at least 1, value: " + limit + "\n");
    assertThat(result.out()).as("nothing listed").isEmpty();
  }

  @Test
  void aLimitOfOneShowsTheLastRun() {
    Result result = status("--output", output.toString(), "--limit", "1");
    assertThat(result.code()).as("exit code; stderr: %s", result.err()).isEqualTo(ExitCodes.OK);
    List<String> lines = result.out().lines().toList();
    assertThat(lines).as("header, the last run, summary").hasSize(3);
    assertThat(lines.get(1)).as("the last run").contains(SECOND);
  }
}
