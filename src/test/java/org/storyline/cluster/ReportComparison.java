package org.storyline.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Compares two report folders table by table, row by row, without knowing which tables exist: every Parquet table
 * found under either folder is compared, so tables added later by new stages are covered without changing the test.
 * Rows are compared as a multiset (order ignored, duplicates counted); map entries in key order; doubles and floats
 * within a relative tolerance, because two runs that partition the data differently may sum doubles in a different
 * order and so differ in the last bits. Everything else must be equal exactly.
 */
final class ReportComparison {
  private ReportComparison() {}

  /**
   * Columns that may legitimately differ between two runs over the same input, by table. None today: both runs read
   * the same absolute input paths (so {@code input_file} agrees), and run ids and times live in manifest.json, not
   * in the tables. A stage that adds such a column (a run id, a wall time) lists it here with the reason.
   */
  static final Map<String, Set<String>> RUN_SPECIFIC_COLUMNS = Map.of();

  /** Relative tolerance for DOUBLE and FLOAT values, and the absolute one for values near zero. */
  static final double RELATIVE_TOLERANCE = 1e-9;
  static final double ABSOLUTE_TOLERANCE = 1e-12;

  /**
   * The Parquet tables of a report folder's current run, by name: every folder holding {@code *.parquet} files
   * directly or below {@code key=value} partition folders, under {@code runs/$(cat CURRENT)} (earlier runs that
   * {@code --keep-runs} keeps are not the report), or under the whole folder when it has no {@code CURRENT}.
   * Symbolic links are not followed (the report's stable paths point into the run folder, which is walked itself),
   * folders starting with '_' or '.' (staging, temporary) are skipped, and the run id in a path is replaced by
   * {@code <run>} so that two runs' tables get the same names.
   */
  static SortedMap<String, Path> tables(Path reportDir) {
    String runId = currentRun(reportDir);
    SortedMap<String, Path> tables = new TreeMap<>();
    Path walked = runId == null ? reportDir : reportDir.resolve("runs").resolve(runId);
    try (Stream<Path> files = Files.walk(walked)) {
      files.filter(f -> f.getFileName().toString().endsWith(".parquet")
              && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
          .filter(f -> !hidden(reportDir.relativize(f)))
          .forEach(f -> {
            Path table = f.getParent();
            while (!table.equals(reportDir) && table.getFileName().toString().contains("=")) {
              table = table.getParent();
            }
            String name = reportDir.relativize(table).toString().replace('\\', '/');
            if (runId != null) {
              name = name.replace("runs/" + runId + "/", "").replace(runId, "<run>");
            }
            tables.put(name, table);
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tables;
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      String s = part.toString();
      if (s.startsWith("_") || s.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static String currentRun(Path reportDir) {
    Path current = reportDir.resolve("CURRENT");
    try {
      return Files.isRegularFile(current) ? Files.readString(current).strip() : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The differences between two versions of one table, at most {@code maxShown} of them spelled out (plus a count);
   * empty when the tables are equal. Collects both tables: for the small corpora of tests only.
   */
  static List<String> differences(String table, String leftName, Dataset<Row> left, String rightName,
      Dataset<Row> right, int maxShown) {
    Set<String> ignored = RUN_SPECIFIC_COLUMNS.getOrDefault(table, Set.of());
    Dataset<Row> l = drop(left, ignored);
    Dataset<Row> r = drop(right, ignored);
    String leftSchema = describe(l.schema());
    String rightSchema = describe(r.schema());
    if (!leftSchema.equals(rightSchema)) {
      return List.of(table + ": schemas differ: " + leftName + " " + leftSchema + " vs " + rightName + " "
          + rightSchema);
    }
    SortedMap<String, List<List<Object>>> leftRows = byKey(l);
    SortedMap<String, List<List<Object>>> rightRows = byKey(r);
    List<String> found = new ArrayList<>();
    int differing = 0;
    Set<String> keys = new TreeSet<>(leftRows.keySet());
    keys.addAll(rightRows.keySet());
    for (String key : keys) {
      List<List<Object>> a = leftRows.getOrDefault(key, List.of());
      List<List<Object>> b = rightRows.getOrDefault(key, List.of());
      int common = Math.min(a.size(), b.size());
      for (int i = 0; i < common; i++) {
        if (!approxEquals(a.get(i), b.get(i))) {
          differing++;
          add(found, maxShown, table + ": row differs: " + leftName + " " + render(a.get(i), true) + " vs "
              + rightName + " " + render(b.get(i), true));
        }
      }
      for (int i = common; i < a.size(); i++) {
        differing++;
        add(found, maxShown, table + ": row only in " + leftName + ": " + render(a.get(i), true));
      }
      for (int i = common; i < b.size(); i++) {
        differing++;
        add(found, maxShown, table + ": row only in " + rightName + ": " + render(b.get(i), true));
      }
    }
    if (differing > found.size()) {
      found.add(table + ": ... " + (differing - found.size()) + " more differing rows");
    }
    return found;
  }

  private static void add(List<String> found, int maxShown, String message) {
    if (found.size() < maxShown) {
      found.add(message);
    }
  }

  private static Dataset<Row> drop(Dataset<Row> ds, Set<String> columns) {
    return columns.isEmpty() ? ds : ds.drop(columns.toArray(String[]::new));
  }

  /** Column names and types in order; nullability is left out (Parquet readers may relax it). */
  static String describe(StructType schema) {
    return Stream.of(schema.fields()).map(ReportComparison::describe).collect(Collectors.joining(", ", "<", ">"));
  }

  private static String describe(StructField f) {
    return f.name() + ":" + f.dataType().catalogString();
  }

  /** Rows grouped by their rendering without floating-point values, each group sorted by its full rendering. */
  private static SortedMap<String, List<List<Object>>> byKey(Dataset<Row> ds) {
    SortedMap<String, List<List<Object>>> groups = new TreeMap<>();
    for (Row row : ds.collectAsList()) {
      @SuppressWarnings("unchecked")
      List<Object> values = (List<Object>) canonical(row);
      groups.computeIfAbsent(render(values, false), k -> new ArrayList<>()).add(values);
    }
    for (List<List<Object>> group : groups.values()) {
      group.sort((x, y) -> render(x, true).compareTo(render(y, true)));
    }
    return groups;
  }

  /**
   * A comparable Java value for a Spark one: structs and arrays become lists, maps become maps sorted by key,
   * floats become doubles, binary becomes hex, timestamps and dates their java.time values.
   */
  static Object canonical(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Row row) {
      List<Object> out = new ArrayList<>(row.size());
      for (int i = 0; i < row.size(); i++) {
        out.add(canonical(row.get(i)));
      }
      return out;
    }
    if (v instanceof scala.collection.Map<?, ?> map) {
      SortedMap<String, Object> out = new TreeMap<>();
      for (Map.Entry<?, ?> e : CollectionConverters.asJava(map).entrySet()) {
        out.put(render(canonical(e.getKey()), true), canonical(e.getValue()));
      }
      return out;
    }
    if (v instanceof scala.collection.Iterable<?> seq) {
      List<Object> out = new ArrayList<>();
      for (Object o : CollectionConverters.asJava(seq)) {
        out.add(canonical(o));
      }
      return out;
    }
    if (v instanceof byte[] bytes) {
      return HexFormat.of().formatHex(bytes);
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    if (v instanceof java.sql.Timestamp t) {
      return t.toInstant();
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    return v;
  }

  /** A one-line rendering; floating-point values as "~" when {@code withDoubles} is false. */
  static String render(Object v, boolean withDoubles) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String s) {
      return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
    if (v instanceof Double d) {
      return withDoubles ? d.toString() : "~";
    }
    if (v instanceof List<?> list) {
      return list.stream().map(o -> render(o, withDoubles)).collect(Collectors.joining(", ", "[", "]"));
    }
    if (v instanceof Map<?, ?> map) {
      return map.entrySet().stream().map(e -> e.getKey() + "=" + render(e.getValue(), withDoubles))
          .collect(Collectors.joining(", ", "{", "}"));
    }
    return v.toString();
  }

  /** Equality of canonical values, doubles within the tolerances. */
  static boolean approxEquals(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof Double x && b instanceof Double y) {
      if (x.equals(y)) {
        return true;
      }
      double diff = Math.abs(x - y);
      return diff <= ABSOLUTE_TOLERANCE || diff <= RELATIVE_TOLERANCE * Math.max(Math.abs(x), Math.abs(y));
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!approxEquals(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (!x.keySet().equals(y.keySet())) {
        return false;
      }
      for (Map.Entry<?, ?> e : x.entrySet()) {
        if (!approxEquals(e.getValue(), y.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }
}
