package org.storyline.config;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The typed value of every option after applying the one precedence rule: command line, then config file, then
 * Spark conf ({@code spark.storyline.<option>}), then default. Each stage's config record reads its options from here.
 */
public final class Settings {
  private final Map<ConfigOption, Object> values;

  private Settings(Map<ConfigOption, Object> values) {
    this.values = values;
  }

  /** Merges raw values (strings, lists or maps) from the config file and the command line, and converts them. */
  public static Settings resolve(Map<ConfigOption, Object> fromFile, Map<ConfigOption, Object> fromCommandLine) {
    return resolve(Map.of(), fromFile, fromCommandLine);
  }

  /**
   * The same with the options given as Spark conf ({@link SparkConfOptions}), which rank below the config file:
   * command line, then config file, then Spark conf, then default.
   */
  public static Settings resolve(Map<ConfigOption, Object> fromSparkConf, Map<ConfigOption, Object> fromFile,
      Map<ConfigOption, Object> fromCommandLine) {
    Map<ConfigOption, Object> typed = new EnumMap<>(ConfigOption.class);
    for (ConfigOption option : ConfigOption.values()) {
      Object raw = fromCommandLine.containsKey(option) ? fromCommandLine.get(option)
          : fromFile.containsKey(option) ? fromFile.get(option)
          : fromSparkConf.containsKey(option) ? fromSparkConf.get(option)
          : option.defaultValue().orElse(null);
      Object value = option.type.convert(option.cliName(), raw);
      if (value != null) {
        typed.put(option, value);
      }
    }
    return new Settings(typed);
  }

  public static Settings defaults() {
    return resolve(Map.of(), Map.of());
  }

  /** A copy with some options replaced by raw values, for tests and for subcommands that set options. */
  public Settings with(Map<ConfigOption, Object> overrides) {
    Map<ConfigOption, Object> merged = new EnumMap<>(ConfigOption.class);
    merged.putAll(values);
    overrides.forEach((option, raw) -> {
      Object value = option.type.convert(option.cliName(), raw);
      if (value == null) {
        merged.remove(option);
      } else {
        merged.put(option, value);
      }
    });
    return new Settings(merged);
  }

  public boolean isSet(ConfigOption option) {
    return values.containsKey(option);
  }

  public String string(ConfigOption option) {
    return (String) values.get(option);
  }

  public Optional<String> optionalString(ConfigOption option) {
    return Optional.ofNullable(string(option)).filter(s -> !s.isBlank());
  }

  public int integer(ConfigOption option) {
    return (Integer) require(option);
  }

  public long longValue(ConfigOption option) {
    return (Long) require(option);
  }

  public double decimal(ConfigOption option) {
    return (Double) require(option);
  }

  public boolean flag(ConfigOption option) {
    return Boolean.TRUE.equals(values.get(option));
  }

  public Optional<LocalDate> date(ConfigOption option) {
    return Optional.ofNullable((LocalDate) values.get(option));
  }

  @SuppressWarnings("unchecked")
  public List<String> list(ConfigOption option) {
    return (List<String>) values.getOrDefault(option, List.of());
  }

  @SuppressWarnings("unchecked")
  public Map<String, String> map(ConfigOption option) {
    return (Map<String, String>) values.getOrDefault(option, Map.of());
  }

  private Object require(ConfigOption option) {
    Object value = values.get(option);
    if (value == null) {
      throw new ConfigException(option.cliName() + " is required");
    }
    return value;
  }

  /** The effective configuration, by option name, as written to the manifest. */
  public Map<String, Object> effective() {
    Map<String, Object> out = new LinkedHashMap<>();
    values.forEach((option, value) -> out.put(option.key(), value instanceof LocalDate d ? d.toString() : value));
    return out;
  }
}
