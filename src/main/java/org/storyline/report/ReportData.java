package org.storyline.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.storyline.cooccurrence.Cooccurrence;
import org.storyline.report.Svg.Point;
import org.storyline.schema.Col;
import org.storyline.schema.Period;
import org.storyline.schema.Tables;
import org.storyline.topics.TopicModel;

/**
 * The bounded extracts of a report folder that the page shows, collected on the driver. Each section is either
 * present with its rows or absent with the reason, said in the page ({@link #notes()} lists the reasons).
 */
final class ReportData {
  static final String ARTICLES = Tables.ARTICLES.name();
  static final String ENTITIES = Tables.ENTITIES.name();
  static final String ENTITY_TRENDS = Tables.ENTITY_TRENDS.name();
  static final String TOPICS = Tables.TOPICS.name();
  static final String TOPIC_TRENDS = Tables.TOPIC_TRENDS.name();
  static final String TRACKED_TOPIC_TRENDS = Tables.TRACKED_TOPIC_TRENDS.name();
  static final String DOC_TOPICS = Tables.DOC_TOPICS.name();
  static final String EMERGING_TERMS = Tables.EMERGING_TERMS.name();
  static final String COOCCURRENCE = Tables.COOCCURRENCE.name();
  static final String EMERGING_PAIRS = Tables.EMERGING_PAIRS.name();
  static final String DOCUMENT_WINDOW = "document";
  private static final String TOPIC_ID = TopicModel.TOPIC_ID;
  private static final String TOPIC = "topic";
  private static final String BURST = "burst";
  private static final String BURST_STRENGTH = "burst_strength";
  private static final int EXAMPLES_PER_TOPIC = 3;
  private static final int EMERGING_PERIODS = 4;
  private static final int EMERGING_PER_PERIOD = 10;
  private static final int MAX_TRACKED = 20;
  private static final int MAX_TOPIC_ROWS = 200;
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  /** A section's content, or why there is none. */
  record Section<T>(T content, String absent) {
    static <T> Section<T> of(T content) {
      return new Section<>(content, null);
    }

    static <T> Section<T> none(String why) {
      return new Section<>(null, why);
    }

    boolean present() {
      return content != null;
    }
  }

  record Article(String docId, String title, String source, String published) {}

  /** One entity of the report; {@code wikiTitle} null when unlinked (or the report predates linking). */
  record EntityRow(String id, String name, String type, List<String> aliases, long docs, long mentions,
      String firstSeen, String lastSeen, List<Point> trend, String wikiTitle) {}

  record Entities(List<EntityRow> rows, Period trendPeriod, String trendNote) {}

  record Pair(String idA, String idB, String a, String b, String typeA, String typeB, long pairDocs, long docsA,
      long docsB, long nDocs, Double npmi, Double llr, List<Article> examples) {}

  record Pairs(LocalDate week, Period period, int minPairDocs, List<Pair> strongest, List<Svg.Node> nodes,
      List<Svg.Edge> edges, long weekPairs) {}

  record TopicSeries(String key, String label, String terms, Double coherence, long totalDocs,
      int burstPeriods, List<Point> points, List<Article> examples) {}

  record Topics(Period period, List<TopicSeries> charted, int topicCount) {}

  record Emerging(LocalDate start, List<EmergingItem> items) {}

  record EmergingItem(String text, long count, Double baseline, Double score) {}

  final JsonNode manifest;
  final String dir;
  final Section<List<Point>> articlesPerWeek;
  final Section<Entities> entities;
  final Section<Pairs> pairs;
  final Section<Topics> topics;
  final Section<Topics> tracked;
  final Section<List<Emerging>> emergingTerms;
  final Section<List<Emerging>> emergingPairs;

  private ReportData(ReportFolder folder, Options o) {
    this.manifest = folder.manifest();
    this.dir = folder.dir();
    this.articlesPerWeek = articlesPerWeek(folder, o.options);
    this.entities = entities(folder, o.options);
    this.pairs = pairs(folder, o.options);
    this.topics = topics(folder, o.options);
    this.tracked = tracked(folder, o.options);
    this.emergingTerms = emergingTerms(folder);
    this.emergingPairs = emergingPairs(folder);
  }

