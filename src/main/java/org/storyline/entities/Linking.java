package org.storyline.entities;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;
import org.storyline.schema.Col;

/**
 * Links canonical entities to Wikipedia titles with the prepared dictionary ({@link LinkIndex}) as evidence, and
 * merges entities that are two names of one thing ("Fed" and "Federal Reserve"). Three rules, in order:
 *
 * <ol>
 *   <li><b>Linked on the dictionary.</b> An entity's <em>full</em> forms (the cleaned spellings its mentions were
 *       written as, looked up as written; leaving out short forms: one word that is a person's, or of at most
 *       {@value #SHORT_CHARS} characters, such as an acronym) vote for titles with their dictionary prior, weighted
 *       by mentions:
 *       score(title) = sum(mentions x prior) / mentions of all full forms, so a form the dictionary does not know
 *       votes for nothing and an unknown name stays unlinked. The best title is the link if its score is at least
 *       {@code --link-min-prior}. For a person, a form votes only for titles that contain its last word (the
 *       dictionary is dated and sometimes maps a name to a namesake: {@code Kim Jong-un -> Kim_Jong-woon}).</li>
 *   <li><b>Inherited.</b> A short or ambiguous form is never linked on its prior alone (the dictionary sends a bare
 *       surname to its most famous bearer). An entity without a link inherits the title of a linked entity of a
 *       compatible type when the dictionary lists that title for one of its forms (any prior) and the two are
 *       mentioned together in at least {@code --alias-min-support} articles: "Fed" inherits
 *       Federal_Reserve_System from "Federal Reserve" where articles name both.</li>
 *   <li><b>Merged.</b> Entities with one title and a compatible type (persons with persons, the rest with the rest)
 *       are one entity: the one the alias file names, else the one with most mentions, else the smaller key. An
 *       entity of the alias file is never merged into another (its entry wins), though it keeps its title.</li>
 *   <li><b>Acronyms.</b> An unlinked entity of one word of 2 to 6 letters written in capitals is the entity whose
 *       longer name has those initials ("KCNA", "Korean Central News Agency"; "of", "the"... skipped) when one
 *       article names both, with that entity's title if it has one: the article spelled it out. One article is
 *       enough here, unlike rule 2, because initials are evidence the dictionary's prior is not.</li>
 * </ol>
 */
final class Linking {
  private Linking() {}

  static final int SHORT_CHARS = 4;

  static final String TO_KEY = "_to_key";
  private static final String TITLE_KEY = "_title_key";
  static final String WIKI_TITLE = Col.WIKI_TITLE;

  /** Options: the least score a dictionary link needs, the articles that must name two entities to inherit. */
  record Options(double minPrior, int minSupport) {}

  /**
   * Needs the mentions before merging ({@code doc_id, own_key, final_key, type, fixed}) and the index; returns one
   * row per linked entity: {@code final_key}, {@value #TO_KEY} (the key it is merged into, its own if none) and
   * {@code wiki_title}.
   */
  /** The links ({@link #links}) and the cached rows they are computed from; {@link #close} releases these. */
  record Links(Dataset<Row> rows, List<Dataset<Row>> cached) implements AutoCloseable {
    @Override
    public void close() {
      cached.forEach(Dataset::unpersist);
    }
  }

