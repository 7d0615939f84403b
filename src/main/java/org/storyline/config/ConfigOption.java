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
  TABLE_FORMAT("table-format", OptionType.STRING, "parquet", "FORMAT",
      "parquet: each run's tables as Parquet folders under DIR/runs/RUN, linked from DIR/<table> (DuckDB, pandas "
          + "and Spark read them directly). delta: every table a Delta Lake table at DIR/<table>, committed "
          + "atomically, a nightly run rewriting only the partitions it changed; the manifest records each "
          + "table's version (VERSION AS OF) and the last --keep-runs runs stay readable (then VACUUM). A report "
          + "folder keeps the format of its first run."),
  DATABASE("database", OptionType.STRING, null, "NAME",
      "Create or update the tables in this database of the session's catalog (NAME.articles, ...; the Hive "
          + "metastore when spark-hive is on the classpath and spark.sql.catalogImplementation=hive)."),
  INCREMENTAL("incremental", OptionType.BOOLEAN, "false", "true|false",
      "Nightly mode: read only what is new since the current published run of --output (articles are matched by "
          + "doc_id), keep that run's articles and per-article results, and recompute every report over all of "
          + "them. Re-running the same input changes no table."),

  // Ingestion.
  LANGUAGES("languages", OptionType.LIST, "en", "CODES",
      "ISO 639-1 languages the text stages analyse; others are kept in articles and counted."),
  MIN_TEXT_CHARS("min-text-chars", OptionType.INT, "20",
      "N", "Articles whose cleaned text is shorter than this are rejected as empty_text."),
  MAX_RECORD_BYTES("max-record-bytes", OptionType.INT, "16777216", "N",
      "A record (JSON line, JSON array element, JSON or text file, Reuters story, CSV or Parquet row) larger than "
          + "N bytes of UTF-8 is rejected as record_too_large, its raw text cut to the first 4096 characters."),
  NEAR_DUPLICATE_THRESHOLD("near-duplicate-threshold", OptionType.DOUBLE, "0.9", "J",
      "Jaccard similarity of word shingles at or above which an article is a near-duplicate; 1 disables."),
  SHINGLE_SIZE("shingle-size", OptionType.INT, "5", "N", "Words per shingle for near-duplicate detection."),
  MIN_DATE("min-date", OptionType.DATE, "1900-01-01", "DATE",
      "Earliest plausible publication day (UTC, yyyy-MM-dd): articles dated before it are rejected as "
          + "implausible_date (a year 0001 or 1970-01-01 placeholder would stretch every dense trend calendar)."),
  MAX_DATE("max-date", OptionType.DATE, null, "DATE",
      "Latest plausible publication day (UTC, yyyy-MM-dd): articles dated after it are rejected as "
          + "implausible_date. Unset: two days after the day the run starts (UTC), one day because local dates "
          + "run up to 14 hours ahead of UTC and one for clock skew and embargoed stories; the manifest records "
          + "the day used. Set it to rerun an old night exactly."),

  // Entities.
  NER_MODEL("ner-model", OptionType.LIST,
      "edu/stanford/nlp/models/ner/english.conll.4class.distsim.crf.ser.gz", "MODEL",
      "Stanford CRF NER model(s): a classpath resource shipped in the jar or a file present on every executor; "
          + "repeatable. With several, the first model's entities win and later models add only the types "
          + "earlier ones lack (e.g. 3-class for PERSON/ORGANIZATION/LOCATION, then 4-class for MISC)."),
  NER_MAX_SENTENCE_TOKENS("ner-max-sentence-tokens", OptionType.INT, "250", "N",
      "Sentences longer than this (tables, lists without punctuation) are classified in pieces of N tokens."),
  NER_MAX_CHARS("ner-max-chars", OptionType.INT, "200000", "N",
      "Only the first N characters of an article are analysed (bounds time and memory per task); articles cut "
          + "short are counted as ner_truncated."),
  ALIAS_FILE("alias-file", OptionType.STRING, null, "FILE",
      "CSV alias,canonical,type[,external_id] (type PERSON, ORGANIZATION, LOCATION or MISC); its entries win over "
          + "learned aliases, country names and the model's type."),
  ENTITY_BLOCKLIST("entity-blocklist", OptionType.STRING, null, "FILE",
      "Names never reported as entities, one per line ('#' starts a comment); matched case-, accent- and "
          + "hyphen-insensitively, on the mention and on its canonical entity."),
  ALIAS_MIN_SUPPORT("alias-min-support", OptionType.INT, "2", "N",
      "A short form (surname, given name) is mapped corpus-wide to a full name only if at least N articles "
          + "resolved it to that name."),
  ALIAS_MIN_SHARE("alias-min-share", OptionType.DOUBLE, "0.6", "S",
      "... and only if at least this share of the articles that resolved the short form resolved it to that name."),
  LINK_INDEX("link-index", OptionType.STRING, null, "DIR",
      "Prepared link index (built by 'storyline link-index' from Stanford's KBP Wikipedia dictionary): entities get "
          + "a wiki_title and two names linked to one title merge. Without it linking is off (bin/storyline "
          + "prepares and passes one unless STORYLINE_LINKING=off)."),
  LINK_MIN_PRIOR("link-min-prior", OptionType.DOUBLE, "0.7", "P",
      "An entity is linked to the title its full names point to with a mention-weighted dictionary prior of at "
          + "least P."),

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
  EMERGING_TOP("emerging-top", OptionType.INT, "20", "N", "Emerging pairs listed per week."),

  // Topics: text features and LDA.
  TOPICS("topics", OptionType.INT, "20", "K", "Number of LDA topics when a model is trained."),
  TOPIC_ITERATIONS("topic-iterations", OptionType.INT, "50", "N", "LDA training iterations."),
  TOPIC_OPTIMIZER("topic-optimizer", OptionType.STRING, "online", "NAME",
      "LDA optimizer: online (variational Bayes on mini-batches) or em (expectation-maximisation)."),
  TOPIC_SUBSAMPLING("topic-subsampling", OptionType.DOUBLE, "0", "F",
      "Fraction of the articles in each online LDA mini-batch, in (0, 1]; 0 picks "
          + "min(1, max(10 / iterations, 2000 / articles)): at least ten passes."),
  TOPIC_LEARNING_OFFSET("topic-learning-offset", OptionType.DOUBLE, "10", "TAU0",
      "Online LDA: learning-rate offset tau0 (rate (tau0 + t)^-0.51 at iteration t); MLlib's own default, 1024, "
          + "suits thousands of iterations."),
  TOPIC_CONCENTRATION("topic-concentration", OptionType.DOUBLE, "0", "ETA",
      "LDA: prior on the topics' term distributions (beta / eta); 0 keeps MLlib's default (1/k online)."),
  TOPIC_SEED("topic-seed", OptionType.LONG, "20250903", "N", "Random seed of LDA training (fixed for reruns)."),
  TOPIC_MODEL("topic-model", OptionType.STRING, null, "PATH",
      "Reuse this saved topic model (a DIR/model folder of an earlier run) instead of training. Default: the "
          + "model of the currently published run of --output, if it has one; --retrain trains afresh."),
  RETRAIN("retrain", OptionType.BOOLEAN, "false", "BOOLEAN",
      "Train a new topic model even when --topic-model is given or the published run has one."),
  VOCAB_SIZE("vocab-size", OptionType.INT, "20000", "N", "Largest topic-model vocabulary (most frequent terms)."),
  MIN_DF("min-df", OptionType.DOUBLE, "3", "N",
      "A term enters the vocabulary when it occurs in at least this many articles (a fraction when < 1)."),
  MAX_DF("max-df", OptionType.DOUBLE, "0.5", "N",
      "A term is left out of the vocabulary when it occurs in more than this fraction of articles (a count "
          + "when >= 1)."),
  BIGRAM_MIN_COUNT("bigram-min-count", OptionType.INT, "5", "N",
      "Two adjacent words become one term (security_detail) when they occur together in at least this many "
          + "articles and pass --bigram-min-npmi."),
  BIGRAM_MIN_NPMI("bigram-min-npmi", OptionType.DOUBLE, "0.5", "X",
      "Two adjacent words become one term when the normalised pointwise mutual information of the pair "
          + "(over adjacent word pairs) is at least this, in [-1, 1]."),
  TOPIC_MIN_WEIGHT("topic-min-weight", OptionType.DOUBLE, "0.1", "W",
      "An article's top-3 topics are kept in doc_topics (and counted in topic_trends) when their weight is at "
          + "least this."),

  // Tracked topics.
  TRACK("track", OptionType.MAP, null, "NAME=QUERY",
      "A tracked topic: a name and a query with OR, AND, NOT, parentheses, \"quoted phrases\" and prefix "
          + "wildcards (bodyguard*), matched case-insensitively on title and text; repeatable."),

  // Trend statistics.
  BASELINE_DAYS("baseline-days", OptionType.INT, "28", "DAYS",
      "Trailing baseline of z-scores and emerging terms: the previous max(3, ceil(DAYS / period length)) "
          + "periods (day 1, week 7, month 30 days)."),
  BURST_S("burst-s", OptionType.DOUBLE, "2", "S",
      "Kleinberg burst detector: the burst state's rate is S times the topic's overall rate (S > 1)."),
  BURST_GAMMA("burst-gamma", OptionType.DOUBLE, "1", "G",
      "Kleinberg burst detector: the cost of entering the burst state is G * ln(number of periods)."),
  TOP_ENTITIES("top-entities", OptionType.INT, "5", "N", "Entities listed per topic and period in top_entities."),
  EMERGING_TERMS("emerging-terms", OptionType.INT, "20", "N", "Emerging terms reported per period."),
  EMERGING_MIN_COUNT("emerging-min-count", OptionType.INT, "3", "N",
      "An emerging term must occur in at least this many articles of the period."),

  // Operations: quality gates, metrics, logs.
  GATES("gates", OptionType.STRING, "on", "MODE",
      "Quality gates (the --gate-* checks) before publishing: on stops a run that fails one, with exit code 4, and "
          + "leaves the last report published; off (backfills) publishes anyway. Every run reports every check."),
  GATE_MIN_RECORDS("gate-min-records", OptionType.LONG, "1", "N",
      "Gate: records this run reads at least (an empty feed fails; a re-run night reads its records again)."),
  GATE_MAX_REJECT_RATE("gate-max-reject-rate", OptionType.DOUBLE, "0.5", "F",
      "Gate: share of this run's records rejected at most (a broken parser or field mapping fails)."),
  GATE_MIN_ANALYSED_ARTICLES("gate-min-analysed-articles", OptionType.LONG, "1", "N",
      "Gate: articles of the report that the text stages analyse at least."),
  GATE_MIN_ARTICLES_PER_NEW_DAY("gate-min-articles-per-new-day", OptionType.LONG, "1", "N",
      "Gate: articles at least on every day that had none in the published run (a feed cut short); set it to "
          + "your feed's daily floor."),
  GATE_MAX_ARTICLE_DROP("gate-max-article-drop", OptionType.DOUBLE, "0.5", "F",
      "Gate: fall in articles against the published run at most, as a share of its articles."),
  GATE_MAX_ENTITY_DROP("gate-max-entity-drop", OptionType.DOUBLE, "0.5", "F",
      "Gate: fall in canonical entities against the published run at most, as a share of its entities."),
  GATE_MAX_COOCCURRENCE_DROP("gate-max-cooccurrence-drop", OptionType.DOUBLE, "0.5", "F",
      "Gate: fall in cooccurrence rows against the published run at most, as a share of its rows."),
  GATE_MIN_NER_COVERAGE("gate-min-ner-coverage", OptionType.DOUBLE, "0.1", "F",
      "Gate: share of the run's newly analysed articles (all of them in a batch run) with at least one entity."),
  GATE_MAX_DUPLICATE_SHARE("gate-max-duplicate-share", OptionType.DOUBLE, "0.9", "F",
      "Gate: share of the run's new articles (all of them in a batch run) marked exact or near duplicates at most."),
  GATE_MAX_OTHER_LANGUAGE_SHARE("gate-max-other-language-share", OptionType.DOUBLE, "0.95", "F",
      "Gate: share of the run's new articles (all of them in a batch run) outside --languages at most (a "
          + "language detector gone wrong fails)."),
  GATE_MIN_SAMPLE("gate-min-sample", OptionType.LONG, "20", "N",
      "Gates on shares (reject rate, NER coverage, duplicates, other languages) judge only N records or articles "
          + "or more: a night of 3 articles, one without entities, is no broken NER. Smaller: reported, passed."),
  METRICS_PUSH("metrics-push", OptionType.STRING, null, "URL",
      "Also push the run's metrics (DIR/metrics.prom, written by every run) to this Prometheus Pushgateway, "
          + "grouped by job=storyline and output; a failed push is a warning, not a failed run."),
  LOG_FORMAT("log-format", OptionType.STRING, "text", "FORMAT",
      "Driver log lines as text, or as JSON objects (Spark's structured logging layout) with run_id and stage.");

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
