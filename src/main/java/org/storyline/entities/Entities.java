package org.storyline.entities;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.storyline.config.EntitiesConfig;
import org.storyline.ingest.AnalysedArticles;
import org.storyline.schema.Col;
import org.storyline.schema.Period;
import org.storyline.schema.Schemas;

/**
 * The entities stage: named-entity recognition on the executors, then canonical entities. Two parts, so that a
 * nightly run can keep the expensive one:
 *
 * <ul>
 *   <li>per article (expensive, reusable while an article's text and the model do not change):
 *       {@link #analysable} then {@link #recognize}, giving {@code ner_mentions};</li>
 *   <li>corpus level (cheap, recomputed over all articles): {@link #resolveInArticles} (titles, possessives,
 *       short forms resolved to the full name in the same article, countries, the alias file), {@link #learnAliases}
 *       (short forms resolved the same way in enough articles), {@link #canonicalize} (learned aliases, alias
 *       file, block list, one type per entity by majority, stable ids), then the tables {@link #mentions},
 *       {@link #entities} and {@link #trends}.</li>
 * </ul>
 */
public final class Entities {
  private Entities() {}

  /**
   * The articles NER runs on. Needs {@code doc_id, published, content_hash, text, lang, duplicate_of}; returns
   * {@code doc_id, published, content_hash, text} of the articles the text stages analyse ({@link AnalysedArticles}).
   */
  public static Dataset<Row> analysable(Dataset<Row> articles, List<String> languages) {
    Schemas.requireColumns("entities", articles, Col.DOC_ID, Col.PUBLISHED, Col.CONTENT_HASH, Col.TEXT, Col.LANG,
        Col.DUPLICATE_OF);
    return AnalysedArticles.of("entities", articles, languages)
        .select(col(Col.DOC_ID), col(Col.PUBLISHED), col(Col.CONTENT_HASH), col(Col.TEXT));
  }

  /**
   * How many tasks NER is spread over: a few per core, so every core stays busy to the end, and about one per
   * 2,000 articles on big corpora, so a failed task costs little to redo.
   */
  public static int nerPartitions(long articles, int parallelism) {
    return (int) Math.max(2L * parallelism, Math.min(10_000, articles / 2_000));
  }

  /**
   * NER: needs {@code doc_id, published, content_hash, text}; returns {@code ner_mentions}
   * ({@link EntitySchemas#NER_MENTIONS}), one row per article. The articles are spread over {@code partitions}
   * tasks by doc_id; each executor loads the model(s) once.
   */
  public static Dataset<Row> recognize(Dataset<Row> articles, EntitiesConfig config, int partitions) {
    Schemas.requireColumns("entities", articles, Col.DOC_ID, Col.PUBLISHED, Col.CONTENT_HASH, Col.TEXT);
    NerModels.check(config.models());
    return articles
        .select(col(Col.DOC_ID), col(Col.PUBLISHED), col(Col.CONTENT_HASH), col(Col.TEXT))
        .repartition(partitions, col(Col.DOC_ID))
        .mapPartitions(new RecognizeFunction(config.models(), config.maxSentenceTokens(), config.maxChars()),
            Encoders.row(EntitySchemas.NER_MENTIONS));
  }

  /**
   * The version of the span rules ({@link NerTagger#spans}): raise it with any change that alters the mentions found
   * in the same text, so that nightly runs do not reuse rows made under the old rules. 1 was the rules before the
   * version was recorded; 2 splits organisations run over an office and a name ("Fed Chairman Jerome Powell").
   */
  static final int NER_RULES_VERSION = 2;

  /**
   * What an article's {@code ner_mentions} row depends on besides its text: the model(s), the limits and the
   * {@link #NER_RULES_VERSION span rules}. Stored in the row's {@code model} column; a nightly run reuses a row only
   * while this and the content hash are unchanged.
   */
  public static String nerSettings(List<String> models, int maxSentenceTokens, int maxChars) {
    return String.join(",", models) + ";max_sentence_tokens=" + maxSentenceTokens + ";max_chars=" + maxChars
        + ";rules=" + NER_RULES_VERSION;
  }

