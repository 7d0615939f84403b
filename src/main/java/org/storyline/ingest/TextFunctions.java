package org.storyline.ingest;

import java.time.Instant;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.storyline.io.DateParsing;

/**
 * The ingestion steps Spark has no built-in for, as named UDFs over the pure functions they wrap (which carry the
 * unit and property tests): HTML-aware text cleaning, lenient date parsing, and language identification.
 */
public final class TextFunctions {
  private TextFunctions() {}

  /** {@link TextCleaner#clean}: tags, entities, NFKC, whitespace; paragraphs kept. */
  public static final UserDefinedFunction CLEAN_TEXT =
      functions.udf((UDF1<String, String>) TextCleaner::clean, DataTypes.StringType).withName("clean_text");

  /** {@link TextCleaner#cleanLine}: the same, on one line (titles, sources). */
  public static final UserDefinedFunction CLEAN_LINE =
      functions.udf((UDF1<String, String>) TextCleaner::cleanLine, DataTypes.StringType).withName("clean_line");

  /**
   * {@link TextCleaner#isBlank} as a built-in expression: whether {@code text} is nothing but
   * {@link TextCleaner#BLANK_CHARS} (null for null). The same regular expression, so the same rule.
   */
  public static Column isBlank(Column text) {
    return text.rlike("^" + TextCleaner.BLANK_CHARS + "*\\z");
  }

  /**
   * {@link DateParsing#parse}: the instant a date string denotes, or null. Returned as an {@link Instant}, which
   * Spark converts on the proleptic Gregorian calendar it computes in; a {@code java.sql.Timestamp} would go through
   * the hybrid Julian calendar and move dates before 1582-10-15 by days.
   */
  public static final UserDefinedFunction PARSE_DATE = functions.udf(
      (UDF1<String, Instant>) DateParsing::parse, DataTypes.TimestampType).withName("parse_date");

  /**
   * {@link MinHash#signature} of {@link Shingles#hashes}: text, shingle size and signature size to the signature
   * of the text's shingles (null when the text has too few words), in one call: the shingles never become a Spark
   * array.
   */
  public static final UserDefinedFunction TEXT_SIGNATURE = functions.udf(
      (UDF3<String, Integer, Integer, long[]>) (text, n, size) -> MinHash.signature(Shingles.hashes(text, n), size),
      DataTypes.createArrayType(DataTypes.LongType, false)).withName("text_signature");

  /** {@link Shingles#jaccard}: two texts and the shingle size to the Jaccard similarity of their shingle sets. */
  public static final UserDefinedFunction SHINGLE_JACCARD = functions.udf(
      (UDF3<String, String, Integer, Double>) (a, b, n) -> Shingles.jaccard(Shingles.hashes(a, n),
          Shingles.hashes(b, n)), DataTypes.DoubleType).withName("shingle_jaccard");

  /** {@link LanguageDetection#detect}: ISO 639-1 code or "und". */
  public static final UserDefinedFunction DETECT_LANGUAGE =
      functions.udf((UDF1<String, String>) LanguageDetection::detect, DataTypes.StringType).withName("detect_language");
}
