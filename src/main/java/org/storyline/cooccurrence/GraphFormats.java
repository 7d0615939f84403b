package org.storyline.cooccurrence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.storyline.cooccurrence.CooccurrenceGraph.Edge;
import org.storyline.cooccurrence.CooccurrenceGraph.Graph;
import org.storyline.cooccurrence.CooccurrenceGraph.Node;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The three graph files: GEXF 1.3 and GraphML (XML, for Gephi, yEd, networkx, igraph) and node-link JSON (d3's
 * force layout, networkx's {@code node_link_graph}). Node attributes: {@code type} (string), {@code docs} (long,
 * articles mentioning the entity in the period); edge attributes: {@code pair_docs} (also the edge weight),
 * {@code npmi}, {@code llr}, {@code pmi}, {@code jaccard}.
 */
final class GraphFormats {
  private GraphFormats() {}

  static final String GEXF_NS = "http://gexf.net/1.3";
  static final String VIZ_NS = "http://gexf.net/1.3/viz";
  static final String GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns";
  private static final String XSI_NS = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;

  /** Node colours by entity type, so that Gephi shows types without a partition step. */
  private static final Map<String, int[]> COLOURS = Map.of(
      "PERSON", new int[] {31, 119, 180},
      "ORGANIZATION", new int[] {44, 160, 44},
      "LOCATION", new int[] {255, 127, 14},
      "MISC", new int[] {148, 103, 189});
  private static final int[] OTHER_COLOUR = {127, 127, 127};

  /** Gephi's node size: proportional to the square root of the article count, so areas follow the counts. */
  static double vizSize(long docs) {
    return Math.round(Math.sqrt(Math.max(docs, 1)) * 4.0 * 100) / 100.0;
  }

  static String description(Graph g) {
    return String.format(Locale.ROOT,
        "Storyline co-occurrence, window %s, %s starting %s: %d articles; %d entities, %d pairs%s; node size from %s",
        g.window(), g.period(), g.periodStart(), g.nDocs(), g.nodes().size(), g.edges().size(),
        g.truncated() ? " (the strongest, more exist)" : "", g.sizeSource());
  }

  static void gexf(Graph g, OutputStream out) throws IOException {
    Document doc = newDocument();
    Element root = doc.createElementNS(GEXF_NS, "gexf");
    root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:viz", VIZ_NS);
    root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:xsi", XSI_NS);
    root.setAttributeNS(XSI_NS, "xsi:schemaLocation", GEXF_NS + " http://gexf.net/1.3/gexf.xsd");
    root.setAttribute("version", "1.3");
    doc.appendChild(root);

    Element meta = child(doc, root, GEXF_NS, "meta");
    text(doc, meta, GEXF_NS, "creator", "Storyline");
    text(doc, meta, GEXF_NS, "description", description(g));

    Element graph = child(doc, root, GEXF_NS, "graph");
    graph.setAttribute("mode", "static");
    graph.setAttribute("defaultedgetype", "undirected");
    Element nodeAttributes = child(doc, graph, GEXF_NS, "attributes");
    nodeAttributes.setAttribute("class", "node");
    attribute(doc, nodeAttributes, "type", "string");
    attribute(doc, nodeAttributes, "docs", "long");
    Element edgeAttributes = child(doc, graph, GEXF_NS, "attributes");
    edgeAttributes.setAttribute("class", "edge");
    attribute(doc, edgeAttributes, "pair_docs", "long");
    attribute(doc, edgeAttributes, "npmi", "double");
    attribute(doc, edgeAttributes, "llr", "double");
    attribute(doc, edgeAttributes, "pmi", "double");
    attribute(doc, edgeAttributes, "jaccard", "double");

    Element nodes = child(doc, graph, GEXF_NS, "nodes");
    for (Node n : g.nodes()) {
      Element node = child(doc, nodes, GEXF_NS, "node");
      node.setAttribute("id", n.id());
      node.setAttribute("label", n.label());
      Element values = child(doc, node, GEXF_NS, "attvalues");
      attvalue(doc, values, "type", n.type() == null ? "" : n.type());
      attvalue(doc, values, "docs", Long.toString(n.docs()));
      Element size = child(doc, node, VIZ_NS, "viz:size");
      size.setAttribute("value", Double.toString(vizSize(n.docs())));
      int[] rgb = COLOURS.getOrDefault(n.type(), OTHER_COLOUR);
      Element color = child(doc, node, VIZ_NS, "viz:color");
      color.setAttribute("r", Integer.toString(rgb[0]));
      color.setAttribute("g", Integer.toString(rgb[1]));
      color.setAttribute("b", Integer.toString(rgb[2]));
    }
    Element edges = child(doc, graph, GEXF_NS, "edges");
    int id = 0;
    for (Edge e : g.edges()) {
      Element edge = child(doc, edges, GEXF_NS, "edge");
      edge.setAttribute("id", Integer.toString(id++));
      edge.setAttribute("source", e.source());
      edge.setAttribute("target", e.target());
      edge.setAttribute("weight", Long.toString(e.pairDocs()));
      Element values = child(doc, edge, GEXF_NS, "attvalues");
      attvalue(doc, values, "pair_docs", Long.toString(e.pairDocs()));
      attvalue(doc, values, "npmi", Double.toString(e.npmi()));
      attvalue(doc, values, "llr", Double.toString(e.llr()));
      attvalue(doc, values, "pmi", Double.toString(e.pmi()));
      attvalue(doc, values, "jaccard", Double.toString(e.jaccard()));
    }
    serialise(doc, out);
  }