  static Links links(Dataset<Row> unlinkedMentions, Dataset<Row> index, Options options) {
    List<Dataset<Row>> cached = new ArrayList<>();
    String finalKey = EntitySchemas.FINAL_KEY;
    String ownKey = EntitySchemas.OWN_KEY;
    String ownName = EntitySchemas.OWN_NAME;
    // The steps below use the mentions a dozen times over, and the plan of the mentions (NER rows, resolution, the
    // alias and block joins) is large: a plan with that many copies of it takes Spark minutes to analyse. So the
    // six columns needed are cached and the rest starts from the cached rows (a plan of one node, still
    // recomputable from its lineage if an executor is lost).
    Dataset<Row> base = fromRows(cached, unlinkedMentions.select(col(Col.DOC_ID), col(ownName), col(ownKey),
        col(finalKey), col(Col.TYPE), col(EntitySchemas.FIXED)));
    Dataset<Row> entity = base.groupBy(col(finalKey).as("_ek"))
        .agg(count(lit(1)).as("_m"),
            max(when(col(EntitySchemas.FIXED).equalTo(ArticleResolver.FIXED_USER), 1).otherwise(0)).as("_user"))
        .join(Entities.majorityType(base), col("_ek").equalTo(col("_tk")))
        .select(col("_ek"), col("_m"), col("_user"), col("_majority_type").as("_etype"));
    // A form is a spelling (own_name: "Federal Reserve", "Fed"), looked up as written. An all-capital spelling of
    // more than SHORT_CHARS letters is a dateline or a headline ("WASHINGTON") when the entity is also written
    // otherwise: its dictionary row is noise ("WASHINGTON -> USS_Washington_(BB-56)") and it votes for nothing;
    // alone ("UNESCO") it is the name.
    Column capitals = col(ownName).equalTo(upper(col(ownName))).and(length(col(ownName)).gt(SHORT_CHARS));
    Dataset<Row> forms = base.groupBy(col(finalKey), col(ownName), col(ownKey)).agg(count(lit(1)).as("_n"))
        .withColumn("_written_otherwise", max(when(capitals, 0).otherwise(1)).over(Window.partitionBy(col(finalKey))))
        .where(not(capitals.and(col("_written_otherwise").equalTo(1))))
        .drop("_written_otherwise")
        .join(entity, col(finalKey).equalTo(col("_ek")))
        .drop("_ek");
    Column person = col("_etype").equalTo(EntityType.PERSON.name());
    Column shortForm = not(col(ownKey).contains(" "))
        .and(person.or(length(col(ownKey)).leq(SHORT_CHARS)));
    // Only the dictionary rows of names the corpus has: the distinct forms are broadcast into one scan of the index
    // (14.5M rows), whose few matching rows are cached for the rules below.
    Dataset<Row> entries = fromRows(cached, index.select(col(LinkIndex.SURFACE), col(WIKI_TITLE), col(LinkIndex.PRIOR))
        .join(broadcast(forms.select(col(ownName).as("_form")).distinct()),
            col(LinkIndex.SURFACE).equalTo(col("_form")), "left_semi")
        .withColumn(TITLE_KEY, LinkIndex.titleKey(col(WIKI_TITLE))));

    // 1. Dictionary links from the full forms.
    Dataset<Row> full = forms.where(not(shortForm));
    Dataset<Row> fullTotals = full.groupBy(col(finalKey).as("_fk")).agg(sum(col("_n")).as("_full_n"));
    Column lastWord = element_at(split(col(ownKey), " "), -1);
    Dataset<Row> votes = full.join(entries, col(ownName).equalTo(col(LinkIndex.SURFACE)))
        .where(not(person).or(array_contains(split(col(TITLE_KEY), " "), lastWord)))
        .groupBy(col(finalKey), col(WIKI_TITLE), col("_etype"), col("_m"), col("_user"))
        .agg(sum(col("_n").multiply(col(LinkIndex.PRIOR))).as("_mass"));
    Dataset<Row> linked = votes.join(fullTotals, col(finalKey).equalTo(col("_fk")))
        .withColumn("_score", col("_mass").divide(col("_full_n")))
        .withColumn("_rank", row_number().over(Window.partitionBy(col(finalKey))
            .orderBy(col("_score").desc(), col(WIKI_TITLE))))
        .where(col("_rank").equalTo(1).and(col("_score").geq(options.minPrior())))
        .select(col(finalKey), col(WIKI_TITLE), typeClass(col("_etype")).as("_class"), col("_m"), col("_user"));

    // 2. Inherited links: an unlinked entity, a linked one of its titles, articles naming both.
    Dataset<Row> unlinkedCandidates = forms.join(linked.select(col(finalKey).as("_lk")),
            col(finalKey).equalTo(col("_lk")), "left_anti")
        .join(entries, col(ownName).equalTo(col(LinkIndex.SURFACE)))
        .groupBy(col(finalKey).as("_w"), col(WIKI_TITLE).as("_wt"), typeClass(col("_etype")).as("_wclass"),
            col("_m").as("_wm"), col("_user").as("_wuser"))
        .agg(max(col(LinkIndex.PRIOR)).as("_wprior"));
    Dataset<Row> pairs = unlinkedCandidates.join(linked.select(col(finalKey).as("_s"), col(WIKI_TITLE).as("_st"),
            col("_class").as("_sclass")),
        col("_wt").equalTo(col("_st")).and(col("_wclass").equalTo(col("_sclass"))));
    Dataset<Row> docs = base.select(col(Col.DOC_ID), col(finalKey).as("_dk")).distinct();
    Dataset<Row> together = articlesTogether(docs, pairs, "_w", "_s")
        .where(col("_together").geq(options.minSupport()));
    Dataset<Row> inherited = pairs.join(together, col("_w").equalTo(col("_w2")).and(col("_s").equalTo(col("_s2"))))
        .withColumn("_rank", row_number().over(Window.partitionBy(col("_w"))
            .orderBy(col("_wprior").multiply(col("_together")).desc(), col("_s"))))
        .where(col("_rank").equalTo(1))
        .select(col("_w").as(finalKey), col("_wt").as(WIKI_TITLE), col("_wclass").as("_class"), col("_wm").as("_m"),
            col("_wuser").as("_user"));

    // 3. One entity per title and type class.
    Dataset<Row> members = linked.withColumn("_linked", lit(1))
        .unionByName(inherited.withColumn("_linked", lit(0)));
    Dataset<Row> targets = linked
        .withColumn("_rank", row_number().over(Window.partitionBy(col(WIKI_TITLE), col("_class"))
            .orderBy(col("_user").desc(), col("_m").desc(), col(finalKey))))
        .where(col("_rank").equalTo(1))
        .select(col(WIKI_TITLE).as("_tt"), col("_class").as("_tc"), col(finalKey).as("_target"));
    Dataset<Row> titled = fromRows(cached, members.join(targets, col(WIKI_TITLE).equalTo(col("_tt"))
            .and(col("_class").equalTo(col("_tc"))))
        .select(col(finalKey),
            when(col("_user").equalTo(1), col(finalKey)).otherwise(col("_target")).as(TO_KEY),
            col(WIKI_TITLE)));

    // 4. Acronyms: an entity of one word of 2 to 6 letters, written in capitals ("KCNA", "U.N.") and not linked,
    // whose letters are the initials of a longer name of the same type class mentioned in an article with it
    // ("Korean Central News Agency", "United Nations") is that entity, linked or not: the article spells it out.
    Dataset<Row> capitalised = base.where(col(ownName).equalTo(upper(col(ownName))))
        .select(col(finalKey).as("_ck")).distinct();
    Column notPerson = col("_etype").notEqual(EntityType.PERSON.name());
    Dataset<Row> acronyms = entity.where(col("_ek").rlike("^[a-z]{2,6}$").and(notPerson).and(col("_user").equalTo(0)))
        .join(capitalised, col("_ek").equalTo(col("_ck")), "left_semi")
        .join(titled.select(col(finalKey).as("_tk2")), col("_ek").equalTo(col("_tk2")), "left_anti")
        .select(col("_ek").as("_a"));
    Dataset<Row> spelledOut = entity.where(col("_ek").contains(" ").and(notPerson))
        .select(col("_ek").as("_l"), initials(col("_ek")).as("_initials"));
    Dataset<Row> expansions = acronyms.join(spelledOut, col("_a").equalTo(col("_initials")));
    Dataset<Row> expanded = articlesTogether(docs, expansions, "_a", "_l")
        .withColumn("_rank", row_number().over(Window.partitionBy(col("_a2"))
            .orderBy(col("_together").desc(), col("_l2"))))
        .where(col("_rank").equalTo(1))
        .join(titled.select(col(finalKey).as("_lk2"), col(TO_KEY).as("_lto"), col(WIKI_TITLE).as("_ltitle")),
            col("_l2").equalTo(col("_lk2")), "left")
        .select(col("_a2").as(finalKey), coalesce(col("_lto"), col("_l2")).as(TO_KEY),
            col("_ltitle").as(WIKI_TITLE));
    Dataset<Row> links = fromRows(cached, titled.unionByName(expanded));
    return new Links(links, cached);
  }

