package org.storyline.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The jar that spark-submit gets ({@code target/storyline-VERSION-spark.jar}, built by {@code package} before the
 * integration tests): what it holds, and the local launcher running from it.
 */
class ShadedJarIT {
  private static final Path JAR = ItTools.ROOT.resolve("target/storyline-" + version() + "-spark.jar");

  private static String version() {
    try {
      String pom = Files.readString(ItTools.ROOT.resolve("pom.xml"));
      java.util.regex.Matcher m = java.util.regex.Pattern.compile(
          "<artifactId>storyline</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
      return m.find() ? m.group(1) : "0.1.0";
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void holdsStorylineAndItsLibrariesButNotTheClustersOwn() throws IOException {
    assertThat(JAR).as("the shaded jar").isRegularFile();
    List<String> entries;
    try (JarFile jar = new JarFile(JAR.toFile())) {
      entries = Collections.list(jar.entries()).stream().map(ZipEntry::getName).toList();
    }
    // Delta Lake (bundled for --table-format delta) puts its own classes in Spark's packages (its namespace
    // org/apache/spark/sql/delta/, and a few in catalyst): those, and only those, may be under org/apache/spark/.
    Set<String> delta;
    try (JarFile deltaJar = new JarFile(Path.of(io.delta.tables.DeltaTable.class.getProtectionDomain()
        .getCodeSource().getLocation().getPath()).toFile())) {
      delta = Collections.list(deltaJar.entries()).stream().map(ZipEntry::getName).collect(Collectors.toSet());
    }
    for (String provided : List.of("org/apache/spark/", "scala/", "org/apache/hadoop/", "org/slf4j/",
        "org/apache/logging/log4j/", "com/fasterxml/jackson/core/")) {
      assertThat(entries.stream().filter(e -> e.startsWith(provided) && e.endsWith(".class") && !delta.contains(e)
          && !e.startsWith("org/apache/spark/sql/delta/")).toList()).as("classes under %s (the cluster provides them)", provided).isEmpty();
    }
    assertThat(entries).as("Delta Lake's classes").contains("io/delta/tables/DeltaTable.class",
        "org/apache/spark/sql/delta/catalog/DeltaCatalog.class");
    assertThat(entries).as("our entry point").contains("org/storyline/cli/StorylineCommand.class");
    assertThat(entries).as("jsoup and picocli relocated")
        .contains("org/storyline/shaded/jsoup/Jsoup.class", "org/storyline/shaded/picocli/CommandLine.class")
        .noneMatch(e -> e.startsWith("org/jsoup/") || e.startsWith("picocli/"));
    assertThat(entries).as("the default NER model ships in the jar")
        .contains("edu/stanford/nlp/models/ner/english.conll.4class.distsim.crf.ser.gz");
    assertThat(entries).as("CoreNLP's classes").contains("edu/stanford/nlp/ie/crf/CRFClassifier.class");
  }

  @Test
  void launcherPrintsTheVersionAndRunsATinyInput() throws IOException {
    Path launcher = ItTools.ROOT.resolve("bin/storyline");
    Map<String, String> env = Map.of("STORYLINE_MEMORY", "1g", "STORYLINE_MASTER", "local[1]");
    ItTools.Result version = ItTools.run(List.of(launcher.toString(), "--version"), ItTools.ROOT, env,
        Duration.ofMinutes(2));
    assertThat(version.exitCode()).as("--version exit code; stderr: %s", version.stderr()).isZero();
    assertThat(version.stdout().strip()).as("--version").isEqualTo("storyline " + version());

    Path dir = ItTools.WORK.resolve("jar-run");
    Files.createDirectories(dir);
    Path input = dir.resolve("in.jsonl");
    Files.writeString(input, String.join("\n",
        "{\"id\":\"a1\",\"title\":\"Putin meets Kim\",\"text\":\"Vladimir Putin met Kim Jong-un in Beijing on "
            + "Wednesday. Xi Jinping hosted the parade.\",\"published\":\"2025-09-03T08:00:00Z\",\"source\":\"wire\"}",
        "{\"id\":\"a2\",\"title\":\"Security\",\"text\":\"Kim Jong-un's aides wiped his chair after the talks with "
            + "Vladimir Putin.\",\"published\":\"2025-09-04T08:00:00Z\",\"source\":\"paper\"}",
        "not json at all", ""));
    Path output = dir.resolve("out");
    ItTools.Result run = ItTools.run(List.of(launcher.toString(), "run", "--input", input.toString(), "--output",
        output.toString()), ItTools.ROOT, env, Duration.ofMinutes(10));
    assertThat(run.exitCode()).as("run exit code; stderr: %s", ItTools.tail(run.stderr())).isZero();
    assertThat(run.stdout()).as("the summary line").contains("published to " + output + ": 2 articles, 1 rejected");
    assertThat(output.resolve("manifest.json")).as("the manifest of the published run").isRegularFile();
  }
}
