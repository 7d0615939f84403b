package org.storyline.io;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createMapType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Every reader turns its files into rows of one shape, so ingestion handles all formats alike: where the record
 * came from, its raw text (kept for the rejects table), its fields by lower-cased name, and a parse error if the
 * record could not be read at all.
 */
public final class RawRecords {
  private RawRecords() {}

  public static final String FIELDS = "fields";
  public static final String PARSE_ERROR = "parse_error";
  public static final String PARSE_DETAIL = "parse_detail";

  // Reasons a record cannot be read.
  public static final String MALFORMED_JSON = "malformed_json";
  public static final String MALFORMED_CSV = "malformed_csv";
  public static final String MALFORMED_SGML = "malformed_sgml";
  public static final String UNREADABLE_FILE = "unreadable_file";
  /** Larger than {@code --max-record-bytes}. */
  public static final String RECORD_TOO_LARGE = "record_too_large";

  /**
   * Characters of a {@code record_too_large} record kept as its raw text: enough to find the record, while a reject
   * row stays small however large the record was.
   */
  public static final int TOO_LARGE_RAW_CHARS = 4096;

  public static final StructType SCHEMA = createStructType(new StructField[] {
      createStructField("input_file", StringType, true),
      createStructField("line_or_row", LongType, true),
      createStructField("raw", StringType, true),
      createStructField(FIELDS, createMapType(StringType, StringType, true), true),
      createStructField(PARSE_ERROR, StringType, true),
      createStructField(PARSE_DETAIL, StringType, true),
  });
}
