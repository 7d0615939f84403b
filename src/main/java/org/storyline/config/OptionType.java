package org.storyline.config;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the raw value of an option (a string from the command line, or a scalar, list or map from a config file) is
 * turned into its typed value. One conversion for both sources, so both get the same validation messages.
 */
enum OptionType {
  STRING, INT, LONG, DOUBLE, BOOLEAN, DATE,
  /** Comma-separated or repeated values. */
  LIST,
  /** {@code KEY=VALUE} pairs, repeated; or a mapping in a YAML file. */
  MAP;

  Object convert(String option, Object raw) {
    if (raw == null) {
      return null;
    }
    return switch (this) {
      case STRING -> scalar(option, raw);
      case INT -> (int) parseLong(option, scalar(option, raw), Integer.MIN_VALUE, Integer.MAX_VALUE);
      case LONG -> parseLong(option, scalar(option, raw), Long.MIN_VALUE, Long.MAX_VALUE);
      case DOUBLE -> parseDouble(option, scalar(option, raw));
      case BOOLEAN -> parseBoolean(option, scalar(option, raw));
      case DATE -> parseDate(option, scalar(option, raw));
      case LIST -> toList(option, raw);
      case MAP -> toMap(option, raw);
    };
  }

  private static String scalar(String option, Object raw) {
    if (raw instanceof Collection<?> values) {
      if (values.size() != 1) {
        throw new ConfigException(String.format("%s takes one value, got %d: %s", option, values.size(), values));
      }
      return String.valueOf(values.iterator().next()).trim();
    }
    if (raw instanceof Map) {
      throw new ConfigException(String.format("%s takes one value, got a mapping: %s", option, raw));
    }
    return String.valueOf(raw).trim();
  }

  private static long parseLong(String option, String value, long min, long max) {
    try {
      long parsed = Long.parseLong(value);
      if (parsed < min || parsed > max) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new ConfigException(String.format("%s should be a whole number, value: %s", option, value));
    }
  }

  private static double parseDouble(String option, String value) {
    try {
      double parsed = Double.parseDouble(value);
      if (Double.isNaN(parsed) || Double.isInfinite(parsed)) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new ConfigException(String.format("%s should be a number, value: %s", option, value));
    }
  }

  private static boolean parseBoolean(String option, String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "1", "" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new ConfigException(String.format("%s should be true or false, value: %s", option, value));
    };
  }

  private static LocalDate parseDate(String option, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new ConfigException(String.format("%s should be a date as yyyy-MM-dd, value: %s", option, value));
    }
  }

  private static List<String> toList(String option, Object raw) {
    List<String> values = new ArrayList<>();
    Collection<?> items = raw instanceof Collection<?> c ? c : List.of(raw);
    for (Object item : items) {
      if (item instanceof Map) {
        throw new ConfigException(String.format("%s takes a list of values, got a mapping: %s", option, item));
      }
      for (String part : String.valueOf(item).split(",")) {
        if (!part.isBlank()) {
          values.add(part.trim());
        }
      }
    }
    return List.copyOf(values);
  }

  private static Map<String, String> toMap(String option, Object raw) {
    Map<String, String> values = new LinkedHashMap<>();
    if (raw instanceof Map<?, ?> map) {
      map.forEach((k, v) -> values.put(String.valueOf(k).trim(), String.valueOf(v).trim()));
      return values;
    }
    Collection<?> items = raw instanceof Collection<?> c ? c : List.of(raw);
    for (Object item : items) {
      if (item instanceof Map<?, ?> map) {
        map.forEach((k, v) -> values.put(String.valueOf(k).trim(), String.valueOf(v).trim()));
        continue;
      }
      String pair = String.valueOf(item);
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(String.format("%s takes KEY=VALUE, value: %s", option, pair));
      }
      values.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return values;
  }
}
