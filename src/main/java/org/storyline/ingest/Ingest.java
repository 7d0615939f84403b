package org.storyline.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map_values;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.trim;

import java.time.LocalDate;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.storyline.config.JobConfig;
import org.storyline.io.RawRecords;
import org.storyline.schema.Col;
import org.storyline.schema.Schemas;

/**
 * The ingestion stage: raw records of any format in, the canonical {@code articles} table and the {@code rejects}
 * table out. Nothing is dropped: every raw record ends up in exactly one of {@code articles}, {@code rejects}, or
 * the out-of-range count (outside {@code --from}/{@code --to}).
 *
 * <p>Flow: {@link #classify} (map fields, clean, parse dates, give ids, decide a reject reason) then
 * {@link #rejects} and {@link #articles} (language, duplicates) from the same classified rows.
 */
public final class Ingest {
  private Ingest() {}

  // Reject reasons (beyond the parse errors of RawRecords).
  public static final String EMPTY_RECORD = "empty_record";
  public static final String MISSING_TEXT = "missing_text";
  public static final String EMPTY_TEXT = "empty_text";
  public static final String MISSING_DATE = "missing_date";
  public static final String UNPARSEABLE_DATE = "unparseable_date";
  /** A real date outside {@code --min-date}/{@code --max-date}: a placeholder (0001-01-01) or a typo (9999). */
  public static final String IMPLAUSIBLE_DATE = "implausible_date";
  public static final String DUPLICATE_DOC_ID = "duplicate_doc_id";

  /** A language code a record may carry: ISO 639-1, or "und" (undetermined, as a previous run wrote it). */
  private static final String LANG_CODE = "^([a-z]{2}|und)$";

  /** Internal column of classified rows: whether the article is inside --from/--to. */
  public static final String IN_RANGE = "in_range";
  /**
   * Internal column of classified rows: a good record a nightly run has published before, from the same file (set by
   * {@link #againstEarlier}; false after {@link #classify}).
   */
  public static final String SEEN = "_seen";

