package org.storyline.pipeline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run's metrics in the Prometheus text exposition format (version 0.0.4), built from its manifest: status, times,
 * each stage's seconds and counts, the run counts, every table's rows and every quality gate's value. Written by
 * every run, published or not, to {@code DIR/metrics.prom} (the node_exporter textfile-collector convention: point
 * the collector's directory at it, or link it there) and pushed to a Pushgateway with {@code --metrics-push}.
 *
 * <p>Every series carries the report folder as label {@code output}, so that several reports on one host stay
 * apart; the run id is a label of {@code storyline_run_info} only (one series per run would grow without bound).
 */
public final class RunMetrics {
  private RunMetrics() {}

  /** The metrics file at the top of the report folder. */
  public static final String FILE = "metrics.prom";
  /** The Pushgateway job name. */
  public static final String JOB = "storyline";

  private static final List<String> STATUSES = List.of(Manifest.SUCCEEDED, QualityGates.STOPPED, Manifest.FAILED);

  /**
   * The exposition of a run.
   *
   * @param manifest the run's manifest (published or not)
   * @param output the report folder, as given
   * @param lastSuccess when the last published run of the folder finished (this one if it was published), if any
   */
  public static String exposition(Map<String, Object> manifest, String output, Optional<Instant> lastSuccess) {
    Exposition e = new Exposition(Map.of("output", output));
    String status = String.valueOf(manifest.get("status"));
    e.family("storyline_run_info", "The last run of this report folder: its id and Storyline version (always 1).");
    e.sample("storyline_run_info", 1, "run_id", String.valueOf(manifest.get("run_id")), "version",
        String.valueOf(map(manifest.get("versions")).getOrDefault("storyline", "dev")));
    e.family("storyline_run_status", "Status of the last run: 1 for its status (succeeded, stopped_by_gates, "
        + "failed), 0 for the others.");
    for (String s : STATUSES) {
      e.sample("storyline_run_status", s.equals(status) ? 1 : 0, "status", s);
    }
    e.family("storyline_run_published", "1 when the last run published its report, 0 when the previous one stays.");
    e.sample("storyline_run_published", status.equals(Manifest.SUCCEEDED) ? 1 : 0);
    instant(manifest.get("started_at")).ifPresent(t -> {
      e.family("storyline_run_start_timestamp_seconds", "When the last run started (Unix time).");
      e.sample("storyline_run_start_timestamp_seconds", seconds(t));
    });
    instant(manifest.get("finished_at")).ifPresent(t -> {
      e.family("storyline_run_end_timestamp_seconds", "When the last run ended (Unix time).");
      e.sample("storyline_run_end_timestamp_seconds", seconds(t));
    });
    if (manifest.get("seconds") instanceof Number n) {
      e.family("storyline_run_duration_seconds", "Wall time of the last run.");
      e.sample("storyline_run_duration_seconds", n.doubleValue());
    }
    lastSuccess.ifPresent(t -> {
      e.family("storyline_last_success_timestamp_seconds",
          "When the last published run of this report folder ended (Unix time): alert when it is too old.");
      e.sample("storyline_last_success_timestamp_seconds", seconds(t));
    });

    List<Map<String, Object>> stages = list(manifest.get("stages"));
    e.family("storyline_stage_duration_seconds", "Wall time of each stage of the last run (the stages that ran).");
    for (Map<String, Object> stage : stages) {
      if (stage.get("seconds") instanceof Number n) {
        e.sample("storyline_stage_duration_seconds", n.doubleValue(), "stage", String.valueOf(stage.get("name")));
      }
    }
    e.family("storyline_stage_counts", "What each stage of the last run counted (manifest stages[].counts).");
    for (Map<String, Object> stage : stages) {
      numbers(map(stage.get("counts"))).forEach((name, value) ->
          e.sample("storyline_stage_counts", value, "stage", String.valueOf(stage.get("name")), "name", name.name(),
              "key", name.key()));
    }
    e.family("storyline_counts", "The last run's counts (manifest counts); maps by key (rejects by reason...).");
    numbers(map(manifest.get("counts"))).forEach((name, value) ->
        e.sample("storyline_counts", value, "name", name.name(), "key", name.key()));
    e.family("storyline_table_rows", "Rows of each table the last run wrote.");
    map(manifest.get("tables")).forEach((table, rows) -> {
      if (rows instanceof Number n) {
        e.sample("storyline_table_rows", n.doubleValue(), "table", table);
      }
    });

    Map<String, Object> gates = map(manifest.get("gates"));
    if (!gates.isEmpty()) {
      e.family("storyline_gates_passed", "1 when every quality gate of the last run passed.");
      e.sample("storyline_gates_passed", Boolean.TRUE.equals(gates.get("passed")) ? 1 : 0);
      e.family("storyline_gates_enforced", "1 when failing gates stop a run (--gates on), 0 when they only report.");
      e.sample("storyline_gates_enforced", Boolean.TRUE.equals(gates.get("enforced")) ? 1 : 0);
      List<Map<String, Object>> checks = list(gates.get("checks"));
      e.family("storyline_gate_value", "Value of each quality gate's check in the last run (absent: nothing to "
          + "measure, such as a drop without a published run).");
      for (Map<String, Object> check : checks) {
        if (check.get("value") instanceof Number n) {
          e.sample("storyline_gate_value", n.doubleValue(), "gate", String.valueOf(check.get("name")));
        }
      }
      e.family("storyline_gate_threshold", "Threshold of each quality gate; bound max or min.");
      for (Map<String, Object> check : checks) {
        String bound = check.containsKey("max") ? "max" : "min";
        if (check.get(bound) instanceof Number n) {
          e.sample("storyline_gate_threshold", n.doubleValue(), "gate", String.valueOf(check.get("name")), "bound",
              bound);
        }
      }
      e.family("storyline_gate_passed", "1 when the quality gate's check passed in the last run.");
      for (Map<String, Object> check : checks) {
        e.sample("storyline_gate_passed", Boolean.TRUE.equals(check.get("passed")) ? 1 : 0, "gate",
            String.valueOf(check.get("name")));
      }
    }
    return e.toString();
  }

  /**
   * Pushes an exposition to a Pushgateway, replacing the group {@code job="storyline", output=...} (HTTP PUT, so a
   * series a later run no longer has does not linger).
   */
  public static void push(URI gateway, String output, String exposition) throws IOException, InterruptedException {
    String group = "/metrics/job/" + JOB + "/output@base64/"
        + Base64.getUrlEncoder().withoutPadding().encodeToString(output.getBytes(StandardCharsets.UTF_8));
    URI target = URI.create(gateway.toString() + group);
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .PUT(HttpRequest.BodyPublishers.ofString(exposition, StandardCharsets.UTF_8)).build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException("Pushgateway " + target + " answered " + response.statusCode() + ": "
          + response.body().strip());
    }
  }

  /**
   * The numeric entries of a counts map, by (name, key): a number under ("articles", ""), a map of numbers under
   * ("rejected_by_reason", "empty_text"). Other values (strings such as the topic model's origin) are left out.
   */
  private static Map<CountKey, Double> numbers(Map<String, Object> counts) {
    Map<CountKey, Double> out = new LinkedHashMap<>();
    counts.forEach((name, value) -> {
      if (value instanceof Number n) {
        out.put(new CountKey(name, ""), n.doubleValue());
      } else if (value instanceof Boolean b) {
        out.put(new CountKey(name, ""), b ? 1.0 : 0.0);
      } else if (value instanceof Map<?, ?> m) {
        m.forEach((k, v) -> {
          if (v instanceof Number n) {
            out.put(new CountKey(name, String.valueOf(k)), n.doubleValue());
          }
        });
      }
    });
    return out;
  }

  /** A count's name and, for a map of counts, its key (else empty). */
  private record CountKey(String name, String key) {}

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map ? (Map<String, Object>) o : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object o) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      l.forEach(item -> {
        if (item instanceof Map) {
          out.add((Map<String, Object>) item);
        }
      });
    }
    return out;
  }

  /** A manifest's timestamp ({@code started_at}, {@code finished_at}), if it is one. */
  static Optional<Instant> instant(Object o) {
    try {
      return o == null ? Optional.empty() : Optional.of(Instant.parse(String.valueOf(o)));
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static double seconds(Instant t) {
    return t.toEpochMilli() / 1000.0;
  }

  /** The text format: HELP and TYPE (all gauges) once per family, then its samples; empty families left out. */
  private static final class Exposition {
    private final Map<String, String> common;
    private final Map<String, String> help = new LinkedHashMap<>();
    private final Map<String, List<String>> samples = new LinkedHashMap<>();

    Exposition(Map<String, String> common) {
      this.common = common;
    }

    void family(String name, String helpText) {
      help.put(name, helpText);
      samples.computeIfAbsent(name, n -> new ArrayList<>());
    }

    /** A sample; label pairs with an empty value are left out (Prometheus treats them as absent anyway). */
    void sample(String name, double value, String... labels) {
      StringBuilder line = new StringBuilder(name).append('{');
      List<String> pairs = new ArrayList<>();
      common.forEach((k, v) -> pairs.add(k + "=\"" + escapeLabel(v) + "\""));
      for (int i = 0; i + 1 < labels.length; i += 2) {
        if (!labels[i + 1].isEmpty()) {
          pairs.add(labels[i] + "=\"" + escapeLabel(labels[i + 1]) + "\"");
        }
      }
      line.append(String.join(",", pairs)).append("} ").append(format(value));
      samples.get(name).add(line.toString());
    }

    @Override
    public String toString() {
      StringBuilder out = new StringBuilder();
      samples.forEach((name, lines) -> {
        if (lines.isEmpty()) {
          return;
        }
        out.append("# HELP ").append(name).append(' ').append(escapeHelp(help.get(name))).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
        lines.forEach(l -> out.append(l).append('\n'));
      });
      return out.toString();
    }

    static String format(double v) {
      if (Double.isNaN(v)) {
        return "NaN";
      }
      if (Double.isInfinite(v)) {
        return v > 0 ? "+Inf" : "-Inf";
      }
      return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    static String escapeLabel(String v) {
      return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    static String escapeHelp(String v) {
      return v.replace("\\", "\\\\").replace("\n", "\\n");
    }
  }
}