  /** A holder so the constructor's parameter order stays readable. */
  private record Options(Report.Options options) {}

  static ReportData load(ReportFolder folder, Report.Options options) {
    return new ReportData(folder, new Options(options));
  }

  /** The reasons of the sections that have nothing to show. */
  List<String> notes() {
    List<String> notes = new ArrayList<>();
    for (Section<?> s : List.of(articlesPerWeek, entities, pairs, topics, tracked, emergingTerms, emergingPairs)) {
      if (!s.present()) {
        notes.add(s.absent());
      }
    }
    return notes;
  }

  // ---------------------------------------------------------------------------------------------------------------

  private static Section<List<Point>> articlesPerWeek(ReportFolder folder, Report.Options o) {
    Optional<Dataset<Row>> table = folder.table(ARTICLES);
    if (table.isEmpty()) {
      return Section.none("no articles table in this report");
    }
    Dataset<Row> articles = table.get();
    List<String> missing = ReportFolder.missingColumns(articles, Col.PUBLISHED, Col.DUPLICATE_OF);
    if (!missing.isEmpty()) {
      return Section.none("the articles table lacks columns " + missing);
    }
    // Bounded: one row per week, the latest maxPeriods.
    List<Row> rows = articles.filter(col(Col.DUPLICATE_OF).isNull().and(col(Col.PUBLISHED).isNotNull()))
        .groupBy(Period.WEEK.start(col(Col.PUBLISHED)).as(Col.PERIOD_START)).agg(count(lit(1)).as(Col.DOC_COUNT))
        .orderBy(col(Col.PERIOD_START).desc()).limit(o.maxPeriods()).collectAsList();
    if (rows.isEmpty()) {
      return Section.none("the articles table is empty");
    }
    Map<LocalDate, Point> byStart = new HashMap<>();
    for (Row r : rows) {
      LocalDate start = date(r.get(0));
      byStart.put(start, new Point(start, r.getLong(1), false));
    }
    return Section.of(fill(byStart, Period.WEEK));
  }

