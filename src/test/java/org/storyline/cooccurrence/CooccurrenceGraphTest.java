package org.storyline.cooccurrence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.storyline.cooccurrence.CooccurrenceTestSupport.EPS;
import static org.storyline.cooccurrence.CooccurrenceTestSupport.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storyline.cli.StorylineCommand;
import org.storyline.config.ConfigException;
import org.storyline.config.ConfigOption;
import org.storyline.config.CooccurrenceConfig;
import org.storyline.io.ReportStore;
import org.storyline.schema.Period;
import org.storyline.schema.Tables;
import org.storyline.testing.TestSpark;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import picocli.CommandLine;

/**
 * {@code storyline graph} on a published report of the tiny corpus (minimum support 1). The week of 2025-09-01,
 * document window, has 5 entities (Kim 4 articles, Putin 5, Xi 3, Moscow 2, Beijing 1) and 6 pairs: Kim-Putin 4,
 * Kim-Xi 2, Putin-Xi 2, Moscow-Putin 2, Kim-Moscow 1, Beijing-Xi 1.
 */
class CooccurrenceGraphTest {
  @TempDir
  static Path dir;
  private static Path report;
  private static Map<String, Double> npmiByPair;

  @BeforeAll
  static void publishReport() {
    SparkSession spark = TestSpark.session();
    List<CooccurrenceFixtures.Article> corpus = CooccurrenceFixtures.tinyCorpus();
    CooccurrenceConfig cfg = config(ConfigOption.MIN_SUPPORT, 1);
    report = dir.resolve("report");
    try (Cooccurrence.Prepared p = Cooccurrence.prepare(CooccurrenceFixtures.mentions(spark, corpus),
        CooccurrenceFixtures.articles(spark, corpus), List.of("en"), cfg);
        ReportStore store = ReportStore.begin(spark, report.toString(), ReportStore.newRunId(), 2)) {
      store.write(Tables.COOCCURRENCE, Cooccurrence.cooccurrence(p, List.of(Period.WEEK), cfg));
      store.publish("{}\n");
    }
    npmiByPair = new HashMap<>();
    for (Row r : spark.read().parquet(report.resolve(Tables.COOCCURRENCE.name()).toString())
        .filter("window = 'document' and period = 'week' and period_start = date'2025-09-01'").collectAsList()) {
      npmiByPair.put(r.getString(r.fieldIndex("entity_id_a")) + "|" + r.getString(r.fieldIndex("entity_id_b")),
          r.getDouble(r.fieldIndex("npmi")));
    }
  }

  private static Document parse(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder().parse(file.toFile());
  }

  private static Map<String, String> attvalues(Element parent) {
    Map<String, String> values = new HashMap<>();
    NodeList list = parent.getElementsByTagNameNS(GraphFormats.GEXF_NS, "attvalue");
    for (int i = 0; i < list.getLength(); i++) {
      Element v = (Element) list.item(i);
      values.put(v.getAttribute("for"), v.getAttribute("value"));
    }
    return values;
  }

