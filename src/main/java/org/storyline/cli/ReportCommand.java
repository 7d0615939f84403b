package org.storyline.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.storyline.config.JobConfig;
import org.storyline.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code storyline report --output DIR}: writes {@code DIR/report.html}, one self-contained page (inline CSS and SVG
 * charts, no script, no network) with the run summary, top entities, the strongest co-occurrence pairs of the latest
 * week and their network, topic and tracked-topic trends with bursts, and emerging terms and pairs.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Write DIR/report.html: a self-contained visual report of the published run of a report folder.")
public final class ReportCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--output", required = true, paramLabel = "DIR",
      description = "The report folder (the --output of storyline run); the page is written into it.")
  String output;

  @Option(names = "--top-entities", defaultValue = "15", paramLabel = "N",
      description = "Entities listed, by articles. Default: ${DEFAULT-VALUE}.")
  int topEntities;

  @Option(names = "--top-pairs", defaultValue = "15", paramLabel = "N",
      description = "Co-occurrence pairs listed for the latest week, by NPMI then G². Default: ${DEFAULT-VALUE}.")
  int topPairs;

  @Option(names = "--min-pair-docs", defaultValue = "2", paramLabel = "N",
      description = "Leave out pairs in fewer articles of the week. Default: ${DEFAULT-VALUE}.")
  int minPairDocs;

  @Option(names = "--network-edges", defaultValue = "40", paramLabel = "N",
      description = "Pairs drawn in the network picture, those in the most articles. Default: ${DEFAULT-VALUE}.")
  int networkEdges;

  @Option(names = "--top-topics", defaultValue = "8", paramLabel = "N",
      description = "LDA topics charted, bursting ones first. Default: ${DEFAULT-VALUE}.")
  int topTopics;

  @Option(names = "--period", defaultValue = "week", paramLabel = "PERIOD",
      description = "Trend charts per day, week or month (if the run wrote it). Default: ${DEFAULT-VALUE}.")
  String period;

  @Option(names = "--max-periods", defaultValue = "104", paramLabel = "N",
      description = "Draw at most the latest N periods in a trend chart. Default: ${DEFAULT-VALUE}.")
  int maxPeriods;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master. Leave unset under spark-submit; bin/storyline passes local[*].")
  String master;

  @Override
  public Integer call() {
    Report.Options options = new Report.Options(topEntities, topPairs, minPairDocs, networkEdges, topTopics,
        JobConfig.period(period), maxPeriods);
    SparkSession spark = SparkSessions.get("storyline-report", Optional.ofNullable(master));
    Report.Result result = Report.write(spark, output, options);
    var out = spec.commandLine().getOut();
    out.printf("storyline: wrote %s (%,d bytes)%n", result.file(), result.bytes());
    for (String note : result.notes()) {
      out.printf("storyline: report: %s%n", note);
    }
    out.flush();
    return ExitCodes.OK;
  }
}
