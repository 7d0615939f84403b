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
      description = "Show the last N runs. Default: ${DEFAULT-VALUE}.")
  int limit;

  @Override
  public Integer call() throws IOException {
    Path root = new Path(output);
    FileSystem fs = root.getFileSystem(new Configuration());
    Path history = new Path(root, ReportStore.HISTORY);
    if (!fs.exists(history)) {
      throw new ConfigException("no runs recorded under --output " + output + " (no " + history + ")");
    }
    Optional<String> current = ReportStore.currentRun(fs, root);
    List<JsonNode> runs = new ArrayList<>();
    for (FileStatus file : fs.listStatus(history)) {
      if (file.getPath().getName().endsWith(".json")) {
        try (InputStream in = fs.open(file.getPath())) {
          runs.add(JSON.readTree(in));
        }
      }
    }
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
          run.path("seconds").asDouble(), count(counts, "records_read"), count(counts, "articles"),
          count(counts, "rejected"), note(run));
    }
    out.printf("%d run(s) recorded; * = current (%s)%n", runs.size(), current.orElse("none published"));
    out.flush();
    return ExitCodes.OK;
  }

  private static String count(JsonNode counts, String name) {
    return counts.has(name) ? counts.get(name).asText() : "-";
  }

  private static String note(JsonNode run) {
    if (run.has("error")) {
      String error = run.get("error").asText().lines().findFirst().orElse("");
      return error.length() > 100 ? error.substring(0, 100) + "..." : error;
    }
    JsonNode counts = run.path("counts");
    return counts.has("already_seen") ? "incremental: " + counts.get("already_seen").asText() + " already seen" : "";
  }
}
