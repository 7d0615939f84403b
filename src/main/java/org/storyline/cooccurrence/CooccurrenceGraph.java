package org.storyline.cooccurrence;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.storyline.config.ConfigException;
import org.storyline.io.ReportStore;
import org.storyline.schema.Col;
import org.storyline.schema.Period;
import org.storyline.schema.Tables;

/**
 * One period's co-occurrence network, read from a published report and written for Gephi (GEXF 1.3, GraphML) or for
 * a d3 page (node-link JSON). Nodes are entities (typed, sized by their article count in the period), edges are
 * pairs of the {@code cooccurrence} table (weighted by {@code pair_docs}, with npmi and llr).
 */
public final class CooccurrenceGraph {
  private CooccurrenceGraph() {}

  /** The file formats {@code storyline graph} writes. */
  public enum Format {
    GEXF("gexf"), GRAPHML("graphml"), JSON("json");

    private final String extension;

    Format(String extension) {
      this.extension = extension;
    }

    public String extension() {
      return extension;
    }

    public static Format parse(String value) {
      for (Format f : values()) {
        if (f.extension.equals(value.trim().toLowerCase(Locale.ROOT))) {
          return f;
        }
      }
      throw new ConfigException("--format should be gexf, graphml or json, value: " + value);
    }
  }

  /** An entity: id (entity_id), label (canonical name), type and its article count in the period. */
  public record Node(String id, String label, String type, long docs) {}

  /** A pair of the {@code cooccurrence} table. */
  public record Edge(String source, String target, long pairDocs, double npmi, double llr, double pmi,
      double jaccard) {}

  /**
   * A graph and where it came from.
   *
   * @param nDocs counted articles of the period
   * @param sizeSource where node sizes come from: {@code entities} or {@code cooccurrence}
   * @param truncated whether more pairs qualified than {@code --max-edges}
   */
  public record Graph(String window, String period, LocalDate periodStart, long nDocs, String sizeSource,
      boolean truncated, List<Node> nodes, List<Edge> edges) {}

  /**
   * Loads one period's graph from the report folder {@code reportDir} (the folder given to {@code run --output}, or
   * one run's folder). Pairs with fewer than {@code minSupport} articles are left out; of the rest the
   * {@code maxEdges} with the most articles (then the highest npmi) are kept. Node sizes come from the report's
   * {@code entities} table when it has per-period article counts ({@code entity_id, doc_count, period,
   * period_start}) or whole-run counts and the period is {@code all}; otherwise from {@code docs_a}/{@code docs_b}
   * of the cooccurrence table, which are the same article counts the statistics use.
   */
  public static Graph load(SparkSession spark, String reportDir, Period period, LocalDate start, String window,
      int minSupport, int maxEdges) {
    if (minSupport < 1) {
      throw new ConfigException("--min-support should have value > 0, value: " + minSupport);
    }
    if (maxEdges < 1) {
      throw new ConfigException("--max-edges should have value > 0, value: " + maxEdges);
    }
    LocalDate periodStart = period.start(start);
    Path table = tablePath(spark, reportDir, Tables.COOCCURRENCE.name())
        .orElseThrow(() -> new ConfigException("no cooccurrence table in report " + reportDir));
    Dataset<Row> all = spark.read().parquet(table.toString());
    Dataset<Row> inPeriod = all.filter(col(Cooccurrence.WINDOW).equalTo(window)
        .and(col(Col.PERIOD).equalTo(period.label()))
        .and(col(Col.PERIOD_START).equalTo(lit(periodStart))));
    // The graph of one period is bounded (and capped by maxEdges): collecting its edges to write one file is fine.
    List<Row> rows = inPeriod.filter(col(Cooccurrence.PAIR_DOCS).geq(minSupport))
        .orderBy(col(Cooccurrence.PAIR_DOCS).desc(), col(Cooccurrence.NPMI).desc(), col(Cooccurrence.ENTITY_ID_A),
            col(Cooccurrence.ENTITY_ID_B))
        .limit(maxEdges + 1)
        .select(Cooccurrence.ENTITY_ID_A, Cooccurrence.ENTITY_ID_B, Cooccurrence.ENTITY_A, Cooccurrence.ENTITY_B,
            Cooccurrence.TYPE_A, Cooccurrence.TYPE_B, Cooccurrence.DOCS_A, Cooccurrence.DOCS_B,
            Cooccurrence.PAIR_DOCS, Cooccurrence.NPMI, Cooccurrence.LLR, Cooccurrence.PMI, Cooccurrence.JACCARD,
            Cooccurrence.N_DOCS)
        .collectAsList();
    if (rows.isEmpty()) {
      // A handful of distinct starts of the partition the user asked for, to say what is there.
      List<String> available = all.filter(col(Cooccurrence.WINDOW).equalTo(window)
              .and(col(Col.PERIOD).equalTo(period.label())))
          .select(Col.PERIOD_START).distinct().orderBy(Col.PERIOD_START).limit(12)
          .collectAsList().stream().map(r -> String.valueOf(r.get(0))).toList();
      throw new ConfigException(String.format(
          "no co-occurrence pairs with at least %d articles for window %s, %s starting %s in %s; period starts "
              + "with pairs: %s", minSupport, window, period.label(), periodStart, reportDir,
          available.isEmpty() ? "none" : String.join(", ", available)));
    }
    boolean truncated = rows.size() > maxEdges;
    if (truncated) {
      rows = rows.subList(0, maxEdges);
    }
    Map<String, Node> nodes = new TreeMap<>();
    List<Edge> edges = new ArrayList<>();
    long nDocs = rows.get(0).getLong(13);
    for (Row r : rows) {
      nodes.putIfAbsent(r.getString(0), new Node(r.getString(0), r.getString(2), r.getString(4), r.getLong(6)));
      nodes.putIfAbsent(r.getString(1), new Node(r.getString(1), r.getString(3), r.getString(5), r.getLong(7)));
      edges.add(new Edge(r.getString(0), r.getString(1), r.getLong(8), r.getDouble(9), r.getDouble(10),
          r.getDouble(11), r.getDouble(12)));
    }
    String sizeSource = Tables.COOCCURRENCE.name();
    Optional<Map<String, Long>> fromEntities = entityDocCounts(spark, reportDir, period, periodStart, nodes.keySet());
    if (fromEntities.isPresent()) {
      sizeSource = Tables.ENTITIES.name();
      Map<String, Long> counts = fromEntities.get();
      nodes.replaceAll((id, n) -> counts.containsKey(id) ? new Node(id, n.label(), n.type(), counts.get(id)) : n);
    }
    return new Graph(window, period.label(), periodStart, nDocs, sizeSource, truncated,
        List.copyOf(nodes.values()), List.copyOf(edges));
  }