  private static Section<Entities> entities(ReportFolder folder, Report.Options o) {
    Optional<Dataset<Row>> table = folder.table(ENTITIES);
    if (table.isEmpty()) {
      return Section.none("no entity tables in this report (no " + ENTITIES + " table)");
    }
    List<String> missing = ReportFolder.missingColumns(table.get(), Col.ENTITY_ID, Col.ENTITY, Col.TYPE,
        Col.DOC_COUNT, Col.MENTION_COUNT);
    if (!missing.isEmpty()) {
      return Section.none("the " + ENTITIES + " table lacks columns " + missing);
    }
    Dataset<Row> entities = table.get();
    boolean hasAliases = ReportFolder.missingColumns(entities, "aliases").isEmpty();
    boolean hasSeen = ReportFolder.missingColumns(entities, "first_seen", "last_seen").isEmpty();
    boolean hasTitle = ReportFolder.missingColumns(entities, Col.WIKI_TITLE).isEmpty();
    List<Row> top = Report.topEntities(entities, o.topEntities())
        .select(col(Col.ENTITY_ID), col(Col.ENTITY), col(Col.TYPE), col(Col.DOC_COUNT).cast("long"),
            col(Col.MENTION_COUNT).cast("long"),
            hasAliases ? col("aliases") : lit(null).cast("array<string>"),
            hasSeen ? col("first_seen").cast("timestamp") : lit(null).cast("timestamp"),
            hasSeen ? col("last_seen").cast("timestamp") : lit(null).cast("timestamp"),
            hasTitle ? col(Col.WIKI_TITLE) : lit(null).cast("string"))
        .collectAsList();
    if (top.isEmpty()) {
      return Section.none("the " + ENTITIES + " table is empty");
    }
    List<String> ids = top.stream().map(r -> r.getString(0)).toList();
    Map<String, List<Point>> trends = new HashMap<>();
    Period trendPeriod = null;
    String trendNote = null;
    Optional<Dataset<Row>> trendTable = folder.table(ENTITY_TRENDS);
    if (trendTable.isEmpty()) {
      trendNote = "no " + ENTITY_TRENDS + " table in this report";
    } else if (!ReportFolder.missingColumns(trendTable.get(), Col.ENTITY_ID, Col.PERIOD, Col.PERIOD_START,
        Col.DOC_COUNT).isEmpty()) {
      trendNote = "the " + ENTITY_TRENDS + " table lacks columns " + ReportFolder.missingColumns(trendTable.get(),
          Col.ENTITY_ID, Col.PERIOD, Col.PERIOD_START, Col.DOC_COUNT);
    } else {
      Dataset<Row> t = trendTable.get();
      Optional<Period> p = choosePeriod(t, o.period());
      if (p.isEmpty()) {
        trendNote = "the " + ENTITY_TRENDS + " table is empty";
      } else {
        trendPeriod = p.get();
        Dataset<Row> inPeriod = t.filter(col(Col.PERIOD).equalTo(trendPeriod.label()));
        Optional<LocalDate[]> range = range(inPeriod, trendPeriod, o.maxPeriods());
        if (range.isPresent()) {
          // Bounded: at most topEntities x maxPeriods rows.
          List<Row> rows = inPeriod.filter(col(Col.ENTITY_ID).isin(ids.toArray())
                  .and(col(Col.PERIOD_START).geq(lit(range.get()[0]))))
              .select(col(Col.ENTITY_ID), col(Col.PERIOD_START), col(Col.DOC_COUNT).cast("long"))
              .limit(o.topEntities() * o.maxPeriods()).collectAsList();
          Map<String, Map<LocalDate, Point>> byEntity = new HashMap<>();
          for (Row r : rows) {
            LocalDate start = date(r.get(1));
            byEntity.computeIfAbsent(r.getString(0), k -> new HashMap<>())
                .put(start, new Point(start, r.isNullAt(2) ? 0 : r.getLong(2), false));
          }
          for (String id : ids) {
            trends.put(id, fillRange(byEntity.getOrDefault(id, Map.of()), trendPeriod, range.get()[0],
                range.get()[1]));
          }
        }
      }
    }
    List<EntityRow> result = new ArrayList<>();
    for (Row r : top) {
      List<String> aliases = r.isNullAt(5) ? List.of() : r.getList(5);
      result.add(new EntityRow(r.getString(0), r.getString(1), r.getString(2), aliases,
          r.isNullAt(3) ? 0 : r.getLong(3), r.isNullAt(4) ? 0 : r.getLong(4), minute(r.get(6)), minute(r.get(7)),
          trends.getOrDefault(r.getString(0), List.of()), r.isNullAt(8) ? null : r.getString(8)));
    }
    return Section.of(new Entities(result, trendPeriod, trendNote));
  }

