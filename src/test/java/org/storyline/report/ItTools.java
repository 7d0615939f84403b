package org.storyline.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.storyline.cli.ExitCodes;
import org.storyline.cli.StorylineCommand;
import org.storyline.testing.Required;
import org.storyline.testing.SampleRun;

/**
 * Shared by the integration tests that look at the results: the sample run's report folder (run once per JVM, in
 * process, {@link SampleRun}), the rule for external tools (skip when absent, fail when
 * {@code STORYLINE_REQUIRE_TOOLS=1}) and a process runner with a timeout.
 */
final class ItTools {
  private ItTools() {}

  /** The repository root (failsafe runs in it; {@code basedir} says so explicitly). */
  static final Path ROOT = SampleRun.ROOT;
  /** Where the integration tests of the results write. */
  static final Path WORK = ROOT.resolve("target/it-results");

  private static Path sample;

  /** Skips the test saying why, or fails it when the environment requires the tools (CI): {@link Required#tool}. */
  static void requireTool(boolean present, String missing) {
    Required.tool(present, missing);
  }

  /**
   * The sample run ({@link SampleRun}, the README's configuration) with {@code storyline report} on it, into
   * {@code target/it-results/sample}: once per test JVM.
   */
  static synchronized Path sampleReport() {
    if (sample != null) {
      return sample;
    }
    Path dir = SampleRun.folder();
    long t0 = System.nanoTime();
    command("report", "--output", dir.toString(), "--master", "local[2]");
    System.out.printf("sample report %.1f s%n", (System.nanoTime() - t0) / 1e9);
    assertThat(dir.resolve(Report.FILE)).as("report.html of the sample run").isRegularFile();
    sample = dir;
    return dir;
  }

  /** Runs a storyline command in process and checks it succeeded. */
  static String command(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = StorylineCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    assertThat(code).as("storyline " + String.join(" ", args) + "\nstdout: " + out + "\nstderr: " + err)
        .isEqualTo(ExitCodes.OK);
    return out.toString();
  }

  /** What a process printed and how it ended. */
  record Result(int exitCode, String stdout, String stderr) {}

  /** Runs a process in {@code dir} with extra environment variables; fails the test when it outlasts the timeout. */
  static Result run(List<String> command, Path dir, Map<String, String> env, Duration timeout) {
    try {
      Files.createDirectories(WORK);
      Path out = Files.createTempFile(WORK, "proc", ".out");
      Path err = Files.createTempFile(WORK, "proc", ".err");
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().putAll(env);
      // Linking is tested on its own (LinkingTest); the processes here do not fetch and build its 227 MB index.
      pb.environment().putIfAbsent("STORYLINE_LINKING", "off");
      Process p = pb.start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        fail(command.get(0) + " did not finish within " + timeout + ": " + String.join(" ", command)
            + "\nstderr: " + tail(Files.readString(err, StandardCharsets.UTF_8)));
      }
      Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The last few thousand characters of a long output. */
  static String tail(String text) {
    return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
  }
}