  /** {@link #nerSettings} of a configuration. */
  public static String nerSettings(EntitiesConfig config) {
    return nerSettings(config.models(), config.maxSentenceTokens(), config.maxChars());
  }

  /**
   * The rows of an earlier run's {@code ner_mentions} still valid now: those of articles that are analysable now
   * ({@code analysable}: {@code doc_id, content_hash}) with the same content hash and the same
   * {@link #nerSettings}. An article that has since become a duplicate, or whose text changed, is not reused.
   */
  public static Dataset<Row> reusableMentions(Dataset<Row> previous, Dataset<Row> analysable, EntitiesConfig config) {
    Schemas.requireColumns("entities", previous, Col.DOC_ID, Col.CONTENT_HASH, EntitySchemas.MODEL);
    Dataset<Row> keys = analysable.select(col(Col.DOC_ID), col(Col.CONTENT_HASH));
    return previous.where(col(EntitySchemas.MODEL).equalTo(lit(nerSettings(config))))
        .join(keys, previous.col(Col.DOC_ID).equalTo(keys.col(Col.DOC_ID))
            .and(previous.col(Col.CONTENT_HASH).equalTo(keys.col(Col.CONTENT_HASH))), "left_semi")
        .select(Arrays.stream(EntitySchemas.NER_MENTIONS.fieldNames()).map(functions::col).toArray(Column[]::new));
  }

  /** The analysable articles that have no row in {@code reused} ({@link #reusableMentions}): NER runs on these. */
  public static Dataset<Row> notYetRecognized(Dataset<Row> analysable, Dataset<Row> reused) {
    return analysable.join(reused.select(col(Col.DOC_ID)), analysable.col(Col.DOC_ID)
        .equalTo(reused.col(Col.DOC_ID)), "left_anti");
  }

  /**
   * In-article canonical names ({@link ArticleResolver}): needs {@code ner_mentions}; returns one row per kept
   * mention ({@link EntitySchemas#RESOLVED}).
   */
  public static Dataset<Row> resolveInArticles(Dataset<Row> nerMentions, EntityRules rules) {
    Schemas.requireColumns("entities", nerMentions, Col.DOC_ID, Col.PUBLISHED, EntitySchemas.MENTIONS);
    Broadcast<EntityRules> shared =
        JavaSparkContext.fromSparkContext(nerMentions.sparkSession().sparkContext()).broadcast(rules);
    return nerMentions.select(col(Col.DOC_ID), col(Col.PUBLISHED), col(EntitySchemas.MENTIONS))
        .flatMap(new ResolveFunction(shared), Encoders.row(EntitySchemas.RESOLVED));
  }