  private static Section<Pairs> pairs(ReportFolder folder, Report.Options o) {
    Optional<Dataset<Row>> table = folder.table(COOCCURRENCE);
    if (table.isEmpty()) {
      return Section.none("no " + COOCCURRENCE + " table in this report");
    }
    Dataset<Row> cooc = table.get();
    List<String> missing = ReportFolder.missingColumns(cooc, Cooccurrence.WINDOW, Col.PERIOD, Col.PERIOD_START,
        Cooccurrence.ENTITY_A, Cooccurrence.ENTITY_B, Cooccurrence.ENTITY_ID_A, Cooccurrence.ENTITY_ID_B,
        Cooccurrence.TYPE_A, Cooccurrence.TYPE_B, Cooccurrence.PAIR_DOCS, Cooccurrence.DOCS_A, Cooccurrence.DOCS_B,
        Cooccurrence.N_DOCS, Cooccurrence.NPMI, Cooccurrence.LLR);
    if (!missing.isEmpty()) {
      return Section.none("the " + COOCCURRENCE + " table lacks columns " + missing);
    }
    Dataset<Row> document = cooc.filter(col(Cooccurrence.WINDOW).equalTo(DOCUMENT_WINDOW)
        .and(col(Cooccurrence.PAIR_DOCS).geq(o.minPairDocs())));
    // The week is the natural unit of the network; other periods only when the run wrote no weeks.
    Optional<Period> period = choosePeriod(document, Period.WEEK);
    if (period.isEmpty()) {
      return Section.none("no co-occurrence pairs of window " + DOCUMENT_WINDOW + " with at least "
          + o.minPairDocs() + " articles in this report");
    }
    Dataset<Row> inPeriod = document.filter(col(Col.PERIOD).equalTo(period.get().label()));
    Row latest = inPeriod.agg(max(col(Col.PERIOD_START))).first();
    LocalDate week = date(latest.get(0));
    Dataset<Row> pairs = Report.pairsOf(cooc, DOCUMENT_WINDOW, period.get(), week, o.minPairDocs());
    long weekPairs = pairs.count();
    List<Row> strongest = select(Report.strongestPairs(pairs, o.topPairs())).collectAsList();
    List<Row> busiest = select(Report.busiestPairs(pairs, o.networkEdges())).collectAsList();
    boolean hasExamples = ReportFolder.missingColumns(cooc, Cooccurrence.EXAMPLE_DOC_IDS).isEmpty();
    Map<String, Article> articles = Map.of();
    if (hasExamples) {
      Set<String> ids = new LinkedHashSet<>();
      for (Row r : strongest) {
        if (!r.isNullAt(12)) {
          ids.addAll(r.getList(12));
        }
      }
      articles = articles(folder, ids, week, period.get().next(week));
    }
    List<Pair> list = new ArrayList<>();
    for (Row r : strongest) {
      List<Article> examples = new ArrayList<>();
      if (hasExamples && !r.isNullAt(12)) {
        for (Object id : r.getList(12)) {
          Article a = articles.get(String.valueOf(id));
          examples.add(a != null ? a : new Article(String.valueOf(id), null, null, null));
        }
      }
      list.add(pair(r, examples));
    }
    Map<String, Svg.Node> nodes = new TreeMap<>();
    List<Svg.Edge> edges = new ArrayList<>();
    for (Row r : busiest) {
      Pair p = pair(r, List.of());
      nodes.putIfAbsent(p.idA(), new Svg.Node(p.idA(), p.a(), p.typeA(), p.docsA()));
      nodes.putIfAbsent(p.idB(), new Svg.Node(p.idB(), p.b(), p.typeB(), p.docsB()));
      edges.add(new Svg.Edge(p.idA(), p.idB(), p.pairDocs(), p.npmi() == null ? 0 : p.npmi()));
    }
    return Section.of(new Pairs(week, period.get(), o.minPairDocs(), list, List.copyOf(nodes.values()), edges,
        weekPairs));
  }

  private static Dataset<Row> select(Dataset<Row> pairs) {
    boolean hasExamples = ReportFolder.missingColumns(pairs, Cooccurrence.EXAMPLE_DOC_IDS).isEmpty();
    return pairs.select(col(Cooccurrence.ENTITY_ID_A), col(Cooccurrence.ENTITY_ID_B), col(Cooccurrence.ENTITY_A),
        col(Cooccurrence.ENTITY_B), col(Cooccurrence.TYPE_A), col(Cooccurrence.TYPE_B),
        col(Cooccurrence.PAIR_DOCS).cast("long"), col(Cooccurrence.DOCS_A).cast("long"),
        col(Cooccurrence.DOCS_B).cast("long"), col(Cooccurrence.N_DOCS).cast("long"),
        col(Cooccurrence.NPMI).cast("double"), col(Cooccurrence.LLR).cast("double"),
        hasExamples ? col(Cooccurrence.EXAMPLE_DOC_IDS).cast("array<string>") : lit(null).cast("array<string>"));
  }

  private static Pair pair(Row r, List<Article> examples) {
    return new Pair(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
        longOr0(r, 6), longOr0(r, 7), longOr0(r, 8), longOr0(r, 9), doubleOrNull(r, 10), doubleOrNull(r, 11),
        examples);
  }

