package org.storyline.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.storyline.config.ConfigException;
import org.storyline.config.JobConfig;
import org.storyline.cooccurrence.CooccurrenceGraph;
import org.storyline.schema.Period;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code storyline graph}: writes one period's co-occurrence network from a published report as a file that Gephi
 * (GEXF, GraphML) or a d3 page (JSON) opens.
 */
@Command(name = "graph", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Write one period's co-occurrence graph from a report: GEXF 1.3 or GraphML for Gephi, "
        + "node-link JSON for d3. Nodes are entities (typed, sized by articles), edges pairs (weighted by articles).")
public final class GraphCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--report", required = true, paramLabel = "DIR",
      description = "Report folder written by storyline run (its --output), or one run's folder.")
  String report;

  @Option(names = "--period", defaultValue = "week", paramLabel = "PERIOD",
      description = "day, week, month or all. Default: ${DEFAULT-VALUE}.")
  String period;

  @Option(names = "--start", paramLabel = "DATE",
      description = "A day of the period (yyyy-MM-dd, UTC); weeks and months start on the Monday or the 1st "
          + "that contains it. Required except for --period all.")
  String start;

  @Option(names = "--format", defaultValue = "gexf", paramLabel = "FORMAT",
      description = "gexf, graphml or json. Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(names = "--window", defaultValue = "document", paramLabel = "WINDOW",
      description = "Co-occurrence window: document, sentence or sentences_N. Default: ${DEFAULT-VALUE}.")
  String window;

  @Option(names = "--out", paramLabel = "FILE",
      description = "File to write; '-' for standard output. Default: cooccurrence-WINDOW-PERIOD-START.FORMAT "
          + "in the current folder.")
  String out;

  @Option(names = "--min-support", defaultValue = "1", paramLabel = "N",
      description = "Leave out pairs in fewer articles (the report already holds only pairs with the run's "
          + "--min-support). Default: ${DEFAULT-VALUE}.")
  int minSupport;

  @Option(names = "--max-edges", defaultValue = "5000", paramLabel = "N",
      description = "Keep at most N pairs, those in the most articles. Default: ${DEFAULT-VALUE}.")
  int maxEdges;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master. Leave unset under spark-submit; bin/storyline passes local[*].")
  String master;

  @Override
  public Integer call() {
    CooccurrenceGraph.Format fmt = CooccurrenceGraph.Format.parse(format);
    Period p = parsePeriod(period);
    LocalDate day = p == Period.ALL ? Period.ALL_START : parseStart(start);
    String win = window.trim().toLowerCase(Locale.ROOT);
    SparkSession spark = SparkSessions.get("storyline-graph", Optional.ofNullable(master));
    CooccurrenceGraph.Graph graph = CooccurrenceGraph.load(spark, report, p, day, win, minSupport, maxEdges);
    String target = out != null ? out : String.format("cooccurrence-%s-%s-%s.%s", win, graph.period(),
        graph.periodStart(), fmt.extension());
    if (target.equals("-")) {
      CooccurrenceGraph.write(graph, fmt, System.out);
    } else {
      Path file = Path.of(target);
      try {
        if (file.toAbsolutePath().getParent() != null) {
          Files.createDirectories(file.toAbsolutePath().getParent());
        }
        try (OutputStream os = Files.newOutputStream(file)) {
          CooccurrenceGraph.write(graph, fmt, os);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file, e);
      }
      spec.commandLine().getOut().printf("storyline: wrote %s: %d entities, %d pairs (%s %s, window %s)%s%n",
          file, graph.nodes().size(), graph.edges().size(), graph.period(), graph.periodStart(), win,
          graph.truncated() ? ", the strongest " + maxEdges + " pairs only" : "");
      spec.commandLine().getOut().flush();
    }
    return ExitCodes.OK;
  }

  static Period parsePeriod(String value) {
    return value.trim().equalsIgnoreCase(Period.ALL.label()) ? Period.ALL : JobConfig.period(value);
  }

  private static LocalDate parseStart(String value) {
    if (value == null) {
      throw new ConfigException("--start is required (a day of the period, yyyy-MM-dd) unless --period all");
    }
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new ConfigException("--start should be a date as yyyy-MM-dd, value: " + value);
    }
  }
}