  /**
   * The alias table learned from in-article resolutions: for each short form ({@code alias_key}), the full name
   * ({@code target_key}) it was resolved to in most articles ({@code support}; ties to the smaller key), kept if
   * that is at least {@code --alias-min-support} articles and at least {@code --alias-min-share} of the short form's
   * resolutions, and if the mentions of the short form that no article resolved are mostly tagged PERSON (so
   * "Washington" the city is not taken for George Washington). A target that is itself a kept short form is
   * followed one step further. Needs the columns of {@link #resolveInArticles}.
   */
  public static Dataset<Row> learnAliases(Dataset<Row> resolved, EntitiesConfig config) {
    Schemas.requireColumns("entities", resolved, Col.DOC_ID, Col.TYPE, EntitySchemas.OWN_KEY, EntitySchemas.KEY,
        EntitySchemas.SHORT_KEY, EntitySchemas.FIXED);
    Dataset<Row> support = resolved.filter(col(EntitySchemas.SHORT_KEY).isNotNull())
        .groupBy(col(EntitySchemas.SHORT_KEY).as(EntitySchemas.ALIAS_KEY), col(EntitySchemas.KEY).as(
            EntitySchemas.TARGET_KEY))
        .agg(count_distinct(col(Col.DOC_ID)).as(EntitySchemas.SUPPORT));
    Dataset<Row> ranked = support
        .withColumn("_resolutions", sum(col(EntitySchemas.SUPPORT)).over(
            Window.partitionBy(col(EntitySchemas.ALIAS_KEY))))
        .withColumn("_rank", row_number().over(Window.partitionBy(col(EntitySchemas.ALIAS_KEY))
            .orderBy(col(EntitySchemas.SUPPORT).desc(), col(EntitySchemas.TARGET_KEY))))
        .filter(col("_rank").equalTo(1)
            .and(col(EntitySchemas.SUPPORT).geq(config.aliasMinSupport()))
            .and(col(EntitySchemas.SUPPORT).geq(col("_resolutions").multiply(config.aliasMinShare()))));
    Dataset<Row> unresolvedType = resolved
        .filter(col(EntitySchemas.FIXED).isNull().and(col(EntitySchemas.SHORT_KEY).isNull()))
        .groupBy(col(EntitySchemas.OWN_KEY).as("_short"), col(Col.TYPE).as("_type")).agg(count(lit(1)).as("_n"))
        .withColumn("_rank", row_number().over(Window.partitionBy(col("_short"))
            .orderBy(col("_n").desc(), typeRank(col("_type")))))
        .filter(col("_rank").equalTo(1))
        .select(col("_short"), col("_type"));
    Dataset<Row> best = ranked
        .join(unresolvedType, col(EntitySchemas.ALIAS_KEY).equalTo(col("_short")), "left")
        .filter(col("_type").isNull().or(col("_type").equalTo(EntityType.PERSON.name())))
        .select(col(EntitySchemas.ALIAS_KEY), col(EntitySchemas.TARGET_KEY), col(EntitySchemas.SUPPORT));
    Dataset<Row> next = best.select(col(EntitySchemas.ALIAS_KEY).as("_via"), col(EntitySchemas.TARGET_KEY).as(
        "_next"));
    return best.join(next, col(EntitySchemas.TARGET_KEY).equalTo(col("_via"))
            .and(col("_next").notEqual(col(EntitySchemas.ALIAS_KEY))), "left")
        .select(col(EntitySchemas.ALIAS_KEY), coalesce(col("_next"), col(EntitySchemas.TARGET_KEY)).as(
            EntitySchemas.TARGET_KEY), col(EntitySchemas.SUPPORT));
  }

  /**
   * Canonical entities for resolved mentions: learned aliases for short forms the article did not resolve itself,
   * then the alias file (which wins), the block list (a mention goes if its own name or its entity is blocked, so
   * blocking "Kim Coghill" also drops the "Kim" resolved to him), one type per entity (alias file, else LOCATION for
   * countries, else the majority of its mentions' types; ties in {@link EntityType} order), one name per entity
   * (alias file or country name, else its most frequent spelling) and a stable id. Returns the
   * {@code entity_mentions} columns plus {@code own_name} and {@code external_id} (for {@link #entities}).
   */
  public static Dataset<Row> canonicalize(Dataset<Row> resolved, Dataset<Row> aliases, EntityRules rules) {
    return canonicalize(resolved, aliases, rules, Optional.empty(), null).mentions();
  }

  /**
   * Canonical mentions ({@link #canonicalize(Dataset, Dataset, EntityRules)} plus {@code wiki_title}) and, when
   * linking is on, the links ({@link Linking#links}: one row per linked entity, cached; close them when done).
   */
  record Canonicalized(Dataset<Row> mentions, Optional<Linking.Links> links) {}