  /**
   * Titles of a bounded set of articles. When the period is known, only its partitions of {@code published_date}
   * are read (and a day either side, for the time zone of the partition column).
   */
  private static Map<String, Article> articles(ReportFolder folder, Collection<String> ids, LocalDate from,
      LocalDate until) {
    Optional<Dataset<Row>> table = folder.table(ARTICLES);
    if (ids.isEmpty() || table.isEmpty()
        || !ReportFolder.missingColumns(table.get(), Col.DOC_ID, Col.TITLE).isEmpty()) {
      return Map.of();
    }
    Dataset<Row> articles = table.get();
    if (from != null && ReportFolder.missingColumns(articles, Col.PUBLISHED_DATE).isEmpty()) {
      articles = articles.filter(col(Col.PUBLISHED_DATE).between(lit(from.minusDays(1)), lit(until)));
    }
    boolean hasSource = ReportFolder.missingColumns(articles, Col.SOURCE).isEmpty();
    boolean hasPublished = ReportFolder.missingColumns(articles, Col.PUBLISHED).isEmpty();
    Map<String, Article> out = new HashMap<>();
    for (Row r : articles.filter(col(Col.DOC_ID).isin(ids.toArray()))
        .select(col(Col.DOC_ID), col(Col.TITLE), hasSource ? col(Col.SOURCE) : lit(null).cast("string"),
            hasPublished ? col(Col.PUBLISHED).cast("timestamp") : lit(null).cast("timestamp"))
        .limit(ids.size() * 2).collectAsList()) {
      out.putIfAbsent(r.getString(0), new Article(r.getString(0), r.getString(1), r.getString(2), minute(r.get(3))));
    }
    return out;
  }

  private static Section<Topics> topics(ReportFolder folder, Report.Options o) {
    Optional<Dataset<Row>> table = folder.table(TOPIC_TRENDS);
    if (table.isEmpty()) {
      return Section.none("no " + TOPIC_TRENDS + " table in this report");
    }
    Optional<Section<Topics>> bad = trendProblem(table.get(), TOPIC_TRENDS, TOPIC_ID);
    if (bad.isPresent()) {
      return bad.get();
    }
    Map<String, String[]> described = new HashMap<>();
    Optional<Dataset<Row>> topicTable = folder.table(TOPICS);
    int topicCount = 0;
    if (topicTable.isPresent()
        && ReportFolder.missingColumns(topicTable.get(), TOPIC_ID, "label", "terms").isEmpty()) {
      boolean hasCoherence = ReportFolder.missingColumns(topicTable.get(), "coherence").isEmpty();
      // Bounded: a topic model has tens to hundreds of topics; the first MAX_TOPIC_ROWS are plenty.
      for (Row r : topicTable.get().select(col(TOPIC_ID).cast("string"), col("label"),
              col("terms").cast("array<string>"),
              hasCoherence ? col("coherence").cast("double") : lit(null).cast("double"))
          .orderBy(col(TOPIC_ID)).limit(MAX_TOPIC_ROWS).collectAsList()) {
        List<String> terms = r.isNullAt(2) ? List.of() : r.getList(2);
        described.put(r.getString(0), new String[] {r.getString(1), String.join(", ", terms.subList(0,
            Math.min(10, terms.size()))), r.isNullAt(3) ? null : Double.toString(r.getDouble(3))});
        topicCount++;
      }
    }
    Optional<Topics> charted = series(folder, table.get(), TOPIC_ID, o, o.topTopics(), described, true);
    if (charted.isEmpty()) {
      return Section.none("the " + TOPIC_TRENDS + " table is empty");
    }
    return Section.of(new Topics(charted.get().period(), charted.get().charted(), topicCount));
  }

  private static Section<Topics> tracked(ReportFolder folder, Report.Options o) {
    Optional<Dataset<Row>> table = folder.table(TRACKED_TOPIC_TRENDS);
    if (table.isEmpty()) {
      return Section.none("no " + TRACKED_TOPIC_TRENDS + " table in this report (no --track queries)");
    }
    Optional<Section<Topics>> bad = trendProblem(table.get(), TRACKED_TOPIC_TRENDS, TOPIC);
    if (bad.isPresent()) {
      return bad.get();
    }
    Optional<Topics> charted = series(folder, table.get(), TOPIC, o, MAX_TRACKED, Map.of(), false);
    return charted.map(Section::of)
        .orElseGet(() -> Section.none("the " + TRACKED_TOPIC_TRENDS + " table is empty (no tracked topics)"));
  }

  private static Optional<Section<Topics>> trendProblem(Dataset<Row> table, String name, String key) {
    List<String> missing = ReportFolder.missingColumns(table, key, Col.PERIOD, Col.PERIOD_START, Col.DOC_COUNT);
    return missing.isEmpty() ? Optional.empty()
        : Optional.of(Section.none("the " + name + " table lacks columns " + missing));
  }

