package org.storyline.pipeline;

import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.storyline.config.ConfigException;
import org.storyline.config.JobConfig;
import org.storyline.entities.EntityRules;
import org.storyline.entities.LinkIndex;
import org.storyline.entities.NerModels;
import org.storyline.io.InputResolver;
import org.storyline.io.NoForkLocalFileSystem;
import org.storyline.io.ReportStore;
import org.storyline.topics.ModelSource;
import scala.Tuple2;

/**
 * Everything a run needs that can be checked without Spark, checked before the {@code SparkSession} exists, so that
 * bad configuration stops in a second with one line instead of after ingestion or NER (Iceberg's
 * {@code validateAndInitOptions()} before {@code execute()}). Option values and combinations are validated earlier,
 * by {@link JobConfig}; here the things they name are looked at: the inputs are listed, the output is written to
 * once (and keeps its table format), the alias file and block list are parsed, the NER models are found, a given topic model is found.
 *
 * <p>Failures are {@link ConfigException}s (exit 2) or, for an input that exists but cannot be listed,
 * {@code InputUnreadableException}s (exit 3), each with a message naming the option and the value.
 */
public final class Preflight {
  private Preflight() {}

  /** What the checks found and the run can use instead of looking again. */
  public record Checked(InputResolver.Resolution inputs) {}

  public static Checked check(JobConfig config) {
    Configuration hadoop = hadoopConfiguration();
    InputResolver.Resolution inputs = InputResolver.resolve(config.inputs(), config.format(), hadoop);
    org.apache.hadoop.fs.FileSystem output = ReportStore.probeWritable(config.output(), hadoop);
    ReportStore.checkTableFormat(output, output.makeQualified(new org.apache.hadoop.fs.Path(config.output())),
        config.output(), config.publish().tableFormat());
    EntityRules.load(config.entities(), hadoop);
    NerModels.check(config.entities().models());
    LinkIndex.check(config.entities().linkIndex(), hadoop);
    config.topics().model().ifPresent(path -> ModelSource.choose(config.topics(), Optional.empty(),
        p -> ModelSource.isSavedModel(p, hadoop)));
    return new Checked(inputs);
  }

  /**
   * The Hadoop configuration the run's file systems will get, without a SparkContext: the {@code *-site.xml} files
   * on the classpath (HADOOP_CONF_DIR under spark-submit) plus every {@code spark.hadoop.*} setting that
   * spark-submit or {@code -D} passed as a system property, as Spark itself applies them.
   */
  public static Configuration hadoopConfiguration() {
    Configuration conf = new Configuration();
    for (Tuple2<String, String> entry : new SparkConf(true).getAllWithPrefix("spark.hadoop.")) {
      conf.set(entry._1(), entry._2());
    }
    // The local file system that does not fork chmod (NoForkLocalFileSystem). These checks open file:// first, and
    // Hadoop caches a file system per scheme, so the driver keeps the instance made here for the whole run.
    conf.setIfUnset(NoForkLocalFileSystem.HADOOP_KEY, NoForkLocalFileSystem.class.getName());
    return conf;
  }
}
