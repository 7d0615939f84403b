package org.storyline.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.storyline.config.ConfigException;
import org.storyline.config.ConfigOption;
import org.storyline.config.EntitiesConfig;
import org.storyline.config.Settings;
import org.storyline.entities.ConllEvaluation;
import org.storyline.entities.ReutersEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code storyline eval ner}: entity-level precision, recall and F1 on CoNLL files, and article-level recall of the
 * Reuters-21578 PEOPLE and PLACES labels, with the same recognizer (and, for Reuters, the same canonical entities)
 * as {@code storyline run}.
 */
@Command(name = "ner", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Evaluate named-entity recognition.",
        "--conll: exact span and type match per entity (as conlleval), per type and micro-averaged, plus tokens/s.",
        "--reuters: share of the gold PEOPLE and PLACES labels of each Reuters-21578 article found among the "
            + "article's canonical entities (runs the ingest and entities stages on Spark)."})
public final class EvalNerCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--conll", paramLabel = "FILE",
      description = "CoNLL-2003-format file (TOKEN ... TAG per line; IOB1, IOB2 or IOBES; -DOCSTART- allowed); "
          + "repeatable.")
  List<Path> conll = new ArrayList<>();

  @Option(names = "--reuters", paramLabel = "DIR", description = "Folder of Reuters-21578 reut2-*.sgm files.")
  Path reuters;

  @Option(names = "--limit", paramLabel = "N",
      description = "With --reuters: evaluate only the first N stories (by NEWID); 0 means all. Default: 0.")
  int limit;

  @Option(names = "--ner-model", paramLabel = "MODEL", split = ",",
      description = "Model(s) as for 'storyline run --ner-model'. Default: the run's default.")
  List<String> models = new ArrayList<>();

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master for --reuters; bin/storyline passes local[*].")
  String master;

  @Override
  public Integer call() {
    if (conll.isEmpty() && reuters == null) {
      throw new ConfigException("storyline eval ner needs --conll FILE or --reuters DIR");
    }
    for (Path file : conll) {
      if (!Files.isReadable(file)) {
        throw new ConfigException("--conll file not found or not readable: " + file);
      }
    }
    if (reuters != null && !Files.isDirectory(reuters)) {
      throw new ConfigException("--reuters should be a folder of reut2-*.sgm files, value: " + reuters);
    }
    if (limit < 0) {
      throw new ConfigException("--limit should have value >= 0, value: " + limit);
    }
    Map<ConfigOption, Object> overrides = new EnumMap<>(ConfigOption.class);
    if (!models.isEmpty()) {
      overrides.put(ConfigOption.NER_MODEL, models);
    }
    Settings settings = Settings.defaults().with(overrides);
    EntitiesConfig config = EntitiesConfig.from(settings);
    PrintWriter out = spec.commandLine().getOut();
    if (!conll.isEmpty()) {
      ConllEvaluation.Result result = ConllEvaluation.evaluate(conll, config);
      out.print(ConllEvaluation.format(result, conll, config.models()));
      out.flush();
    }
    if (reuters != null) {
      SparkSession spark = SparkSessions.get("storyline-eval-ner", Optional.ofNullable(master));
      ReutersEvaluation.Result result = ReutersEvaluation.evaluate(spark, reuters.toString(), settings, limit);
      out.print(ReutersEvaluation.format(result, config.models()));
      out.flush();
    }
    return ExitCodes.OK;
  }
}
