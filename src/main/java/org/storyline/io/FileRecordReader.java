package org.storyline.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
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
  /**
   * Parses records. Jackson's limit on the length of a string is lifted: the size of a record is checked before it
   * is parsed, against --max-record-bytes, so a large record is record_too_large and not a parser error.
   */
  private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build()).build());
  private static final JsonFactory JSON_FACTORY = JSON.getFactory();
  /** Finds where the values of a JSON document begin and end, whatever their depth or size; parses none. */
  private static final JsonFactory SCAN_FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Integer.MAX_VALUE)
          .maxStringLength(Integer.MAX_VALUE).maxNumberLength(Integer.MAX_VALUE).maxNameLength(Integer.MAX_VALUE)
          .maxDocumentLength(-1).build())
      .build();
  private static final Set<String> WRAPPER_KEYS = Set.of("articles", "data", "items", "results", "docs", "documents");
  /** Keys a plain-text article's leading header block may set. */
  static final Set<String> TEXT_HEADER_KEYS = Set.of("title", "headline", "date", "published", "publish_date",
      "pub_date", "source", "outlet", "publisher", "url", "link", "id", "lang", "language", "author", "byline");
  private static final Pattern HEADER_LINE = Pattern.compile("^([A-Za-z][A-Za-z_ -]{0,30}):\\s*(.*)$");

  private final Broadcast<SerializableHadoopConf> conf;
  private final int maxRecordBytes;

  public FileRecordReader(Broadcast<SerializableHadoopConf> conf, int maxRecordBytes) {
    this.conf = conf;
    this.maxRecordBytes = maxRecordBytes;
  }

  @Override
  public Iterator<Row> call(Row file) throws IOException {
    String path = file.getString(0);
    InputFormat format = InputFormat.valueOf(file.getString(1));
    return read(path, format, conf.value().get(), maxRecordBytes);
  }

  /**
   * The records of one file, lazily where the format allows. Never throws for a bad file: a file that cannot be
   * opened or decompressed, or that ends early, gives an {@code unreadable_file} row after the records read before.
   */
  public static Iterator<Row> read(String path, InputFormat format, Configuration conf, int maxRecordBytes) {
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
      return new JsonLines(path, new LineSource(opened.reader(), opened.stream()::failure, maxRecordBytes),
          maxRecordBytes);
    }
    Content content;
    try {
      content = readAll(path, conf, format == InputFormat.REUTERS ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return List.of(unreadable(path, 1, null, e)).iterator();
    }
    return switch (format) {
      case JSON -> jsonDocument(path, content, maxRecordBytes);
      case TEXT -> List.of(textArticle(path, content, maxRecordBytes)).iterator();
      default -> ReutersSgml.records(path, content.text(), content.cut(), maxRecordBytes).iterator();
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
    BufferedReader reader = new BufferedReader(new InputStreamReader(stream, charset), 1 << 16);
    if (charset.equals(StandardCharsets.UTF_8)) {
      skipByteOrderMark(reader);
    }
    return new Opened(reader, stream);
  }

  /** A UTF-8 byte-order mark (U+FEFF) at the start of a file is not text: every reader starts after it. */
  private static void skipByteOrderMark(BufferedReader reader) throws IOException {
    reader.mark(1);
    if (reader.read() != '\uFEFF') {
      reader.reset();
    }
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

  /** The UTF-8 size of {@code chars[from, to)}, without encoding it. */
  static long utf8Bytes(char[] chars, int from, int to) {
    long bytes = 0;
    for (int i = from; i < to; i++) {
      char c = chars[i];
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
    }
    return bytes;
  }

  static long utf8Bytes(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
    }
    return bytes;
  }

  /**
   * The {@code record_too_large} row of a record of {@code bytes} bytes. Its raw text is only the first
   * {@link RawRecords#TOO_LARGE_RAW_CHARS} characters, so the reject row is small however large the record.
   */
  static Row tooLarge(String path, long lineOrRow, String raw, long bytes, int maxRecordBytes) {
    String prefix = raw.length() <= RawRecords.TOO_LARGE_RAW_CHARS ? raw
        : raw.substring(0, RawRecords.TOO_LARGE_RAW_CHARS);
    return error(path, lineOrRow, prefix, RawRecords.RECORD_TOO_LARGE,
        "record of " + bytes + " bytes is larger than --max-record-bytes " + maxRecordBytes);
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
    private final int maxRecordBytes;
    private final Deque<Row> pending = new ArrayDeque<>();
    private long lineNumber;
    private Row next;
    private boolean done;

    JsonLines(String path, LineSource lines, int maxRecordBytes) {
      this.path = path;
      this.lines = lines;
      this.maxRecordBytes = maxRecordBytes;
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
          if (line.bytes() > maxRecordBytes) {
            return tooLarge(path, lineNumber, line.text(), line.bytes(), maxRecordBytes);
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

  private static Iterator<Row> jsonDocument(String path, Content content, int maxRecordBytes) {
    String text = content.text();
    String trimmed = text.stripLeading();
    if (trimmed.startsWith("{") && looksLikeJsonLines(trimmed)) {
      return new JsonLines(path, new LineSource(new StringReader(text), content::cut, maxRecordBytes),
          maxRecordBytes);
    }
    return new JsonDocument(path, content, maxRecordBytes).rows().iterator();
  }

  /**
   * A .json file: an array of articles, an object holding one under a wrapper key, or one article. The file is
   * scanned with a parser without nesting or length limits, which only finds where each array element begins and
   * ends; each element is then parsed on its own, so an element too deeply nested (or otherwise refused by
   * Jackson's limits) is one {@code malformed_json} row and the elements after it are read. Only a syntax error
   * ends the scan: the rest of the file is then one row ({@code unreadable_file} if the file was cut there).
   */
  private static final class JsonDocument {
    private final String path;
    private final String text;
    private final Exception cut;
    private final int maxRecordBytes;
    private final List<Row> rows = new ArrayList<>();
    private int scanned;
    private long index;

    JsonDocument(String path, Content content, int maxRecordBytes) {
      this.path = path;
      this.text = content.text();
      this.cut = content.cut();
      this.maxRecordBytes = maxRecordBytes;
    }

    List<Row> rows() {
      try (JsonParser scan = SCAN_FACTORY.createParser(text)) {
        JsonToken first = scan.nextToken();
        if (first == JsonToken.START_ARRAY) {
          elements(scan);
        } else if (first == JsonToken.START_OBJECT) {
          object(scan);
        } else if (first == null) {
          rows.add(cut != null ? unreadable(path, 1, null, cut)
              : error(path, 1, null, RawRecords.MALFORMED_JSON, "no JSON value in the file"));
          return rows;
        } else {
          rows.add(error(path, 1, text, RawRecords.MALFORMED_JSON, "not a JSON object or array"));
        }
      } catch (JsonProcessingException e) {
        rest(e);
        return rows;
      } catch (IOException e) {
        rows.add(unreadable(path, Math.max(index, 1), null, e));
        return rows;
      }
      if (cut != null) {
        rows.add(unreadable(path, index + 1, null, cut));
      }
      return rows;
    }

    /** A wrapper object's first wrapper key holding an array gives the records, else the object is one. */
    private void object(JsonParser scan) throws IOException {
      while (scan.nextToken() == JsonToken.FIELD_NAME) {
        String name = scan.currentName();
        JsonToken value = scan.nextToken();
        if (value == JsonToken.START_ARRAY && WRAPPER_KEYS.contains(name)) {
          elements(scan);
          return;
        }
        scan.skipChildren();
      }
      index = 1;
      long bytes = utf8Bytes(text);
      rows.addAll(bytes > maxRecordBytes ? List.of(tooLarge(path, 1, text, bytes, maxRecordBytes))
          : values(path, 1, text));
    }

    /** The elements of the array the scanner stands on, each parsed on its own. */
    private void elements(JsonParser scan) throws IOException {
      scanned = (int) scan.currentTokenLocation().getCharOffset() + 1;
      JsonToken token;
      while ((token = scan.nextToken()) != JsonToken.END_ARRAY) {
        index++;
        int start = (int) scan.currentTokenLocation().getCharOffset();
        if (token.isScalarValue()) {
          scan.getText(); // reads a string to its closing quote, so the location below is after it
        }
        scan.skipChildren();
        int end = token.isStructStart() ? (int) scan.currentTokenLocation().getCharOffset() + 1
            : (int) scan.currentLocation().getCharOffset();
        scanned = end;
        rows.add(element(text.substring(start, end)));
      }
    }

    private Row element(String raw) {
      long bytes = utf8Bytes(raw);
      if (bytes > maxRecordBytes) {
        return tooLarge(path, index, raw, bytes, maxRecordBytes);
      }
      try {
        JsonNode element = JSON.readTree(raw);
        return element.isObject() ? record(path, index, raw, fields(element))
            : error(path, index, raw, RawRecords.MALFORMED_JSON, "array element is not an object");
      } catch (JsonProcessingException e) {
        return error(path, index, raw, RawRecords.MALFORMED_JSON, e.getOriginalMessage());
      }
    }

    /** The rest of the file after the last element read, as one row: it cannot be split reliably. */
    private void rest(JsonProcessingException e) {
      String rest = text.substring(Math.min(scanned, text.length())).replaceFirst("^[\\s,]+", "");
      long at = index == 0 ? 1 : index;
      rows.add(cut != null ? unreadable(path, at, rest, cut)
          : error(path, at, rest, RawRecords.MALFORMED_JSON, e.getOriginalMessage()));
    }
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
  private static Row textArticle(String path, Content read, int maxRecordBytes) {
    String content = read.text();
    if (read.cut() != null) {
      // An article cut short is not an article: the text read so far is the raw of the file's reject.
      return unreadable(path, 1, content, read.cut());
    }
    long bytes = utf8Bytes(content);
    if (bytes > maxRecordBytes) {
      return tooLarge(path, 1, content, bytes, maxRecordBytes);
    }
    Map<String, String> fields = new LinkedHashMap<>();
    String name = InputResolver.stripCompression(new Path(path).getName());
    int dot = name.lastIndexOf('.');
    fields.put("id", dot > 0 ? name.substring(0, dot) : name);

    String body = content;
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