  private static List<Element> elements(Document doc, String ns, String name) {
    NodeList list = doc.getElementsByTagNameNS(ns, name);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < list.getLength(); i++) {
      out.add((Element) list.item(i));
    }
    return out;
  }

  private static int run(String... args) {
    return StorylineCommand.execute(args);
  }

  @Test
  void gexfParsesWithTheWeeksNodesAndEdges() throws Exception {
    Path file = dir.resolve("week.gexf");
    // A Wednesday: the graph is the ISO week that contains it.
    assertThat(run("graph", "--report", report.toString(), "--period", "week", "--start", "2025-09-03",
        "--format", "gexf", "--out", file.toString())).as("exit code").isZero();
    Document doc = parse(file);
    Element root = doc.getDocumentElement();
    assertThat(root.getLocalName()).as("root").isEqualTo("gexf");
    assertThat(root.getNamespaceURI()).as("GEXF 1.3 namespace").isEqualTo("http://gexf.net/1.3");
    assertThat(root.getAttribute("version")).as("version").isEqualTo("1.3");
    Element graph = elements(doc, GraphFormats.GEXF_NS, "graph").get(0);
    assertThat(graph.getAttribute("defaultedgetype")).as("undirected").isEqualTo("undirected");

    List<Element> attributes = elements(doc, GraphFormats.GEXF_NS, "attribute");
    Map<String, String> types = new HashMap<>();
    attributes.forEach(a -> types.put(((Element) a.getParentNode()).getAttribute("class") + ":" + a.getAttribute("id"),
        a.getAttribute("type")));
    assertThat(types).as("typed attributes").containsEntry("node:type", "string").containsEntry("node:docs", "long")
        .containsEntry("edge:pair_docs", "long").containsEntry("edge:npmi", "double")
        .containsEntry("edge:llr", "double");

    Map<String, Element> nodes = new HashMap<>();
    elements(doc, GraphFormats.GEXF_NS, "node").forEach(n -> nodes.put(n.getAttribute("id"), n));
    assertThat(nodes.keySet()).as("node ids are entity ids").containsExactlyInAnyOrder(
        CooccurrenceFixtures.KIM.id(), CooccurrenceFixtures.PUTIN.id(), CooccurrenceFixtures.XI.id(),
        CooccurrenceFixtures.MOSCOW.id(), CooccurrenceFixtures.BEIJING.id());
    Element kim = nodes.get(CooccurrenceFixtures.KIM.id());
    assertThat(kim.getAttribute("label")).as("label").isEqualTo("Kim Jong-un");
    assertThat(attvalues(kim)).as("Kim's attributes").containsEntry("type", "PERSON").containsEntry("docs", "4");
    assertThat(attvalues(nodes.get(CooccurrenceFixtures.MOSCOW.id()))).as("Moscow")
        .containsEntry("type", "LOCATION").containsEntry("docs", "2");
    assertThat(kim.getElementsByTagNameNS(GraphFormats.VIZ_NS, "size").getLength()).as("viz:size").isEqualTo(1);

    List<Element> edges = elements(doc, GraphFormats.GEXF_NS, "edge");
    assertThat(edges).as("edges").hasSize(6);
    Element kimPutin = edges.stream().filter(e -> e.getAttribute("source").equals(CooccurrenceFixtures.KIM.id())
        && e.getAttribute("target").equals(CooccurrenceFixtures.PUTIN.id())).findFirst().orElseThrow();
    assertThat(kimPutin.getAttribute("weight")).as("weight = pair_docs").isEqualTo("4");
    Map<String, String> values = attvalues(kimPutin);
    assertThat(values).as("edge attributes").containsEntry("pair_docs", "4").containsKey("llr");
    assertThat(Double.parseDouble(values.get("npmi"))).as("npmi as in the table")
        .isCloseTo(npmiByPair.get(CooccurrenceFixtures.KIM.id() + "|" + CooccurrenceFixtures.PUTIN.id()),
            within(EPS));
    for (Element e : edges) {
      assertThat(nodes).as("edge ends are nodes").containsKeys(e.getAttribute("source"), e.getAttribute("target"));
    }
  }

  @Test
  void graphmlAndMinimumSupport() throws Exception {
    Path file = dir.resolve("week.graphml");
    assertThat(run("graph", "--report", report.toString(), "--start", "2025-09-01", "--format", "graphml",
        "--min-support", "2", "--out", file.toString())).as("exit code").isZero();
    Document doc = parse(file);
    assertThat(doc.getDocumentElement().getNamespaceURI()).as("GraphML namespace")
        .isEqualTo("http://graphml.graphdrawing.org/xmlns");
    Map<String, String> keys = new HashMap<>();
    elements(doc, GraphFormats.GRAPHML_NS, "key").forEach(k -> keys.put(k.getAttribute("for") + ":"
        + k.getAttribute("attr.name"), k.getAttribute("attr.type")));
    assertThat(keys).as("typed keys").containsEntry("node:type", "string").containsEntry("node:docs", "long")
        .containsEntry("edge:weight", "double").containsEntry("edge:npmi", "double");
    // Support 2 leaves Kim-Putin, Kim-Xi, Putin-Xi, Moscow-Putin: Beijing has no edge left.
    assertThat(elements(doc, GraphFormats.GRAPHML_NS, "edge")).as("edges with 2+ articles").hasSize(4);
    List<Element> nodes = elements(doc, GraphFormats.GRAPHML_NS, "node");
    assertThat(nodes.stream().map(n -> n.getAttribute("id"))).as("nodes").containsExactlyInAnyOrder(
        CooccurrenceFixtures.KIM.id(), CooccurrenceFixtures.PUTIN.id(), CooccurrenceFixtures.XI.id(),
        CooccurrenceFixtures.MOSCOW.id());
    Element putin = nodes.stream().filter(n -> n.getAttribute("id").equals(CooccurrenceFixtures.PUTIN.id()))
        .findFirst().orElseThrow();
    Map<String, String> data = new HashMap<>();
    NodeList list = putin.getElementsByTagNameNS(GraphFormats.GRAPHML_NS, "data");
    for (int i = 0; i < list.getLength(); i++) {
      data.put(((Element) list.item(i)).getAttribute("key"), list.item(i).getTextContent());
    }
    assertThat(data).as("Putin's data").containsEntry("label", "Vladimir Putin").containsEntry("docs", "5")
        .containsEntry("type", "PERSON");
  }

  @Test
  void nodeLinkJsonForD3() throws Exception {
    Path file = dir.resolve("week.json");
    assertThat(run("graph", "--report", report.toString(), "--start", "2025-09-07", "--format", "json",
        "--window", "sentence", "--out", file.toString())).as("exit code").isZero();
    JsonNode json = new ObjectMapper().readTree(Files.readString(file));
    assertThat(json.get("directed").asBoolean()).as("undirected").isFalse();
    assertThat(json.get("graph").get("period_start").asText()).as("the week of the Sunday").isEqualTo("2025-09-01");
    assertThat(json.get("graph").get("n_docs").asLong()).as("n_docs").isEqualTo(7);
    // Sentence window, week: Kim-Putin 2, Kim-Xi 1, Putin-Xi 1, Moscow-Putin 1, Beijing-Xi 1.
    assertThat(json.get("links")).as("links").hasSize(5);
    assertThat(json.get("nodes")).as("nodes").hasSize(5);
    JsonNode first = json.get("links").get(0);
    assertThat(first.get("pair_docs").asLong()).as("strongest first").isEqualTo(2);
    assertThat(first.get("weight").asLong()).as("weight").isEqualTo(2);
    assertThat(first.has("npmi") && first.has("llr")).as("npmi and llr").isTrue();
  }

  @Test
  void nodeSizesComeFromTheEntitiesTableWhenItHasThePeriod() throws Exception {
    SparkSession spark = TestSpark.session();
    Path runDir = dir.resolve("one-run");
    Files.createDirectories(runDir);
    Files.createSymbolicLink(runDir.resolve("cooccurrence"), report.resolve(Tables.COOCCURRENCE.name()).toRealPath());
    StructType schema = DataTypes.createStructType(List.of(
        DataTypes.createStructField("period", DataTypes.StringType, false),
        DataTypes.createStructField("period_start", DataTypes.DateType, false),
        DataTypes.createStructField("entity_id", DataTypes.StringType, false),
        DataTypes.createStructField("doc_count", DataTypes.LongType, false)));
    Dataset<Row> entities = spark.createDataFrame(List.of(
        RowFactory.create("week", java.sql.Date.valueOf("2025-09-01"), CooccurrenceFixtures.KIM.id(), 40L),
        RowFactory.create("week", java.sql.Date.valueOf("2025-08-25"), CooccurrenceFixtures.KIM.id(), 1L)), schema);
    entities.write().parquet(runDir.resolve("entities").toString());

    CooccurrenceGraph.Graph g = CooccurrenceGraph.load(spark, runDir.toString(), Period.WEEK,
        LocalDate.parse("2025-09-01"), "document", 1, 3);
    assertThat(g.sizeSource()).as("size source").isEqualTo("entities");
    assertThat(g.edges()).as("--max-edges 3").hasSize(3);
    assertThat(g.truncated()).as("truncated").isTrue();
    assertThat(g.nodes().stream().filter(n -> n.id().equals(CooccurrenceFixtures.KIM.id())).findFirst()
        .orElseThrow().docs()).as("Kim's size from entities").isEqualTo(40);
    assertThat(g.nodes().stream().filter(n -> n.id().equals(CooccurrenceFixtures.PUTIN.id())).findFirst()
        .orElseThrow().docs()).as("Putin (not in entities) from cooccurrence").isEqualTo(5);
  }

  @Test
  void aPeriodWithoutPairsIsAUsageErrorNamingWhatExists() {
    assertThatThrownBy(() -> CooccurrenceGraph.load(TestSpark.session(), report.toString(), Period.WEEK,
        LocalDate.parse("2025-10-06"), "document", 1, 100))
        .as("no pairs that week").isInstanceOf(ConfigException.class)
        .hasMessageContaining("2025-10-06").hasMessageContaining("2025-08-25, 2025-09-01");
    assertThat(run("graph", "--report", report.toString(), "--start", "2025-10-06", "--out",
        dir.resolve("none.gexf").toString())).as("exit code for a period with no pairs").isEqualTo(2);
    assertThat(run("graph", "--report", report.toString(), "--format", "svg", "--start", "2025-09-01"))
        .as("bad format").isEqualTo(2);
    assertThat(run("graph", "--report", report.toString())).as("no --start").isEqualTo(2);
    assertThat(run("graph", "--report", dir.resolve("missing").toString(), "--start", "2025-09-01"))
        .as("no report").isEqualTo(2);
  }

  /**
   * An entity name with characters XML 1.0 forbids (an alias file can bring them): each becomes U+FFFD, the
   * allowed ones (tab, an astral character) stay, and both XML files parse with a real parser.
   */
  @Test
  void namesWithCharactersXmlForbidsGiveWellFormedGexfAndGraphml() throws Exception {
    String raw = "Kim\u0000Jong\u0008un\u000B\u000C\u000E\u001F\tX\uFFFE\uFFFF\uD800|\uDC00 \uD83D\uDE00";
    String cleaned = "Kim\uFFFDJong\uFFFDun\uFFFD\uFFFD\uFFFD\uFFFD\tX\uFFFD\uFFFD\uFFFD|\uFFFD \uD83D\uDE00";
    String oddId = "PERSON:odd\u0001id";
    String cleanedId = "PERSON:odd\uFFFDid";
    CooccurrenceGraph.Graph g = new CooccurrenceGraph.Graph("document", "week", LocalDate.parse("2025-09-01"), 3,
        "cooccurrence", false,
        List.of(new CooccurrenceGraph.Node(oddId, raw, "PERSON", 2),
            new CooccurrenceGraph.Node("PERSON:putin", "Vladimir Putin", "PERSON\u0007", 3)),
        List.of(new CooccurrenceGraph.Edge(oddId, "PERSON:putin", 2, 0.5, 1.2, 0.7, 0.66)));

    Path gexf = dir.resolve("odd.gexf");
    try (var out = Files.newOutputStream(gexf)) {
      GraphFormats.gexf(g, out);
    }
    Document gexfDoc = parse(gexf);
    Map<String, Element> nodes = new HashMap<>();
    elements(gexfDoc, GraphFormats.GEXF_NS, "node").forEach(n -> nodes.put(n.getAttribute("id"), n));
    assertThat(nodes.keySet()).as("GEXF node ids, cleaned").containsExactlyInAnyOrder(cleanedId, "PERSON:putin");
    assertThat(nodes.get(cleanedId).getAttribute("label")).as("GEXF label, cleaned").isEqualTo(cleaned);
    assertThat(attvalues(nodes.get("PERSON:putin"))).as("GEXF type, cleaned").containsEntry("type", "PERSON\uFFFD");
    Element edge = elements(gexfDoc, GraphFormats.GEXF_NS, "edge").get(0);
    assertThat(edge.getAttribute("source")).as("the edge still meets its node").isEqualTo(cleanedId);

    Path graphml = dir.resolve("odd.graphml");
    try (var out = Files.newOutputStream(graphml)) {
      GraphFormats.graphml(g, out);
    }
    Document graphmlDoc = parse(graphml);
    Element node = elements(graphmlDoc, GraphFormats.GRAPHML_NS, "node").stream()
        .filter(n -> n.getAttribute("id").equals(cleanedId)).findFirst().orElseThrow();
    NodeList data = node.getElementsByTagNameNS(GraphFormats.GRAPHML_NS, "data");
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < data.getLength(); i++) {
      values.put(((Element) data.item(i)).getAttribute("key"), data.item(i).getTextContent());
    }
    assertThat(values).as("GraphML label, cleaned").containsEntry("label", cleaned);
    assertThat(elements(graphmlDoc, GraphFormats.GRAPHML_NS, "edge").get(0).getAttribute("source"))
        .as("GraphML edge source, cleaned").isEqualTo(cleanedId);
  }

  @Test
  void xmlSafeReplacesOnlyWhatXmlForbids() {
    assertThat(GraphFormats.xmlSafe("Kim Jong-un \u00e9\u4e2d\t\n\r\uD83D\uDE00")).as("allowed text unchanged")
        .isEqualTo("Kim Jong-un \u00e9\u4e2d\t\n\r\uD83D\uDE00");
    assertThat(GraphFormats.xmlSafe("a\u0000b\uDBFFc\uDFFF")).as("controls and lone surrogates")
        .isEqualTo("a\uFFFDb\uFFFDc\uFFFD");
    assertThat(GraphFormats.xmlSafe(null)).as("null").isNull();
  }

  @Test
  void helpListsTheOptions() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    CommandLine cl = new CommandLine(new org.storyline.cli.GraphCommand());
    cl.usage(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    String help = buffer.toString(StandardCharsets.UTF_8);
    assertThat(help).as("graph --help").contains("--report", "--period", "--start", "--format", "--window", "--out",
        "--min-support");
    assertThat(run("graph", "--help")).as("storyline graph --help").isZero();
  }
}
