package org.storyline.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * How a failure is told in one line. Spark wraps what went wrong in a task several times over (a
 * {@code SparkException} "Job aborted due to stage failure", around {@code [TASK_WRITE_FAILED]}, around the real
 * {@code java.io.IOException: No space left on device}); the line an operator needs is the deepest cause.
 */
public final class Failures {
  private Failures() {}

  /** The deepest cause of {@code t} (a cycle in the chain stops the walk). */
  public static Throwable rootCause(Throwable t) {
    Throwable root = t;
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    while (root.getCause() != null && seen.add(root)) {
      root = root.getCause();
    }
    return root;
  }

  /** {@code Class: message} of the deepest cause, first line only: {@code java.io.IOException: No space left...}. */
  public static String oneLine(Throwable t) {
    return describe(rootCause(t));
  }

  /** Each throwable of the chain, outermost first, as {@code Class: first line of its message}. */
  public static List<String> chain(Throwable t) {
    List<String> lines = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
      lines.add(describe(c));
    }
    return lines;
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    String first = message == null ? "" : message.strip().lines().findFirst().orElse("");
    return first.isEmpty() ? t.getClass().getName() : t.getClass().getName() + ": " + first;
  }
}
