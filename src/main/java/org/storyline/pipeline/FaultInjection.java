package org.storyline.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deterministic failure points for the tests of atomic publishing: with the JVM property
 * {@code storyline.fault=STAGE:fail} the run throws right after stage STAGE; with {@code STAGE:pause} it prints
 * {@code storyline-fault: paused after STAGE} on stderr and sleeps, so a test can kill the process there. Unset in
 * normal runs, where it costs one property lookup per stage.
 */
final class FaultInjection {
  private static final Logger LOG = LoggerFactory.getLogger(FaultInjection.class);
  static final String PROPERTY = "storyline.fault";

  private FaultInjection() {}

  static void afterStage(String stage) {
    String fault = System.getProperty(PROPERTY);
    if (fault == null || !fault.startsWith(stage + ":")) {
      return;
    }
    String action = fault.substring(stage.length() + 1);
    LOG.warn("fault injection: {} after stage {}", action, stage);
    if (action.equals("fail")) {
      throw new IllegalStateException("injected failure after stage " + stage);
    }
    if (action.equals("pause")) {
      System.err.println("storyline-fault: paused after " + stage);
      System.err.flush();
      try {
        Thread.sleep(600_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
