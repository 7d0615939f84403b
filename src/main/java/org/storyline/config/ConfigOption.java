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
  SHINGLE_SIZE("shingle-size", OptionType.INT, "5", "N", "Words per shingle for near-duplicate detection."),

  // Co-occurrence.
  COOCCURRENCE_WINDOWS("cooccurrence-windows", OptionType.LIST, "document,sentence", "WINDOWS",
      "Co-occurrence windows: document (both entities in the same article) and/or sentence (in the same "
          + "sentence); comma-separated or repeated."),
  SLIDING_WINDOW("sliding-window", OptionType.INT, "0", "N",
      "Also count pairs mentioned within N consecutive sentences (window sentences_N), 2 to 20; 0 turns it off."),
  MIN_SUPPORT("min-support", OptionType.INT, "2", "N",
      "Pairs co-occurring in fewer articles of a period are left out of the cooccurrence table (never out of "
          + "the article counts)."),
  MAX_ENTITIES_PER_DOC("max-entities-per-doc", OptionType.INT, "50", "N",
      "Entities kept per article for co-occurrence: the N most mentioned (ties by entity id)."),
  TOP_NEIGHBOURS("top-neighbours", OptionType.INT, "10", "K",
      "Partners listed per entity, window and period in top_neighbours."),
  NEIGHBOUR_STATISTIC("neighbour-statistic", OptionType.STRING, "npmi", "STAT",
      "Statistic ranking top_neighbours: npmi, pmi, llr, jaccard, lift or pair_docs (ties by pair_docs)."),
  NEIGHBOUR_MIN_SUPPORT("neighbour-min-support", OptionType.INT, "3", "N",
      "Articles a pair needs in the period to be listed in top_neighbours."),
  EMERGING_WINDOW("emerging-window", OptionType.STRING, "document", "WINDOW",
      "Window the emerging_pairs table is computed for: one of the computed windows (document falls back to "
          + "the first computed window when the document window is not computed)."),
  EMERGING_BASELINE_WEEKS("emerging-baseline-weeks", OptionType.INT, "4", "N",
      "Weeks before each week that form the trailing baseline of emerging_pairs."),
  EMERGING_MIN_DOCS("emerging-min-docs", OptionType.INT, "3", "N",
      "Articles a pair needs in a week to be an emerging pair."),
  EMERGING_TOP("emerging-top", OptionType.INT, "20", "N", "Emerging pairs listed per week.");

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
