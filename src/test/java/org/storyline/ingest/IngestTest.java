package org.storyline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.storyline.config.ConfigOption;
import org.storyline.config.JobConfig;
import org.storyline.config.Settings;
import org.storyline.io.RawRecords;
import org.storyline.schema.Col;
import org.storyline.testing.TestSpark;
import scala.jdk.javaapi.CollectionConverters;

class IngestTest {
  private final SparkSession spark = TestSpark.session();

  private static final String BODY = "North Korean leader Kim Jong-un met Russian President Vladimir Putin in "
      + "Beijing on Wednesday, and aides wiped his chair after the talks.";

  private static JobConfig config(Map<ConfigOption, Object> extra) {
    Map<ConfigOption, Object> options = new HashMap<>(Map.of(ConfigOption.INPUT, "in", ConfigOption.OUTPUT, "out"));
    options.putAll(extra);
    return JobConfig.from(Settings.resolve(Map.of(), options));
  }

  private static Row record(String file, long line, String... keyValues) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      fields.put(keyValues[i], keyValues[i + 1]);
    }
    return RowFactory.create(file, line, "raw-" + line, CollectionConverters.asScala(fields), null, null);
  }

  private Dataset<Row> raw(Row... rows) {
    return spark.createDataFrame(Arrays.asList(rows), RawRecords.SCHEMA);
  }

  @Test
  void mapsTheUsualColumnNamesToCanonicalFields() {
    Dataset<Row> raw = raw(
        record("a", 1, "article_id", "x1", "headline", "Kim meets Putin", "story", BODY,
            "publish_date", "2025-09-03T10:00:00Z", "publisher", "Wire", "link", "https://x/1"),
        record("a", 2, "uuid", "x2", "body", BODY, "timestamp", "1756893600",
            "source", "{\"id\":null,\"name\":\"NewsAPI Source\"}"),
        record("a", 3, "guid", "x3", "content", BODY, "datetime", "2025-09-03", "domain", "example.com"));
    JobConfig config = config(Map.of());
    List<Row> articles = Ingest.articles(Ingest.classify(raw, config), config)
        .orderBy(Col.DOC_ID).collectAsList();
    assertThat(articles).as("articles").extracting(r -> r.getAs(Col.DOC_ID), r -> r.getAs(Col.TITLE),
            r -> r.getAs(Col.SOURCE), r -> r.getAs(Col.URL), r -> ((Timestamp) r.getAs(Col.PUBLISHED)).toInstant())
        .containsExactly(
            tuple("x1", "Kim meets Putin", "Wire", "https://x/1", Instant.parse("2025-09-03T10:00:00Z")),
            tuple("x2", null, "NewsAPI Source", null, Instant.parse("2025-09-03T10:00:00Z")),
            tuple("x3", null, "example.com", null, Instant.parse("2025-09-03T00:00:00Z")));
  }

  @Test
  void fieldOverridesWinAndReachIntoNestedJson() {
    Dataset<Row> raw = raw(record("o", 1, "guid", "o1", "my_text", BODY, "text", "not this one", "when",
        "2025-09-03", "date", "1999-01-01", "meta", "{\"outlet\":{\"name\":\"Deep Wire\"}}"));
    JobConfig config = config(Map.of(ConfigOption.FIELD,
        List.of("text=my_text", "published=when", "source=meta.outlet.name")));
    Row article = Ingest.articles(Ingest.classify(raw, config), config).first();
    assertThat(article.<String>getAs(Col.TEXT)).as("text override").isEqualTo(BODY);
    assertThat(((Timestamp) article.getAs(Col.PUBLISHED)).toInstant()).as("published override")
        .isEqualTo(Instant.parse("2025-09-03T00:00:00Z"));
    assertThat(article.<String>getAs(Col.SOURCE)).as("nested source").isEqualTo("Deep Wire");
  }

  @Test
  void everyBadRecordIsRejectedWithItsReason() {
    Dataset<Row> raw = raw(
        record("f", 1, "id", "ok", "text", BODY, "date", "2025-09-03"),
        RowFactory.create("f", 2L, "{broken", null, RawRecords.MALFORMED_JSON, "Unexpected end"),
        record("f", 3, "title", "  ", "text", ""),
        record("f", 4, "id", "notext", "date", "2025-09-03", "source", "Wire"),
        record("f", 5, "id", "short", "text", "Too short.", "date", "2025-09-03"),
        record("f", 6, "id", "nodate", "text", BODY),
        record("f", 7, "id", "baddate", "text", BODY, "date", "last Tuesday"),
        record("f", 8, "id", "ok", "text", BODY + " Again.", "date", "2025-09-04"));
    JobConfig config = config(Map.of());
    Dataset<Row> classified = Ingest.classify(raw, config);
    List<Row> rejects = Ingest.rejects(classified).orderBy(Col.LINE_OR_ROW).collectAsList();
    assertThat(rejects).as("rejects").extracting(r -> r.getAs(Col.LINE_OR_ROW), r -> r.getAs(Col.REASON),
            r -> r.getAs(Col.DETAIL))
        .containsExactly(
            tuple(2L, RawRecords.MALFORMED_JSON, "Unexpected end"),
            tuple(3L, Ingest.EMPTY_RECORD, null),
            tuple(4L, Ingest.MISSING_TEXT, null),
            tuple(5L, Ingest.EMPTY_TEXT, "text chars: 10"),
            tuple(6L, Ingest.MISSING_DATE, null),
            tuple(7L, Ingest.UNPARSEABLE_DATE, "date: last Tuesday"),
            tuple(8L, Ingest.DUPLICATE_DOC_ID, "doc_id: ok"));
    assertThat(rejects).as("raw kept").extracting(r -> r.getAs(Col.RAW)).contains("{broken", "raw-7");
    assertThat(Ingest.articles(classified, config).collectAsList()).as("articles")
        .extracting(r -> r.getAs(Col.DOC_ID)).containsExactly("ok");
  }

  @Test
  void aDayTheMonthDoesNotHaveIsUnparseableNotTheLastDayAndNotADuplicate() {
    // Leniently, 2025-02-30 was 28 February: the copy dated the 30th became a duplicate of the one dated the 28th.
    Dataset<Row> raw = raw(
        record("d", 1, "id", "feb28", "text", BODY, "date", "2025-02-28"),
        record("d", 2, "id", "feb30", "text", BODY, "date", "2025-02-30"),
        record("d", 3, "id", "feb30t", "text", BODY + " Later.", "date", "2025-02-30T10:00:00Z"));
    JobConfig config = config(Map.of());
    Dataset<Row> classified = Ingest.classify(raw, config);
    assertThat(Ingest.rejects(classified).collectAsList()).as("rejects")
        .extracting(r -> r.getAs(Col.LINE_OR_ROW), r -> r.getAs(Col.REASON), r -> r.getAs(Col.DETAIL))
        .containsExactlyInAnyOrder(
            tuple(2L, Ingest.UNPARSEABLE_DATE, "date: 2025-02-30"),
            tuple(3L, Ingest.UNPARSEABLE_DATE, "date: 2025-02-30T10:00:00Z"));
    assertThat(Ingest.articles(classified, config).collectAsList()).as("articles")
        .extracting(r -> r.getAs(Col.DOC_ID), r -> r.getAs(Col.DUPLICATE_OF))
        .containsExactly(tuple("feb28", null));
  }

  @Test
  void datesOutsideMinAndMaxDateAreImplausibleBoundsIncluded() {
    Dataset<Row> raw = raw(
        record("p", 1, "id", "year1", "text", BODY, "date", "0001-01-01"),
        record("p", 2, "id", "eve", "text", BODY + " 2", "date", "1899-12-31T23:59:59Z"),
        record("p", 3, "id", "first", "text", BODY + " 3", "date", "1900-01-01T00:00:00Z"),
        record("p", 4, "id", "last", "text", BODY + " 4", "date", "2025-09-05T23:59:59Z"),
        record("p", 5, "id", "future", "text", BODY + " 5", "date", "2025-09-06"),
        record("p", 6, "id", "year9999", "text", BODY + " 6", "date", "9999-12-31"),
        record("p", 7, "id", "epoch0", "text", BODY + " 7", "date", "Thu, 01 Jan 1970 00:00:00 GMT"));
    JobConfig config = config(Map.of(ConfigOption.MAX_DATE, "2025-09-05"));
    Dataset<Row> classified = Ingest.classify(raw, config);
    String bounds = " (plausible: 1900-01-01 to 2025-09-05, --min-date/--max-date)";
    assertThat(Ingest.rejects(classified).collectAsList()).as("rejects")
        .extracting(r -> r.getAs(Col.LINE_OR_ROW), r -> r.getAs(Col.REASON), r -> r.getAs(Col.DETAIL))
        .containsExactlyInAnyOrder(
            tuple(1L, Ingest.IMPLAUSIBLE_DATE, "date: 0001-01-01" + bounds),
            tuple(2L, Ingest.IMPLAUSIBLE_DATE, "date: 1899-12-31T23:59:59Z" + bounds),
            tuple(5L, Ingest.IMPLAUSIBLE_DATE, "date: 2025-09-06" + bounds),
            tuple(6L, Ingest.IMPLAUSIBLE_DATE, "date: 9999-12-31" + bounds));
    assertThat(Ingest.articles(classified, config).collectAsList()).as("articles: both bounds are plausible")
        .extracting(r -> r.getAs(Col.DOC_ID)).containsExactlyInAnyOrder("first", "last", "epoch0");
  }

  @Test
  void datesBeforeTheGregorianReformKeepTheirDay() {
    // Through java.sql.Timestamp (the hybrid Julian calendar) 1500-03-01 came out as another day.
    Dataset<Row> raw = raw(
        record("g", 1, "id", "old", "text", BODY, "date", "1500-03-01T12:00:00Z"),
        record("g", 2, "id", "reform", "text", BODY + " 2", "date", "1582-10-10"));
    JobConfig config = config(Map.of(ConfigOption.MIN_DATE, "1000-01-01", ConfigOption.MAX_DATE, "2025-09-05"));
    List<Row> days = Ingest.articles(Ingest.classify(raw, config), config)
        .selectExpr(Col.DOC_ID, "cast(" + Col.PUBLISHED_DATE + " AS string)",
            "date_format(" + Col.PUBLISHED + ", 'yyyy-MM-dd HH:mm:ss')")
        .collectAsList();
    assertThat(days).as("publication days, proleptic Gregorian as Spark computes")
        .extracting(r -> r.getString(0), r -> r.getString(1), r -> r.getString(2))
        .containsExactlyInAnyOrder(
            tuple("old", "1500-03-01", "1500-03-01 12:00:00"),
            tuple("reform", "1582-10-10", "1582-10-10 00:00:00"));
  }

  @Test
  void headlineOnlyRecordsUseTheTitleAsText() {
    Dataset<Row> raw = raw(record("h", 1, "headlines", "Trail of missing Wirecard executive leads to Belarus",
        "time", "18-Jul-20"));
    JobConfig config = config(Map.of());
    Row article = Ingest.articles(Ingest.classify(raw, config), config).first();
    assertThat((String) article.getAs(Col.TEXT)).as("text").isEqualTo(article.<String>getAs(Col.TITLE))
        .isEqualTo("Trail of missing Wirecard executive leads to Belarus");
  }

  /** Whitespace of every kind a body may hold: all of it counts as no text. */
  static List<String> blankBodies() {
    return List.of(" ", "\t", "\r\n", "\n\n", "\u000B\f", "\u00A0", "\u2003", "\u2007", "\u202F", "\u3000",
        "\u2028\u2029", "\u1680", "\u200B", "\u200C\u200D", "\u2060", "\uFEFF", "\u00AD", " \t\u00A0\u200B\u3000 ");
  }

  @ParameterizedTest(name = "body {index}")
  @MethodSource("blankBodies")
  void aBodyOfAnyKindOfWhitespaceIsNoText(String blank) {
    String title = "Trail of missing Wirecard executive leads to Belarus";
    String summary = "A summary that is long enough to be the text of the article.";
    Dataset<Row> raw = raw(
        record("w", 1, "id", "headline", "title", title, "text", blank, "date", "2025-09-03"),
        record("w", 2, "id", "untitled", "text", blank, "date", "2025-09-03"),
        record("w", 3, "title", blank, "text", blank + blank),
        record("w", 4, "id", "summary", "text", blank, "description", summary, "date", "2025-09-03"));
    JobConfig config = config(Map.of());
    Dataset<Row> classified = Ingest.classify(raw, config);
    assertThat(Ingest.rejects(classified).collectAsList()).as("rejects")
        .extracting(r -> r.getAs(Col.LINE_OR_ROW), r -> r.getAs(Col.REASON))
        .containsExactlyInAnyOrder(tuple(2L, Ingest.MISSING_TEXT), tuple(3L, Ingest.EMPTY_RECORD));
    assertThat(Ingest.articles(classified, config).collectAsList()).as("articles")
        .extracting(r -> r.getAs(Col.DOC_ID), r -> r.getAs(Col.TITLE), r -> r.getAs(Col.TEXT))
        .containsExactlyInAnyOrder(tuple("headline", title, title), tuple("summary", null, summary));
  }

  @Test
  void missingIdsAreDerivedFromTheUrlOrTheContentTheSameWayEveryRun() {
    Dataset<Row> raw = raw(
        record("d", 1, "url", "https://news.example/a", "text", BODY, "date", "2025-09-03"),
        record("d", 2, "title", "T", "text", BODY + " More.", "date", "2025-09-03"));
    JobConfig config = config(Map.of());
    List<String> ids = Ingest.articles(Ingest.classify(raw, config), config).orderBy(Col.DOC_ID)
        .collectAsList().stream().map(r -> r.<String>getAs(Col.DOC_ID)).toList();
    assertThat(ids).as("derived ids").containsExactly(
        "c-" + sha256("T\u0001" + BODY + " More.").substring(0, 16),
        "u-" + sha256("https://news.example/a").substring(0, 16));
  }

  @Test
  void fromAndToKeepTheRangeAndCountTheRestAsOutOfRange() {
    Dataset<Row> raw = raw(
        record("r", 1, "id", "before", "text", BODY, "date", "2025-08-31T23:59:59Z"),
        record("r", 2, "id", "first", "text", BODY + " 1", "date", "2025-09-01T00:00:00Z"),
        record("r", 3, "id", "last", "text", BODY + " 2", "date", "2025-09-07T23:59:59Z"),
        record("r", 4, "id", "after", "text", BODY + " 3", "date", "2025-09-08T00:00:00Z"));
    JobConfig config = config(Map.of(ConfigOption.FROM, "2025-09-01", ConfigOption.TO, "2025-09-07"));
    Dataset<Row> classified = Ingest.classify(raw, config);
    assertThat(Ingest.articles(classified, config).collectAsList()).as("in range")
        .extracting(r -> r.getAs(Col.DOC_ID)).containsExactlyInAnyOrder("first", "last");
    assertThat(classified.filter("reason IS NULL AND NOT in_range").count()).as("out of range").isEqualTo(2);
    assertThat(Ingest.rejects(classified).count()).as("out of range is not a reject").isZero();
  }

  @Test
  void exactAndNearDuplicatesPointAtTheEarliestOriginal() {
    String story = "Aides to North Korean leader Kim Jong-un wiped down the chair and table he had used after his "
        + "talks with Russian President Vladimir Putin in Beijing on Wednesday, video footage showed. Another member "
        + "of the security detail placed the glass Kim had drunk from on a tray and carried it away. Security "
        + "analysts said the precautions were meant to stop foreign intelligence services from collecting DNA or "
        + "other biological traces. The Korean Central News Agency did not mention the cleaning in its report.";
    String other = "The Federal Reserve left interest rates unchanged on Wednesday, with Chair Jerome Powell saying "
        + "tariffs were starting to push up the prices of some goods. Treasury yields fell after the decision, "
        + "while the dollar weakened against the euro. Economists expect two cuts before the end of the year.";
    Dataset<Row> raw = raw(
        record("w", 1, "id", "wire", "text", story, "date", "2025-09-03T08:00:00Z"),
        record("w", 2, "id", "copy", "text", story.replace(".", ". "), "date", "2025-09-03T09:00:00Z"),
        record("w", 3, "id", "reprint", "text", story + " This article was first published by Reuters.",
            "date", "2025-09-03T10:00:00Z"),
        record("w", 4, "id", "earlier-copy", "text", story, "date", "2025-09-03T07:00:00Z"),
        record("w", 5, "id", "fed", "text", other, "date", "2025-09-03T08:00:00Z"),
        record("w", 6, "id", "fed-rewrite", "text", other.substring(0, other.indexOf("Treasury"))
            + "Stocks rallied and bond yields dropped as traders bet on cuts later in the year.",
            "date", "2025-09-03T11:00:00Z"));
    JobConfig config = config(Map.of());
    Map<String, List<Object>> byId = new HashMap<>();
    for (Row r : Ingest.articles(Ingest.classify(raw, config), config).collectAsList()) {
      byId.put(r.getAs(Col.DOC_ID), new ArrayList<>(Arrays.asList(r.getAs(Col.DUPLICATE_OF),
          r.getAs(Deduplication.DUPLICATE_KIND))));
    }
    assertThat(byId.get("earlier-copy")).as("the earliest is the original").containsExactly(null, null);
    assertThat(byId.get("wire")).as("same text, later").containsExactly("earlier-copy", "exact");
    assertThat(byId.get("copy")).as("whitespace-only change is an exact duplicate")
        .containsExactly("earlier-copy", "exact");
    assertThat(byId.get("reprint")).as("credit line added: near duplicate").containsExactly("earlier-copy", "near");
    assertThat(byId.get("fed")).as("unrelated").containsExactly(null, null);
    assertThat(byId.get("fed-rewrite")).as("half rewritten: not a duplicate").containsExactly(null, null);
  }

  @Test
  void languageIsDetectedWhenTheRecordDoesNotSayIt() {
    Dataset<Row> raw = raw(
        record("l", 1, "id", "en", "text", BODY, "date", "2025-09-03"),
        record("l", 2, "id", "fr", "text", "Les collaborateurs du dirigeant nord-coréen ont essuyé la chaise et "
            + "emporté le verre qu'il avait utilisé après ses entretiens avec le président russe à Pékin.",
            "date", "2025-09-03"),
        record("l", 3, "id", "given", "text", BODY + " Given.", "lang", "EN", "date", "2025-09-03"));
    JobConfig config = config(Map.of());
    Map<String, String> langs = new HashMap<>();
    Ingest.articles(Ingest.classify(raw, config), config).collectAsList()
        .forEach(r -> langs.put(r.getAs(Col.DOC_ID), r.getAs(Col.LANG)));
    assertThat(langs).as("languages").containsExactlyInAnyOrderEntriesOf(Map.of("en", "en", "fr", "fr", "given", "en"));
  }

  private static String sha256(String s) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder();
      for (byte b : d) {
        sb.append(String.format("%02x", b));
      }
      return sb.toString();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
