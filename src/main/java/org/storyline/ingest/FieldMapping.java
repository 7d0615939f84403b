package org.storyline.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.storyline.io.RawRecords;
import org.storyline.schema.CanonicalFields;

/**
 * Picks each canonical field out of a record's {@code fields} map: the {@code --field} override if given, otherwise
 * the first non-blank of the usual column names ({@link CanonicalFields}). Works per row, so files with different
 * column names can be read in one run. A nested JSON source such as NewsAPI's {@code {"id":..,"name":..}} gives its
 * name.
 */
final class FieldMapping {
  private FieldMapping() {}

  static final String ID_IN = "id_in";
  static final String TITLE_IN = "title_in";
  static final String TEXT_IN = "text_in";
  static final String PUBLISHED_IN = "published_in";
  static final String SOURCE_IN = "source_in";
  static final String URL_IN = "url_in";
  static final String LANG_IN = "lang_in";

  /** The canonical input columns, each a string or null. */
  static Column[] canonicalColumns(Map<String, String> overrides) {
    Column text = field("text", overrides);
    if (!overrides.containsKey("text")) {
      text = coalesce(text, firstOf(CanonicalFields.TEXT_FALLBACK));
    }
    return new Column[] {
        field("id", overrides).as(ID_IN),
        field("title", overrides).as(TITLE_IN),
        text.as(TEXT_IN),
        field("published", overrides).as(PUBLISHED_IN),
        objectName(field("source", overrides)).as(SOURCE_IN),
        field("url", overrides).as(URL_IN),
        field("lang", overrides).as(LANG_IN),
    };
  }

  private static Column field(String canonical, Map<String, String> overrides) {
    String override = overrides.get(canonical);
    if (override != null) {
      return lookup(override.toLowerCase(Locale.ROOT));
    }
    return firstOf(CanonicalFields.CANDIDATES.get(canonical));
  }

  private static Column firstOf(List<String> names) {
    List<Column> candidates = new ArrayList<>();
    for (String name : names) {
      candidates.add(lookup(name));
    }
    return coalesce(candidates.toArray(Column[]::new));
  }

  /**
   * {@code name} or a dotted path into a nested JSON value ({@code source.name}), trimmed of spaces; blank by
   * {@link TextCleaner#isBlank} (any kind of whitespace, zero-width characters) counts as missing, so the next
   * candidate column is tried.
   */
  private static Column lookup(String name) {
    Column fields = col(RawRecords.FIELDS);
    Column value = fields.getItem(name);
    int dot = name.indexOf('.');
    if (dot > 0) {
      value = coalesce(value, get_json_object(fields.getItem(name.substring(0, dot)), "$" + name.substring(dot)));
    }
    Column trimmed = trim(value);
    return when(TextFunctions.isBlank(trimmed), lit(null)).otherwise(trimmed);
  }

  private static Column objectName(Column value) {
    return when(value.startsWith("{"),
        coalesce(get_json_object(value, "$.name"), get_json_object(value, "$.title"), get_json_object(value, "$.id")))
        .otherwise(value);
  }
}
