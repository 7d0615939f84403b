package org.storyline.io;

import java.io.IOException;
import org.apache.hadoop.fs.FSError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named points where the tests of atomic publishing and of failure handling make a run fail or stop: with the JVM
 * property {@code storyline.fault=POINT:ACTION} the run, at POINT,
 * <ul>
 *   <li>{@code fail}: throws an {@link IllegalStateException};</li>
 *   <li>{@code disk-full}: throws what Hadoop's local file system throws when a write meets a full disk, an
 *       {@link FSError} around {@code java.io.IOException: No space left on device};</li>
 *   <li>{@code pause}: prints {@code storyline-fault: paused at POINT} on stderr and sleeps there, so a test can
 *       SIGKILL the process at exactly that moment.</li>
 * </ul>
 * Points: {@code started} (the report folder open and the SparkSession started, before the first stage), each stage
 * name (after the stage), {@code write-probe} (the writability check of {@code --output}),
 * {@code ner-task} (inside a Spark task: the NER function, on each non-empty partition; only where executors share
 * the driver's JVM properties, as in local mode), {@code before-move}, {@code before-switch}, {@code after-switch}
 * (inside publishing) and {@code history} (a history entry written to its temporary file, not yet renamed). Unset
 * in normal runs, where a point costs one property lookup.
 */
public final class FaultPoints {
  private static final Logger LOG = LoggerFactory.getLogger(FaultPoints.class);
  public static final String PROPERTY = "storyline.fault";

  private FaultPoints() {}

  /**
   * The Error that {@code RawLocalFileSystem}'s output stream throws when a write fails with ENOSPC. FSError's
   * constructor is package-private (only Hadoop raises it), hence reflection.
   */
  static FSError diskFull() {
    IOException enospc = new IOException("No space left on device");
    try {
      var constructor = FSError.class.getDeclaredConstructor(Throwable.class);
      constructor.setAccessible(true);
      return constructor.newInstance(enospc);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("cannot simulate a full disk with this Hadoop version", e);
    }
  }

  public static void reached(String point) {
    String fault = System.getProperty(PROPERTY);
    if (fault == null || !fault.startsWith(point + ":")) {
      return;
    }
    String action = fault.substring(point.length() + 1);
    LOG.warn("fault injection: {} at {}", action, point);
    if (action.equals("fail")) {
      throw new IllegalStateException("injected failure at " + point);
    }
    if (action.equals("disk-full")) {
      throw diskFull();
    }
    if (action.equals("pause")) {
      System.err.println("storyline-fault: paused at " + point);
      System.err.flush();
      try {
        Thread.sleep(600_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
