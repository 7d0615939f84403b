package org.storyline.config;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * Options of the ingestion stage.
 *
 * @param languages ISO 639-1 codes the text stages analyse (the rest are kept and counted)
 * @param minTextChars cleaned texts shorter than this are rejected as {@code empty_text}
 * @param maxRecordBytes input records larger than this (UTF-8 bytes) are rejected as {@code record_too_large}
 * @param nearDuplicateThreshold Jaccard similarity of word shingles from which an article is a near-duplicate;
 *     1 or more disables near-duplicate detection
 * @param shingleSize words per shingle
 * @param minDate earliest plausible publication day (UTC); earlier articles are rejected as {@code implausible_date}
 * @param maxDate latest plausible publication day (UTC); later articles are rejected as {@code implausible_date}
 */
public record IngestConfig(List<String> languages, int minTextChars, int maxRecordBytes,
    double nearDuplicateThreshold, int shingleSize, LocalDate minDate, LocalDate maxDate) {
  /** The largest --max-record-bytes: a record is held in memory as one Java string. */
  public static final int MAX_RECORD_BYTES_LIMIT = 1 << 30;

  /** Days after the run's day (UTC) that {@code --max-date} defaults to. */
  public static final int MAX_DATE_DAYS_AHEAD = 2;

  public IngestConfig {
    languages = languages.stream().map(l -> l.toLowerCase(Locale.ROOT)).toList();
    for (String lang : languages) {
      if (!lang.matches("[a-z]{2}")) {
        throw new ConfigException("--languages takes ISO 639-1 codes such as en, value: " + lang);
      }
    }
    if (minTextChars < 1) {
      throw new ConfigException("--min-text-chars should have value > 0, value: " + minTextChars);
    }
    if (maxRecordBytes < 1 || maxRecordBytes > MAX_RECORD_BYTES_LIMIT) {
      throw new ConfigException("--max-record-bytes should be between 1 and " + MAX_RECORD_BYTES_LIMIT
          + ", value: " + maxRecordBytes);
    }
    if (nearDuplicateThreshold <= 0) {
      throw new ConfigException(
          "--near-duplicate-threshold should be in (0, 1], value: " + nearDuplicateThreshold);
    }
    if (shingleSize < 1 || shingleSize > 20) {
      throw new ConfigException("--shingle-size should be between 1 and 20, value: " + shingleSize);
    }
    if (!minDate.isBefore(maxDate)) {
      throw new ConfigException(String.format("--min-date (%s) should be before --max-date (%s)", minDate, maxDate));
    }
  }

  /** {@code --max-date} when it is not set: {@link #MAX_DATE_DAYS_AHEAD} days after {@code today}. */
  public static LocalDate defaultMaxDate(LocalDate today) {
    return today.plusDays(MAX_DATE_DAYS_AHEAD);
  }

  /** Needs {@code --max-date} resolved ({@link JobConfig#from} sets it from the run's day when unset). */
  static IngestConfig from(Settings settings) {
    return new IngestConfig(
        settings.list(ConfigOption.LANGUAGES),
        settings.integer(ConfigOption.MIN_TEXT_CHARS),
        settings.integer(ConfigOption.MAX_RECORD_BYTES),
        settings.decimal(ConfigOption.NEAR_DUPLICATE_THRESHOLD),
        settings.integer(ConfigOption.SHINGLE_SIZE),
        settings.date(ConfigOption.MIN_DATE)
            .orElseThrow(() -> new ConfigException(ConfigOption.MIN_DATE.cliName() + " is required")),
        settings.date(ConfigOption.MAX_DATE)
            .orElseGet(() -> defaultMaxDate(LocalDate.now(ZoneOffset.UTC))));
  }

  public boolean nearDuplicatesEnabled() {
    return nearDuplicateThreshold < 1.0;
  }
}