  /**
   * Article counts of the graph's entities from the report's {@code entities} table, when it has them for this
   * period: per-period rows ({@code period, period_start, entity_id, doc_count}), or whole-run rows
   * ({@code entity_id, doc_count}) for the period {@code all}.
   */
  private static Optional<Map<String, Long>> entityDocCounts(SparkSession spark, String reportDir, Period period,
      LocalDate periodStart, Set<String> ids) {
    Optional<Path> path = tablePath(spark, reportDir, Tables.ENTITIES.name());
    if (path.isEmpty()) {
      return Optional.empty();
    }
    Dataset<Row> entities = spark.read().parquet(path.get().toString());
    Set<String> columns = Arrays.stream(entities.columns()).collect(Collectors.toSet());
    if (!columns.contains(Col.ENTITY_ID) || !columns.contains(Col.DOC_COUNT)) {
      return Optional.empty();
    }
    boolean perPeriod = columns.contains(Col.PERIOD) && columns.contains(Col.PERIOD_START);
    if (perPeriod) {
      entities = entities.filter(col(Col.PERIOD).equalTo(period.label())
          .and(col(Col.PERIOD_START).equalTo(lit(periodStart))));
    } else if (period != Period.ALL) {
      return Optional.empty();
    }
    // Bounded: at most two nodes per edge of the graph.
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Row r : entities.filter(col(Col.ENTITY_ID).isin(ids.toArray()))
        .select(col(Col.ENTITY_ID), col(Col.DOC_COUNT).cast("long")).collectAsList()) {
      if (!r.isNullAt(1)) {
        counts.merge(r.getString(0), r.getLong(1), Long::sum);
      }
    }
    return counts.isEmpty() ? Optional.empty() : Optional.of(counts);
  }

  /**
   * Where a table of a report folder is: {@code DIR/runs/<CURRENT>/<table>} when DIR is a report folder with a
   * published run (every file system), else {@code DIR/<table>} (one run's folder).
   */
  static Optional<Path> tablePath(SparkSession spark, String reportDir, String table) {
    Path root = new Path(reportDir);
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(root)) {
        throw new ConfigException("--report " + reportDir + " does not exist");
      }
      Optional<String> current = ReportStore.currentRun(fs, root);
      Path path = current.isPresent()
          ? new Path(new Path(new Path(root, ReportStore.RUNS), current.get()), table)
          : new Path(root, table);
      return fs.exists(path) ? Optional.of(path) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read report " + reportDir, e);
    }
  }

  /** Writes the graph in a format. */
  public static void write(Graph graph, Format format, OutputStream out) {
    try {
      switch (format) {
        case GEXF -> GraphFormats.gexf(graph, out);
        case GRAPHML -> GraphFormats.graphml(graph, out);
        case JSON -> GraphFormats.json(graph, out);
        default -> throw new IllegalArgumentException(format.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
