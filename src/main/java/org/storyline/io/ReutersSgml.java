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

  /** The opening tag of a story: {@code <REUTERS} then attributes (not {@code <REUTERSX>}). */
  private static final Pattern OPEN = Pattern.compile("<REUTERS(?=[\\s>])([^>]*)>");
  private static final String CLOSE = "</REUTERS>";
  private static final Pattern NEWID = Pattern.compile("NEWID=\"(\\d+)\"");
  private static final Pattern D = Pattern.compile("<D>(.*?)</D>", Pattern.DOTALL);
  private static final Pattern TAG = Pattern.compile("<[^>]+>");
  /** Characters of a file with no story kept as the raw text of its reject. */
  static final int NO_STORY_RAW_CHARS = 4096;

  /**
   * The stories of one file. A story runs from its {@code <REUTERS ...>} to the first {@code </REUTERS>}; one
   * whose next story begins first is unclosed, a {@code malformed_sgml} row, and the next story is read as
   * usual. A file without any story is one {@code malformed_sgml} row. {@code cut} is why the file ended early (a
   * truncated {@code .sgm.gz}), or null: the stories before the cut are read and the unfinished rest is one
   * {@code unreadable_file} row.
   */
  public static List<Row> records(String path, String sgml, Exception cut, int maxRecordBytes) {
    List<Row> rows = new ArrayList<>();
    Matcher open = OPEN.matcher(sgml);
    boolean found = open.find();
    long index = 0;
    while (found) {
      index++;
      int start = open.start();
      int contentStart = open.end();
      String attributes = open.group(1);
      int close = sgml.indexOf(CLOSE, contentStart);
      found = open.find(contentStart);
      int next = found ? open.start() : sgml.length();
      if (close >= 0 && close < next) {
        String story = sgml.substring(start, close + CLOSE.length());
        long bytes = FileRecordReader.utf8Bytes(story);
        rows.add(bytes > maxRecordBytes ? FileRecordReader.tooLarge(path, index, story, bytes, maxRecordBytes)
            : story(path, index, story, attributes, sgml.substring(contentStart, close)));
      } else if (found) {
        rows.add(FileRecordReader.error(path, index, sgml.substring(start, next), RawRecords.MALFORMED_SGML,
            "unclosed <REUTERS>: the next story begins before its </REUTERS>"));
      } else if (cut != null) {
        rows.add(FileRecordReader.unreadable(path, index, sgml.substring(start), cut));
        return rows;
      } else {
        rows.add(FileRecordReader.error(path, index, sgml.substring(start), RawRecords.MALFORMED_SGML,
            "unclosed <REUTERS>: the file ends before its </REUTERS>"));
      }
    }
    if (cut != null) {
      rows.add(FileRecordReader.unreadable(path, index + 1, null, cut));
    } else if (index == 0) {
      rows.add(FileRecordReader.error(path, 1, sgml.substring(0, Math.min(sgml.length(), NO_STORY_RAW_CHARS)),
          RawRecords.MALFORMED_SGML, "no <REUTERS> story in the file (" + sgml.length() + " characters)"));
    }
    return rows;
  }

  private static Row story(String path, long index, String story, String attributes, String content) {
    Matcher id = NEWID.matcher(attributes);
    if (!id.find()) {
      return FileRecordReader.error(path, index, story, RawRecords.MALFORMED_SGML, "no NEWID");
    }
    return FileRecordReader.record(path, index, story, fields(id.group(1), content));
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
