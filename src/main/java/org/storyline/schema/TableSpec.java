package org.storyline.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One report table: its name (the folder under the report), its columns, the columns it is partitioned by (one
 * folder per value) and the columns its rows are sorted by within each file (so that reruns write the same files).
 * Every table of a run is listed once, in {@link Tables}.
 */
public record TableSpec(String name, StructType schema, List<String> partitionBy, List<String> sortBy) {
  public TableSpec {
    partitionBy = List.copyOf(partitionBy);
    sortBy = List.copyOf(sortBy);
    for (String c : concat(partitionBy, sortBy)) {
      if (!List.of(schema.fieldNames()).contains(c)) {
        throw new IllegalArgumentException("table " + name + ": partition or sort column " + c + " is not one of "
            + List.of(schema.fieldNames()));
      }
    }
  }

  /**
   * Throws an {@link IllegalArgumentException} naming this table and the first column that differs when
   * {@code actual} does not have exactly this table's columns with the same types. Column order and nullability are
   * not compared (Parquet stores every column nullable, and partition columns come last when a table is read).
   */
  public void check(StructType actual) {
    List<String> problems = problems(actual);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("table " + name + " does not match its schema: "
          + String.join("; ", problems) + " (expected " + schema.simpleString() + ", got " + actual.simpleString()
          + ")");
    }
  }

  /** What {@link #check} reports: one line per missing, unexpected or differently typed column. */
  public List<String> problems(StructType actual) {
    Map<String, DataType> expected = new LinkedHashMap<>();
    for (StructField f : schema.fields()) {
      expected.put(f.name(), f.dataType());
    }
    Map<String, DataType> got = new LinkedHashMap<>();
    for (StructField f : actual.fields()) {
      got.put(f.name(), f.dataType());
    }
    List<String> problems = new ArrayList<>();
    expected.forEach((column, type) -> {
      DataType t = got.get(column);
      if (t == null) {
        problems.add("column " + column + " is missing");
      } else if (!sameIgnoringNullability(type, t)) {
        problems.add("column " + column + " is " + t.simpleString() + ", expected " + type.simpleString());
      }
    });
    got.keySet().stream().filter(c -> !expected.containsKey(c))
        .forEach(c -> problems.add("column " + c + " is not in the table"));
    return problems;
  }

  static boolean sameIgnoringNullability(DataType a, DataType b) {
    if (a instanceof StructType sa && b instanceof StructType sb) {
      if (sa.fields().length != sb.fields().length) {
        return false;
      }
      for (int i = 0; i < sa.fields().length; i++) {
        if (!sa.fields()[i].name().equals(sb.fields()[i].name())
            || !sameIgnoringNullability(sa.fields()[i].dataType(), sb.fields()[i].dataType())) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof ArrayType aa && b instanceof ArrayType ab) {
      return sameIgnoringNullability(aa.elementType(), ab.elementType());
    }
    if (a instanceof MapType ma && b instanceof MapType mb) {
      return sameIgnoringNullability(ma.keyType(), mb.keyType())
          && sameIgnoringNullability(ma.valueType(), mb.valueType());
    }
    return a.equals(b);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