  /**
   * The charted series of a trends table: the {@code n} keys with bursts first, then by articles, over the latest
   * {@code maxPeriods} periods, with example articles from {@code doc_topics} for LDA topics.
   */
  private static Optional<Topics> series(ReportFolder folder, Dataset<Row> trends, String key, Report.Options o, int n,
      Map<String, String[]> described, boolean examples) {
    Optional<Period> period = choosePeriod(trends, o.period());
    if (period.isEmpty()) {
      return Optional.empty();
    }
    boolean hasBurst = ReportFolder.missingColumns(trends, BURST).isEmpty();
    Dataset<Row> inPeriod = trends.filter(col(Col.PERIOD).equalTo(period.get().label()));
    Optional<LocalDate[]> range = range(inPeriod, period.get(), o.maxPeriods());
    if (range.isEmpty()) {
      return Optional.empty();
    }
    Dataset<Row> shown = inPeriod.filter(col(Col.PERIOD_START).geq(lit(range.get()[0])));
    // Bounded: n keys.
    List<Row> ranked = shown.groupBy(col(key).cast("string").as(key))
        .agg(sum(col(Col.DOC_COUNT)).cast("long").as("total"),
            hasBurst ? sum(when(col(BURST), 1).otherwise(0)).as("bursts") : lit(0).as("bursts"))
        .orderBy(col("bursts").gt(0).desc(), col("total").desc(), col(key))
        .limit(n).collectAsList();
    List<String> keys = ranked.stream().map(r -> r.getString(0)).toList();
    // Bounded: n keys x maxPeriods periods.
    List<Row> rows = shown.filter(col(key).cast("string").isin(keys.toArray()))
        .select(col(key).cast("string"), col(Col.PERIOD_START), col(Col.DOC_COUNT).cast("long"),
            hasBurst ? col(BURST) : lit(false))
        .limit(n * o.maxPeriods()).collectAsList();
    Map<String, Map<LocalDate, Point>> byKey = new HashMap<>();
    for (Row r : rows) {
      LocalDate start = date(r.get(1));
      byKey.computeIfAbsent(r.getString(0), k -> new HashMap<>()).put(start,
          new Point(start, r.isNullAt(2) ? 0 : r.getLong(2), !r.isNullAt(3) && r.getBoolean(3)));
    }
    Map<String, List<Article>> exampleArticles = examples ? topicExamples(folder, keys) : Map.of();
    List<TopicSeries> out = new ArrayList<>();
    for (Row r : ranked) {
      String k = r.getString(0);
      String[] d = described.get(k);
      out.add(new TopicSeries(k, d == null ? k : d[0], d == null ? "" : d[1],
          d == null || d[2] == null ? null : Double.valueOf(d[2]), longOr0(r, 1), (int) longOr0(r, 2),
          fillRange(byKey.getOrDefault(k, Map.of()), period.get(), range.get()[0], range.get()[1]),
          exampleArticles.getOrDefault(k, List.of())));
    }
    return Optional.of(new Topics(period.get(), out, 0));
  }

  /** The articles most about each topic (highest weight in {@code doc_topics}), a few per topic. */
  private static Map<String, List<Article>> topicExamples(ReportFolder folder, List<String> topicIds) {
    Optional<Dataset<Row>> table = folder.table(DOC_TOPICS);
    if (table.isEmpty() || !ReportFolder.missingColumns(table.get(), Col.DOC_ID, TOPIC_ID, "weight").isEmpty()) {
      return Map.of();
    }
    Dataset<Row> docTopics = table.get().select(col(TOPIC_ID).cast("string").as(TOPIC_ID), col(Col.DOC_ID),
        col("weight").cast("double").as("weight")).filter(col(TOPIC_ID).isin(topicIds.toArray()));
    // Bounded: EXAMPLES_PER_TOPIC per topic.
    List<Row> best = Report.topPerGroup(docTopics, TOPIC_ID, EXAMPLES_PER_TOPIC, col("weight").desc(),
            col(Col.DOC_ID))
        .orderBy(col(TOPIC_ID), col("rank_in_group")).select(col(TOPIC_ID), col(Col.DOC_ID))
        .limit(topicIds.size() * EXAMPLES_PER_TOPIC).collectAsList();
    Map<String, Article> articles = articles(folder, best.stream().map(r -> r.getString(1)).toList(), null, null);
    Map<String, List<Article>> out = new LinkedHashMap<>();
    for (Row r : best) {
      Article a = articles.get(r.getString(1));
      if (a != null) {
        out.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(a);
      }
    }
    return out;
  }

