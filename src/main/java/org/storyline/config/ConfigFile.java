package org.storyline.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Reads a config file: YAML ({@code .yaml}, {@code .yml}) or Java properties (anything else). Keys are the long
 * option names of {@code storyline run}; a key that is not an option is an error, not ignored.
 *
 * <pre>
 * input: [data/sample]
 * output: out/sample
 * track:
 *   leader_security: (DNA OR bodyguard*) AND NOT football
 * </pre>
 *
 * In a properties file, list values are comma-separated and map values use a dotted key
 * ({@code track.leader_security=(DNA OR bodyguard*)}).
 */
public final class ConfigFile {
  private ConfigFile() {}

  public static Map<ConfigOption, Object> load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("config file not found: " + file);
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    Map<String, Object> raw = name.endsWith(".yaml") || name.endsWith(".yml") ? readYaml(file) : readProperties(file);
    Map<ConfigOption, Object> values = new LinkedHashMap<>();
    raw.forEach((key, value) -> {
      ConfigOption option = ConfigOption.byKey(key).orElseThrow(() -> new ConfigException(
          String.format("unknown option '%s' in config file %s", key, file)));
      values.put(option, value);
    });
    return values;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> readYaml(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      if (Files.readString(file, StandardCharsets.UTF_8).isBlank()) {
        return Map.of(); // an empty file sets nothing (Jackson would call it "no content")
      }
      Object parsed = new ObjectMapper(new YAMLFactory()).readValue(reader, Object.class);
      if (parsed == null) {
        return Map.of();
      }
      if (!(parsed instanceof Map)) {
        throw new ConfigException("config file " + file + " should hold a mapping of option: value");
      }
      return (Map<String, Object>) parsed;
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> readProperties(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (String key : properties.stringPropertyNames().stream().sorted().toList()) {
      String value = properties.getProperty(key);
      int dot = key.indexOf('.');
      ConfigOption mapOption = dot > 0 ? ConfigOption.byKey(key.substring(0, dot)).orElse(null) : null;
      if (mapOption != null && mapOption.type == OptionType.MAP) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) values.computeIfAbsent(
            mapOption.key(), k -> new LinkedHashMap<String, Object>());
        map.put(key.substring(dot + 1), value);
      } else {
        values.put(key, List.of(value));
      }
    }
    return values;
  }
}