  /**
   * Raw records ({@link RawRecords#SCHEMA}) to classified rows: the canonical columns, {@code reason} (null for a
   * good record), {@link #IN_RANGE} and {@link #SEEN} (false). Persist the result: {@link #rejects},
   * {@link #articles} and the counts all read it.
   */
  public static Dataset<Row> classify(Dataset<Row> raw, JobConfig config) {
    Schemas.requireColumns("ingest", raw, Col.INPUT_FILE, Col.LINE_OR_ROW, Col.RAW, RawRecords.FIELDS,
        RawRecords.PARSE_ERROR, RawRecords.PARSE_DETAIL);
    Column[] canonical = FieldMapping.canonicalColumns(config.fieldOverrides());
    Dataset<Row> mapped = raw.select(
        col(Col.INPUT_FILE), col(Col.LINE_OR_ROW), col(Col.RAW), col(RawRecords.FIELDS),
        col(RawRecords.PARSE_ERROR), col(RawRecords.PARSE_DETAIL),
        canonical[0], canonical[1], canonical[2], canonical[3], canonical[4], canonical[5], canonical[6]);

    Dataset<Row> cleaned = mapped.select(
        col(Col.INPUT_FILE), col(Col.LINE_OR_ROW), col(Col.RAW), col(RawRecords.FIELDS),
        col(RawRecords.PARSE_ERROR), col(RawRecords.PARSE_DETAIL), col(FieldMapping.ID_IN),
        col(FieldMapping.PUBLISHED_IN), col(FieldMapping.TEXT_IN),
        TextFunctions.CLEAN_LINE.apply(col(FieldMapping.TITLE_IN)).as(Col.TITLE),
        TextFunctions.CLEAN_TEXT.apply(col(FieldMapping.TEXT_IN)).as("_clean_text"),
        TextFunctions.PARSE_DATE.apply(col(FieldMapping.PUBLISHED_IN)).as(Col.PUBLISHED),
        TextFunctions.CLEAN_LINE.apply(col(FieldMapping.SOURCE_IN)).as(Col.SOURCE),
        trim(col(FieldMapping.URL_IN)).as(Col.URL),
        lower(trim(col(FieldMapping.LANG_IN))).as(FieldMapping.LANG_IN));

    // Headline-only corpora have no body: the title is the text. A body or title blank after cleaning is null
    // (TextCleaner.isBlank, whatever the kind of whitespace), so it counts as missing here and below.
    Column text = coalesce(col("_clean_text"), col(Col.TITLE));
    Column emptyRecord = col(RawRecords.FIELDS).isNull().or(size(col(RawRecords.FIELDS)).equalTo(0))
        .or(not(exists(map_values(col(RawRecords.FIELDS)), v -> not(v.isNull().or(TextFunctions.isBlank(v))))));
    LocalDate minDate = config.ingest().minDate();
    LocalDate maxDate = config.ingest().maxDate();
    Column day = to_date(col(Col.PUBLISHED));
    Column reason = when(col(RawRecords.PARSE_ERROR).isNotNull(), col(RawRecords.PARSE_ERROR))
        .when(emptyRecord, lit(EMPTY_RECORD))
        .when(col("_clean_text").isNull().and(col(Col.TITLE).isNull()), lit(MISSING_TEXT))
        .when(length(text).lt(config.ingest().minTextChars()), lit(EMPTY_TEXT))
        .when(col(FieldMapping.PUBLISHED_IN).isNull(), lit(MISSING_DATE))
        .when(col(Col.PUBLISHED).isNull(), lit(UNPARSEABLE_DATE))
        .when(day.lt(lit(minDate)).or(day.gt(lit(maxDate))), lit(IMPLAUSIBLE_DATE));
    // The detail follows the reason chosen, so a record with two faults explains the one it is rejected for.
    Column detail = when(col(RawRecords.PARSE_ERROR).isNotNull(), col(RawRecords.PARSE_DETAIL))
        .when(reason.equalTo(EMPTY_TEXT),
            concat(lit("text chars: "), coalesce(length(text), lit(0)).cast("string")))
        .when(reason.equalTo(UNPARSEABLE_DATE), concat(lit("date: "), col(FieldMapping.PUBLISHED_IN)))
        .when(reason.equalTo(IMPLAUSIBLE_DATE), concat(lit("date: "), col(FieldMapping.PUBLISHED_IN),
            lit(" (plausible: " + minDate + " to " + maxDate + ", --min-date/--max-date)")));

    Dataset<Row> withReason = cleaned.select(
        col(Col.INPUT_FILE), col(Col.LINE_OR_ROW), col(Col.RAW),
        docId().as(Col.DOC_ID), col(Col.TITLE), text.as(Col.TEXT), col(Col.PUBLISHED), col(Col.SOURCE),
        col(Col.URL), col(FieldMapping.LANG_IN), reason.as(Col.REASON), detail.as(Col.DETAIL));

    // The same id twice: the first record (by file and line) keeps it, later ones are rejected.
    Column firstWithId = row_number().over(
        Window.partitionBy(col(Col.DOC_ID), col(Col.REASON).isNull())
            .orderBy(col(Col.INPUT_FILE), col(Col.LINE_OR_ROW)));
    Column finalReason = when(col(Col.REASON).isNotNull(), col(Col.REASON))
        .when(firstWithId.gt(1), lit(DUPLICATE_DOC_ID));
    Column finalDetail = when(col(Col.REASON).isNotNull(), col(Col.DETAIL))
        .when(firstWithId.gt(1), duplicateIdDetail());
    return withReason
        .withColumn("_reason", finalReason)
        .withColumn(Col.DETAIL, finalDetail)
        .drop(Col.REASON)
        .withColumnRenamed("_reason", Col.REASON)
        .withColumn(IN_RANGE, inRange(config.from(), config.to()))
        .withColumn(SEEN, lit(false));
  }

  /** The detail of a {@code duplicate_doc_id} reject, the same in a batch and a nightly run. */
  private static Column duplicateIdDetail() {
    return concat(lit("doc_id: "), col(Col.DOC_ID));
  }

  /**
   * A nightly run's classified rows checked against the published articles ({@code doc_id, input_file}), in one
   * join: a good record whose doc_id an earlier article has, read from another file, is rejected as
   * {@code duplicate_doc_id} with the same detail a batch run over both files gives it (the first record keeps the
   * id: in a batch run, the first by file name and line; nightly, the one published first); read again from the
   * same file (a night run twice), it stays a good record marked {@link #SEEN}, which {@link #newRecords} leaves out.
   */
  public static Dataset<Row> againstEarlier(Dataset<Row> classified, Dataset<Row> earlier) {
    Dataset<Row> known = earlier.select(col(Col.DOC_ID).as("_known_id"), col(Col.INPUT_FILE).as("_known_file"));
    Dataset<Row> joined = classified.join(known,
        col(Col.REASON).isNull().and(col(Col.DOC_ID).equalTo(col("_known_id"))), "left");
    Column sameFile = col(Col.INPUT_FILE).eqNullSafe(col("_known_file"));
    Column resent = col("_known_id").isNotNull().and(not(sameFile));
    return joined
        .withColumn(Col.DETAIL, when(resent, duplicateIdDetail()).otherwise(col(Col.DETAIL)))
        .withColumn(Col.REASON, when(resent, lit(DUPLICATE_DOC_ID)).otherwise(col(Col.REASON)))
        .withColumn(SEEN, col("_known_id").isNotNull().and(sameFile))
        .drop("_known_id", "_known_file");
  }

