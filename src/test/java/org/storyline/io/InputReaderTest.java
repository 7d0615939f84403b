package org.storyline.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.compress.BZip2Codec;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storyline.config.ConfigException;
import org.storyline.config.ConfigOption;
import org.storyline.config.JobConfig;
import org.storyline.config.Settings;
import org.storyline.config.InputFormat;
import org.storyline.ingest.Ingest;
import org.storyline.schema.Col;
import org.storyline.testing.TestSpark;
import scala.jdk.javaapi.CollectionConverters;

class InputReaderTest {
  private final SparkSession spark = TestSpark.session();

  @TempDir
  Path dir;

  /** One raw record, as a test sees it. */
  record Raw(String file, long line, String raw, Map<String, String> fields, String error, String detail) {}

  private List<Raw> read(InputFormat format, Path... inputs) {
    return read(DEFAULT_MAX_RECORD_BYTES, format, inputs);
  }

  private static final int DEFAULT_MAX_RECORD_BYTES =
      Integer.parseInt(org.storyline.config.ConfigOption.MAX_RECORD_BYTES.defaultValue().orElseThrow());

  private List<Raw> read(int maxRecordBytes, InputFormat format, Path... inputs) {
    List<String> paths = java.util.Arrays.stream(inputs).map(Path::toString).toList();
    InputResolver.Resolution resolution = InputResolver.resolve(paths, format, new Configuration());
    return InputReader.read(spark, resolution, maxRecordBytes).collectAsList().stream()
        .map(r -> new Raw(new org.apache.hadoop.fs.Path(r.getString(0)).getName(), r.getLong(1), r.getString(2),
            r.isNullAt(3) ? null : CollectionConverters.asJava(r.<scala.collection.Map<String, String>>getAs(3)),
            r.getString(4), r.getString(5)))
        .sorted(Comparator.comparing(Raw::file).thenComparing(Raw::line))
        .toList();
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void jsonLinesGiveOneRecordPerLineWithLowerCasedKeysAndMalformedLinesFlagged() throws IOException {
    write("a.jsonl", "{\"ID\":\"a1\",\"Headline\":\"Kim meets Putin\",\"n\":3,\"source\":{\"name\":\"Wire\"}}\n"
        + "\n"
        + "{\"id\":\"a2\",\"body\":\"broken\n"
        + "[1,2]\n"
        + "{\"id\":\"a3\",\"tags\":[\"x\",\"y\"],\"empty\":null}\n");
    List<Raw> rows = read(InputFormat.AUTO, dir);
    assertThat(rows).as("blank lines are not records").hasSize(4);
    assertThat(rows.get(0).fields()).as("line 1 fields").containsExactlyInAnyOrderEntriesOf(Map.of(
        "id", "a1", "headline", "Kim meets Putin", "n", "3", "source", "{\"name\":\"Wire\"}"));
    assertThat(rows.get(0).line()).as("line number").isEqualTo(1);
    assertThat(rows.get(1)).as("truncated line").extracting(Raw::line, Raw::error, Raw::raw)
        .containsExactly(3L, RawRecords.MALFORMED_JSON, "{\"id\":\"a2\",\"body\":\"broken");
    assertThat(rows.get(2)).as("an array is not an article").extracting(Raw::line, Raw::error)
        .containsExactly(4L, RawRecords.MALFORMED_JSON);
    assertThat(rows.get(3).fields()).as("arrays as JSON text, nulls absent")
        .containsExactlyInAnyOrderEntriesOf(Map.of("id", "a3", "tags", "[\"x\",\"y\"]"));
  }

  @Test
  void everyObjectOnAJsonLineIsARecordAndTrailingGarbageIsMalformed() throws IOException {
    write("multi.jsonl", "{\"id\":\"m1\"} {\"id\":\"m2\"}{\"id\":\"m3\"}\n"
        + "{\"id\":\"m4\"} trailing words\n"
        + "{\"id\":\"m5\"}  \n"
        + "{\"id\":\"m6\"} 42\n");
    List<Raw> rows = read(InputFormat.AUTO, dir);
    assertThat(rows).as("records and rejects, by line").extracting(Raw::line, Raw::error, Raw::raw)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(1L, null, "{\"id\":\"m1\"}"),
            org.assertj.core.groups.Tuple.tuple(1L, null, "{\"id\":\"m2\"}"),
            org.assertj.core.groups.Tuple.tuple(1L, null, "{\"id\":\"m3\"}"),
            org.assertj.core.groups.Tuple.tuple(2L, null, "{\"id\":\"m4\"}"),
            org.assertj.core.groups.Tuple.tuple(2L, RawRecords.MALFORMED_JSON, "trailing words"),
            org.assertj.core.groups.Tuple.tuple(3L, null, "{\"id\":\"m5\"}  "),
            org.assertj.core.groups.Tuple.tuple(4L, null, "{\"id\":\"m6\"}"),
            org.assertj.core.groups.Tuple.tuple(4L, RawRecords.MALFORMED_JSON, "42"));
    assertThat(rows).as("ids read").filteredOn(r -> r.error() == null).extracting(r -> r.fields().get("id"))
        .containsExactlyInAnyOrder("m1", "m2", "m3", "m4", "m5", "m6");
  }

