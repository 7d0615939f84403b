package org.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.storyline.config.ConfigFile;
import org.storyline.config.ConfigOption;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * README.md against the code (no Spark): every option of {@code storyline run} is in the options section with its
 * default from {@link ConfigOption}, every registered command is in the commands table, the quick start holds the two
 * commands verbatim, and {@code .ci/run} runs the README's test command. Each check is a function returning the
 * problems it finds; {@link #theChecksCatchDrift()} shows on altered copies of the README that each one can fail.
 */
class ReadmeTest {
  private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();

  static final String RUN_COMMAND =
      "bin/storyline run --input data/sample --output out/sample --config conf/sample.yaml";
  static final String TEST_COMMAND = "mvn -B verify";

  static final String QUICK_START = "## Quick start: the two commands";
  static final String COMMANDS = "## Commands";
  static final String OPTIONS = "## Options of `storyline run`";

  private static final Pattern OPTION_ROW = Pattern.compile("^\\|\\s*`(--[a-z0-9-]+)[^`]*`\\s*\\|([^|]*)\\|");
  private static final Pattern COMMAND_ROW = Pattern.compile("^\\|\\s*`(storyline(?: [a-z][a-z0-9-]*)+)`\\s*\\|");
  private static final Pattern CODE_BLOCK = Pattern.compile("(?ms)^```[a-z]*\\n(.*?)^```");

  private static String read(String relative) throws IOException {
    return Files.readString(ROOT.resolve(relative), StandardCharsets.UTF_8);
  }

  /** The text under a {@code ## } heading, up to the next {@code ## } heading (its {@code ###} subsections included). */
  static String section(String markdown, String heading) {
    List<String> lines = markdown.lines().toList();
    int start = lines.indexOf(heading);
    if (start < 0) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.startsWith("## ")) {
        break;
      }
      out.append(line).append('\n');
    }
    return out.toString();
  }

  /** The long options of {@code storyline run} as registered (generated from ConfigOption, plus --config). */
  static Set<String> runOptions() {
    Set<String> names = new TreeSet<>();
    for (OptionSpec option : StorylineCommand.commandLine().getSubcommands().get("run").getCommandSpec().options()) {
      String name = option.longestName();
      if (!name.equals("--help") && !name.equals("--version")) {
        names.add(name);
      }
    }
    return names;
  }

  /** Every leaf command as typed: {@code storyline run}, {@code storyline eval ner}, ... */
  static Set<String> registeredCommands() {
    Set<String> names = new TreeSet<>();
    collect(StorylineCommand.commandLine(), "storyline", names);
    return names;
  }

  private static void collect(CommandLine cl, String prefix, Set<String> names) {
    for (Map.Entry<String, CommandLine> sub : cl.getSubcommands().entrySet()) {
      String name = prefix + " " + sub.getKey();
      if (sub.getValue().getSubcommands().isEmpty()) {
        names.add(name);
      } else {
        collect(sub.getValue(), name, names);
      }
    }
  }

  /** Problems of the options section: an option missing, listed twice, unknown, or with another default. */
  static List<String> optionProblems(String readme, Set<String> registered) {
    List<String> problems = new ArrayList<>();
    Map<String, String> rows = new LinkedHashMap<>();
    for (String line : section(readme, OPTIONS).lines().toList()) {
      Matcher m = OPTION_ROW.matcher(line);
      if (m.find() && rows.put(m.group(1), m.group(2).replace("`", "").strip()) != null) {
        problems.add(m.group(1) + " is listed twice");
      }
    }
    for (String name : registered) {
      if (!rows.containsKey(name)) {
        problems.add(name + " is missing from the options section");
      }
    }
    for (String name : rows.keySet()) {
      if (!registered.contains(name)) {
        problems.add(name + " is in the options section but not an option of storyline run");
      }
    }
    for (ConfigOption option : ConfigOption.values()) {
      String documented = rows.get(option.cliName());
      if (documented == null) {
        continue;
      }
      boolean ok = option.defaultValue().map(documented::equals)
          .orElse(documented.isEmpty() || documented.equals("(required)"));
      if (!ok) {
        problems.add(option.cliName() + " default is '" + documented + "' in the README but '"
            + option.defaultValue().orElse("") + "' in ConfigOption");
      }
    }
    return problems;
  }

  /** Problems of the commands table: a registered command missing, or a row for a command that does not exist. */
  static List<String> commandProblems(String readme, Set<String> registered) {
    List<String> problems = new ArrayList<>();
    Set<String> rows = new TreeSet<>();
    for (String line : section(readme, COMMANDS).lines().toList()) {
      Matcher m = COMMAND_ROW.matcher(line);
      if (m.find()) {
        rows.add(m.group(1));
      }
    }
    for (String command : registered) {
      if (!rows.contains(command)) {
        problems.add("`" + command + "` is missing from the commands table");
      }
    }
    for (String command : rows) {
      if (!registered.contains(command)) {
        problems.add("`" + command + "` is in the commands table but not a command");
      }
    }
    return problems;
  }

  /** The code blocks of the quick start before its first subsection: the two commands. */
  static List<String> quickStartCommands(String readme) {
    String text = section(readme, QUICK_START);
    int sub = text.indexOf("\n### ");
    String head = sub < 0 ? text : text.substring(0, sub);
    List<String> blocks = new ArrayList<>();
    Matcher m = CODE_BLOCK.matcher(head);
    while (m.find()) {
      blocks.add(m.group(1).strip());
    }
    return blocks;
  }

  /**
   * Whether a shell script runs exactly {@code command}: a line that is the command and nothing else (indentation
   * aside). Not in a comment, not echoed, not with more options ({@code -DskipTests}), not behind {@code ||} or
   * {@code &&}.
   */
  static boolean runs(String script, String command) {
    return script.lines().map(String::strip).anyMatch(command::equals);
  }

  @Test
  void everyOptionOfRunIsInTheOptionsSectionWithItsDefault() throws IOException {
    Set<String> registered = runOptions();
    assertThat(registered).as("storyline run's options (sanity: the set the README is checked against)")
        .contains("--config", "--input", "--incremental", "--track", "--emerging-min-count")
        .hasSize(ConfigOption.values().length + 1);
    assertThat(optionProblems(read("README.md"), registered)).as("README options section against the code")
        .isEmpty();
  }

  @Test
  void everyCommandIsInTheCommandsTable() throws IOException {
    Set<String> registered = registeredCommands();
    assertThat(registered).as("registered commands (sanity)")
        .contains("storyline run", "storyline eval ner", "storyline graph", "storyline status");
    assertThat(commandProblems(read("README.md"), registered)).as("README commands table against the code")
        .isEmpty();
  }

  @Test
  void theQuickStartHasTheTwoCommandsVerbatim() throws IOException {
    assertThat(quickStartCommands(read("README.md"))).as("the code blocks of the quick start")
        .containsExactly(RUN_COMMAND, TEST_COMMAND);
    assertThat(ROOT.resolve("data/sample")).as("the quick start's input").isDirectory();
    assertThat(String.valueOf(ConfigFile.load(ROOT.resolve("conf/sample.yaml")).get(ConfigOption.TRACK)))
        .as("conf/sample.yaml declares the tracked topic the README shows").contains("leader_security");
  }

  @Test
  void ciRunsTheReadmeTestCommand() throws IOException {
    List<String> quickStart = quickStartCommands(read("README.md"));
    assertThat(quickStart).as("the quick start has a test command").hasSize(2);
    assertThat(runs(read(".ci/run"), quickStart.get(1))).as(".ci/run runs the README's test command '%s'",
        quickStart.get(1)).isTrue();
  }

  @Test
  void relativeLinksToDocsResolve() throws IOException {
    Matcher m = Pattern.compile("\\]\\(((?:docs/)?[A-Za-z0-9_./-]+\\.md)(?:#[^)]*)?\\)").matcher(read("README.md"));
    List<String> missing = new ArrayList<>();
    int links = 0;
    while (m.find()) {
      links++;
      if (!Files.isRegularFile(ROOT.resolve(m.group(1)))) {
        missing.add(m.group(1));
      }
    }
    assertThat(links).as("README links to the detailed docs").isPositive();
    assertThat(missing).as("README links to files that do not exist").isEmpty();
  }

  /** {@code script} with each line equal to {@code line} replaced; fails when there is none to replace. */
  private static String alterLine(String script, String line, String replacement) {
    assertThat(script.lines()).as("a line to alter: %s", line).contains(line);
    return String.join("\n", script.lines().map(l -> l.equals(line) ? replacement : l).toList()) + "\n";
  }

  /** Each check, given a README that drifted from the code, reports it. */
  @Test
  void theChecksCatchDrift() throws IOException {
    String readme = read("README.md");
    Set<String> options = runOptions();
    Set<String> commands = registeredCommands();

    String noMinSupport = readme.lines().filter(l -> !l.startsWith("| `--min-support "))
        .reduce("", (a, b) -> a + b + "\n");
    assertThat(optionProblems(noMinSupport, options)).as("a row removed")
        .containsExactly("--min-support is missing from the options section");
    assertThat(optionProblems(readme.replace("| `--burst-s S` | `2` |", "| `--burst-s S` | `3` |"), options))
        .as("a default changed").containsExactly("--burst-s default is '3' in the README but '2' in ConfigOption");
    assertThat(optionProblems(readme.replace("| `--topics K` |", "| `--topic-count K` |"), options))
        .as("an option renamed in the README").containsExactlyInAnyOrder(
            "--topics is missing from the options section",
            "--topic-count is in the options section but not an option of storyline run");
    Set<String> withNewOption = new TreeSet<>(options);
    withNewOption.add("--new-option");
    assertThat(optionProblems(readme, withNewOption)).as("an option added to the code only")
        .containsExactly("--new-option is missing from the options section");

    assertThat(commandProblems(readme.replace("| `storyline graph` |", "| `storyline grapher` |"), commands))
        .as("a command row renamed").containsExactlyInAnyOrder(
            "`storyline graph` is missing from the commands table",
            "`storyline grapher` is in the commands table but not a command");
    Set<String> withNewCommand = new TreeSet<>(commands);
    withNewCommand.add("storyline export");
    assertThat(commandProblems(readme, withNewCommand)).as("a command added to the code only")
        .containsExactly("`storyline export` is missing from the commands table");

    assertThat(quickStartCommands(readme.replace(RUN_COMMAND, "bin/storyline run --input data/sample")))
        .as("the quick start's run command changed").doesNotContain(RUN_COMMAND);
    assertThat(runs("#!/usr/bin/env bash\nset -e\nmvn -B verify\n", TEST_COMMAND)).as("a script running it").isTrue();
    assertThat(runs("#!/usr/bin/env bash\n# mvn -B verify\nmvn -B package\n", TEST_COMMAND))
        .as("only in a comment").isFalse();
    assertThat(runs("mvn -B verify -DskipTests\n", TEST_COMMAND)).as("with the tests skipped").isFalse();
    assertThat(runs("mvn -B verifyX\n", TEST_COMMAND)).as("a longer word").isFalse();
    assertThat(runs("echo mvn -B verify\n", TEST_COMMAND)).as("echoed").isFalse();
    assertThat(runs("true || mvn -B verify\n", TEST_COMMAND)).as("behind ||").isFalse();
    assertThat(runs("mvn -B verify -Dtest=ReadmeTest\n", TEST_COMMAND)).as("with more options").isFalse();
    String ci = read(".ci/run");
    assertThat(runs(ci, TEST_COMMAND)).as("the real .ci/run").isTrue();
    assertThat(runs(alterLine(ci, TEST_COMMAND, "# " + TEST_COMMAND), TEST_COMMAND))
        .as(".ci/run with the command commented out").isFalse();
    assertThat(runs(alterLine(ci, TEST_COMMAND, TEST_COMMAND + " -DskipITs"), TEST_COMMAND))
        .as(".ci/run with the integration tests skipped").isFalse();
  }
}
