package org.storyline.config;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.storyline.schema.Period;

/**
 * The whole configuration of one run, immutable and validated once. Built from {@link Settings} (command line,
 * then config file, then defaults); each stage takes its own part.
 *
 * @param inputs input paths, directories or globs, as given
 * @param output the report folder
 * @param format how to read the inputs
 * @param fieldOverrides canonical field name (id, title, text, published, source, url, lang) to input column
 * @param from first publication day kept (UTC), if any
 * @param to last publication day kept (UTC), if any
 * @param periods periods trends are reported for
 * @param master Spark master, when not supplied by spark-submit
 * @param keepRuns report versions kept under {@code output/runs}
 * @param publish the table format and the catalog database of the published tables
 * @param incremental add to the current published run instead of replacing it (nightly mode)
 * @param ingest ingestion options
 * @param entities options of the entities stage (NER and canonical entities)
 * @param cooccurrence co-occurrence options
 * @param topics topic-model and tracked-topic options
 * @param trends trend-statistics options
 * @param operations quality gates, metrics and logs
 * @param settings every option's effective value, for the manifest
 */
public record JobConfig(
    List<String> inputs,
    String output,
    InputFormat format,
    Map<String, String> fieldOverrides,
    Optional<LocalDate> from,
    Optional<LocalDate> to,
    List<Period> periods,
    Optional<String> master,
    int keepRuns,
    PublishConfig publish,
    boolean incremental,
    IngestConfig ingest,
    EntitiesConfig entities,
    CooccurrenceConfig cooccurrence,
    TopicsConfig topics,
    TrendsConfig trends,
    OperationsConfig operations,
    Settings settings) {

  /** Canonical fields that {@code --field} may map. */
  public static final Set<String> MAPPABLE_FIELDS = Set.of("id", "title", "text", "published", "source", "url", "lang");

  public JobConfig {
    if (inputs.isEmpty()) {
      throw new ConfigException("--input is required: give at least one file, directory or glob");
    }
    if (output == null || output.isBlank()) {
      throw new ConfigException("--output is required: the folder the report tables are written to");
    }
    for (String field : fieldOverrides.keySet()) {
      if (!MAPPABLE_FIELDS.contains(field)) {
        throw new ConfigException(String.format("--field maps one of %s, value: %s",
            MAPPABLE_FIELDS.stream().sorted().toList(), field));
      }
    }
    if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
      throw new ConfigException(String.format("--from (%s) should not be after --to (%s)", from.get(), to.get()));
    }
    if (incremental && (from.isPresent() || to.isPresent())) {
      // A late article for a day outside the range would be counted out_of_range instead of updating its day.
      throw new ConfigException("--incremental cannot be combined with --from/--to, value: --from "
          + from.map(Object::toString).orElse("(none)") + " --to " + to.map(Object::toString).orElse("(none)"));
    }
    if (periods.isEmpty()) {
      throw new ConfigException("--period needs at least one of day, week, month");
    }
    if (keepRuns < 1) {
      throw new ConfigException("--keep-runs should have value > 0, value: " + keepRuns);
    }
  }

  public static JobConfig from(Settings settings) {
    if (!settings.isSet(ConfigOption.MAX_DATE)) {
      // Resolved once, here, so that ingestion and the manifest's settings see the same day.
      settings = settings.with(Map.of(ConfigOption.MAX_DATE,
          IngestConfig.defaultMaxDate(LocalDate.now(ZoneOffset.UTC)).toString()));
    }
    return new JobConfig(
        settings.list(ConfigOption.INPUT),
        settings.string(ConfigOption.OUTPUT),
        InputFormat.parse(settings.string(ConfigOption.FORMAT)),
        Map.copyOf(settings.map(ConfigOption.FIELD)),
        settings.date(ConfigOption.FROM),
        settings.date(ConfigOption.TO),
        settings.list(ConfigOption.PERIOD).stream().map(JobConfig::period).distinct().toList(),
        settings.optionalString(ConfigOption.MASTER),
        settings.integer(ConfigOption.KEEP_RUNS),
        PublishConfig.from(settings),
        settings.flag(ConfigOption.INCREMENTAL),
        IngestConfig.from(settings),
        EntitiesConfig.from(settings),
        CooccurrenceConfig.from(settings),
        TopicsConfig.from(settings),
        TrendsConfig.from(settings),
        OperationsConfig.from(settings),
        settings);
  }

  /** A period named on the command line or in the config file; a bad name is a configuration error. */
  public static Period period(String value) {
    try {
      return Period.parse(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    }
  }
}
