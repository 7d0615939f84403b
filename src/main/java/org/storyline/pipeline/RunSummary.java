package org.storyline.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.storyline.run.StageResult;

/**
 * What a run measured, stage by stage in the order they ran: each stage's wall time and result (none for a stage
 * that failed). The manifest's {@code counts}, {@code stages} and {@code tables} are views of it.
 */
public record RunSummary(List<StageRun> stages) {
  public RunSummary {
    stages = List.copyOf(stages);
  }

  /** One stage that ran: its name, wall time and result, empty if it failed. */
  public record StageRun(String name, double seconds, Optional<StageResult> result) {}

  /** The run-level counts: each finished stage's {@link StageResult#runCounts()}, in stage order. */
  public Map<String, Object> counts() {
    Map<String, Object> counts = new LinkedHashMap<>();
    stages.forEach(s -> s.result().ifPresent(r -> counts.putAll(r.runCounts())));
    return counts;
  }

  /** The manifest's {@code stages}: name, seconds (to the millisecond) and counts of each stage that ran. */
  public List<Map<String, Object>> stageEntries() {
    List<Map<String, Object>> entries = new ArrayList<>();
    for (StageRun s : stages) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", s.name());
      entry.put("seconds", Math.round(s.seconds() * 1000) / 1000.0);
      entry.put("counts", s.result().map(StageResult::stageCounts).orElse(Map.of()));
      entries.add(entry);
    }
    return entries;
  }

  /** Rows of every table written, in the order written. */
  public Map<String, Long> tables() {
    Map<String, Long> tables = new LinkedHashMap<>();
    stages.forEach(s -> s.result().ifPresent(r -> tables.putAll(r.tables())));
    return tables;
  }

  /** The result of the stage {@code type}, if it ran and finished. */
  public <T extends StageResult> Optional<T> result(Class<T> type) {
    return stages.stream().flatMap(s -> s.result().stream()).filter(type::isInstance).map(type::cast).findFirst();
  }
}