  private static void attribute(Document doc, Element parent, String name, String type) {
    Element a = child(doc, parent, GEXF_NS, "attribute");
    a.setAttribute("id", name);
    a.setAttribute("title", name);
    a.setAttribute("type", type);
  }

  private static void attvalue(Document doc, Element parent, String name, String value) {
    Element v = child(doc, parent, GEXF_NS, "attvalue");
    v.setAttribute("for", name);
    v.setAttribute("value", value);
  }

  static void graphml(Graph g, OutputStream out) throws IOException {
    Document doc = newDocument();
    Element root = doc.createElementNS(GRAPHML_NS, "graphml");
    root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:xsi", XSI_NS);
    root.setAttributeNS(XSI_NS, "xsi:schemaLocation",
        GRAPHML_NS + " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd");
    doc.appendChild(root);
    root.appendChild(doc.createComment(" " + description(g) + " "));
    key(doc, root, "label", "node", "string");
    key(doc, root, "type", "node", "string");
    key(doc, root, "docs", "node", "long");
    key(doc, root, "weight", "edge", "double");
    key(doc, root, "pair_docs", "edge", "long");
    key(doc, root, "npmi", "edge", "double");
    key(doc, root, "llr", "edge", "double");
    key(doc, root, "pmi", "edge", "double");
    key(doc, root, "jaccard", "edge", "double");
    Element graph = child(doc, root, GRAPHML_NS, "graph");
    graph.setAttribute("id", "cooccurrence");
    graph.setAttribute("edgedefault", "undirected");
    for (Node n : g.nodes()) {
      Element node = child(doc, graph, GRAPHML_NS, "node");
      node.setAttribute("id", n.id());
      data(doc, node, "label", n.label());
      data(doc, node, "type", n.type() == null ? "" : n.type());
      data(doc, node, "docs", Long.toString(n.docs()));
    }
    int id = 0;
    for (Edge e : g.edges()) {
      Element edge = child(doc, graph, GRAPHML_NS, "edge");
      edge.setAttribute("id", "e" + id++);
      edge.setAttribute("source", e.source());
      edge.setAttribute("target", e.target());
      data(doc, edge, "weight", Double.toString(e.pairDocs()));
      data(doc, edge, "pair_docs", Long.toString(e.pairDocs()));
      data(doc, edge, "npmi", Double.toString(e.npmi()));
      data(doc, edge, "llr", Double.toString(e.llr()));
      data(doc, edge, "pmi", Double.toString(e.pmi()));
      data(doc, edge, "jaccard", Double.toString(e.jaccard()));
    }
    serialise(doc, out);
  }

  private static void key(Document doc, Element root, String name, String domain, String type) {
    Element k = child(doc, root, GRAPHML_NS, "key");
    k.setAttribute("id", name);
    k.setAttribute("for", domain);
    k.setAttribute("attr.name", name);
    k.setAttribute("attr.type", type);
  }

  private static void data(Document doc, Element parent, String key, String value) {
    Element d = text(doc, parent, GRAPHML_NS, "data", value);
    d.setAttribute("key", key);
  }

