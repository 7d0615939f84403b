package org.storyline.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.storyline.cli.ExitCodes;
import org.storyline.cli.StorylineCommand;

/**
 * The README's sample run, {@code storyline run --config conf/sample.yaml} on {@code data/sample} (the tracked
 * topic included), in process on the JVM's {@code local[2]} session into {@code target/it-results/sample}: once per
 * test JVM, shared by the integration tests that look at its results (the figures, the report, the notebooks) and
 * by the cluster test, which compares a spark-submit run against it.
 */
public final class SampleRun {
  private SampleRun() {}

  /** The repository root (failsafe runs in it; {@code basedir} says so explicitly). */
  public static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
  /** The README's configuration of the sample run. */
  public static final Path CONFIG = ROOT.resolve("conf/sample.yaml");
  /** The sample corpus. */
  public static final Path INPUT = ROOT.resolve("data/sample");

  private static Path folder;

  /** The sample run's output folder, running it first when this JVM has not yet. */
  public static synchronized Path folder() {
    if (folder != null) {
      return folder;
    }
    Path dir = ROOT.resolve("target/it-results/sample");
    TestSpark.session(); // the one local[2] session of the JVM, which the run reuses
    long t0 = System.nanoTime();
    String[] args = {"run", "--input", INPUT.toString(), "--output", dir.toString(), "--config", CONFIG.toString(),
        "--master", "local[2]"};
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = StorylineCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    assertThat(code).as("storyline " + String.join(" ", args) + "\nstdout: " + out + "\nstderr: " + err)
        .isEqualTo(ExitCodes.OK);
    System.out.printf("sample run %.1f s%n", (System.nanoTime() - t0) / 1e9);
    folder = dir;
    return dir;
  }
}
