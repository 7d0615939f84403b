package org.storyline.run;

import java.util.Map;

/**
 * What a stage counted, as an immutable record per stage; these methods give its share of {@code manifest.json}.
 * Counts come from the stage's own work (observations of its writes, one aggregate), never from reading a written
 * table back.
 */
public interface StageResult {
  /** The stage's {@code counts} in the manifest's {@code stages} list, in order. */
  Map<String, Object> stageCounts();

  /** The stage's share of the manifest's run-level {@code counts}, in order. */
  default Map<String, Object> runCounts() {
    return Map.of();
  }

  /** Rows of each table the stage wrote (the manifest's {@code tables}), in the order written. */
  Map<String, Long> tables();
}
