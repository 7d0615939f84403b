package org.storyline.config;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every option of {@code storyline run}, in one table. The same name is the command-line option ({@code --name})
 * and the config-file key ({@code name:} in YAML, {@code name=} in a properties file). Precedence: command line,
 * then config file, then the default given here.
 */
public enum ConfigOption {
  // Input and output.
  INPUT("input", OptionType.LIST, null, "PATH",
      "Input files, directories or globs; repeatable. Directories are read recursively."),
  OUTPUT("output", OptionType.STRING, null, "DIR", "Report folder: one Parquet folder per table and manifest.json."),
  FORMAT("format", OptionType.STRING, "auto", "FORMAT",
      "Input format: auto, jsonl, json, csv, parquet, text or reuters. auto picks by file extension."),
  FIELD("field", OptionType.MAP, null, "NAME=COLUMN",
      "Map a canonical field (id, title, text, published, source, url, lang) to an input column; repeatable. "
          + "Nested JSON fields with dots (source=source.name)."),
  FROM("from", OptionType.DATE, null, "DATE", "Keep articles published on or after this day (UTC, yyyy-MM-dd)."),
  TO("to", OptionType.DATE, null, "DATE", "Keep articles published on or before this day (UTC, yyyy-MM-dd)."),
  PERIOD("period", OptionType.LIST, "day,week,month", "PERIOD",
      "Periods to report trends for: day, week (ISO, Monday start), month; comma-separated or repeated."),
  MASTER("master", OptionType.STRING, null, "URL",
      "Spark master. Leave unset under spark-submit; bin/storyline passes local[*]."),
  KEEP_RUNS("keep-runs", OptionType.INT, "3", "N",
      "How many published report versions to keep under DIR/runs (the current one included)."),
  INCREMENTAL("incremental", OptionType.BOOLEAN, "false", "true|false",
      "Nightly mode: read only what is new since the current published run of --output (articles are matched by "
          + "doc_id), keep that run's articles and per-article results, and recompute every report over all of "
          + "them. Re-running the same input changes no table."),

  // Ingestion.
  LANGUAGES("languages", OptionType.LIST, "en", "CODES",
      "ISO 639-1 languages the text stages analyse; others are kept in articles and counted."),
  MIN_TEXT_CHARS("min-text-chars", OptionType.INT, "20",
      "N", "Articles whose cleaned text is shorter than this are rejected as empty_text."),
  NEAR_DUPLICATE_THRESHOLD("near-duplicate-threshold", OptionType.DOUBLE, "0.9", "J",
      "Jaccard similarity of word shingles at or above which an article is a near-duplicate; 1 disables."),
  SHINGLE_SIZE("shingle-size", OptionType.INT, "5", "N", "Words per shingle for near-duplicate detection.");

  private static final Map<String, ConfigOption> BY_KEY =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(o -> o.key, Function.identity()));

  private final String key;
  final OptionType type;
  private final String defaultValue;
  private final String paramLabel;
  private final String description;

  ConfigOption(String key, OptionType type, String defaultValue, String paramLabel, String description) {
    this.key = key;
    this.type = type;
    this.defaultValue = defaultValue;
    this.paramLabel = paramLabel;
    this.description = description;
  }

  public String key() {
    return key;
  }

  public String cliName() {
    return "--" + key;
  }

  public String paramLabel() {
    return paramLabel;
  }

  public boolean isFlag() {
    return type == OptionType.BOOLEAN;
  }

  public boolean isRepeatable() {
    return type == OptionType.LIST || type == OptionType.MAP;
  }

  public Optional<String> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  public String description() {
    return defaultValue == null ? description : description + " Default: " + defaultValue + ".";
  }

  public static Optional<ConfigOption> byKey(String key) {
    return Optional.ofNullable(BY_KEY.get(key));
  }
}