  @Test
  void jsonFilesMayHoldAnArrayAWrapperObjectOneArticleOrJsonLines() throws IOException {
    write("array.json", "[{\"id\":\"x1\"}, {\"id\":\"x2\"}, 7]");
    write("wrapper.json", "{\"status\":\"ok\",\"articles\":[{\"title\":\"w1\"},{\"title\":\"w2\"}]}");
    write("single.json", "{\"id\":\"s1\",\"text\":\"one article\"}");
    write("lines.json", "{\"id\":\"l1\"}\n{\"id\":\"l2\"}\n");
    write("truncated.json", "[{\"id\":\"t1\"}, {\"id\":\"t2\", \"text\": \"cut");
    List<Raw> rows = read(InputFormat.AUTO, dir);
    assertThat(rows).as("records").extracting(Raw::file, Raw::line, r -> r.error() == null
            ? r.fields().getOrDefault("id", r.fields().get("title")) : r.error())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("array.json", 1L, "x1"),
            org.assertj.core.groups.Tuple.tuple("array.json", 2L, "x2"),
            org.assertj.core.groups.Tuple.tuple("array.json", 3L, RawRecords.MALFORMED_JSON),
            org.assertj.core.groups.Tuple.tuple("lines.json", 1L, "l1"),
            org.assertj.core.groups.Tuple.tuple("lines.json", 2L, "l2"),
            org.assertj.core.groups.Tuple.tuple("single.json", 1L, "s1"),
            org.assertj.core.groups.Tuple.tuple("truncated.json", 1L, "t1"),
            org.assertj.core.groups.Tuple.tuple("truncated.json", 2L, RawRecords.MALFORMED_JSON),
            org.assertj.core.groups.Tuple.tuple("wrapper.json", 1L, "w1"),
            org.assertj.core.groups.Tuple.tuple("wrapper.json", 2L, "w2"));
    assertThat(rows.get(7).raw()).as("the unreadable rest of the file is kept whole")
        .isEqualTo("{\"id\":\"t2\", \"text\": \"cut");
  }

  @Test
  void aTooDeeplyNestedArrayElementIsTheOnlyRejectAndTheElementsAfterItAreRead() throws IOException {
    String deep = "{\"id\":\"deep\",\"x\":" + "[".repeat(1500) + "]".repeat(1500) + "}";
    write("deep.json", "[{\"id\":\"d1\"}, " + deep + ", \"a string\", {\"id\":\"d3\"},\n {\"id\":\"d4\"}]");
    write("wrapped.json", "{\"status\":\"ok\",\"articles\":[" + deep + ",{\"id\":\"w2\"}],\"total\":2}");
    List<Raw> rows = read(InputFormat.AUTO, dir);
    assertThat(rows).as("elements").extracting(Raw::file, Raw::line, r -> r.error() == null
            ? r.fields().get("id") : r.error())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("deep.json", 1L, "d1"),
            org.assertj.core.groups.Tuple.tuple("deep.json", 2L, RawRecords.MALFORMED_JSON),
            org.assertj.core.groups.Tuple.tuple("deep.json", 3L, RawRecords.MALFORMED_JSON),
            org.assertj.core.groups.Tuple.tuple("deep.json", 4L, "d3"),
            org.assertj.core.groups.Tuple.tuple("deep.json", 5L, "d4"),
            org.assertj.core.groups.Tuple.tuple("wrapped.json", 1L, RawRecords.MALFORMED_JSON),
            org.assertj.core.groups.Tuple.tuple("wrapped.json", 2L, "w2"));
    assertThat(rows.get(1).raw()).as("the deep element alone is the reject's raw text").isEqualTo(deep);
    assertThat(rows.get(2).raw()).as("a string element").isEqualTo("\"a string\"");
  }

  @Test
  void csvKeepsQuotedNewlinesAndCommasAndReadsEachHeaderByName() throws IOException {
    write("one.csv", "Headline,Story,pub_date\n"
        + "\"Xi, host\",\"Line one,\nline two\",September 3 2025\n"
        + "\"Second\",\"He said \"\"no\"\"\",2025-09-04\n");
    write("two.csv", "title;content;date\nSemicolons;Body text;2025-09-05\n");
    List<Raw> rows = read(InputFormat.AUTO, dir);
    assertThat(rows).as("rows").hasSize(3);
    assertThat(rows.get(0).fields()).as("embedded newline and comma").containsExactlyInAnyOrderEntriesOf(Map.of(
        "headline", "Xi, host", "story", "Line one,\nline two", "pub_date", "September 3 2025"));
    assertThat(rows.get(1).fields().get("story")).as("doubled quotes").isEqualTo("He said \"no\"");
    assertThat(rows.get(1).line()).as("row numbers count records, not lines").isEqualTo(2);
    assertThat(rows.get(2).fields()).as("the other file's own header, semicolon-separated")
        .containsExactlyInAnyOrderEntriesOf(Map.of("title", "Semicolons", "content", "Body text",
            "date", "2025-09-05"));
  }

  @Test
  void csvWithoutHeaderNamesTheDateAndTextColumnsByContent() throws IOException {
    write("headlines.csv", "2020-07-18,TikTok considers London for headquarters\n"
        + "2020-07-17,\"Disney cuts ad spending, report says\"\n");
    List<Raw> rows = read(InputFormat.AUTO, dir);
    assertThat(rows).as("both rows are data").extracting(Raw::fields).containsExactly(
        Map.of("published", "2020-07-18", "text", "TikTok considers London for headquarters"),
        Map.of("published", "2020-07-17", "text", "Disney cuts ad spending, report says"));
  }

  @Test
  void csvRowsThatDoNotFitTheHeaderAreMalformed() throws IOException {
    write("bad.csv", "id,title,text\n1,ok,fine\n2,\"unterminated,text\n");
    List<Raw> rows = read(InputFormat.AUTO, dir);
    assertThat(rows).as("rows").extracting(Raw::line, Raw::error)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, null),
            org.assertj.core.groups.Tuple.tuple(2L, RawRecords.MALFORMED_CSV));
  }

  @Test
  void plainTextFilesTakeTheirIdFromTheFileNameAndAnOptionalHeaderBlock() throws IOException {
    write("texts/kim-2025.txt", "Title: Kim's aides\nDate: Wed, 03 Sep 2025 10:00:00 GMT\nSource: Blog\n\n"
        + "First paragraph.\n\nSecond paragraph.\n");
    write("texts/dateline.txt", "WASHINGTON: The Fed held rates.\n\nMore text.\n");
    List<Raw> rows = read(InputFormat.AUTO, dir.resolve("texts"));
    assertThat(rows.get(0).fields()).as("no header: a dateline stays text")
        .containsExactlyInAnyOrderEntriesOf(Map.of("id", "dateline",
            "text", "WASHINGTON: The Fed held rates.\n\nMore text.\n"));
    assertThat(rows.get(1).fields()).as("header block")
        .containsExactlyInAnyOrderEntriesOf(Map.of("id", "kim-2025", "title", "Kim's aides",
            "date", "Wed, 03 Sep 2025 10:00:00 GMT", "source", "Blog",
            "text", "First paragraph.\n\nSecond paragraph.\n"));
  }

  @Test
  void aUtf8ByteOrderMarkIsNotPartOfTheFirstRecord() throws IOException {
    String bom = "\uFEFF";
    write("bom.jsonl", bom + "{\"id\":\"j1\"}\n{\"id\":\"j2\"}\n");
    write("bom.json", bom + "[{\"id\":\"a1\"},{\"id\":\"a2\"}]");
    write("bom-single.json", bom + "{\"id\":\"s1\"}");
    write("bom.txt", bom + "Title: With a mark\n\nBody text.\n");
    write("bom.csv", bom + "id,title\nc1,First\n");
    write("bom-headerless.csv", bom + "2020-07-18,TikTok considers London\n");
    List<Raw> rows = read(InputFormat.AUTO, dir);
    assertThat(rows).as("no reject").extracting(Raw::error).containsOnlyNulls();
    assertThat(rows).as("fields of the first record of each file").extracting(Raw::file, Raw::line, Raw::fields)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("bom-headerless.csv", 1L,
                Map.of("published", "2020-07-18", "text", "TikTok considers London")),
            org.assertj.core.groups.Tuple.tuple("bom-single.json", 1L, Map.of("id", "s1")),
            org.assertj.core.groups.Tuple.tuple("bom.csv", 1L, Map.of("id", "c1", "title", "First")),
            org.assertj.core.groups.Tuple.tuple("bom.json", 1L, Map.of("id", "a1")),
            org.assertj.core.groups.Tuple.tuple("bom.json", 2L, Map.of("id", "a2")),
            org.assertj.core.groups.Tuple.tuple("bom.jsonl", 1L, Map.of("id", "j1")),
            org.assertj.core.groups.Tuple.tuple("bom.jsonl", 2L, Map.of("id", "j2")),
            org.assertj.core.groups.Tuple.tuple("bom.txt", 1L,
                Map.of("id", "bom", "title", "With a mark", "text", "Body text.\n")));
  }

  @Test
  void aRecordLargerThanMaxRecordBytesIsRecordTooLargeWithABoundedRaw() throws IOException {
    int max = 5000;
    String big = "x".repeat(10_000);
    String bigRecord = "{\"id\":\"big\",\"text\":\"" + big + "\"}";
    write("big.jsonl", "{\"id\":\"j1\"}\n" + bigRecord + "\n{\"id\":\"j3\"}\n");
    write("big.json", "[{\"id\":\"a1\"}," + bigRecord + ",{\"id\":\"a3\"}]");
    write("big.txt", big);
    write("big.csv", "id,text\nc1,small\nc2," + big + "\n");
    write("reut2-big.sgm", "<REUTERS NEWID=\"1\"><TEXT><BODY>" + big + "</BODY></TEXT></REUTERS>\n"
        + "<REUTERS NEWID=\"2\"><TEXT><BODY>small</BODY></TEXT></REUTERS>\n");
    // a character of 2 bytes in UTF-8: 3000 of them are 6000 bytes, over the limit though only 3000 chars
    write("wide.jsonl", "{\"id\":\"w1\",\"text\":\"" + "\u00e9".repeat(3000) + "\"}\n");
    List<Raw> rows = read(max, InputFormat.AUTO, dir);
    assertThat(rows).as("records and rejects").extracting(Raw::file, Raw::line, Raw::error)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("big.csv", 1L, null),
            org.assertj.core.groups.Tuple.tuple("big.csv", 2L, RawRecords.RECORD_TOO_LARGE),
            org.assertj.core.groups.Tuple.tuple("big.json", 1L, null),
            org.assertj.core.groups.Tuple.tuple("big.json", 2L, RawRecords.RECORD_TOO_LARGE),
            org.assertj.core.groups.Tuple.tuple("big.json", 3L, null),
            org.assertj.core.groups.Tuple.tuple("big.jsonl", 1L, null),
            org.assertj.core.groups.Tuple.tuple("big.jsonl", 2L, RawRecords.RECORD_TOO_LARGE),
            org.assertj.core.groups.Tuple.tuple("big.jsonl", 3L, null),
            org.assertj.core.groups.Tuple.tuple("big.txt", 1L, RawRecords.RECORD_TOO_LARGE),
            org.assertj.core.groups.Tuple.tuple("reut2-big.sgm", 1L, RawRecords.RECORD_TOO_LARGE),
            org.assertj.core.groups.Tuple.tuple("reut2-big.sgm", 2L, null),
            org.assertj.core.groups.Tuple.tuple("wide.jsonl", 1L, RawRecords.RECORD_TOO_LARGE));
    assertThat(rows).as("raw of a record_too_large: its first 4096 characters")
        .filteredOn(r -> RawRecords.RECORD_TOO_LARGE.equals(r.error()) && !r.file().equals("wide.jsonl"))
        .hasSize(5).allSatisfy(r -> assertThat(r.raw()).as(r.file()).hasSize(RawRecords.TOO_LARGE_RAW_CHARS));
    assertThat(rows.get(6).raw()).as("the start of the large JSON line").isEqualTo(
        bigRecord.substring(0, RawRecords.TOO_LARGE_RAW_CHARS));
    assertThat(rows.get(11).raw()).as("a record of fewer characters is kept whole").hasSize(3021);
    List<Row> details = InputReader.read(spark, InputResolver.resolve(List.of(dir.resolve("wide.jsonl").toString()),
        InputFormat.AUTO, new Configuration()), max).collectAsList();
    assertThat(details).as("the detail names the size and the limit").extracting(r -> r.getString(5))
        .containsExactly("record of " + (3000 * 2 + "{\"id\":\"w1\",\"text\":\"\"}".length())
            + " bytes is larger than --max-record-bytes 5000");
  }

  @Test
  void gzipAndBzip2AreReadTransparently() throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("a.jsonl.gz")))) {
      out.write("{\"id\":\"gz1\"}\n{\"id\":\"gz2\"}\n".getBytes(StandardCharsets.UTF_8));
    }
    BZip2Codec bzip2 = new BZip2Codec();
    bzip2.setConf(new Configuration());
    try (OutputStream out = bzip2.createOutputStream(Files.newOutputStream(dir.resolve("b.csv.bz2")))) {
      out.write("id,title\nbz1,From bzip2\n".getBytes(StandardCharsets.UTF_8));
    }
    List<Raw> rows = read(InputFormat.AUTO, dir);
    assertThat(rows).as("decompressed records").extracting(r -> r.fields().get("id"))
        .containsExactly("gz1", "gz2", "bz1");
  }

  /** {@code n} JSON lines with ids {@code prefix1..prefixN}. */
  private static String jsonLines(String prefix, int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i <= to; i++) {
      sb.append("{\"id\":\"").append(prefix).append(i).append("\",\"text\":\"Story number ").append(i)
          .append(" of the truncated file.\"}\n");
    }
    return sb.toString();
  }

  private static byte[] gzip(String text) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  private static byte[] bzip2(String text) throws IOException {
    BZip2Codec bzip2 = new BZip2Codec();
    bzip2.setConf(new Configuration());
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (OutputStream out = bzip2.createOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  /**
   * A compressed file cut short: {@code whole} as one complete compressed stream, then the first 12 bytes of the
   * compressed {@code cut}. Both codecs read concatenated streams; 12 bytes are the stream header and the start of
   * a block header (gzip: 10 bytes of header, then 2 of a deflate block; bzip2: "BZh9" and 8 bytes of a block that
   * decodes only whole), so exactly {@code whole} decodes before the cut.
   */
  private Path truncated(String name, byte[] whole, byte[] cut) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(whole);
      out.write(cut, 0, 12);
    }
    return file;
  }

  @Test
  void aTruncatedGzipJsonLinesFileKeepsEveryLineBeforeTheCutThenOneUnreadableFileReject() throws IOException {
    truncated("cut.jsonl.gz", gzip(jsonLines("g", 1, 12)), gzip(jsonLines("g", 13, 40)));
    List<Raw> rows = read(InputFormat.AUTO, dir);
    assertThat(rows).as("the 12 lines before the cut, then the cut").hasSize(13);
    assertThat(rows.subList(0, 12)).as("complete lines kept").extracting(Raw::line, r -> r.fields().get("id"))
        .containsExactly(java.util.stream.IntStream.rangeClosed(1, 12)
            .mapToObj(i -> org.assertj.core.groups.Tuple.tuple((long) i, "g" + i)).toArray(
                org.assertj.core.groups.Tuple[]::new));
    assertThat(rows.get(12)).as("the cut").extracting(Raw::line, Raw::error)
        .containsExactly(13L, RawRecords.UNREADABLE_FILE);
  }

  @Test
  void aTruncatedBzip2FileIsAnUnreadableFileRejectAfterTheRecordsBeforeTheCut() throws IOException {
    truncated("cut.jsonl.bz2", bzip2(jsonLines("b", 1, 5)), bzip2(jsonLines("b", 6, 400)));
    List<Raw> rows = read(InputFormat.AUTO, dir);
    assertThat(rows).as("records, then the cut").extracting(Raw::line, Raw::error)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, null), org.assertj.core.groups.Tuple.tuple(2L, null),
            org.assertj.core.groups.Tuple.tuple(3L, null), org.assertj.core.groups.Tuple.tuple(4L, null),
            org.assertj.core.groups.Tuple.tuple(5L, null),
            org.assertj.core.groups.Tuple.tuple(6L, RawRecords.UNREADABLE_FILE));
    Files.delete(dir.resolve("cut.jsonl.bz2"));

    byte[] single = bzip2(jsonLines("s", 1, 400));
    Path head = dir.resolve("head.jsonl.bz2");
    Files.write(head, java.util.Arrays.copyOf(single, 10));
    Path middle = dir.resolve("middle.jsonl.bz2");
    Files.write(middle, java.util.Arrays.copyOf(single, single.length / 2));
    assertThat(read(InputFormat.AUTO, head)).as("cut inside the bzip2 header: the stream cannot even be opened")
        .extracting(Raw::line, Raw::error).containsExactly(org.assertj.core.groups.Tuple.tuple(1L,
            RawRecords.UNREADABLE_FILE));
    assertThat(read(InputFormat.AUTO, middle)).as("cut inside the only bzip2 block: nothing before it decodes")
        .extracting(Raw::line, Raw::error).containsExactly(org.assertj.core.groups.Tuple.tuple(1L,
            RawRecords.UNREADABLE_FILE));
  }

  @Test
  void aTruncatedGzipReutersFileKeepsTheStoriesBeforeTheCut() throws IOException {
    String story = "<REUTERS NEWID=\"%d\">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n<TEXT><TITLE>STORY %d</TITLE>"
        + "<BODY>Body of story %d, long enough to be an article.</BODY></TEXT>\n</REUTERS>\n";
    String whole = String.format(story, 1, 1, 1) + String.format(story, 2, 2, 2);
    StringBuilder rest = new StringBuilder();
    for (int i = 3; i <= 60; i++) {
      rest.append(String.format(story, i, i, i));
    }
    truncated("reut2-cut.sgm.gz", gzip(whole), gzip(rest.toString()));
    List<Raw> rows = read(InputFormat.AUTO, dir);
    assertThat(rows).as("two stories, then the cut").extracting(Raw::line, Raw::error,
            r -> r.fields() == null ? null : r.fields().get("id"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, null, "reuters-1"),
            org.assertj.core.groups.Tuple.tuple(2L, null, "reuters-2"),
            org.assertj.core.groups.Tuple.tuple(3L, RawRecords.UNREADABLE_FILE, null));
  }

  @Test
  void parquetColumnsBecomeFields() throws IOException {
    Path parquet = dir.resolve("p");
    spark.sql("SELECT 'p1' AS ID, timestamp'2025-09-03 10:00:00' AS published, named_struct('name', 'Wire') AS source")
        .write().parquet(parquet.toString());
    List<Raw> rows = read(InputFormat.PARQUET, parquet);
    assertThat(rows).as("one row").hasSize(1);
    assertThat(rows.get(0).fields()).as("fields").containsExactlyInAnyOrderEntriesOf(Map.of(
        "id", "p1", "published", "2025-09-03 10:00:00", "source", "{\"name\":\"Wire\"}"));
    assertThat(rows.get(0).line()).as("row index, 1-based").isEqualTo(1);
  }

  /** Writes the query's rows as one Parquet file under {@code dir/name} and gives that file. */
  private Path parquetFile(String name, String query) throws IOException {
    Path folder = dir.resolve(name);
    spark.sql(query).coalesce(1).write().parquet(folder.toString());
    try (var files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
  }

  @Test
  void theSameColumnWithOtherTypesInOtherParquetFilesIsReadAsTextFromEach() throws IOException {
    parquetFile("a", "SELECT 'a1' AS id, date'2025-09-03' AS published, CAST(7 AS BIGINT) AS views, 'Kim' AS text");
    parquetFile("b", "SELECT 'b1' AS id, '2025-09-04T10:00:00Z' AS published, 'eight' AS views, 'Putin' AS text");
    parquetFile("c", "SELECT 'c1' AS id, CAST(1756893600 AS BIGINT) AS published, CAST(9 AS INT) AS views");
    List<Raw> rows = read(InputFormat.AUTO, dir);
    assertThat(rows).as("every file's row, none rejected")
        .extracting(r -> r.fields().get("id"), r -> r.fields().get("published"), r -> r.fields().get("views"),
            Raw::error)
        .containsExactlyInAnyOrder(
            tuple("a1", "2025-09-03", "7", null),
            tuple("b1", "2025-09-04T10:00:00Z", "eight", null),
            tuple("c1", "1756893600", "9", null));

    JobConfig config = JobConfig.from(Settings.resolve(Map.of(), Map.of(ConfigOption.INPUT, "in",
        ConfigOption.OUTPUT, "out", ConfigOption.MIN_TEXT_CHARS, "1", ConfigOption.MAX_DATE, "2025-12-31")));
    Dataset<Row> classified = Ingest.classify(InputReader.read(spark, InputResolver.resolve(
        List.of(dir.toString()), InputFormat.AUTO, new Configuration()), config.ingest().maxRecordBytes()), config);
    assertThat(Ingest.rejects(classified).count()).as("rejects").isEqualTo(1);
    assertThat(Ingest.rejects(classified).first().<String>getAs(Col.REASON)).as("c has no text")
        .isEqualTo(Ingest.MISSING_TEXT);
    assertThat(classified.filter(col(Col.REASON).isNull())
            .selectExpr(Col.DOC_ID, "date_format(" + Col.PUBLISHED + ", 'yyyy-MM-dd HH:mm')").collectAsList())
        .as("the dates of both types parsed alike").extracting(r -> r.getString(0), r -> r.getString(1))
        .containsExactlyInAnyOrder(tuple("a1", "2025-09-03 00:00"), tuple("b1", "2025-09-04 10:00"));
  }

  @Test
  void aCorruptPageBehindAValidFooterIsAnUnreadableFileAndTheOtherFilesAreRead() throws IOException {
    String rows = "SELECT concat('%s', id) AS id, '2025-09-03' AS published, repeat(concat('text ', id), 20) AS text"
        + " FROM range(200)";
    parquetFile("a", String.format(rows, "a"));
    Path bad = parquetFile("b", String.format(rows, "b"));
    parquetFile("c", String.format(rows, "c"));
    corruptFirstPageOf(bad, "text");

    List<Raw> read = read(InputFormat.PARQUET, dir);
    assertThat(read.stream().filter(r -> r.error() == null).collect(java.util.stream.Collectors.groupingBy(
            r -> r.fields().get("id").substring(0, 1), java.util.stream.Collectors.counting())))
        .as("records per readable file").containsExactlyInAnyOrderEntriesOf(Map.of("a", 200L, "c", 200L));
    List<Raw> errors = read.stream().filter(r -> r.error() != null).toList();
    assertThat(errors).as("one reject for the corrupt file")
        .extracting(Raw::file, Raw::line, Raw::raw, Raw::error)
        .containsExactly(tuple(bad.getFileName().toString(), 0L, "file:" + bad, RawRecords.UNREADABLE_FILE));
    assertThat(errors.get(0).detail()).as("the root cause").isNotBlank().doesNotContain("Job aborted");

    JobConfig config = JobConfig.from(Settings.resolve(Map.of(), Map.of(ConfigOption.INPUT, "in",
        ConfigOption.OUTPUT, "out", ConfigOption.MAX_DATE, "2025-12-31")));
    Dataset<Row> rejects = Ingest.rejects(Ingest.classify(InputReader.read(spark, InputResolver.resolve(
        List.of(dir.toString()), InputFormat.PARQUET, new Configuration()), config.ingest().maxRecordBytes()),
        config));
    assertThat(rejects.groupBy(Col.REASON).count().collectAsList()).as("rejects by reason")
        .extracting(r -> r.getString(0), r -> r.getLong(1))
        .containsExactly(tuple(RawRecords.UNREADABLE_FILE, 1L));
  }

  /** Overwrites the first page header of one column chunk with 0xFF bytes; the footer stays as it was. */
  private static void corruptFirstPageOf(Path file, String column) throws IOException {
    long offset;
    Configuration conf = new Configuration();
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
        new org.apache.hadoop.fs.Path(file.toUri()), conf))) {
      offset = reader.getFooter().getBlocks().get(0).getColumns().stream()
          .filter(c -> c.getPath().toDotString().equals(column)).findFirst().orElseThrow().getStartingPos();
    }
    long length = Files.size(file);
    try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
      out.seek(offset);
      byte[] junk = new byte[64];
      java.util.Arrays.fill(junk, (byte) 0xFF);
      out.write(junk);
    }
    assertThat(Files.size(file)).as("same length, footer untouched").isEqualTo(length);
    // The local file system would refuse the file on its checksum before Parquet saw the page.
    Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
  }

  @Test
  void reutersSgmlGivesOneRecordPerStoryWithGoldLabels() throws IOException {
    write("reut2-000.sgm", "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n"
        + "<REUTERS TOPICS=\"YES\" NEWID=\"1\">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n"
        + "<TOPICS><D>cocoa</D></TOPICS>\n<PLACES><D>el-salvador</D><D>usa</D></PLACES>\n<PEOPLE></PEOPLE>\n"
        + "<TEXT>&#2;\n<TITLE>BAHIA COCOA REVIEW</TITLE>\n<DATELINE>    SALVADOR, Feb 26 - </DATELINE>"
        + "<BODY>Showers continued &lt;in&gt; Bahia.\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n"
        + "<REUTERS TOPICS=\"NO\" NEWID=\"2\">\n<DATE>26-FEB-1987 15:02:20.00</DATE>\n"
        + "<TEXT TYPE=\"BRIEF\">&#2;\n******<TITLE>SHORT STORY</TITLE>\n&#3;\n</TEXT>\n</REUTERS>\n");
    List<Raw> rows = read(InputFormat.AUTO, dir);
    assertThat(rows).as("stories").hasSize(2);
    assertThat(rows.get(0).fields()).as("story 1").containsEntry("id", "reuters-1")
        .containsEntry("title", "BAHIA COCOA REVIEW").containsEntry("date", "26-FEB-1987 15:01:01.79")
        .containsEntry("text", "Showers continued &lt;in&gt; Bahia.\n Reuter\n&#3;")
        .containsEntry("places", "el-salvador|usa").containsEntry("topics", "cocoa").containsEntry("people", "")
        .containsEntry("source", "Reuters");
    assertThat(rows.get(1).fields()).as("a brief without BODY keeps its TEXT").containsEntry("id", "reuters-2")
        .containsKey("text");
  }

  @Test
  void anUnclosedReutersStoryIsMalformedAndTheNextStoryIsReadAsUsual() throws IOException {
    String closed = "<REUTERS NEWID=\"%d\">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n<TEXT><TITLE>STORY %d</TITLE>"
        + "<BODY>Body %d.</BODY></TEXT>\n</REUTERS>\n";
    String unclosed = "<REUTERS NEWID=\"2\">\n<DATE>26-FEB-1987 15:02:00.00</DATE>\n<TEXT><TITLE>NO END</TITLE>"
        + "<BODY>Cut off.</BODY></TEXT>\n";
    write("reut2-001.sgm", String.format(closed, 1, 1, 1) + unclosed + String.format(closed, 3, 3, 3)
        + "<REUTERS NEWID=\"4\">\n<TEXT>the file ends here");
    write("reut2-002.sgm", "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\nThis is not a Reuters file.\n");
    List<Raw> rows = read(InputFormat.AUTO, dir);
    assertThat(rows).as("stories and rejects").extracting(Raw::file, Raw::line, Raw::error,
            r -> r.fields() == null ? null : r.fields().get("title"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("reut2-001.sgm", 1L, null, "STORY 1"),
            org.assertj.core.groups.Tuple.tuple("reut2-001.sgm", 2L, RawRecords.MALFORMED_SGML, null),
            org.assertj.core.groups.Tuple.tuple("reut2-001.sgm", 3L, null, "STORY 3"),
            org.assertj.core.groups.Tuple.tuple("reut2-001.sgm", 4L, RawRecords.MALFORMED_SGML, null),
            org.assertj.core.groups.Tuple.tuple("reut2-002.sgm", 1L, RawRecords.MALFORMED_SGML, null));
    assertThat(rows.get(1).raw()).as("the unclosed story, up to the next one").isEqualTo(unclosed);
    assertThat(rows.get(2).fields()).as("the next story keeps its own id").containsEntry("id", "reuters-3");
    assertThat(rows.get(4).raw()).as("a file without a story: its text")
        .isEqualTo("<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\nThis is not a Reuters file.\n");
  }

  @Test
  void missingInputsAndEmptyGlobsAreConfigurationErrors() throws IOException {
    assertThatThrownBy(() -> InputResolver.resolve(List.of(dir.resolve("nope").toString()), InputFormat.AUTO,
        new Configuration())).as("missing path").isInstanceOf(ConfigException.class)
        .hasMessageContaining("input path not found").hasMessageContaining("nope");
    assertThatThrownBy(() -> InputResolver.resolve(List.of(dir.resolve("*.jsonl").toString()), InputFormat.AUTO,
        new Configuration())).as("empty glob").isInstanceOf(ConfigException.class)
        .hasMessageContaining("matches no file");
    write("notes/README.md", "# not an article");
    assertThatThrownBy(() -> InputResolver.resolve(List.of(dir.resolve("notes").toString()), InputFormat.AUTO,
        new Configuration())).as("nothing readable").isInstanceOf(ConfigException.class)
        .hasMessageContaining("no input files found");
  }

  @Test
  void autoFormatSkipsUnknownExtensionsAndReportsThem() throws IOException {
    write("in/a.jsonl", "{\"id\":\"a\"}\n");
    write("in/SOURCE.md", "notes");
    write("in/_SUCCESS", "");
    write("in/.hidden.jsonl", "{\"id\":\"h\"}\n");
    InputResolver.Resolution resolution = InputResolver.resolve(List.of(dir.resolve("in").toString()),
        InputFormat.AUTO, new Configuration());
    assertThat(resolution.files()).as("files read").extracting(f -> new org.apache.hadoop.fs.Path(f.path()).getName())
        .containsExactly("a.jsonl");
    assertThat(resolution.skipped()).as("skipped and reported").hasSize(1)
        .allSatisfy(s -> assertThat(s).endsWith("SOURCE.md"));
  }
}