  /**
   * {@link #canonicalize(Dataset, Dataset, EntityRules)} with entity linking ({@link Linking}) when a link index is
   * given: entities linked to one Wikipedia title merge before the type and name of each entity are chosen, and the
   * result has {@code wiki_title} (null when unlinked, and always without an index).
   */
  static Canonicalized canonicalize(Dataset<Row> resolved, Dataset<Row> aliases, EntityRules rules,
      Optional<Dataset<Row>> linkIndex, Linking.Options linking) {
    Schemas.requireColumns("entities", resolved, EntitySchemas.RESOLVED.fieldNames());
    SparkSession spark = resolved.sparkSession();
    Column unresolved = col(EntitySchemas.FIXED).isNull().and(col(EntitySchemas.SHORT_KEY).isNull());
    Dataset<Row> aliased = resolved
        .join(aliases.select(col(EntitySchemas.ALIAS_KEY), col(EntitySchemas.TARGET_KEY)),
            col(EntitySchemas.KEY).equalTo(col(EntitySchemas.ALIAS_KEY)).and(unresolved), "left")
        .withColumn("_key", coalesce(col(EntitySchemas.TARGET_KEY), col(EntitySchemas.KEY)));

    Dataset<Row> user = broadcast(userTable(spark, rules));
    Dataset<Row> unlinked = aliased.join(user, col("_key").equalTo(col("_user_alias")), "left")
        .select(col(Col.DOC_ID), col(Col.PUBLISHED), col(Col.SENTENCE), col(Col.SURFACE), col(Col.BEGIN),
            col(Col.END), col(EntitySchemas.OWN_NAME), col(EntitySchemas.OWN_KEY), col(EntitySchemas.NAME),
            col(Col.TYPE),
            coalesce(col("_user_key"), col("_key")).as(EntitySchemas.FINAL_KEY),
            when(col("_user_key").isNotNull(), lit(ArticleResolver.FIXED_USER)).otherwise(col(EntitySchemas.FIXED))
                .as(EntitySchemas.FIXED),
            col("_user_entity"), col("_user_type"), col("_external_id"))
        .join(broadcast(blockTable(spark, rules)), col(EntitySchemas.FINAL_KEY).equalTo(col("_blocked"))
            .or(col(EntitySchemas.OWN_KEY).equalTo(col("_blocked"))), "left_anti");
    Optional<Linking.Links> links = linkIndex.map(index -> Linking.links(unlinked, index, linking));
    Dataset<Row> base = links.map(l -> Linking.apply(unlinked, l.rows()))
        .orElseGet(() -> unlinked.withColumn(Linking.WIKI_TITLE, lit(null).cast(DataTypes.StringType)));

    Dataset<Row> majorityType = majorityType(base);
    Column allCaps = col(EntitySchemas.OWN_NAME).equalTo(upper(col(EntitySchemas.OWN_NAME)));
    Dataset<Row> spelling = base.filter(col(EntitySchemas.OWN_KEY).equalTo(col(EntitySchemas.FINAL_KEY)))
        .groupBy(col(EntitySchemas.FINAL_KEY), col(EntitySchemas.OWN_NAME)).agg(count(lit(1)).as("_n"))
        .withColumn("_rank", row_number().over(Window.partitionBy(col(EntitySchemas.FINAL_KEY))
            .orderBy(col("_n").desc(), when(allCaps, 1).otherwise(0), col(EntitySchemas.OWN_NAME))))
        .filter(col("_rank").equalTo(1))
        .select(col(EntitySchemas.FINAL_KEY).as("_sk"), col(EntitySchemas.OWN_NAME).as("_spelling"));
    Column isCountry = col(EntitySchemas.FIXED).equalTo(ArticleResolver.FIXED_COUNTRY);
    Dataset<Row> fixedInfo = base.groupBy(col(EntitySchemas.FINAL_KEY).as("_fk")).agg(
        max(col("_user_entity")).as("_user_entity_k"),
        max(col("_user_type")).as("_user_type_k"),
        max(col("_external_id")).as("_external_id_k"),
        max(col(Linking.WIKI_TITLE)).as("_wiki_title_k"),
        max(when(isCountry, col(EntitySchemas.NAME))).as("_country"),
        min(col(EntitySchemas.NAME)).as("_any_name"));
    Dataset<Row> info = fixedInfo
        .join(majorityType, col("_fk").equalTo(col("_tk")))
        .join(spelling, col("_fk").equalTo(col("_sk")), "left")
        .select(col("_fk"),
            coalesce(col("_user_entity_k"), col("_country"), col("_spelling"), col("_any_name")).as(Col.ENTITY),
            coalesce(col("_user_type_k"), when(col("_country").isNotNull(), lit(EntityType.LOCATION.name())),
                col("_majority_type")).as("_entity_type"),
            col("_external_id_k").as(Col.EXTERNAL_ID), col("_wiki_title_k"));

    return new Canonicalized(base.join(info, col(EntitySchemas.FINAL_KEY).equalTo(col("_fk")))
        .select(col(Col.DOC_ID), col(Col.PUBLISHED), col(Col.SENTENCE),
            entityId(col(EntitySchemas.FINAL_KEY)).as(Col.ENTITY_ID),
            col(Col.ENTITY), col("_entity_type").as(Col.TYPE), col(Col.SURFACE), col(Col.BEGIN), col(Col.END),
            col(EntitySchemas.OWN_NAME), col(Col.EXTERNAL_ID), col("_wiki_title_k").as(Col.WIKI_TITLE)), links);
  }

