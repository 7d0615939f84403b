package org.storyline.io;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.storyline.schema.CanonicalFields;

/**
 * CSV and TSV files through Spark's CSV reader (RFC 4180 quoting, fields with embedded newlines and commas). Files
 * are grouped by header so that files with different columns are each read with their own names. A file whose first
 * row names no known column but holds a date is taken as headerless: the date column is {@code published} and the
 * longest other column {@code text}. Rows Spark cannot split into the header's columns are {@code malformed_csv}.
 */
public final class CsvInput {
  private CsvInput() {}

  private static final String CORRUPT = "_corrupt_record";

  /** How one group of files is read. */
  record Layout(char separator, boolean hasHeader, List<String> names) {}

  public static Dataset<Row> read(SparkSession spark, List<InputFile> files, Configuration conf) {
    Map<Layout, List<String>> groups = new LinkedHashMap<>();
    List<Row> unreadable = new ArrayList<>();
    for (InputFile file : files) {
      try {
        groups.computeIfAbsent(layout(file.path(), conf), k -> new ArrayList<>()).add(file.path());
      } catch (IOException e) {
        unreadable.add(FileRecordReader.error(file.path(), 0, null, RawRecords.UNREADABLE_FILE, e.toString()));
      }
    }
    Dataset<Row> all = spark.createDataFrame(unreadable, RawRecords.SCHEMA);
    for (Map.Entry<Layout, List<String>> group : groups.entrySet()) {
      all = all.unionByName(readGroup(spark, group.getKey(), group.getValue()));
    }
    return all;
  }

  private static Dataset<Row> readGroup(SparkSession spark, Layout layout, List<String> paths) {
    List<StructField> fields = new ArrayList<>();
    for (int i = 0; i < layout.names().size(); i++) {
      fields.add(DataTypes.createStructField("_c" + i, DataTypes.StringType, true));
    }
    fields.add(DataTypes.createStructField(CORRUPT, DataTypes.StringType, true));
    StructType schema = DataTypes.createStructType(fields);

    Dataset<Row> rows = spark.read()
        .schema(schema)
        .option("header", layout.hasHeader())
        .option("sep", String.valueOf(layout.separator()))
        .option("multiLine", true)
        .option("quote", "\"")
        .option("escape", "\"")
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", CORRUPT)
        .option("enforceSchema", true)
        .option("encoding", "UTF-8")
        .csv(paths.toArray(String[]::new));

    Column[] names = layout.names().stream().map(n -> lit(n)).toArray(Column[]::new);
    Column[] values = new Column[layout.names().size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = col("_c" + i);
    }
    Column map = map_filter(map_from_arrays(array(names), array(values)), (k, v) -> v.isNotNull());
    Column corrupt = col(CORRUPT);
    return rows
        .select(col("_metadata.file_path").as("input_file"), map.as(RawRecords.FIELDS), corrupt,
            monotonically_increasing_id().as("_order"))
        .select(
            col("input_file"),
            row_number().over(Window.partitionBy("input_file").orderBy("_order")).cast("long").as("line_or_row"),
            when(corrupt.isNotNull(), corrupt).otherwise(to_json(col(RawRecords.FIELDS))).as("raw"),
            when(corrupt.isNull(), col(RawRecords.FIELDS)).as(RawRecords.FIELDS),
            when(corrupt.isNotNull(), lit(RawRecords.MALFORMED_CSV)).as(RawRecords.PARSE_ERROR),
            when(corrupt.isNotNull(), lit("row does not have the header's columns")).as(RawRecords.PARSE_DETAIL));
  }

  static Layout layout(String path, Configuration conf) throws IOException {
    String first;
    try (BufferedReader reader = FileRecordReader.open(path, conf, StandardCharsets.UTF_8).reader()) {
      first = reader.readLine();
    }
    if (first == null) {
      first = "";
    }
    boolean tsv = InputResolver.stripCompression(path.toLowerCase(Locale.ROOT)).endsWith(".tsv");
    char separator = tsv ? '\t' : sniffSeparator(first);
    List<String> cells = splitLine(first, separator);
    boolean hasHeader = cells.stream().anyMatch(c -> CanonicalFields.ALL.contains(normalise(c)))
        || cells.stream().noneMatch(c -> DateParsing.parse(c) != null);
    List<String> names = new ArrayList<>();
    if (hasHeader) {
      for (String cell : cells) {
        String name = normalise(cell);
        String unique = name.isEmpty() ? "_c" + names.size() : name;
        while (names.contains(unique)) {
          unique = unique + "_" + names.size();
        }
        names.add(unique);
      }
    } else {
      int dateColumn = -1;
      int longest = -1;
      for (int i = 0; i < cells.size(); i++) {
        if (dateColumn < 0 && DateParsing.parse(cells.get(i)) != null) {
          dateColumn = i;
        } else if (longest < 0 || cells.get(i).length() > cells.get(longest).length()) {
          longest = i;
        }
      }
      for (int i = 0; i < cells.size(); i++) {
        names.add(i == dateColumn ? "published" : i == longest ? "text" : "_c" + i);
      }
    }
    return new Layout(separator, hasHeader, List.copyOf(names));
  }

  private static String normalise(String headerCell) {
    return headerCell.strip().toLowerCase(Locale.ROOT);
  }

  /** Comma unless the header has semicolons (or tabs) and no commas: common in European exports. */
  private static char sniffSeparator(String header) {
    if (header.indexOf(',') >= 0) {
      return ',';
    }
    if (header.indexOf(';') >= 0) {
      return ';';
    }
    return header.indexOf('\t') >= 0 ? '\t' : ',';
  }

  /** Splits one CSV line, honouring double quotes; enough for a header row (or a small alias file). */
  public static List<String> splitLine(String line, char separator) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == separator) {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }
}
