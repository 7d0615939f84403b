package org.storyline.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.EnumSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.storyline.config.InputFormat;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Reads one input file on an executor and yields its records as {@link RawRecords#SCHEMA} rows: JSON lines, JSON
 * (an array of articles, one article, or a wrapper object holding the array under {@code articles}, {@code data},
 * {@code items} or {@code results}), plain-text articles, and Reuters-21578 SGML. Compressed files are decompressed
 * by Hadoop's codecs. A record that cannot be parsed becomes a row with a parse error rather than an exception, and
 * an I/O error ends the file with one {@code unreadable_file} row: nothing read so far is lost.
 *
 * <p>Input rows: {@code path: string, format: string}.
 */
public final class FileRecordReader implements FlatMapFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory JSON_FACTORY = JSON.getFactory();
  private static final Set<String> WRAPPER_KEYS = Set.of("articles", "data", "items", "results", "docs", "documents");
  /** Keys a plain-text article's leading header block may set. */
  static final Set<String> TEXT_HEADER_KEYS = Set.of("title", "headline", "date", "published", "publish_date",
      "pub_date", "source", "outlet", "publisher", "url", "link", "id", "lang", "language", "author", "byline");
  private static final Pattern HEADER_LINE = Pattern.compile("^([A-Za-z][A-Za-z_ -]{0,30}):\\s*(.*)$");

  private final Broadcast<SerializableHadoopConf> conf;

  public FileRecordReader(Broadcast<SerializableHadoopConf> conf) {
    this.conf = conf;
  }

  @Override
  public Iterator<Row> call(Row file) throws IOException {
    String path = file.getString(0);
    InputFormat format = InputFormat.valueOf(file.getString(1));
    return read(path, format, conf.value().get());
  }

  /**
   * The records of one file, lazily where the format allows. Never throws for a bad file: a file that cannot be
   * opened or decompressed, or that ends early, gives an {@code unreadable_file} row after the records read before.
   */
  public static Iterator<Row> read(String path, InputFormat format, Configuration conf) {
    if (!EnumSet.of(InputFormat.JSONL, InputFormat.JSON, InputFormat.TEXT, InputFormat.REUTERS).contains(format)) {
      throw new IllegalArgumentException("not a per-file format: " + format);
    }
    if (format == InputFormat.JSONL) {
      Opened opened;
      try {
        opened = open(path, conf, StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException e) {
        return List.of(unreadable(path, 1, null, e)).iterator();
      }
      return new JsonLines(path, new LineSource(opened.reader(), opened.stream()::failure));
    }
    Content content;
    try {
      content = readAll(path, conf, format == InputFormat.REUTERS ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return List.of(unreadable(path, 1, null, e)).iterator();
    }
    return switch (format) {
      case JSON -> jsonDocument(path, content);
      case TEXT -> List.of(textArticle(path, content)).iterator();
      default -> ReutersSgml.records(path, content.text(), content.cut()).iterator();
    };
  }

  /** A file opened for reading: the decoded text, and the byte stream under it that records a cut. */
  record Opened(BufferedReader reader, CutStream stream) {}

  /** A whole file's text, and why it ended early (null when it was read to its end). */
  record Content(String text, Exception cut) {}

  static Opened open(String path, Configuration conf, Charset charset) throws IOException {
    Path p = new Path(path);
    FileSystem fs = p.getFileSystem(conf);
    InputStream in = fs.open(p);
    try {
      CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(p);
      if (codec != null) {
        in = codec.createInputStream(in);
      }
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
    CutStream stream = new CutStream(in);
    return new Opened(new BufferedReader(new InputStreamReader(stream, charset), 1 << 16), stream);
  }

  /** The text of a file up to its end or to where reading failed. */
  static Content readAll(String path, Configuration conf, Charset charset) throws IOException {
    Opened opened = open(path, conf, charset);
    try (BufferedReader reader = opened.reader()) {
      StringBuilder sb = new StringBuilder();
      char[] buffer = new char[1 << 16];
      int n;
      while ((n = reader.read(buffer)) >= 0) {
        sb.append(buffer, 0, n);
      }
      return new Content(sb.toString(), opened.stream().failure());
    }
  }

  /** The {@code unreadable_file} row of a file that could not be opened or was cut at {@code lineOrRow}. */
  static Row unreadable(String path, long lineOrRow, String raw, Exception cause) {
    return error(path, lineOrRow, raw == null || raw.isEmpty() ? null : raw, RawRecords.UNREADABLE_FILE,
        cause.toString());
  }

  static Row record(String path, long lineOrRow, String raw, Map<String, String> fields) {
    // Spark's row encoder takes a Scala map for a MAP column.
    return RowFactory.create(path, lineOrRow, raw, CollectionConverters.asScala(fields), null, null);
  }

  static Row error(String path, long lineOrRow, String raw, String reason, String detail) {
    return RowFactory.create(path, lineOrRow, raw, null, reason, detail);
  }

  /**
   * The fields of a JSON object by lower-cased key: strings as they are, numbers and booleans as their text, nested
   * objects and arrays as JSON text (a later stage may pick a nested field such as {@code source.name}). The first
   * of two keys that differ only in case wins.
   */
  static Map<String, String> fields(JsonNode object) {
    Map<String, String> fields = new LinkedHashMap<>();
    object.properties().forEach(e -> {
      JsonNode value = e.getValue();
      if (value == null || value.isNull()) {
        return;
      }
      String text = value.isValueNode() ? value.asText() : value.toString();
      fields.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), text);
    });
    return fields;
  }

  /**
   * One record per non-blank line; lazily, so a large file is never held in memory. A line the file ends in the
   * middle of (a truncated {@code .gz}) is not parsed: it is the raw text of the file's {@code unreadable_file} row.
   */
  private static final class JsonLines implements Iterator<Row> {
    private final String path;
    private final LineSource lines;
    private final Deque<Row> pending = new ArrayDeque<>();
    private long lineNumber;
    private Row next;
    private boolean done;

    JsonLines(String path, LineSource lines) {
      this.path = path;
      this.lines = lines;
    }

    @Override
    public boolean hasNext() {
      if (next == null && !done) {
        next = advance();
      }
      return next != null;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row row = next;
      next = null;
      return row;
    }

    private Row advance() {
      if (!pending.isEmpty()) {
        return pending.poll();
      }
      try {
        LineSource.Line line;
        while ((line = lines.next()) != null) {
          lineNumber++;
          if (!line.terminated() && lines.failure() != null) {
            close();
            return unreadable(path, lineNumber, line.text(), lines.failure());
          }
          if (!line.text().isBlank()) {
            pending.addAll(values(path, lineNumber, line.text()));
            return pending.poll();
          }
        }
        close();
        return lines.failure() == null ? null : unreadable(path, lineNumber + 1, null, lines.failure());
      } catch (IOException | RuntimeException e) {
        close();
        return unreadable(path, lineNumber + 1, null, e);
      }
    }

    private void close() {
      done = true;
      try {
        lines.close();
      } catch (IOException ignored) {
        // nothing more to read either way
      }
    }
  }

  /**
   * The JSON values of one line, each a row: an object is a record, anything else a {@code malformed_json} row. A
   * line holding several objects ({@code {..} {..}}) gives them all, numbered by the line; text that does not
   * parse ends the line as one {@code malformed_json} row holding that text, after the values read before it. A
   * line of one value keeps the whole line as its raw text.
   */
  static List<Row> values(String path, long number, String line) {
    List<Row> rows = new ArrayList<>();
    int valueStart = 0;
    try (JsonParser parser = JSON_FACTORY.createParser(line)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        JsonNode node = JSON.readTree(parser);
        int valueEnd = token.isStructStart() ? (int) parser.currentTokenLocation().getCharOffset() + 1
            : (int) parser.currentLocation().getCharOffset();
        valueEnd = Math.min(valueEnd, line.length());
        String raw = rows.isEmpty() && line.substring(valueEnd).isBlank() ? line
            : line.substring(valueStart, valueEnd).strip();
        valueStart = valueEnd;
        rows.add(node.isObject() ? record(path, number, raw, fields(node))
            : error(path, number, raw, RawRecords.MALFORMED_JSON, "not a JSON object"));
      }
    } catch (JsonProcessingException e) {
      String rest = rows.isEmpty() ? line : line.substring(Math.min(valueStart, line.length())).strip();
      String detail = rows.isEmpty() ? e.getOriginalMessage()
          : "text after " + rows.size() + " JSON value(s) on the line: " + e.getOriginalMessage();
      rows.add(error(path, number, rest, RawRecords.MALFORMED_JSON, detail));
    } catch (IOException e) {
      rows.add(unreadable(path, number, line, e));
    }
    return rows;
  }

  private static Iterator<Row> jsonDocument(String path, Content content) {
    List<Row> rows = new ArrayList<>();
    String text = content.text();
    String trimmed = text.stripLeading();
    if (trimmed.startsWith("{") && looksLikeJsonLines(trimmed)) {
      return new JsonLines(path, new LineSource(new StringReader(text), content::cut));
    }
    try (JsonParser parser = JSON_FACTORY.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == JsonToken.START_OBJECT) {
        JsonNode root = JSON.readTree(parser);
        JsonNode array = null;
        for (String key : WRAPPER_KEYS) {
          if (root.has(key) && root.get(key).isArray()) {
            array = root.get(key);
            break;
          }
        }
        if (array == null) {
          rows.add(record(path, 1, text, fields(root)));
        } else {
          long index = 0;
          for (JsonNode element : array) {
            index++;
            rows.add(element.isObject() ? record(path, index, element.toString(), fields(element))
                : error(path, index, element.toString(), RawRecords.MALFORMED_JSON, "array element is not an object"));
          }
        }
      } else if (first == JsonToken.START_ARRAY) {
        long index = 0;
        while (true) {
          long startOffset = parser.currentLocation().getCharOffset();
          JsonToken token;
          try {
            token = parser.nextToken();
            if (token == JsonToken.END_ARRAY || token == null) {
              break;
            }
            index++;
            JsonNode element = JSON.readTree(parser);
            rows.add(element.isObject() ? record(path, index, element.toString(), fields(element))
                : error(path, index, element.toString(), RawRecords.MALFORMED_JSON,
                    "array element is not an object"));
          } catch (JsonProcessingException e) {
            // The rest of the file cannot be parsed reliably: keep it whole as one rejected record.
            String rest = text.substring((int) Math.min(Math.max(startOffset, 0), text.length()))
                .replaceFirst("^[\\s,]+", "");
            rows.add(content.cut() != null ? unreadable(path, index == 0 ? 1 : index, rest, content.cut())
                : error(path, index == 0 ? 1 : index, rest, RawRecords.MALFORMED_JSON, e.getOriginalMessage()));
            return rows.iterator();
          }
        }
      } else {
        rows.add(error(path, 1, text, RawRecords.MALFORMED_JSON, "not a JSON object or array"));
      }
    } catch (JsonProcessingException e) {
      rows.add(content.cut() != null ? unreadable(path, 1, text, content.cut())
          : error(path, 1, text, RawRecords.MALFORMED_JSON, e.getOriginalMessage()));
      return rows.iterator();
    } catch (IOException e) {
      rows.add(unreadable(path, 1, null, e));
      return rows.iterator();
    }
    if (content.cut() != null) {
      rows.add(unreadable(path, rows.size() + 1, null, content.cut()));
    }
    return rows.iterator();
  }

  /** A .json file whose first line is a whole object and that has more lines is JSON lines in disguise. */
  private static boolean looksLikeJsonLines(String text) {
    int newline = text.indexOf('\n');
    if (newline < 0 || text.substring(newline).isBlank()) {
      return false;
    }
    try {
      JsonNode first = JSON.readTree(text.substring(0, newline));
      return first != null && first.isObject();
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  /**
   * A plain-text article: the file name (without extensions) is its id; an optional leading block of
   * {@code key: value} lines, ended by a blank line, sets title, date, source and the like. The block is only taken
   * as a header when every key is one we know, so a first line such as "WASHINGTON: ..." stays text.
   */
  private static Row textArticle(String path, Content read) {
    String content = read.text();
    if (read.cut() != null) {
      // An article cut short is not an article: the text read so far is the raw of the file's reject.
      return unreadable(path, 1, content, read.cut());
    }
    Map<String, String> fields = new LinkedHashMap<>();
    String name = InputResolver.stripCompression(new Path(path).getName());
    int dot = name.lastIndexOf('.');
    fields.put("id", dot > 0 ? name.substring(0, dot) : name);

    String body = content.startsWith("\uFEFF") ? content.substring(1) : content;
    String[] lines = body.split("\\r?\\n", -1);
    Map<String, String> header = new LinkedHashMap<>();
    int i = 0;
    while (i < lines.length && !lines[i].isBlank()) {
      Matcher m = HEADER_LINE.matcher(lines[i]);
      String key = m.matches() ? m.group(1).trim().toLowerCase(Locale.ROOT).replace(' ', '_') : null;
      if (key == null || !TEXT_HEADER_KEYS.contains(key)) {
        header.clear();
        break;
      }
      header.putIfAbsent(key, m.group(2).trim());
      i++;
    }
    if (!header.isEmpty() && i < lines.length) {
      fields.putAll(header);
      body = String.join("\n", java.util.Arrays.asList(lines).subList(i + 1, lines.length));
    }
    fields.put("text", body);
    return record(path, 1, content, fields);
  }
}