  /** Per {@code final_key} ({@code _tk}), the type most of its mentions have ({@code _majority_type}). */
  static Dataset<Row> majorityType(Dataset<Row> base) {
    return base.groupBy(col(EntitySchemas.FINAL_KEY), col(Col.TYPE)).agg(count(lit(1)).as("_n"))
        .withColumn("_rank", row_number().over(Window.partitionBy(col(EntitySchemas.FINAL_KEY))
            .orderBy(col("_n").desc(), typeRank(col(Col.TYPE)))))
        .filter(col("_rank").equalTo(1))
        .select(col(EntitySchemas.FINAL_KEY).as("_tk"), col(Col.TYPE).as("_majority_type"));
  }

  /** The {@code entity_mentions} table ({@link EntitySchemas#ENTITY_MENTIONS}) from {@link #canonicalize}. */
  public static Dataset<Row> mentions(Dataset<Row> canonical) {
    Schemas.requireColumns("entities", canonical, EntitySchemas.ENTITY_MENTIONS.fieldNames());
    return canonical.select(col(Col.DOC_ID), col(Col.PUBLISHED), col(Col.SENTENCE), col(Col.ENTITY_ID),
        col(Col.ENTITY), col(Col.TYPE), col(Col.SURFACE), col(Col.BEGIN), col(Col.END));
  }

  /**
   * The {@code entities} table ({@link EntitySchemas#ENTITIES}) from {@link #canonicalize}: per entity, the other
   * names it was written as (cleaned of titles and possessives, sorted), its article and mention counts, first and
   * last publication time, and the alias file's external id.
   */
  public static Dataset<Row> entities(Dataset<Row> canonical) {
    Schemas.requireColumns("entities", canonical, Col.ENTITY_ID, Col.ENTITY, Col.TYPE, Col.DOC_ID, Col.PUBLISHED,
        EntitySchemas.OWN_NAME, Col.EXTERNAL_ID, Col.WIKI_TITLE);
    return canonical.groupBy(col(Col.ENTITY_ID), col(Col.ENTITY), col(Col.TYPE))
        // Other names only: a spelling that differs from the entity's name in letter case alone ("WASHINGTON" in a
        // dateline) is not an alias.
        .agg(array_sort(functions.filter(collect_set(col(EntitySchemas.OWN_NAME)),
                name -> lower(name).notEqual(lower(col(Col.ENTITY))))).as(Col.ALIASES),
            count_distinct(col(Col.DOC_ID)).as(Col.DOC_COUNT),
            count(lit(1)).as(Col.MENTION_COUNT),
            min(col(Col.PUBLISHED)).as(Col.FIRST_SEEN),
            max(col(Col.PUBLISHED)).as(Col.LAST_SEEN),
            max(col(Col.EXTERNAL_ID)).as(Col.EXTERNAL_ID),
            max(col(Col.WIKI_TITLE)).as(Col.WIKI_TITLE));
  }

