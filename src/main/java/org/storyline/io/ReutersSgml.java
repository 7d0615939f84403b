package org.storyline.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;

/**
 * The Reuters-21578 SGML files ({@code reut2-NNN.sgm}): one {@code <REUTERS>} element per story. Each becomes a
 * record with {@code id} ({@code reuters-NEWID}), {@code title}, {@code text} (the BODY, or the whole TEXT of
 * stories without one), {@code date}, {@code dateline}, {@code source} = Reuters, and the gold labels
 * {@code topics}, {@code places}, {@code people}, {@code orgs}, {@code exchanges} joined by '|' for evaluation.
 */
public final class ReutersSgml {
  private ReutersSgml() {}

  private static final Pattern STORY = Pattern.compile("<REUTERS([^>]*)>(.*?)</REUTERS>", Pattern.DOTALL);
  private static final Pattern NEWID = Pattern.compile("NEWID=\"(\\d+)\"");
  private static final Pattern D = Pattern.compile("<D>(.*?)</D>", Pattern.DOTALL);
  private static final Pattern TAG = Pattern.compile("<[^>]+>");

  /**
   * The stories of one file. {@code cut} is why the file ended early (a truncated {@code .sgm.gz}), or null: the
   * stories before the cut are read and the unfinished rest is one {@code unreadable_file} row.
   */
  public static List<Row> records(String path, String sgml, Exception cut) {
    List<Row> rows = new ArrayList<>();
    Matcher story = STORY.matcher(sgml);
    int lastEnd = 0;
    long index = 0;
    while (story.find()) {
      index++;
      String between = sgml.substring(lastEnd, story.start());
      if (index > 1 && between.contains("<REUTERS")) {
        rows.add(FileRecordReader.error(path, index, between, RawRecords.MALFORMED_SGML, "unclosed <REUTERS>"));
      }
      lastEnd = story.end();
      Matcher id = NEWID.matcher(story.group(1));
      if (!id.find()) {
        rows.add(FileRecordReader.error(path, index, story.group(), RawRecords.MALFORMED_SGML, "no NEWID"));
        continue;
      }
      rows.add(FileRecordReader.record(path, index, story.group(), fields(id.group(1), story.group(2))));
    }
    String tail = sgml.substring(lastEnd);
    if (cut != null) {
      rows.add(FileRecordReader.unreadable(path, index + 1, tail.contains("<REUTERS") ? tail : null, cut));
    } else if (tail.contains("<REUTERS")) {
      rows.add(FileRecordReader.error(path, index + 1, tail, RawRecords.MALFORMED_SGML, "unclosed <REUTERS>"));
    }
    return rows;
  }

  static Map<String, String> fields(String newId, String story) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("id", "reuters-" + newId);
    put(f, "date", element(story, "DATE"));
    put(f, "title", element(story, "TITLE"));
    put(f, "dateline", element(story, "DATELINE"));
    String body = element(story, "BODY");
    if (body == null) {
      String text = element(story, "TEXT");
      body = text == null ? null : TAG.matcher(text).replaceAll(" ");
    }
    put(f, "text", body);
    f.put("source", "Reuters");
    for (String labels : List.of("TOPICS", "PLACES", "PEOPLE", "ORGS", "EXCHANGES")) {
      String element = element(story, labels);
      if (element != null) {
        List<String> values = new ArrayList<>();
        Matcher d = D.matcher(element);
        while (d.find()) {
          values.add(d.group(1).trim());
        }
        f.put(labels.toLowerCase(java.util.Locale.ROOT), String.join("|", values));
      }
    }
    return f;
  }

  private static void put(Map<String, String> fields, String key, String value) {
    if (value != null && !value.isBlank()) {
      fields.put(key, value);
    }
  }

  private static String element(String story, String name) {
    int open = story.indexOf("<" + name + ">");
    int withAttributes = story.indexOf("<" + name + " ");
    if (open < 0 || (withAttributes >= 0 && withAttributes < open)) {
      open = withAttributes;
    }
    if (open < 0) {
      return null;
    }
    int contentStart = story.indexOf('>', open) + 1;
    int close = story.indexOf("</" + name + ">", contentStart);
    if (contentStart <= 0 || close < 0) {
      return null;
    }
    return story.substring(contentStart, close);
  }
}