  private static Section<List<Emerging>> emergingTerms(ReportFolder folder) {
    Optional<Dataset<Row>> table = folder.table(EMERGING_TERMS);
    if (table.isEmpty()) {
      return Section.none("no " + EMERGING_TERMS + " table in this report");
    }
    Dataset<Row> terms = table.get();
    List<String> missing = ReportFolder.missingColumns(terms, Col.PERIOD_START, "term", "count", "score");
    if (!missing.isEmpty()) {
      return Section.none("the " + EMERGING_TERMS + " table lacks columns " + missing);
    }
    if (ReportFolder.missingColumns(terms, Col.PERIOD).isEmpty()) {
      Optional<Period> p = choosePeriod(terms, Period.WEEK);
      if (p.isEmpty()) {
        return Section.none("the " + EMERGING_TERMS + " table is empty");
      }
      terms = terms.filter(col(Col.PERIOD).equalTo(p.get().label()));
    }
    boolean hasBaseline = ReportFolder.missingColumns(terms, "baseline").isEmpty();
    List<Emerging> out = latestPeriods(terms.select(col(Col.PERIOD_START), col("term").as("text"),
        col("count").cast("long").as("n"), hasBaseline ? col("baseline").cast("double") : lit(null).cast("double"),
        col("score").cast("double").as("score")), col("score").desc_nulls_last(), col("n").desc(), col("text"));
    return out.isEmpty() ? Section.none("the " + EMERGING_TERMS + " table is empty") : Section.of(out);
  }

  private static Section<List<Emerging>> emergingPairs(ReportFolder folder) {
    Optional<Dataset<Row>> table = folder.table(EMERGING_PAIRS);
    if (table.isEmpty()) {
      return Section.none("no " + EMERGING_PAIRS + " table in this report");
    }
    Dataset<Row> pairs = table.get();
    List<String> missing = ReportFolder.missingColumns(pairs, Col.PERIOD_START, Cooccurrence.ENTITY_A,
        Cooccurrence.ENTITY_B, Cooccurrence.PAIR_DOCS, Cooccurrence.BASELINE, Cooccurrence.SCORE);
    if (!missing.isEmpty()) {
      return Section.none("the " + EMERGING_PAIRS + " table lacks columns " + missing);
    }
    List<Emerging> out = latestPeriods(pairs.select(col(Col.PERIOD_START),
            org.apache.spark.sql.functions.concat_ws(" \u2013 ", col(Cooccurrence.ENTITY_A),
                col(Cooccurrence.ENTITY_B)).as("text"),
            col(Cooccurrence.PAIR_DOCS).cast("long").as("n"), col(Cooccurrence.BASELINE).cast("double"),
            col(Cooccurrence.SCORE).cast("double").as("score")),
        col("score").desc_nulls_last(), col("n").desc(), col("text"));
    return out.isEmpty() ? Section.none("the " + EMERGING_PAIRS + " table is empty")
        : Section.of(out);
  }

  /** The best items of the latest {@link #EMERGING_PERIODS} period starts (newest first). */
  private static List<Emerging> latestPeriods(Dataset<Row> items, org.apache.spark.sql.Column... order) {
    List<Object> starts = items.select(col(Col.PERIOD_START)).distinct().orderBy(col(Col.PERIOD_START).desc())
        .limit(EMERGING_PERIODS).collectAsList().stream().map(r -> r.get(0)).toList();
    if (starts.isEmpty()) {
      return List.of();
    }
    List<Row> rows = Report.topPerGroup(items.filter(col(Col.PERIOD_START).isin(starts.toArray())),
            Col.PERIOD_START, EMERGING_PER_PERIOD, order)
        .orderBy(col(Col.PERIOD_START).desc(), col("rank_in_group"))
        .limit(EMERGING_PERIODS * EMERGING_PER_PERIOD).collectAsList();
    Map<LocalDate, List<EmergingItem>> byStart = new LinkedHashMap<>();
    for (Row r : rows) {
      byStart.computeIfAbsent(date(r.get(0)), k -> new ArrayList<>()).add(new EmergingItem(r.getString(1),
          longOr0(r, 2), doubleOrNull(r, 3), doubleOrNull(r, 4)));
    }
    List<Emerging> out = new ArrayList<>();
    byStart.forEach((start, list) -> out.add(new Emerging(start, list)));
    return out;
  }