  static void json(Graph g, OutputStream out) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("directed", false);
    root.put("multigraph", false);
    ObjectNode graph = root.putObject("graph");
    graph.put("window", g.window());
    graph.put("period", g.period());
    graph.put("period_start", g.periodStart().toString());
    graph.put("n_docs", g.nDocs());
    graph.put("size_source", g.sizeSource());
    graph.put("truncated", g.truncated());
    ArrayNode nodes = root.putArray("nodes");
    for (Node n : g.nodes()) {
      ObjectNode node = nodes.addObject();
      node.put("id", n.id());
      node.put("label", n.label());
      node.put("type", n.type());
      node.put("docs", n.docs());
    }
    ArrayNode links = root.putArray("links");
    for (Edge e : g.edges()) {
      ObjectNode link = links.addObject();
      link.put("source", e.source());
      link.put("target", e.target());
      link.put("weight", e.pairDocs());
      link.put("pair_docs", e.pairDocs());
      link.put("npmi", e.npmi());
      link.put("llr", e.llr());
      link.put("pmi", e.pmi());
      link.put("jaccard", e.jaccard());
    }
    out.write(mapper.writeValueAsBytes(root));
    out.write('\n');
    out.flush();
  }

  private static Document newDocument() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      return factory.newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("no XML document builder", e);
    }
  }

  private static Element child(Document doc, Element parent, String ns, String name) {
    Element e = doc.createElementNS(ns, name);
    parent.appendChild(e);
    return e;
  }

  private static Element text(Document doc, Element parent, String ns, String name, String value) {
    Element e = child(doc, parent, ns, name);
    e.setTextContent(value);
    return e;
  }

  /**
   * The replacement of a character that XML 1.0 forbids. Such characters (C0 controls other than tab, newline and
   * carriage return; U+FFFE, U+FFFF; lone surrogates) reach entity names from alias files and scraped text, and
   * the serializer would write them as {@code &#1;}, which no XML 1.0 parser accepts: Gephi, yEd, networkx would
   * reject the whole file. U+FFFD rather than dropping them: the label still shows that something was there, and
   * two names that differ only by such a character do not silently become the same name.
   */
  static final char REPLACEMENT = '\uFFFD';

  /** {@code s} with every character XML 1.0 forbids replaced by {@link #REPLACEMENT}; {@code s} itself if none. */
  static String xmlSafe(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder b = null;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int width = Character.charCount(cp);
      boolean allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
          || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
      if (!allowed && b == null) {
        b = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (b != null) {
        if (allowed) {
          b.appendCodePoint(cp);
        } else {
          b.append(REPLACEMENT);
        }
      }
      i += width;
    }
    return b == null ? s : b.toString();
  }

  /**
   * Cleans every attribute value, text and comment of the document with {@link #xmlSafe}: one pass before
   * writing, so no value (ids, labels, types, the description) can make the file ill-formed. A lone surrogate
   * code point is one forbidden character (codePointAt returns it alone).
   */
  private static void clean(org.w3c.dom.Node node) {
    if (node instanceof org.w3c.dom.CharacterData data) {
      String safe = xmlSafe(data.getData());
      if (!safe.equals(data.getData())) {
        data.setData(safe);
      }
    }
    org.w3c.dom.NamedNodeMap attributes = node.getAttributes();
    if (attributes != null) {
      for (int i = 0; i < attributes.getLength(); i++) {
        org.w3c.dom.Node a = attributes.item(i);
        String safe = xmlSafe(a.getNodeValue());
        if (safe != null && !safe.equals(a.getNodeValue())) {
          a.setNodeValue(safe);
        }
      }
    }
    for (org.w3c.dom.Node c = node.getFirstChild(); c != null; c = c.getNextSibling()) {
      clean(c);
    }
  }

  private static void serialise(Document doc, OutputStream out) throws IOException {
    clean(doc);
    try {
      Transformer t = TransformerFactory.newInstance().newTransformer();
      t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      t.setOutputProperty(OutputKeys.INDENT, "yes");
      t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
      doc.setXmlStandalone(true);
      t.transform(new DOMSource(doc), new StreamResult(out));
      out.flush();
    } catch (TransformerException e) {
      throw new IOException("cannot write XML", e);
    }
  }
}