  /**
   * For each pair of entity keys in columns {@code a} and {@code b} of {@code pairs}, the articles that mention both
   * ({@code docs}: {@code doc_id, _dk}, one row per article and entity), as {@code a + "2"}, {@code b + "2"},
   * {@code _together}. Pairs without a shared article have no row.
   */
  private static Dataset<Row> articlesTogether(Dataset<Row> docs, Dataset<Row> pairs, String a, String b) {
    Dataset<Row> aDocs = docs.join(pairs.select(col(a)).distinct(), col("_dk").equalTo(col(a)))
        .select(col(Col.DOC_ID).as("_da"), col(a).as(a + "2"));
    Dataset<Row> bDocs = docs.join(pairs.select(col(b)).distinct(), col("_dk").equalTo(col(b)))
        .select(col(Col.DOC_ID).as("_db"), col(b).as(b + "2"));
    return aDocs.join(bDocs, col("_da").equalTo(col("_db")))
        .join(pairs, col(a + "2").equalTo(col(a)).and(col(b + "2").equalTo(col(b))), "left_semi")
        .groupBy(col(a + "2"), col(b + "2")).agg(count(lit(1)).as("_together"));
  }

  /** Words that acronyms skip ("University of Southern Indiana" is USI). */
  private static final List<String> ACRONYM_SKIPS = List.of("of", "the", "and", "for", "de", "du", "des", "la", "le",
      "on", "in", "at", "to", "a", "an", "y");

