package org.storyline.schema;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The schema of each table at a stage boundary, and the check each stage makes on its input. */
public final class Schemas {
  private Schemas() {}

  /** The canonical articles table (published_date is its partition column). */
  public static final StructType ARTICLES = createStructType(new StructField[] {
      createStructField(Col.DOC_ID, StringType, false),
      createStructField(Col.TITLE, StringType, true),
      createStructField(Col.TEXT, StringType, false),
      createStructField(Col.PUBLISHED, TimestampType, false),
      createStructField(Col.SOURCE, StringType, true),
      createStructField(Col.URL, StringType, true),
      createStructField(Col.LANG, StringType, true),
      createStructField(Col.TEXT_CHARS, IntegerType, false),
      createStructField(Col.CONTENT_HASH, StringType, false),
      createStructField(Col.DUPLICATE_OF, StringType, true),
      createStructField(Col.INPUT_FILE, StringType, true),
      createStructField(Col.PUBLISHED_DATE, DateType, false),
  });

  public static final StructType REJECTS = createStructType(new StructField[] {
      createStructField(Col.INPUT_FILE, StringType, true),
      createStructField(Col.LINE_OR_ROW, LongType, true),
      createStructField(Col.RAW, StringType, true),
      createStructField(Col.REASON, StringType, false),
      createStructField(Col.DETAIL, StringType, true),
  });

  /** Throws if {@code data} lacks any of the {@code required} columns; names the stage and the missing ones. */
  public static void requireColumns(String stage, Dataset<Row> data, String... required) {
    Set<String> present = Arrays.stream(data.columns()).collect(Collectors.toSet());
    List<String> missing = Arrays.stream(required).filter(c -> !present.contains(c)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(String.format(
          "%s needs columns %s, missing %s (has %s)", stage, Arrays.toString(required), missing, present));
    }
  }
}
