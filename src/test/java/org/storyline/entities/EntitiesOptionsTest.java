package org.storyline.entities;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.storyline.cli.OptionCase;
import org.storyline.config.JobConfig;
import org.storyline.schema.Col;
import org.storyline.testing.Required;
import org.storyline.testing.TestSpark;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Every option of the entities stage changes what it governs: each case parses the option through the command's
 * own parser and runs what the pipeline's entities stage runs (Entities.recognize for the NER options;
 * EntityRules.load, resolveInArticles, learnAliases and canonicalize for the alias and block-list options).
 */
class EntitiesOptionsTest {
  private static final SparkSession SPARK = TestSpark.session();
  private static final String MODELS = "edu/stanford/nlp/models/ner/";

  @TempDir
  static Path dir;
  static String aliasFile;
  static String blocklist;
  static String linkIndex;
  /** The 3-class model (not shipped in the jar) as a file, taken from the CoreNLP models jar Maven resolved. */
  static String threeClass;

  @BeforeAll
  static void files() throws IOException {
    Path models = Path.of(System.getProperty("user.home"), ".m2", "repository", "edu", "stanford", "nlp",
        "stanford-corenlp", "4.5.10", "stanford-corenlp-4.5.10-models.jar");
    Required.tool(Files.isRegularFile(models), "the CoreNLP models jar in the local Maven repository: " + models);
    try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(models.toFile())) {
      Path target = dir.resolve("english.all.3class.distsim.crf.ser.gz");
      try (var in = jar.getInputStream(jar.getEntry(MODELS + "english.all.3class.distsim.crf.ser.gz"))) {
        Files.copy(in, target);
      }
      threeClass = target.toString();
    }
    aliasFile = Files.writeString(dir.resolve("aliases.csv"), "Kim Yo-jong,Kim Yo Jong,PERSON\n",
        StandardCharsets.UTF_8).toString();
    blocklist = Files.writeString(dir.resolve("blocked.txt"), "# people never reported\nKim Yo-jong\n",
        StandardCharsets.UTF_8).toString();
    // The real dictionary rows of the two names (KBP wikidict.tab.gz).
    Path wikidict = Files.writeString(dir.resolve("wikidict.tab"),
        "Fed\tFederal_Reserve_System\t0.735683\nFederal Reserve\tFederal_Reserve_System\t0.963299\n",
        StandardCharsets.UTF_8);
    linkIndex = dir.resolve("link-index").toString();
    LinkIndex.build(SPARK, wikidict.toString(), linkIndex);
  }

  // ---- NER ----

  private static final StructType ARTICLES = DataTypes.createStructType(new StructField[] {
      DataTypes.createStructField(Col.DOC_ID, DataTypes.StringType, false),
      DataTypes.createStructField(Col.PUBLISHED, DataTypes.TimestampType, false),
      DataTypes.createStructField(Col.CONTENT_HASH, DataTypes.StringType, false),
      DataTypes.createStructField(Col.TEXT, DataTypes.StringType, false),
  });

  /**
   * n1: "Vladimir Putin" as tokens 10 and 11 of one sentence (split apart by pieces of 10 tokens), ending at
   * character 50; n2: "Vladimir Putin" from character 67 (beyond --ner-max-chars 60);
   * n3: a sentence the 3-class and 4-class models tag differently.
   */
  static final String N1 = "On a grey and windy day in the capital Vladimir Putin arrived at the summit .";
  static final String N2 = "The talks in the capital went on for hours and hours until late . Vladimir Putin left.";
  static final String N3 =
      "The Russian delegation of Gazprom flew from Moscow to the European Union summit in Brussels.";

  /**
   * ner_mentions of the three articles as "doc truncated? TYPE:surface...", sorted by doc, after the NER settings
   * each row records (its {@code model} column: what a nightly run compares before reusing the row).
   */
  private static List<String> recognized(JobConfig config) {
    Timestamp day = Timestamp.valueOf("2025-09-03 12:00:00");
    Dataset<Row> articles = SPARK.createDataFrame(Arrays.asList(
        RowFactory.create("n1", day, "h1", N1), RowFactory.create("n2", day, "h2", N2),
        RowFactory.create("n3", day, "h3", N3)), ARTICLES);
    List<String> out = new ArrayList<>();
    List<Row> rows = Entities.recognize(articles, config.entities(), 1).orderBy(Col.DOC_ID).collectAsList();
    out.add("model " + rows.stream().map(r -> r.<String>getAs(EntitySchemas.MODEL)).distinct().toList());
    for (Row r : rows) {
      StringBuilder s = new StringBuilder(r.<String>getAs(Col.DOC_ID));
      if (r.<Boolean>getAs(EntitySchemas.TRUNCATED)) {
        s.append(" truncated");
      }
      for (Row m : r.<Row>getList(r.fieldIndex(EntitySchemas.MENTIONS))) {
        s.append(" ").append(m.<String>getAs(Col.TYPE)).append(":").append(m.<String>getAs(Col.SURFACE));
      }
      out.add(s.toString());
    }
    return out;
  }

  // ---- aliases and block list ----

  /** One article of ner_mentions: doc id, then (type, surface) pairs in text order. */
  private static Row article(String docId, String... surfaces) {
    List<Row> mentions = new ArrayList<>();
    int offset = 0;
    for (int i = 0; i < surfaces.length; i++) {
      mentions.add(RowFactory.create(0, EntityType.PERSON.name(), surfaces[i], offset, offset + surfaces[i].length()));
      offset += surfaces[i].length() + 10;
    }
    return RowFactory.create(docId, Timestamp.valueOf("2025-09-03 12:00:00"), "hash-" + docId, "test", 100,
        surfaces.length, false, CollectionConverters.asScala(mentions).toSeq());
  }

  /**
   * "Kim" is resolved in-article to Kim Jong-un in k1 and k2 and to Kim Yo-jong in k3: support 2 of 3 resolutions
   * (share 0.667). k4 mentions "Kim" alone: by default (support >= 2, share >= 0.6) it is Kim Jong-un.
   * Output: each article's entities in text order, "doc: entity...".
   */
  private static List<String> canonical(JobConfig config) {
    Dataset<Row> ner = SPARK.createDataFrame(Arrays.asList(
        article("k1", "Kim Jong-un", "Kim"), article("k2", "Kim Jong-un", "Kim"),
        article("k3", "Kim Yo-jong", "Kim"), article("k4", "Kim")), EntitySchemas.NER_MENTIONS);
    EntityRules rules = EntityRules.load(config.entities(), new Configuration());
    Dataset<Row> resolved = Entities.resolveInArticles(ner, rules);
    Dataset<Row> canonical = Entities.canonicalize(resolved, Entities.learnAliases(resolved, config.entities()),
        rules);
    List<String> out = new ArrayList<>();
    String doc = null;
    StringBuilder line = null;
    for (Row r : canonical.orderBy(col(Col.DOC_ID), col(Col.BEGIN)).collectAsList()) {
      if (!r.getAs(Col.DOC_ID).equals(doc)) {
        if (line != null) {
          out.add(line.toString());
        }
        doc = r.getAs(Col.DOC_ID);
        line = new StringBuilder(doc + ":");
      }
      line.append(" ").append(r.<String>getAs(Col.ENTITY));
    }
    if (line != null) {
      out.add(line.toString());
    }
    return out;
  }

  // ---- linking ----

  /**
   * Two articles naming the Federal Reserve and the Fed (organisations). Output: each entity with its title.
   */
  private static List<String> linked(JobConfig config) {
    List<Row> articles = new ArrayList<>();
    for (String doc : List.of("f1", "f2")) {
      articles.add(RowFactory.create(doc, Timestamp.valueOf("2025-09-03 12:00:00"), "hash-" + doc, "test", 100, 2,
          false, CollectionConverters.asScala(List.of(
              RowFactory.create(0, EntityType.ORGANIZATION.name(), "Federal Reserve", 0, 15),
              RowFactory.create(1, EntityType.ORGANIZATION.name(), "Fed", 30, 33))).toSeq()));
    }
    EntityRules rules = EntityRules.load(config.entities(), new Configuration());
    try (EntitiesStage.Canonical canonical = EntitiesStage.canonical(
        SPARK.createDataFrame(articles, EntitySchemas.NER_MENTIONS), rules, config.entities())) {
      return Entities.entities(canonical.mentions()).orderBy(Col.ENTITY).collectAsList().stream()
          .map(r -> r.getAs(Col.ENTITY) + " " + r.getAs(Col.WIKI_TITLE) + " x" + r.getAs(Col.MENTION_COUNT))
          .toList();
    }
  }

  private static final Function<JobConfig, Object> LINKED = EntitiesOptionsTest::linked;

  private static final Function<JobConfig, Object> RECOGNIZED = EntitiesOptionsTest::recognized;
  private static final Function<JobConfig, Object> CANONICAL = EntitiesOptionsTest::canonical;

  private static final String FOUR = MODELS + "english.conll.4class.distsim.crf.ser.gz";

  private static String settings(String models, int tokens, int chars) {
    return "model [" + models + ";max_sentence_tokens=" + tokens + ";max_chars=" + chars + ";rules=2]";
  }

  private static List<String> ner(String settings, String... docs) {
    List<String> out = new ArrayList<>(List.of(settings));
    out.addAll(List.of(docs));
    return out;
  }

  private static final List<String> NER_DEFAULT = List.of(
      settings(FOUR, 250, 200000),
      "n1 PERSON:Vladimir Putin",
      "n2 PERSON:Vladimir Putin",
      "n3 MISC:Russian ORGANIZATION:Gazprom LOCATION:Moscow ORGANIZATION:European Union LOCATION:Brussels");

  private static final List<String> ALIASES_DEFAULT = List.of(
      "k1: Kim Jong-un Kim Jong-un", "k2: Kim Jong-un Kim Jong-un", "k3: Kim Yo-jong Kim Yo-jong",
      "k4: Kim Jong-un");

  static Stream<OptionCase> cases() {
    return Stream.of(
        OptionCase.of("--ner-model", RECOGNIZED, NER_DEFAULT,
            // The 3-class model has no MISC: "Russian" comes from the second model. On this text both agree on
            // PERSON, ORGANIZATION and LOCATION, so the mentions are those of the 4-class model alone.
            ner(settings(threeClass + "," + FOUR, 250, 200000), NER_DEFAULT.get(1), NER_DEFAULT.get(2),
                NER_DEFAULT.get(3)),
            "--ner-model", threeClass, "--ner-model", FOUR),
        OptionCase.of("--ner-max-sentence-tokens", RECOGNIZED, NER_DEFAULT,
            ner(settings(FOUR, 10, 200000), "n1 PERSON:Vladimir PERSON:Putin", NER_DEFAULT.get(2),
                NER_DEFAULT.get(3)),
            "--ner-max-sentence-tokens", "10"),
        OptionCase.of("--ner-max-chars", RECOGNIZED, NER_DEFAULT,
            // N1 (79 characters) keeps Putin (ends at 50); N2 loses him (from 67); N3 is cut in "European".
            ner(settings(FOUR, 250, 60), "n1 truncated PERSON:Vladimir Putin", "n2 truncated",
                "n3 truncated MISC:Russian ORGANIZATION:Gazprom LOCATION:Moscow"),
            "--ner-max-chars", "60"),
        OptionCase.of("--alias-min-support", CANONICAL, ALIASES_DEFAULT,
            List.of(ALIASES_DEFAULT.get(0), ALIASES_DEFAULT.get(1), ALIASES_DEFAULT.get(2), "k4: Kim"),
            "--alias-min-support", "3"),
        OptionCase.of("--alias-min-share", CANONICAL, ALIASES_DEFAULT,
            List.of(ALIASES_DEFAULT.get(0), ALIASES_DEFAULT.get(1), ALIASES_DEFAULT.get(2), "k4: Kim"),
            "--alias-min-share", "0.7"),
        OptionCase.of("--alias-file", CANONICAL, ALIASES_DEFAULT,
            List.of(ALIASES_DEFAULT.get(0), ALIASES_DEFAULT.get(1), "k3: Kim Yo Jong Kim Yo Jong",
                ALIASES_DEFAULT.get(3)),
            "--alias-file", aliasFile),
        OptionCase.of("--entity-blocklist", CANONICAL, ALIASES_DEFAULT,
            List.of(ALIASES_DEFAULT.get(0), ALIASES_DEFAULT.get(1), ALIASES_DEFAULT.get(3)),
            "--entity-blocklist", blocklist),
        OptionCase.of("--link-index", LINKED, List.of("Fed null x2", "Federal Reserve null x2"),
            List.of("Federal Reserve Federal_Reserve_System x4"), "--link-index", linkIndex),
        // Federal Reserve's prior is 0.963: at 0.97 it is not linked, and the Fed has nothing to inherit.
        OptionCase.of("--link-min-prior", LINKED, List.of("Federal Reserve Federal_Reserve_System x4"),
            List.of("Fed null x2", "Federal Reserve null x2"), "--link-min-prior", "0.97")
            .withBase("--input", "in", "--output", "out", "--link-index", linkIndex));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theOptionChangesWhatItGoverns(OptionCase c) {
    c.check();
  }
}
