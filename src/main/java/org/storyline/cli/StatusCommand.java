package org.storyline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.storyline.config.ConfigException;
import org.storyline.ingest.IngestStage;
import org.storyline.io.ReportStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code storyline status --output DIR}: the runs recorded in a report folder's history, newest last, with their
 * status, duration and counts, and which one is current. Reads the manifests only; starts no Spark.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "List the past runs of a report folder with their status and counts.")
public final class StatusCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec
  CommandSpec spec;

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "The report folder.")
  String output;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
      description = "Show the last N runs (N >= 1). Default: ${DEFAULT-VALUE}.")
  int limit;

  @Override
  public Integer call() throws IOException {
    if (limit < 1) {
      throw new ConfigException("--limit should be at least 1, value: " + limit);
    }
    Path root = new Path(output);
    FileSystem fs = root.getFileSystem(new Configuration());
    Path history = new Path(root, ReportStore.HISTORY);
    if (!fs.exists(history)) {
      throw new ConfigException("no runs recorded under --output " + output + " (no " + history + ")");
    }
    Optional<String> current = ReportStore.currentRun(fs, root);
    List<JsonNode> runs = new ArrayList<>();
    PrintWriter err = spec.commandLine().getErr();
    int unreadable = 0;
    for (FileStatus file : fs.listStatus(history)) {
      // Hidden files are entries being written (a temporary file, renamed once whole).
      String name = file.getPath().getName();
      if (name.endsWith(".json") && !name.startsWith(".") && file.isFile()) {
        Optional<JsonNode> run = readEntry(fs, file.getPath(), err);
        run.ifPresent(runs::add);
        unreadable += run.isEmpty() ? 1 : 0;
      }
    }
    err.flush();
    runs.sort(Comparator.comparing(r -> r.path("run_id").asText()));
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%-2s %-22s %-9s %-20s %8s %10s %9s %9s  %s%n", "", "run", "status", "started (UTC)", "seconds",
        "read", "articles", "rejected", "note");
    for (JsonNode run : runs.subList(Math.max(0, runs.size() - limit), runs.size())) {
      String id = run.path("run_id").asText();
      JsonNode counts = run.path("counts");
      String started = run.path("started_at").asText();
      out.printf("%-2s %-22s %-9s %-20s %8.1f %10s %9s %9s  %s%n",
          current.filter(id::equals).isPresent() ? "*" : "", id, run.path("status").asText(),
          started.length() >= 19 ? started.substring(0, 19).replace('T', ' ') : started,
          run.path("seconds").asDouble(), count(counts, IngestStage.RECORDS_READ),
          count(counts, IngestStage.ARTICLES), count(counts, IngestStage.REJECTED), note(run));
    }
    out.printf("%d run(s) recorded%s; * = current (%s)%n", runs.size(),
        unreadable == 0 ? "" : " (" + unreadable + " unreadable history file(s) skipped)",
        current.orElse("none published"));
    out.flush();
    return ExitCodes.OK;
  }

  /**
   * One history entry, or empty (after a one-line warning naming the file) when it cannot be read or is not a run
   * manifest: truncated, garbled, empty. One bad file does not hide the other runs.
   */
  private static Optional<JsonNode> readEntry(FileSystem fs, Path file, PrintWriter err) {
    String problem;
    try (InputStream in = fs.open(file)) {
      JsonNode run = JSON.readTree(in);
      if (run != null && run.isObject() && run.path("run_id").isTextual()) {
        return Optional.of(run);
      }
      problem = "not a run manifest (no run_id)";
    } catch (IOException | RuntimeException e) {
      problem = e.getMessage() == null ? e.toString() : e.getMessage().strip().lines().findFirst().orElse("");
    }
    err.println("storyline: warning: skipping unreadable history file " + file + ": " + problem);
    return Optional.empty();
  }

  private static String count(JsonNode counts, String name) {
    return counts.has(name) ? counts.get(name).asText() : "-";
  }

  private static String note(JsonNode run) {
    if (run.has("error")) {
      String error = run.get("error").asText().lines().findFirst().orElse("");
      return error.length() > 100 ? error.substring(0, 100) + "..." : error;
    }
    JsonNode failedGates = run.path("gates").path("failed");
    if (failedGates.isArray() && !failedGates.isEmpty()) {
      List<String> names = new ArrayList<>();
      failedGates.forEach(g -> names.add(g.asText()));
      return "gates failed: " + String.join(", ", names);
    }
    JsonNode counts = run.path("counts");
    return counts.has(IngestStage.ALREADY_SEEN)
        ? "incremental: " + counts.get(IngestStage.ALREADY_SEEN).asText() + " already seen" : "";
  }
}
