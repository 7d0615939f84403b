package org.storyline.io;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named points where the tests of atomic publishing make a run fail or stop: with the JVM property
 * {@code storyline.fault=POINT:fail} the run throws at POINT; with {@code POINT:pause} it prints
 * {@code storyline-fault: paused at POINT} on stderr and sleeps there, so a test can SIGKILL the process at exactly
 * that moment. Points: each stage name (after the stage), {@code before-move}, {@code before-switch} and
 * {@code after-switch} (inside publishing). Unset in normal runs, where a point costs one property lookup.
 */
public final class FaultPoints {
  private static final Logger LOG = LoggerFactory.getLogger(FaultPoints.class);
  public static final String PROPERTY = "storyline.fault";

  private FaultPoints() {}

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