  // ---------------------------------------------------------------------------------------------------------------

  /**
   * The period to draw from a table with a {@code period} column: {@code preferred} if the table has it, else week,
   * day, month, in that order; empty when the table has no rows.
   */
  static Optional<Period> choosePeriod(Dataset<Row> table, Period preferred) {
    // Bounded: a handful of period labels.
    Set<String> present = new LinkedHashSet<>();
    for (Row r : table.select(col(Col.PERIOD)).distinct().limit(16).collectAsList()) {
      present.add(r.getString(0));
    }
    for (Period p : List.of(preferred, Period.WEEK, Period.DAY, Period.MONTH, Period.ALL)) {
      if (present.contains(p.label())) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The first and last period start to draw: the latest {@code maxPeriods} periods up to the table's last. */
  static Optional<LocalDate[]> range(Dataset<Row> inPeriod, Period period, int maxPeriods) {
    Row r = inPeriod.agg(min(col(Col.PERIOD_START)), max(col(Col.PERIOD_START))).first();
    if (r.isNullAt(0) || r.isNullAt(1)) {
      return Optional.empty();
    }
    LocalDate first = date(r.get(0));
    LocalDate last = date(r.get(1));
    LocalDate earliest = switch (period) {
      case DAY -> last.minusDays(maxPeriods - 1L);
      case WEEK -> last.minusWeeks(maxPeriods - 1L);
      case MONTH -> last.minusMonths(maxPeriods - 1L);
      case ALL -> first;
    };
    return Optional.of(new LocalDate[] {first.isBefore(earliest) ? earliest : first, last});
  }

  /** The points from the first to the last start present, missing periods as zeros. */
  static List<Point> fill(Map<LocalDate, Point> byStart, Period period) {
    if (byStart.isEmpty()) {
      return List.of();
    }
    LocalDate first = byStart.keySet().stream().min(LocalDate::compareTo).orElseThrow();
    LocalDate last = byStart.keySet().stream().max(LocalDate::compareTo).orElseThrow();
    return fillRange(byStart, period, first, last);
  }

  /** The points of every period from {@code first} to {@code last}, missing ones as zeros. */
  static List<Point> fillRange(Map<LocalDate, Point> byStart, Period period, LocalDate first, LocalDate last) {
    List<Point> out = new ArrayList<>();
    if (period == Period.ALL) {
      Point p = byStart.get(first);
      return p == null ? List.of(new Point(first, 0, false)) : List.of(p);
    }
    for (LocalDate d = period.start(first); !d.isAfter(last); d = period.next(d)) {
      Point p = byStart.get(d);
      out.add(p != null ? p : new Point(d, 0, false));
    }
    return out;
  }

  static LocalDate date(Object value) {
    if (value instanceof LocalDate d) {
      return d;
    }
    if (value instanceof Date d) {
      return d.toLocalDate();
    }
    return LocalDate.parse(String.valueOf(value));
  }

  private static String minute(Object value) {
    if (value instanceof Timestamp t) {
      return MINUTE.format(t.toInstant().atOffset(ZoneOffset.UTC));
    }
    if (value instanceof java.time.Instant i) {
      return MINUTE.format(i.atOffset(ZoneOffset.UTC));
    }
    return value == null ? null : String.valueOf(value);
  }

  private static long longOr0(Row r, int i) {
    return r.isNullAt(i) ? 0 : ((Number) r.get(i)).longValue();
  }

  private static Double doubleOrNull(Row r, int i) {
    return r.isNullAt(i) ? null : ((Number) r.get(i)).doubleValue();
  }
}
