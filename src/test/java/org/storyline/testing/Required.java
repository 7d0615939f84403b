package org.storyline.testing;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The one rule for what a test needs from outside the repository (a tool such as python3, bash or chromium; the real
 * corpora under {@code ../shared/data}): when it is missing the test is skipped, saying what is missing, unless the
 * environment sets {@code STORYLINE_REQUIRE_TOOLS=1} (as {@code .ci/run} does), where it fails instead, so CI never
 * passes by skipping.
 */
public final class Required {
  private Required() {}

  /** The environment variable that turns a missing tool or data set into a failure. */
  public static final String SWITCH = "STORYLINE_REQUIRE_TOOLS";

  /** Set by {@code .ci/run} when {@code ../shared/data} is beside the clone: then its absence here is a failure. */
  public static final String SHARED_DATA_SWITCH = "STORYLINE_REQUIRE_SHARED_DATA";

  /** Whether this JVM runs with {@code STORYLINE_REQUIRE_TOOLS=1}. */
  public static boolean strict() {
    return "1".equals(System.getenv(SWITCH));
  }

  /** Skips the test saying {@code missing}, or fails it under {@code STORYLINE_REQUIRE_TOOLS=1}; nothing if present. */
  public static void tool(boolean present, String missing) {
    check(present, missing, strict());
  }

  /**
   * A file of the shared real corpora ({@link TestSpark#sharedData()}: {@code ../shared/data}, or
   * {@code STORYLINE_SHARED_DATA}), readable; skips or fails by {@link #tool} when the folder or the file is missing.
   */
  public static Path sharedFile(String relative) {
    Optional<Path> data = TestSpark.sharedData();
    // The project's tests pass on a fresh clone without ../shared: its absence is a skip unless the environment
    // says the corpora are there (.ci/run sets STORYLINE_REQUIRE_SHARED_DATA=1 when it sees ../shared/data). A file
    // missing from a folder that is there follows the tools' rule.
    check(data.isPresent(), "the shared corpora folder ../shared/data (or STORYLINE_SHARED_DATA) not found",
        "1".equals(System.getenv(SHARED_DATA_SWITCH)));
    Path file = data.get().resolve(relative);
    tool(Files.isRegularFile(file) && Files.isReadable(file), "shared corpus file " + file + " not found");
    return file;
  }

  /** {@link #tool} with the switch given: package-private so {@code RequiredTest} checks both branches. */
  static void check(boolean present, String missing, boolean strict) {
    if (present) {
      return;
    }
    if (strict) {
      fail(missing + " (" + SWITCH + "=1, so this fails instead of skipping)");
    }
    Assumptions.assumeTrue(false, "skipped: " + missing);
  }
}
