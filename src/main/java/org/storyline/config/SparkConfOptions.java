package org.storyline.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Options of {@code storyline run} given as Spark conf, {@code spark.storyline.<option>=VALUE}: what schedulers pass
 * ({@code spark-submit --conf}, {@code spark-defaults.conf}, Airflow's {@code SparkSubmitOperator(conf={...})}).
 * Values are written as in a properties config file: lists comma-separated, a map entry under a dotted key
 * ({@code spark.storyline.track.leader_security=bodyguard* AND Kim}); {@code spark.storyline.config=FILE} names a
 * config file. They rank below the config file and the command line. A {@code spark.storyline.*} key that is no
 * option is an error, not ignored (a misspelt gate threshold would otherwise be silently at its default).
 */
public final class SparkConfOptions {
  private SparkConfOptions() {}

  public static final String PREFIX = "spark.storyline.";
  /** {@code spark.storyline.config}: the config file, when the command line gives none. */
  public static final String CONFIG = "config";

  /** The options found, and the config file named, in the Spark conf. */
  public record Found(Map<ConfigOption, Object> values, Optional<Path> configFile) {}

  /**
   * Reads the options from Spark conf entries whose keys have had {@link #PREFIX} removed (as
   * {@code SparkConf.getAllWithPrefix} gives them).
   */
  public static Found parse(Map<String, String> withoutPrefix) {
    Map<ConfigOption, Object> values = new LinkedHashMap<>();
    Optional<Path> configFile = Optional.empty();
    for (Map.Entry<String, String> e : new TreeMap<>(withoutPrefix).entrySet()) {
      String key = e.getKey();
      if (key.equals(CONFIG)) {
        configFile = Optional.of(Path.of(e.getValue().trim()));
        continue;
      }
      Optional<ConfigOption> option = ConfigOption.byKey(key);
      int dot = key.indexOf('.');
      if (option.isEmpty() && dot > 0) {
        Optional<ConfigOption> map = ConfigOption.byKey(key.substring(0, dot)).filter(o -> o.type == OptionType.MAP);
        if (map.isPresent()) {
          @SuppressWarnings("unchecked")
          Map<String, Object> entries = (Map<String, Object>) values.computeIfAbsent(map.get(),
              o -> new LinkedHashMap<String, Object>());
          entries.put(key.substring(dot + 1), e.getValue());
          continue;
        }
      }
      ConfigOption found = option.orElseThrow(() -> new ConfigException(String.format(
          "unknown option '%s%s' in the Spark conf (spark.storyline.<option of storyline run>)", PREFIX, key)));
      values.put(found, found.type == OptionType.MAP ? List.of(e.getValue()) : e.getValue());
    }
    return new Found(values, configFile);
  }
}
