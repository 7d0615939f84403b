package org.storyline.config;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a run's tables are published: the table format, and the catalog database they are registered in.
 *
 * @param tableFormat Parquet folders per run ({@code parquet}, read directly by DuckDB, pandas, Spark) or Delta Lake
 *     tables at stable paths ({@code delta}: atomic commits, only the changed partitions rewritten by a nightly run,
 *     time travel to the last {@code --keep-runs} runs)
 * @param database the catalog database the tables are created or updated in ({@code NAME.articles}, ...), if any
 */
public record PublishConfig(TableFormat tableFormat, Optional<String> database) {

  /** The table formats of {@code --table-format}. */
  public enum TableFormat {
    PARQUET, DELTA;

    public static TableFormat parse(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "parquet" -> PARQUET;
        case "delta" -> DELTA;
        default -> throw new ConfigException("--table-format should be parquet or delta, value: " + value);
      };
    }

    /** The name a manifest records and {@code --table-format} takes. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A database name every catalog accepts unquoted (Hive's metastore folds names to lower case). */
  private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  public static final PublishConfig DEFAULT = new PublishConfig(TableFormat.PARQUET, Optional.empty());

  public PublishConfig {
    database.ifPresent(name -> {
      if (!DATABASE_NAME.matcher(name).matches()) {
        throw new ConfigException("--database should be a name of letters, digits and _ not starting with a digit, "
            + "value: " + name);
      }
    });
  }

  public static PublishConfig from(Settings settings) {
    return new PublishConfig(TableFormat.parse(settings.string(ConfigOption.TABLE_FORMAT)),
        settings.optionalString(ConfigOption.DATABASE));
  }
}
