package org.storyline.entities;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.storyline.config.ConfigOption;
import org.storyline.config.InputFormat;
import org.storyline.config.JobConfig;
import org.storyline.config.Settings;
import org.storyline.ingest.IngestStage;
import org.storyline.io.InputReader;
import org.storyline.io.InputResolver;
import org.storyline.io.RawRecords;
import org.storyline.schema.Col;

/**
 * Article-level recall on Reuters-21578: the stories are read, ingested and run through the entities stage exactly
 * as {@code storyline run} does (duplicates and other languages skipped), and each gold PEOPLE and PLACES label of
 * an analysed story counts as found if one of the story's canonical entities, folded to the labels' form, equals
 * it. The labels are lower case with hyphens ("reagan", "james-baker", "deng-xiaoping", "west-germany", "usa"); a
 * person entity matches by its full name or any ending of it ("James Baker" gives "baker" and "james-baker"), and
 * a few country names are mapped to the labels' 1987 names ("United States" to "usa", "Myanmar" to "burma").
 */
public final class ReutersEvaluation {
  private ReutersEvaluation() {}

  /** Our country names where the Reuters-21578 labels use another (1987) name. */
  private static final Map<String, String> REUTERS_PLACE = Map.ofEntries(
      Map.entry("united-states", "usa"), Map.entry("united-kingdom", "uk"), Map.entry("soviet-union", "ussr"),
      Map.entry("united-arab-emirates", "uae"), Map.entry("myanmar", "burma"), Map.entry("eswatini", "swaziland"),
      Map.entry("trinidad-and-tobago", "trinidad-tobago"), Map.entry("vatican-city", "vatican"),
      Map.entry("cambodia", "kampuchea"), Map.entry("democratic-republic-of-the-congo", "zaire"),
      Map.entry("republic-of-the-congo", "congo"), Map.entry("samoa", "western-samoa"),
      Map.entry("ivory-coast", "ivory-coast"), Map.entry("u-s-virgin-islands", "us-virgin-islands"));

  /** Label kinds. */
  static final String PEOPLE = "PEOPLE";
  static final String PLACES = "PLACES";

  /** Found and gold counts per label kind, what was analysed, and the most-missed labels. */
  public record Result(long stories, long analysed, long duplicates, long otherLanguage,
      Map<String, long[]> byKind, List<String> mostMissed) {}

  /** {@link #forms}: the label forms an entity matches. */
  static final UserDefinedFunction REUTERS_FORMS = functions.udf(
      (UDF2<String, String, List<String>>) ReutersEvaluation::forms,
      DataTypes.createArrayType(DataTypes.StringType)).withName("reuters_forms");

