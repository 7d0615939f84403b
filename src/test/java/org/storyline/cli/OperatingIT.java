package org.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.storyline.testing.Required;
import org.storyline.testing.SampleRun;

/**
 * What operations sees of a run, with the real tools: {@code bin/storyline run --log-format json --metrics-push URL}
 * on the Reuters part of the sample prints only JSON lines, each Storyline line with the run id and its stage;
 * {@code promtool check metrics} (Debian's prometheus package) accepts {@code DIR/metrics.prom}; and a
 * {@code prometheus-pushgateway} started on 127.0.0.1 for the test shows the run's series on its {@code /metrics}.
 * Both tools are installed by {@code .ci/run}; without them the test is skipped (failed under
 * {@code STORYLINE_REQUIRE_TOOLS=1}).
 */
class OperatingIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ROOT = SampleRun.ROOT;
  private static final Path PUSHGATEWAY = Path.of("/usr/bin/prometheus-pushgateway");

  @Test
  void aJsonLoggedRunWritesValidMetricsAndPushesThem() throws Exception {
    Required.tool(Files.isExecutable(PUSHGATEWAY), PUSHGATEWAY + " (Debian package prometheus-pushgateway)");
    Required.tool(onPath("promtool"), "promtool (Debian package prometheus)");
    Path work = ROOT.resolve("target/it-results/operating");
    deleteTree(work);
    Files.createDirectories(work);
    Path output = work.resolve("out");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    // In memory only: Debian's build persists to /var/lib/prometheus/pushgateway.data by default, which would bring
    // back the groups of earlier pushes on this machine.
    Process gateway = new ProcessBuilder(PUSHGATEWAY.toString(), "--web.listen-address=127.0.0.1:" + port,
        "--persistence.file=")
        .redirectErrorStream(true).redirectOutput(work.resolve("pushgateway.log").toFile()).start();
    try {
      String base = "http://127.0.0.1:" + port;
      awaitReady(base + "/-/ready");

      Path stdout = work.resolve("stdout.txt");
      Path stderr = work.resolve("stderr.txt");
      ProcessBuilder pb = new ProcessBuilder("bin/storyline", "run", "--input",
          ROOT.resolve("data/sample/wire/reuters.jsonl").toString(), "--output", output.toString(),
          "--log-format", "json", "--metrics-push", base)
          .directory(ROOT.toFile()).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
      pb.environment().put("STORYLINE_MASTER", "local[2]");
      pb.environment().put("STORYLINE_MEMORY", "2g");
      pb.environment().put("STORYLINE_LINKING", "off");
      Process run = pb.start();
      assertThat(run.waitFor(10, TimeUnit.MINUTES)).as("the run ends within 10 minutes").isTrue();
      String err = Files.readString(stderr, StandardCharsets.UTF_8);
      assertThat(run.exitValue()).as("exit code; stderr: %s", tail(err)).isZero();

      // Only JSON lines: stdout empty (the summary is a log line), every stderr line one JSON object.
      assertThat(Files.readString(stdout, StandardCharsets.UTF_8)).as("stdout").isEmpty();
      String runId = Files.readString(output.resolve("CURRENT")).strip();
      List<JsonNode> lines = new ArrayList<>();
      for (String line : err.lines().filter(l -> !l.startsWith("storyline: building ")).toList()) {
        JsonNode node = JSON.readTree(line);
        assertThat(node.isObject()).as("a JSON object: %s", line).isTrue();
        assertThat(node.has("ts") && node.has("level") && node.has("msg") && node.has("run_id")
            && node.has("stage")).as("Spark's fields plus run_id and stage: %s", line).isTrue();
        lines.add(node);
      }
      List<JsonNode> ours = lines.stream().filter(n -> n.path("logger").asText().startsWith("org.storyline"))
          .toList();
      assertThat(ours).as("Storyline's lines").hasSizeGreaterThan(5);
      for (JsonNode n : ours) {
        assertThat(n.path("run_id").asText()).as("run id of %s", n).isEqualTo(runId);
        assertThat(n.path("stage").asText()).as("stage of %s", n).isNotEmpty();
      }
      assertThat(ours.stream().map(n -> n.path("stage").asText()).distinct().toList()).as("stages seen")
          .contains("prepare", "ingest", "entities", "cooccurrence", "topics", "trends", "publish");
      assertThat(ours.stream().filter(n -> n.path("thread").asText().startsWith("Executor task launch worker"))
          .map(n -> n.path("stage").asText()).toList()).as("an executor's line (the NER model loaded in a task)")
          .contains("entities");
      assertThat(ours.get(ours.size() - 1).path("msg").asText()).as("the summary, as the last line")
          .isEqualTo("run " + runId + " published to " + output + ": 72 articles, 4 rejected");

      // promtool, the Prometheus project's own checker and linter of the text format.
      Process check = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true)
          .redirectInput(output.resolve("metrics.prom").toFile()).start();
      String checked = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(check.exitValue()).as("promtool check metrics: %s", checked).isZero();
      assertThat(checked.strip()).as("no lint findings").isEmpty();

      // The pushed group, as Prometheus would scrape it from the Pushgateway.
      String scraped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
          .build(), HttpResponse.BodyHandlers.ofString()).body();
      List<String> series = scraped.lines().filter(l -> l.startsWith("storyline_")).toList();
      // The Pushgateway adds its grouping labels (an empty instance among them) and sorts the labels by name.
      String labels = "instance=\"\",job=\"storyline\",output=\"" + output + "\"";
      assertThat(series).as("the run's series on the Pushgateway").contains(
          "storyline_run_published{" + labels + "} 1",
          "storyline_table_rows{" + labels + ",table=\"articles\"} 72",
          "storyline_gate_passed{gate=\"reject_rate\"," + labels + "} 1");
      assertThat(series.stream().filter(l -> l.startsWith("storyline_run_info{")).toList()).as("run info")
          .singleElement().asString().contains("run_id=\"" + runId + "\"");
    } finally {
      gateway.destroy();
      if (!gateway.waitFor(10, TimeUnit.SECONDS)) {
        gateway.destroyForcibly();
      }
    }
  }

  private static void awaitReady(String url) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        if (client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the Pushgateway did not become ready at " + url + " within 30 s");
      }
      Thread.sleep(200);
    }
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  private static String tail(String text) {
    return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
