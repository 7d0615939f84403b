package org.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.storyline.testing.Required;

/**
 * The scheduling examples under {@code deploy/} are checked here, so in CI: the Airflow DAG compiles and loads (against
 * stand-ins for Airflow's API: Airflow itself cannot be installed where CI runs), and the command lines it and the
 * cron example run are valid for this CLI. Skips, saying so, where python3 or sh is missing; fails instead under
 * {@code STORYLINE_REQUIRE_TOOLS=1} ({@link Required}).
 */
class DeployFilesTest {
  private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
  private static final Path DAG = ROOT.resolve("deploy/airflow/storyline_nightly.py");
  private static final Path CRON = ROOT.resolve("deploy/cron/storyline.cron");
  private static final String DAY = "2025-09-03";

  private record Run(int code, String out) {}

  private static Run run(Map<String, String> env, String... cmd) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    pb.environment().putIfAbsent("STORYLINE_LINKING", "off");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", String.join(" ", cmd)).isTrue();
    return new Run(p.exitValue(), out);
  }

  private static boolean available(String program) {
    try {
      return run(Map.of(), program, "-c", program.equals("sh") ? "exit 0" : "pass").code() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Parses {@code args} with storyline's command line (the real one: an unknown option or bad value throws). */
  private static void assertParses(String what, List<String> args) {
    assertThatCode(() -> StorylineCommand.commandLine().parseArgs(args.toArray(String[]::new)))
        .as("%s parse with storyline's command line: %s", what, args).doesNotThrowAnyException();
  }

  @Test
  void theAirflowDagCompiles() throws Exception {
    Required.tool(available("python3"), "python3 not found, the Airflow DAG's syntax is not checked");
    // The check the issue names; the .pyc goes under target/, not next to the DAG.
    Run compiled = run(Map.of("PYTHONPYCACHEPREFIX", ROOT.resolve("target/pycache").toString()),
        "python3", "-m", "py_compile", DAG.toString());
    assertThat(compiled.code()).as("python3 -m py_compile %s: %s", DAG, compiled.out()).isZero();
  }

  @Test
  void theAirflowDagLoadsWithRetriesAndTemplatesTheNightsInput() throws Exception {
    JsonNode dag = checkedDag();
    assertThat(dag.get("dag_id").asText()).as("dag id").isEqualTo("storyline_nightly");
    assertThat(dag.get("max_active_runs").asInt()).as("one night at a time").isEqualTo(1);
    assertThat(dag.get("tasks")).as("tasks").hasSize(1);
    JsonNode task = dag.get("tasks").get(0);
    assertThat(task.get("java_class").asText()).as("main class").isEqualTo(StorylineCommand.class.getName());
    assertThat(task.get("retries").asInt()).as("retries").isGreaterThanOrEqualTo(1);
    assertThat(task.get("conf").get("spark.storyline.input").asText())
        .as("the night's input is templated by {{ ds }}").endsWith("/{{ ds }}");
    assertThat(dagArguments(dag)).as("the options go through conf").containsExactly("run");
  }

  @Test
  void theAirflowDagRunsAValidStorylineCommandFromItsSparkConf() throws Exception {
    JsonNode dag = checkedDag();
    assertParses("the DAG's application_args", dagArguments(dag));
    // The options as the driver reads them: spark.storyline.* of the rendered conf, prefix removed. The config file
    // the DAG names lives on the worker; an empty one stands in for it here.
    Map<String, String> conf = new java.util.TreeMap<>();
    dag.get("tasks").get(0).get("rendered_conf").fields().forEachRemaining(e -> {
      if (e.getKey().startsWith(org.storyline.config.SparkConfOptions.PREFIX)) {
        conf.put(e.getKey().substring(org.storyline.config.SparkConfOptions.PREFIX.length()), e.getValue().asText());
      }
    });
    assertThat(conf).containsEntry("config", "/opt/storyline/job.yaml");
    Path standIn = Files.createTempFile("job", ".yaml");
    try {
      conf.put("config", standIn.toString());
      picocli.CommandLine cl = RunCommand.create();
      cl.parseArgs(dagArguments(dag).subList(1, dagArguments(dag).size()).toArray(String[]::new));
      org.storyline.config.JobConfig config = org.storyline.config.JobConfig.from(
          ((RunCommand) cl.getCommand()).settings(conf));
      assertThat(config.incremental()).as("--incremental").isTrue();
      assertThat(config.inputs()).as("rendered for %s", DAY).containsExactly("/data/news/incoming/" + DAY);
      assertThat(config.output()).isEqualTo("/data/reports/news");
      assertThat(config.operations().logFormat()).isEqualTo(org.storyline.config.OperationsConfig.LogFormat.JSON);
    } finally {
      Files.deleteIfExists(standIn);
    }
  }

  @Test
  void theCronEntryIsAValidCrontabLineAndShellCommand() throws Exception {
    String command = cronCommand();
    Required.tool(available("sh"), "sh not found, the cron command's shell syntax is not checked");
    Run syntax = run(Map.of(), "sh", "-n", "-c", command);
    assertThat(syntax.code()).as("sh -n: %s", syntax.out()).isZero();
    assertThat(cronArguments(command)).as("cron arguments").startsWith("run")
        .contains("--incremental", "/data/news/incoming/" + DAY);
  }

  @Test
  void theCronEntryRunsAValidStorylineCommand() throws Exception {
    assertParses("the cron entry's arguments", cronArguments(cronCommand()));
  }

  /** The DAG as deploy/airflow/check_dag.py loads and describes it. */
  private static JsonNode checkedDag() throws Exception {
    Required.tool(available("python3"), "python3 not found, the Airflow DAG is not checked");
    Run checked = run(Map.of("PYTHONDONTWRITEBYTECODE", "1"),
        "python3", ROOT.resolve("deploy/airflow/check_dag.py").toString(), DAG.toString(), "--ds", DAY);
    assertThat(checked.code()).as("deploy/airflow/check_dag.py: %s", checked.out()).isZero();
    return new ObjectMapper().readTree(checked.out());
  }

  private static List<String> dagArguments(JsonNode dag) {
    List<String> args = new ArrayList<>();
    dag.get("tasks").get(0).get("rendered_application_args").forEach(a -> args.add(a.asText()));
    return args;
  }

  /** A crontab line: five time fields, then the command ({@code %} escaped as {@code \%}). */
  private static final Pattern CRON_LINE = Pattern.compile("^(?:[0-9*/,\\-]+\\s+){5}(.+)$");

  /** The command of the one active entry of the cron example, {@code \%} unescaped. */
  private static String cronCommand() throws IOException {
    List<String> commands = new ArrayList<>();
    for (String line : Files.readAllLines(CRON, StandardCharsets.UTF_8)) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      Matcher m = CRON_LINE.matcher(l);
      assertThat(m.matches()).as("a crontab entry (five time fields and a command): %s", l).isTrue();
      commands.add(m.group(1).replace("\\%", "%"));
    }
    assertThat(commands).as("active cron entries in %s", CRON).hasSize(1);
    return commands.get(0);
  }

  /** The words after bin/storyline up to the redirection, the night's date substituted. */
  private static List<String> cronArguments(String command) {
    Matcher storyline = Pattern.compile("bin/storyline (.+?) >>").matcher(command);
    assertThat(storyline.find()).as("the entry runs bin/storyline: %s", command).isTrue();
    List<String> args = new ArrayList<>();
    for (String word : storyline.group(1).replaceAll("\\$\\(date [^)]*\\)", DAY).split(" ")) {
      args.add(word.replace("\"", ""));
    }
    return args;
  }
}