  public static Result evaluate(SparkSession spark, String dir, Settings settings, int limit) {
    Map<ConfigOption, Object> run = new LinkedHashMap<>();
    run.put(ConfigOption.INPUT, List.of(dir));
    run.put(ConfigOption.OUTPUT, "unused");
    run.put(ConfigOption.FORMAT, InputFormat.REUTERS.name().toLowerCase(Locale.ROOT));
    JobConfig config = JobConfig.from(settings.with(run));
    spark.conf().set("spark.sql.session.timeZone", "UTC");
    InputResolver.Resolution inputs = InputResolver.resolve(config.inputs(), config.format(),
        spark.sparkContext().hadoopConfiguration());
    Column newId = regexp_extract(col(RawRecords.FIELDS).getItem("id"), "(\\d+)", 1).cast(DataTypes.IntegerType);
    Dataset<Row> raw = InputReader.read(spark, inputs, config.ingest().maxRecordBytes());
    if (limit > 0) {
      raw = raw.withColumn("_newid", newId).orderBy(col("_newid")).limit(limit).drop("_newid");
    }
    raw = raw.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> articles = IngestStage.batchArticles(raw, config).persist(StorageLevel.MEMORY_AND_DISK());
      try {
        return score(spark, raw, articles, config);
      } finally {
        articles.unpersist();
      }
    } finally {
      raw.unpersist();
    }
  }

  private static Result score(SparkSession spark, Dataset<Row> raw, Dataset<Row> articles, JobConfig config) {
    List<String> languages = config.ingest().languages();
    // The entity stage's steps (EntitiesStage), without writing a report.
    EntitiesStage.Skipped skipped = EntitiesStage.skipped(articles, languages);
    long stories = raw.count();
    Dataset<Row> analysable = Entities.analysable(articles, languages);
    Dataset<Row> ner = Entities.recognize(analysable, config.entities(),
            EntitiesStage.nerPartitions(spark, skipped.analysed()))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      EntityRules rules = EntityRules.load(config.entities(), spark.sparkContext().hadoopConfiguration());
      try (EntitiesStage.Canonical canonical = EntitiesStage.canonical(ner, rules, config.entities())) {
        Dataset<Row> found = canonical.mentions()
            .select(col(Col.DOC_ID).as("_doc"), explode(REUTERS_FORMS.apply(col(Col.ENTITY), col(Col.TYPE))).as(
                "_form"))
            .distinct();
        Column fields = col(RawRecords.FIELDS);
        Dataset<Row> gold = raw.select(fields.getItem("id").as(Col.DOC_ID), lit(PEOPLE).as("kind"),
                explode(split(fields.getItem("people"), "\\|")).as("label"))
            .unionByName(raw.select(fields.getItem("id").as(Col.DOC_ID), lit(PLACES).as("kind"),
                explode(split(fields.getItem("places"), "\\|")).as("label")))
            .withColumn("label", trim(col("label")))
            .filter(col("label").notEqual(""))
            .join(ner.select(col(Col.DOC_ID)), Col.DOC_ID)
            .distinct();
        Dataset<Row> scored = gold.join(found, col(Col.DOC_ID).equalTo(col("_doc"))
                .and(col("label").equalTo(col("_form"))), "left")
            .select(col("kind"), col("label"), when(col("_form").isNotNull(), 1).otherwise(0).as("hit"))
            .persist(StorageLevel.MEMORY_AND_DISK());
        try {
          Map<String, long[]> byKind = new LinkedHashMap<>();
          byKind.put(PEOPLE, new long[2]);
          byKind.put(PLACES, new long[2]);
          for (Row r : scored.groupBy(col("kind")).agg(count(lit(1)), sum(col("hit"))).collectAsList()) {
            byKind.put(r.getString(0), new long[] {r.getLong(1), r.isNullAt(2) ? 0 : r.getLong(2)});
          }
          List<String> missed = new ArrayList<>();
          for (Row r : scored.groupBy(col("kind"), col("label"))
              .agg(count(lit(1)).as("n"), sum(col("hit")).as("hits"))
              .withColumn("missed", col("n").minus(col("hits")))
              .orderBy(col("missed").desc(), col("label")).limit(12).collectAsList()) {
            missed.add(String.format(Locale.ROOT, "%s %s %d/%d", r.getString(0).toLowerCase(Locale.ROOT),
                r.getString(1), r.getLong(3), r.getLong(2)));
          }
          return new Result(stories, skipped.analysed(), skipped.duplicates(), skipped.otherLanguage(), byKind,
              missed);
        } finally {
          scored.unpersist();
        }
      }
    } finally {
      ner.unpersist();
    }
  }

  /** The report {@code storyline eval ner --reuters} prints. */
  public static String format(Result r, List<String> models) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT,
        "Reuters-21578 evaluation: %,d stories read, %,d analysed (%,d duplicates and %,d in other languages "
            + "skipped; rejected stories have no text)%n", r.stories(), r.analysed(), r.duplicates(),
        r.otherLanguage()));
    sb.append("model(s): ").append(String.join(", ", models)).append('\n');
    sb.append(String.format(Locale.ROOT, "%-7s %8s %8s %7s%n", "labels", "gold", "found", "recall"));
    long gold = 0;
    long found = 0;
    for (Map.Entry<String, long[]> e : r.byKind().entrySet()) {
      long[] c = e.getValue();
      gold += c[0];
      found += c[1];
      sb.append(String.format(Locale.ROOT, "%-7s %8d %8d %7.4f%n", e.getKey(), c[0], c[1],
          c[0] == 0 ? 0.0 : (double) c[1] / c[0]));
    }
    sb.append(String.format(Locale.ROOT, "%-7s %8d %8d %7.4f%n", "all", gold, found,
        gold == 0 ? 0.0 : (double) found / gold));
    sb.append("most missed (label found/gold): ").append(String.join(", ", r.mostMissed())).append('\n');
    return sb.toString();
  }

  /**
   * The Reuters label forms an entity matches: its name lower-cased, accents dropped, words joined by hyphens
   * ("West Germany" -> "west-germany", "O'Kennedy" -> "o-kennedy"); for a person also every ending of the name
   * ("James Baker" -> "baker"); for a few countries the 1987 label ("United States" -> "usa").
   */
  static List<String> forms(String entity, String type) {
    List<String> forms = new ArrayList<>();
    if (entity == null) {
      return forms;
    }
    String s = Normalizer.normalize(entity, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "")
        .toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    if (s.isEmpty()) {
      return forms;
    }
    String[] words = s.split(" ");
    String whole = String.join("-", words);
    forms.add(whole);
    if (EntityType.PERSON.name().equals(type)) {
      for (int i = 1; i < words.length; i++) {
        forms.add(String.join("-", java.util.Arrays.copyOfRange(words, i, words.length)));
      }
    }
    String place = REUTERS_PLACE.get(whole);
    if (place != null && !forms.contains(place)) {
      forms.add(place);
    }
    return forms;
  }
}
