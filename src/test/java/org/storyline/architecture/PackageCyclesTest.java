package org.storyline.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The stage packages form a directed acyclic graph (docs/ARCHITECTURE.md): no package of {@code src/main} uses,
 * directly or through others, a package that uses it back. Read from the sources: every {@code org.storyline.X}
 * named in a file of package Y (imports and fully qualified names) is an edge Y -> X.
 */
class PackageCyclesTest {
  private static final Path MAIN = Path.of(System.getProperty("basedir", ".")).resolve("src/main/java/org/storyline");
  private static final Pattern USE = Pattern.compile("\\borg\\.storyline\\.([a-z]\\w*)\\.");

  static Map<String, Set<String>> dependencies(Path root) throws IOException {
    Map<String, Set<String>> deps = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String pkg = root.relativize(file).getName(0).toString();
        Set<String> uses = deps.computeIfAbsent(pkg, p -> new TreeSet<>());
        String source = Files.readString(file, StandardCharsets.UTF_8)
            .replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
        Matcher m = USE.matcher(source);
        while (m.find()) {
          if (!m.group(1).equals(pkg)) {
            uses.add(m.group(1));
          }
        }
      }
    }
    return deps;
  }

  /** Each edge A -> B for which B reaches A again, as "A -> B -> ... -> A". */
  static List<String> cycles(Map<String, Set<String>> deps) {
    List<String> found = new ArrayList<>();
    for (Map.Entry<String, Set<String>> from : deps.entrySet()) {
      for (String to : from.getValue()) {
        List<String> back = path(deps, to, from.getKey());
        if (back != null) {
          found.add(from.getKey() + " -> " + String.join(" -> ", back));
        }
      }
    }
    return found;
  }

  private static List<String> path(Map<String, Set<String>> deps, String start, String goal) {
    Map<String, String> parent = new TreeMap<>();
    Deque<String> queue = new ArrayDeque<>(List.of(start));
    parent.put(start, null);
    while (!queue.isEmpty()) {
      String at = queue.poll();
      if (at.equals(goal)) {
        List<String> path = new ArrayList<>();
        for (String p = at; p != null; p = parent.get(p)) {
          path.add(0, p);
        }
        return path;
      }
      for (String next : deps.getOrDefault(at, Set.of())) {
        if (!parent.containsKey(next)) {
          parent.put(next, at);
          queue.add(next);
        }
      }
    }
    return null;
  }

  @Test
  void theMainPackagesHaveNoCycle() throws IOException {
    Map<String, Set<String>> deps = dependencies(MAIN);
    assertThat(deps).as("packages read from %s", MAIN).containsKeys("ingest", "io", "config", "schema", "topics");
    assertThat(cycles(deps)).as("package cycles in src/main (dependencies: %s)", deps).isEmpty();
  }

  @Test
  void aCycleIsFoundAndNamed() {
    Map<String, Set<String>> deps = Map.of("io", Set.of("ingest"), "ingest", Set.of("schema", "io"),
        "schema", Set.of());
    assertThat(cycles(deps)).containsExactlyInAnyOrder("io -> ingest -> io", "ingest -> io -> ingest");
  }
}
