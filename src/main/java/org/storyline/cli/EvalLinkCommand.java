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
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.storyline.config.ConfigException;
import org.storyline.config.ConfigOption;
import org.storyline.config.EntitiesConfig;
import org.storyline.config.Settings;
import org.storyline.entities.GumEvaluation;
import org.storyline.entities.LinkIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code storyline eval link}: precision, recall and split share of entity linking on GUM's Wikinews documents
 * ({@link GumEvaluation}), with the same recognizer, canonical entities and linking as {@code storyline run}.
 */
@Command(name = "link", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Evaluate entity linking on GUM's Wikinews news documents (CoNLL-U with gold Wikipedia "
        + "identities): runs the ingest and entities stages on Spark with the link index over all documents at "
        + "once, then prints precision, recall and split share (definitions in the output)."})
public final class EvalLinkCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--gum", paramLabel = "DIR", description = "Folder of GUM CoNLL-U files (*.conllu).")
  Path gum;

  @Option(names = "--link-index", paramLabel = "DIR",
      description = "Link index built by 'storyline link-index'; needed. Default: the run option's (none).")
  String linkIndex;

  @Option(names = "--link-min-prior", paramLabel = "P",
      description = "As for 'storyline run --link-min-prior'. Default: the run's default.")
  String linkMinPrior;

  @Option(names = "--ner-model", paramLabel = "MODEL", split = ",",
      description = "Model(s) as for 'storyline run --ner-model'. Default: the run's default.")
  List<String> models = new ArrayList<>();

  @Option(names = "--master", paramLabel = "URL", description = "Spark master; bin/storyline passes local[*].")
  String master;

  @Override
  public Integer call() {
    if (gum == null) {
      throw new ConfigException("storyline eval link needs --gum DIR (a folder of GUM *.conllu files)");
    }
    if (!Files.isDirectory(gum)) {
      throw new ConfigException("--gum should be a folder of GUM *.conllu files, value: " + gum);
    }
    Map<ConfigOption, Object> overrides = new EnumMap<>(ConfigOption.class);
    if (linkIndex != null) {
      overrides.put(ConfigOption.LINK_INDEX, linkIndex);
    }
    if (linkMinPrior != null) {
      overrides.put(ConfigOption.LINK_MIN_PRIOR, linkMinPrior);
    }
    if (!models.isEmpty()) {
      overrides.put(ConfigOption.NER_MODEL, models);
    }
    Settings settings = Settings.defaults().with(overrides);
    EntitiesConfig config = EntitiesConfig.from(settings);
    if (config.linkIndex().isEmpty()) {
      throw new ConfigException("storyline eval link needs --link-index DIR (built by 'storyline link-index'): "
          + "without an index nothing is linked");
    }
    // Checked before Spark starts: a wrong folder or a malformed file is a usage error, not a failed job.
    LinkIndex.check(config.linkIndex(), new Configuration());
    List<GumEvaluation.Document> documents;
    try {
      documents = GumEvaluation.read(gum);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("--gum file is not GUM CoNLL-U: " + e.getMessage());
    }
    if (documents.isEmpty()) {
      throw new ConfigException("--gum folder has no *.conllu documents, value: " + gum);
    }
    SparkSession spark = SparkSessions.get("storyline-eval-link", Optional.ofNullable(master));
    GumEvaluation.Result result = GumEvaluation.evaluate(spark, documents, gum.toString(), settings);
    PrintWriter out = spec.commandLine().getOut();
    out.print(GumEvaluation.format(result));
    out.flush();
    return ExitCodes.OK;
  }
}
