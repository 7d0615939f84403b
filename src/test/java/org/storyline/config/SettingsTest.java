package org.storyline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storyline.schema.Period;

class SettingsTest {
  @TempDir
  Path dir;

  @Test
  void commandLineBeatsConfigFileBeatsDefaults() throws IOException {
    Path yaml = dir.resolve("job.yaml");
    Files.writeString(yaml, """
        input: [data/a, data/b]
        output: out/x
        period: week
        min-text-chars: 50
        field:
          text: story
        """);
    Settings settings = Settings.resolve(ConfigFile.load(yaml), Map.of(ConfigOption.MIN_TEXT_CHARS, List.of("80")));
    JobConfig config = JobConfig.from(settings);
    assertThat(config.inputs()).as("from the file").containsExactly("data/a", "data/b");
    assertThat(config.periods()).as("from the file").containsExactly(Period.WEEK);
    assertThat(config.ingest().minTextChars()).as("command line wins").isEqualTo(80);
    assertThat(config.ingest().nearDuplicateThreshold()).as("default").isEqualTo(0.9);
    assertThat(config.fieldOverrides()).as("mapping from the file").containsExactly(Map.entry("text", "story"));
  }

  @Test
  void propertiesFilesUseCommasForListsAndDotsForMaps() throws IOException {
    Path props = dir.resolve("job.properties");
    Files.writeString(props, "input=a.jsonl,b.csv\noutput=out\nfrom=2025-09-01\nfield.published=pub\n");
    JobConfig config = JobConfig.from(Settings.resolve(ConfigFile.load(props), Map.of()));
    assertThat(config.inputs()).as("inputs").containsExactly("a.jsonl", "b.csv");
    assertThat(config.from()).as("from").contains(LocalDate.of(2025, 9, 1));
    assertThat(config.fieldOverrides()).as("field").containsExactly(Map.entry("published", "pub"));
  }

  @Test
  void anUnknownKeyInTheConfigFileIsAnErrorThatNamesIt() throws IOException {
    Path yaml = dir.resolve("bad.yaml");
    Files.writeString(yaml, "input: x\nouptut: y\n");
    assertThatThrownBy(() -> ConfigFile.load(yaml)).as("typo").isInstanceOf(ConfigException.class)
        .hasMessage("unknown option 'ouptut' in config file " + yaml);
  }

  @Test
  void badValuesAreRejectedWithTheOptionAndTheValue() {
    assertThatThrownBy(() -> build(Map.of(ConfigOption.MIN_TEXT_CHARS, "0"))).as("range")
        .hasMessage("--min-text-chars should have value > 0, value: 0");
    assertThatThrownBy(() -> build(Map.of(ConfigOption.MIN_TEXT_CHARS, "ten"))).as("type")
        .hasMessage("--min-text-chars should be a whole number, value: ten");
    assertThatThrownBy(() -> build(Map.of(ConfigOption.MAX_RECORD_BYTES, "0"))).as("record size")
        .hasMessage("--max-record-bytes should be between 1 and 1073741824, value: 0");
    assertThatThrownBy(() -> build(Map.of(ConfigOption.PERIOD, "fortnight"))).as("period")
        .hasMessage("--period should be day, week or month, value: fortnight");
    assertThatThrownBy(() -> build(Map.of(ConfigOption.FORMAT, "xml"))).as("format")
        .hasMessage("--format should be one of auto, jsonl, json, csv, parquet, text, reuters, value: xml");
    assertThatThrownBy(() -> build(Map.of(ConfigOption.FIELD, "body=story"))).as("field")
        .hasMessageStartingWith("--field maps one of [id, lang, published, source, text, title, url], value: body");
    assertThatThrownBy(() -> build(Map.of(ConfigOption.FROM, "2025-09-08", ConfigOption.TO, "2025-09-01")))
        .as("range of dates").hasMessage("--from (2025-09-08) should not be after --to (2025-09-01)");
    assertThatThrownBy(() -> build(Map.of(ConfigOption.FROM, "3/9/2025"))).as("date")
        .hasMessage("--from should be a date as yyyy-MM-dd, value: 3/9/2025");
    assertThatThrownBy(() -> build(Map.of(ConfigOption.LANGUAGES, "english"))).as("language")
        .hasMessage("--languages takes ISO 639-1 codes such as en, value: english");
    assertThatThrownBy(() -> JobConfig.from(Settings.resolve(Map.of(), Map.of(ConfigOption.OUTPUT, "o"))))
        .as("input required").hasMessageStartingWith("--input is required");
  }

  @Test
  void plausibleDatesDefaultTo1900AndTwoDaysAfterTheRunAndAreValidated() {
    LocalDate before = LocalDate.now(java.time.ZoneOffset.UTC);
    JobConfig defaults = build(Map.of());
    LocalDate after = LocalDate.now(java.time.ZoneOffset.UTC);
    assertThat(defaults.ingest().minDate()).as("--min-date default").isEqualTo(LocalDate.of(1900, 1, 1));
    assertThat(defaults.ingest().maxDate()).as("--max-date default: the run's day (UTC) + 2")
        .isBetween(before.plusDays(2), after.plusDays(2));
    assertThat(defaults.settings().effective().get("max-date")).as("the day used is in the manifest's settings")
        .isEqualTo(defaults.ingest().maxDate().toString());

    JobConfig given = build(Map.of(ConfigOption.MIN_DATE, "1987-01-01", ConfigOption.MAX_DATE, "1987-12-31"));
    assertThat(List.of(given.ingest().minDate(), given.ingest().maxDate())).as("given bounds")
        .containsExactly(LocalDate.of(1987, 1, 1), LocalDate.of(1987, 12, 31));

    assertThatThrownBy(() -> build(Map.of(ConfigOption.MIN_DATE, "2025-09-08", ConfigOption.MAX_DATE, "2025-09-01")))
        .as("min after max").isInstanceOf(ConfigException.class)
        .hasMessage("--min-date (2025-09-08) should be before --max-date (2025-09-01)");
    assertThatThrownBy(() -> build(Map.of(ConfigOption.MIN_DATE, "2025-09-01", ConfigOption.MAX_DATE, "2025-09-01")))
        .as("min equal to max").hasMessage("--min-date (2025-09-01) should be before --max-date (2025-09-01)");
    assertThatThrownBy(() -> build(Map.of(ConfigOption.MIN_DATE, "2200-01-01"))).as("min after the default max")
        .hasMessageStartingWith("--min-date (2200-01-01) should be before --max-date (");
    assertThatThrownBy(() -> build(Map.of(ConfigOption.MAX_DATE, "31/12/2030"))).as("not a date")
        .hasMessage("--max-date should be a date as yyyy-MM-dd, value: 31/12/2030");
  }

  private static JobConfig build(Map<ConfigOption, Object> options) {
    Map<ConfigOption, Object> all = new java.util.HashMap<>(Map.of(ConfigOption.INPUT, "in", ConfigOption.OUTPUT, "out"));
    all.putAll(options);
    return JobConfig.from(Settings.resolve(Map.of(), all));
  }
}
