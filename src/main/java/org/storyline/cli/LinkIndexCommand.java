package org.storyline.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.storyline.config.ConfigException;
import org.storyline.entities.LinkIndex;
import org.storyline.pipeline.Preflight;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code storyline link-index}: builds the prepared link index ({@link LinkIndex}) that {@code run --link-index}
 * reads, once, from Stanford's KBP Wikipedia dictionary. On a cluster, point {@code --wikidict} at the
 * {@code wikidict.tab.gz} copied to HDFS or an object store and {@code --output} next to it.
 */
@Command(name = "link-index", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Build the link index for 'storyline run --link-index' from Stanford's KBP Wikipedia dictionary.",
        "The dictionary is in the Maven artifact edu.stanford.nlp:stanford-corenlp:4.5.10:models-english-kbp "
            + "(bin/storyline fetches it and builds target/link-index on first use)."})
public final class LinkIndexCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--wikidict", required = true, paramLabel = "FILE",
      description = "The models-english-kbp jar (local), or its " + LinkIndex.WIKIDICT_ENTRY
          + " extracted (any Hadoop path).")
  String wikidict;

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "Where the index is written.")
  String output;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master; bin/storyline passes local[*].")
  String master;

  @Override
  public Integer call() throws IOException {
    // Checked before Spark starts, like every run option.
    Path source = new Path(wikidict);
    FileSystem fs = source.getFileSystem(Preflight.hadoopConfiguration());
    if (!fs.exists(source) || fs.getFileStatus(source).isDirectory()) {
      throw new ConfigException("--wikidict file not found: " + wikidict);
    }
    SparkSession spark = SparkSessions.get("storyline-link-index", Optional.ofNullable(master));
    long start = System.nanoTime();
    LinkIndex.Built built = LinkIndex.build(spark, wikidict, output);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("link index: %,d rows from %s in %.0f s -> %s%n", built.rows(), built.source(),
        (System.nanoTime() - start) / 1e9, output);
    out.flush();
    return ExitCodes.OK;
  }
}