  /** The rejects table: {@code input_file, line_or_row, raw, reason, detail}. */
  public static Dataset<Row> rejects(Dataset<Row> classified) {
    return classified.filter(col(Col.REASON).isNotNull())
        .select(col(Col.INPUT_FILE), col(Col.LINE_OR_ROW), col(Col.RAW), col(Col.REASON), col(Col.DETAIL));
  }

  /**
   * Good, in-range records that are new: in a nightly run, those {@link #againstEarlier} did not mark {@link #SEEN}.
   * Columns of the articles table but {@code duplicate_of} and {@code published_date}; {@code lang} only where the
   * record gave one.
   */
  public static Dataset<Row> newRecords(Dataset<Row> classified) {
    return classified.filter(col(Col.REASON).isNull().and(col(IN_RANGE)).and(not(col(SEEN))))
        .select(
            col(Col.DOC_ID), col(Col.TITLE), col(Col.TEXT), col(Col.PUBLISHED), col(Col.SOURCE), col(Col.URL),
            when(col(FieldMapping.LANG_IN).rlike(LANG_CODE), col(FieldMapping.LANG_IN)).as(Col.LANG),
            length(col(Col.TEXT)).as(Col.TEXT_CHARS),
            sha2(lower(regexp_replace(col(Col.TEXT), "\\s+", " ")), 256).as(Col.CONTENT_HASH),
            col(Col.INPUT_FILE));
  }

  /**
   * The articles table ({@link Schemas#ARTICLES}) plus {@link Deduplication#DUPLICATE_KIND}: the new records and
   * the previous articles together, duplicates marked over all of them (a late article can become the original of
   * an earlier one, exactly as in one batch run), language detected where unknown.
   */
  public static Dataset<Row> articles(Dataset<Row> newRecords, Optional<Dataset<Row>> previous, JobConfig config) {
    return Deduplication.mark(withLanguage(union(newRecords, previous)), config.ingest());
  }

  /** New records and, when there are some, the previous articles, in the columns {@link #withLanguage} needs. */
  static Dataset<Row> union(Dataset<Row> newRecords, Optional<Dataset<Row>> previous) {
    Column[] columns = {col(Col.DOC_ID), col(Col.TITLE), col(Col.TEXT), col(Col.PUBLISHED), col(Col.SOURCE),
        col(Col.URL), col(Col.LANG), col(Col.TEXT_CHARS), col(Col.CONTENT_HASH), col(Col.INPUT_FILE)};
    Dataset<Row> all = newRecords.select(columns);
    return previous.map(p -> all.unionByName(p.select(columns))).orElse(all);
  }

  /**
   * Records ({@link #newRecords}, or earlier articles) in the columns of the articles table, {@code duplicate_of}
   * still null: the language detected where the record gave none (the costly part of ingestion; a column nothing
   * reads is pruned, so deduplication's narrow passes do not run the detector), the publication day.
   */
  static Dataset<Row> withLanguage(Dataset<Row> records) {
    return records.select(
        col(Col.DOC_ID), col(Col.TITLE), col(Col.TEXT), col(Col.PUBLISHED), col(Col.SOURCE), col(Col.URL),
        coalesce(col(Col.LANG), TextFunctions.DETECT_LANGUAGE.apply(col(Col.TEXT))).as(Col.LANG),
        col(Col.TEXT_CHARS), col(Col.CONTENT_HASH), lit(null).cast("string").as(Col.DUPLICATE_OF),
        col(Col.INPUT_FILE), to_date(col(Col.PUBLISHED)).as(Col.PUBLISHED_DATE));
  }

  /** The articles of one batch: {@link #articles(Dataset, Optional, JobConfig)} with nothing before it. */
  public static Dataset<Row> articles(Dataset<Row> classified, JobConfig config) {
    return articles(newRecords(classified), Optional.empty(), config);
  }

  /**
   * The given id, else one derived from the url, else from the content: {@code u-} or {@code c-} and 16 hex
   * digits of a SHA-256, the same in every run.
   */
  private static Column docId() {
    Column fromUrl = concat(lit("u-"), substring(sha2(col(Col.URL), 256), 1, 16));
    Column fromContent = concat(lit("c-"),
        substring(sha2(concat_ws("\u0001", coalesce(col(Col.TITLE), lit("")), coalesce(col("_clean_text"),
            col(Col.TITLE), lit(""))), 256), 1, 16));
    return coalesce(col(FieldMapping.ID_IN), when(col(Col.URL).isNotNull(), fromUrl), fromContent);
  }

  private static Column inRange(Optional<LocalDate> from, Optional<LocalDate> to) {
    Column day = to_date(col(Col.PUBLISHED));
    Column in = lit(true);
    if (from.isPresent()) {
      in = in.and(day.geq(lit(from.get())));
    }
    if (to.isPresent()) {
      in = in.and(day.leq(lit(to.get())));
    }
    return coalesce(in, lit(true));
  }
}
