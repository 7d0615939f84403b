package org.storyline.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How input files are read. {@link #AUTO} picks one per file from its extension. */
public enum InputFormat {
  AUTO, JSONL, JSON, CSV, PARQUET, TEXT, REUTERS;

  public static InputFormat parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(String.format("--format should be one of %s, value: %s",
          Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")),
          value));
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
