package org.storyline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.storyline.cli.StorylineCommand;
import org.storyline.testing.TestSpark;

/**
 * One published report for the tests that start from a report and then break the next run ({@link KillTest},
 * {@link RunFailureTest}): {@value #FIRST_ARTICLES} articles run once per test JVM (each surefire fork is reused), in
 * process on the JVM's session. Each test copies it and adds one article, so that the next run has
 * {@value #NEXT_ARTICLES} and a mix of the two runs would show.
 */
final class PublishedReport {
  static final int FIRST_ARTICLES = 40;
  static final int NEXT_ARTICLES = FIRST_ARTICLES + 1;

  private static Path template;
  private static String firstRun;

  private PublishedReport() {}

  /** The first run's id (its folder under {@code runs/}). */
  static synchronized String firstRun() {
    try {
      template();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return firstRun;
  }

  /** Copies the input and the published report into {@code input} and {@code output}, then adds the next article. */
  static void copyInto(Path input, Path output) throws IOException {
    Path from = template();
    copyTree(from.resolve("in"), input);
    copyTree(from.resolve("out"), output);
    Files.writeString(input.resolve("b.jsonl"), "{\"id\":\"b1\",\"text\":\"Xi Jinping hosted a parade in Beijing "
        + "with Kim and Putin.\",\"date\":\"2025-09-03T12:00:00Z\"}\n", StandardCharsets.UTF_8);
  }

  private static synchronized Path template() throws IOException {
    if (template != null) {
      return template;
    }
    TestSpark.session(); // the run then uses this session (getOrCreate), master local[2]
    Path dir = Files.createTempDirectory("storyline-published-report");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir), "delete-published-report"));
    Path input = dir.resolve("in");
    Files.createDirectories(input);
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < FIRST_ARTICLES; i++) {
      lines.append(String.format("{\"id\":\"a%02d\",\"title\":\"Story %d\",\"text\":\"Kim Jong-un met Vladimir Putin "
          + "in Beijing on day %d, and aides wiped the chair after the talks.\",\"date\":\"2025-09-%02dT10:00:00Z\"}%n",
          i, i, i, 1 + i % 28));
    }
    Files.writeString(input.resolve("a.jsonl"), lines.toString(), StandardCharsets.UTF_8);
    StringWriter err = new StringWriter();
    int code = StorylineCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(err),
        "run", "--input", input.toString(), "--output", dir.resolve("out").toString(), "--keep-runs", "5");
    assertThat(code).as("first run; stderr: %s", err).isZero();
    firstRun = Files.readString(dir.resolve("out").resolve("CURRENT")).strip();
    template = dir;
    return dir;
  }

  /** Copies a folder, symlinks as symlinks (the report's links are relative, so the copy is a report too). */
  static void copyTree(Path from, Path to) throws IOException {
    try (var paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isSymbolicLink(p)) {
          Files.createSymbolicLink(target, Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      // a temporary folder: the system cleans it up eventually
    }
  }
}