  /**
   * The {@code entity_trends} table ({@link EntitySchemas#ENTITY_TRENDS}): per entity and period bucket, the
   * articles and mentions, and {@code share} = the entity's articles / the analysed articles published in that
   * bucket. Needs {@code entity_mentions} and the analysed articles ({@code doc_id, published}; duplicates and
   * other languages already left out, as by {@link #analysable}).
   */
  public static Dataset<Row> trends(Dataset<Row> entityMentions, Dataset<Row> analysed, List<Period> periods) {
    Schemas.requireColumns("entities", entityMentions, Col.ENTITY_ID, Col.ENTITY, Col.TYPE, Col.DOC_ID,
        Col.PUBLISHED);
    Schemas.requireColumns("entities", analysed, Col.DOC_ID, Col.PUBLISHED);
    Column buckets = explode(Period.buckets(periods, col(Col.PUBLISHED))).as("_bucket");
    // Mentions per entity and article first, then articles and mentions per bucket from those rows: the same
    // counts as a distinct count of articles next to a count of mentions, without the expanded plan that pairing
    // needs (every mention row copied once per aggregate).
    Dataset<Row> perArticle = entityMentions
        .groupBy(col(Col.ENTITY_ID), col(Col.ENTITY), col(Col.TYPE), col(Col.DOC_ID))
        .agg(min(col(Col.PUBLISHED)).as(Col.PUBLISHED), count(lit(1)).as("_mentions"));
    Dataset<Row> counts = perArticle
        .select(col(Col.ENTITY_ID), col(Col.ENTITY), col(Col.TYPE), col("_mentions"), buckets)
        .groupBy(col(Col.ENTITY_ID), col(Col.ENTITY), col(Col.TYPE), col("_bucket." + Col.PERIOD).as(Col.PERIOD),
            col("_bucket." + Col.PERIOD_START).as(Col.PERIOD_START))
        .agg(count(lit(1)).as(Col.DOC_COUNT), sum(col("_mentions")).as(Col.MENTION_COUNT));
    Dataset<Row> totals = analysed.select(col(Col.DOC_ID), buckets)
        .groupBy(col("_bucket." + Col.PERIOD).as("_period"), col("_bucket." + Col.PERIOD_START).as("_start"))
        .agg(count_distinct(col(Col.DOC_ID)).as("_articles"));
    return counts.join(totals, col(Col.PERIOD).equalTo(col("_period"))
            .and(col(Col.PERIOD_START).equalTo(col("_start"))))
        .select(col(Col.ENTITY_ID), col(Col.ENTITY), col(Col.TYPE), col(Col.PERIOD), col(Col.PERIOD_START),
            col(Col.DOC_COUNT), col(Col.MENTION_COUNT),
            col(Col.DOC_COUNT).cast(DataTypes.DoubleType).divide(col("_articles")).as(Col.SHARE));
  }

  /**
   * {@code e-} and 16 hex digits of SHA-256 over the folded canonical name: the same in every run. The type is not
   * part of it: a key has one entity whatever its type, and the majority type of an ambiguous name can change as
   * articles arrive; the id then stays, so that joins across runs and a nightly run's unchanged days keep it.
   */
  static Column entityId(Column finalKey) {
    return concat(lit("e-"), substring(sha2(finalKey, 256), 1, 16));
  }

  private static Column typeRank(Column type) {
    Column rank = lit(EntityType.values().length);
    for (int i = EntityType.values().length - 1; i >= 0; i--) {
      rank = when(type.equalTo(EntityType.values()[i].name()), i).otherwise(rank);
    }
    return rank;
  }

  private static final StructType USER_TABLE = DataTypes.createStructType(List.of(
      DataTypes.createStructField("_user_alias", DataTypes.StringType, false),
      DataTypes.createStructField("_user_key", DataTypes.StringType, false),
      DataTypes.createStructField("_user_entity", DataTypes.StringType, false),
      DataTypes.createStructField("_user_type", DataTypes.StringType, false),
      DataTypes.createStructField("_external_id", DataTypes.StringType, true)));

  private static final StructType BLOCK_TABLE = DataTypes.createStructType(List.of(
      DataTypes.createStructField("_blocked", DataTypes.StringType, false)));

  /** The alias file as a small table (it is read on the driver; its size is the user's file's). */
  private static Dataset<Row> userTable(SparkSession spark, EntityRules rules) {
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, EntityRules.UserEntity> e : rules.userEntities().entrySet()) {
      EntityRules.UserEntity u = e.getValue();
      rows.add(RowFactory.create(e.getKey(), Names.fold(u.canonical()), u.canonical(), u.type().name(),
          u.externalId()));
    }
    return spark.createDataFrame(rows, USER_TABLE);
  }

  private static Dataset<Row> blockTable(SparkSession spark, EntityRules rules) {
    List<Row> rows = rules.blockedKeys().stream().map(k -> RowFactory.create(k)).toList();
    return spark.createDataFrame(rows, BLOCK_TABLE);
  }
}
