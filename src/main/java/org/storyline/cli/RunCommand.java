package org.storyline.cli;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.storyline.config.ConfigFile;
import org.storyline.config.ConfigOption;
import org.storyline.config.JobConfig;
import org.storyline.config.OperationsConfig;
import org.storyline.config.Settings;
import org.storyline.config.SparkConfOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.storyline.ingest.IngestStage;
import org.storyline.io.ReportStore;
import org.storyline.pipeline.Pipeline;
import org.storyline.pipeline.Preflight;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code storyline run}: reads the inputs and writes every report table. Its options are generated from
 * {@link ConfigOption}, so the command line and the config file accept exactly the same names.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Read articles and write the report tables (Parquet) and manifest.json.",
    sortOptions = false)
public final class RunCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @Spec
  CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML (.yaml/.yml) or properties file setting any option below by its long name; "
          + "the command line wins over it, and it wins over Spark conf (spark.storyline.<option>, "
          + "spark.storyline.config=FILE).")
  Path configFile;

  /** Adds one picocli option per {@link ConfigOption}. */
  static CommandLine create() {
    CommandLine cl = new CommandLine(new RunCommand());
    for (ConfigOption option : ConfigOption.values()) {
      OptionSpec.Builder b = OptionSpec.builder(option.cliName())
          .description(option.description())
          .paramLabel(option.paramLabel());
      if (option.isFlag()) {
        b.type(Boolean.class).arity("0..1").fallbackValue("true");
      } else if (option.isRepeatable()) {
        b.type(List.class).auxiliaryTypes(String.class).arity("1..*");
      } else {
        b.type(String.class).arity("1");
      }
      cl.getCommandSpec().addOption(b.build());
    }
    return cl;
  }

  /**
   * The settings of this invocation: command line over config file over Spark conf ({@code spark.storyline.*}, as
   * spark-submit's {@code --conf} and {@code spark-defaults.conf} set them in the driver) over defaults.
   */
  Settings settings() {
    return settings(sparkConfOptions());
  }

  /** The {@code spark.storyline.*} entries of the driver's Spark conf, prefix removed. */
  static Map<String, String> sparkConfOptions() {
    Map<String, String> found = new java.util.TreeMap<>();
    for (scala.Tuple2<String, String> e : new SparkConf(true).getAllWithPrefix(SparkConfOptions.PREFIX)) {
      found.put(e._1(), e._2());
    }
    return found;
  }

  Settings settings(Map<String, String> sparkConf) {
    SparkConfOptions.Found fromSparkConf = SparkConfOptions.parse(sparkConf);
    ParseResult parsed = spec.commandLine().getParseResult();
    Map<ConfigOption, Object> fromCommandLine = new EnumMap<>(ConfigOption.class);
    for (ConfigOption option : ConfigOption.values()) {
      if (parsed.hasMatchedOption(option.cliName())) {
        Object value = parsed.matchedOptionValue(option.cliName(), null);
        fromCommandLine.put(option, value);
      }
    }
    Path file = configFile != null ? configFile : fromSparkConf.configFile().orElse(null);
    Map<ConfigOption, Object> fromFile = file == null ? Map.of() : ConfigFile.load(file);
    return Settings.resolve(fromSparkConf.values(), fromFile, fromCommandLine);
  }

  @Override
  public Integer call() {
    Settings settings = settings();
    // The log format first, so that a configuration error below is already a JSON line when JSON is asked for.
    if (OperationsConfig.LogFormat.parse(settings.string(ConfigOption.LOG_FORMAT))
        == OperationsConfig.LogFormat.JSON) {
      Logs.useJson();
    }
    JobConfig config = JobConfig.from(settings);
    String runId = ReportStore.newRunId();
    MDC.put(Pipeline.MDC_RUN_ID, runId);
    MDC.put(Pipeline.MDC_STAGE, "preflight");
    // Everything that can be checked without Spark, before the session exists.
    Preflight.Checked checked = Preflight.check(config);
    SparkSession spark = SparkSessions.get("storyline", config.master());
    Pipeline.RunResult result = Pipeline.run(spark, config, checked.inputs(), runId);
    @SuppressWarnings("unchecked")
    Map<String, Object> counts = (Map<String, Object>) result.manifest().get("counts");
    String summary = String.format("run %s published to %s: %s articles, %s rejected", result.runId(),
        config.output(), counts.get(IngestStage.ARTICLES), counts.get(IngestStage.REJECTED));
    if (Logs.json()) {
      LOG.info(summary);
      result.warnings().forEach(LOG::warn);
      return ExitCodes.OK;
    }
    spec.commandLine().getOut().println("storyline: " + summary);
    spec.commandLine().getOut().flush();
    // Published, yet a step after the commit point failed (its history entry, say): exit 0, one line each.
    for (String warning : result.warnings()) {
      spec.commandLine().getErr().println("storyline: warning: " + warning);
    }
    spec.commandLine().getErr().flush();
    return ExitCodes.OK;
  }
}