  /** The initials of a folded key's words, less {@link #ACRONYM_SKIPS}: "korean peoples army" -> "kpa". */
  static Column initials(Column key) {
    Column words = functions.filter(split(key, " "), w -> not(w.isin(ACRONYM_SKIPS.toArray())));
    return array_join(transform(words, w -> substring(w, 1, 1)), "");
  }

  /**
   * {@code rows} cached (added to {@code cache}), as a Dataset whose plan is one node over the cached rows' RDD.
   */
  static Dataset<Row> fromRows(List<Dataset<Row>> cache, Dataset<Row> rows) {
    Dataset<Row> cached = rows.persist(StorageLevel.MEMORY_AND_DISK());
    cache.add(cached);
    return cached.sparkSession().createDataFrame(cached.javaRDD(), cached.schema());
  }

  /** Persons link and merge with persons; organisations, places and MISC with each other (the CRF confuses them). */
  private static Column typeClass(Column type) {
    return when(type.equalTo(EntityType.PERSON.name()), lit("P")).otherwise(lit("O"));
  }

  /**
   * {@code base} with each linked entity's mentions moved to the entity it merges into; adds {@code wiki_title}
   * (null for an unlinked entity).
   */
  static Dataset<Row> apply(Dataset<Row> base, Dataset<Row> links) {
    Dataset<Row> moves = links.select(col(EntitySchemas.FINAL_KEY).as("_from"), col(TO_KEY));
    Dataset<Row> titles = links.groupBy(col(TO_KEY).as("_titled")).agg(max(col(WIKI_TITLE)).as(WIKI_TITLE));
    return base.join(moves, col(EntitySchemas.FINAL_KEY).equalTo(col("_from")), "left")
        .withColumn(EntitySchemas.FINAL_KEY, coalesce(col(TO_KEY), col(EntitySchemas.FINAL_KEY)))
        .drop("_from", TO_KEY)
        .join(titles, col(EntitySchemas.FINAL_KEY).equalTo(col("_titled")), "left")
        .drop("_titled");
  }
}
