package org.storyline.entities;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.storyline.entities.EntitiesTest.article;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.storyline.config.EntitiesConfig;
import org.storyline.config.Settings;
import org.storyline.schema.Col;
import org.storyline.testing.TestSpark;

/**
 * Entity linking on hand-made mentions, with dictionary lines as the KBP dictionary has them (the rows for these
 * names are the real ones, priors included, except where a test says it made one up).
 */
class LinkingTest {

  private static final SparkSession SPARK = TestSpark.session();
  private static final EntitiesConfig DEFAULTS = EntitiesConfig.from(Settings.defaults());
  private static final Linking.Options OPTIONS =
      new Linking.Options(DEFAULTS.linkMinPrior(), DEFAULTS.aliasMinSupport());

  /** The real dictionary rows of the names below (one title each in the dictionary). */
  private static final List<String> DICTIONARY = List.of(
      "Fed\tFederal_Reserve_System\t0.735683",
      "Federal Reserve\tFederal_Reserve_System\t0.963299",
      "Federal Reserve Board\tFederal_Reserve_System\t0.996429",
      "UN\tUnited_Nations\t0.978643",
      "United Nations\tUnited_Nations\t0.983634",
      "ECB\tEuropean_Central_Bank\t0.507289",
      "European Central Bank\tEuropean_Central_Bank\t0.999572",
      "Powell\tArthur_William_Baden_Powell\t0.504951",
      "Kim Jong-un\tKim_Jong-woon\t1.0",
      "Vladimir Putin\tVladimir_Putin\t1.0",
      "Putin\tVladimir_Putin\t1.0",
      "Washington\tWashington\t0.64665",
      "WASHINGTON\tUSS_Washington_(BB-56)\t0.3",
      "UNESCO\tUNESCO\t0.98",
      "Andrew Bailey\tAndrew_Bailey_(baseball)\t0.652174",
      "Reuters\tReuters\t0.994898",
      "Paul Reuters\tReuters\t0.9",
      "federal reserve\tFederal_Reserve_System\t0.5",
      "Wikipedia: !!! (Chk Chk Chk)\t!!!\t1.0",
      "malformed line without tabs");

  private Dataset<Row> index = LinkIndex.fromLines(SPARK.createDataset(DICTIONARY, Encoders.STRING())).cache();

  @AfterEach
  void release() {
    index.unpersist();
  }

  private Entities.Canonicalized canonical(EntityRules rules, Linking.Options options, Row... articles) {
    Dataset<Row> ner = SPARK.createDataFrame(Arrays.asList(articles), EntitySchemas.NER_MENTIONS);
    Dataset<Row> resolved = Entities.resolveInArticles(ner, rules);
    return Entities.canonicalize(resolved, Entities.learnAliases(resolved, DEFAULTS), rules, Optional.of(index),
        options);
  }

  /** entity -> wiki_title (or "-") and mention count, from the entities table. */
  private static Map<String, String> entities(Entities.Canonicalized canonical) {
    Map<String, String> out = new TreeMap<>();
    for (Row r : Entities.entities(canonical.mentions()).collectAsList()) {
      String title = r.getAs(Col.WIKI_TITLE);
      out.put(r.getAs(Col.ENTITY) + "/" + r.getAs(Col.TYPE),
          (title == null ? "-" : title) + " x" + r.<Long>getAs(Col.MENTION_COUNT));
    }
    canonical.links().ifPresent(Linking.Links::close);
    return out;
  }

  @Test
  void theIndexKeepsCapitalisedSurfacesAsWrittenWithTheirTitles() {
    List<Row> rows = index.orderBy(LinkIndex.SURFACE).collectAsList();
    assertThat(rows).extracting(r -> r.getAs(LinkIndex.SURFACE) + " -> " + r.getAs(LinkIndex.WIKI_TITLE))
        .as("the lower-case 'federal reserve' and the malformed line are left out")
        .contains("Fed -> Federal_Reserve_System", "Kim Jong-un -> Kim_Jong-woon",
            "Federal Reserve -> Federal_Reserve_System", "WASHINGTON -> USS_Washington_(BB-56)")
        .hasSize(18);
    Row andrew = index.where(col(LinkIndex.SURFACE).equalTo("Andrew Bailey"))
        .select(LinkIndex.titleKey(col(LinkIndex.WIKI_TITLE))).first();
    assertThat(andrew.getString(0)).as("title folded without its parenthetical").isEqualTo("andrew bailey");
  }

  @Test
  void anAcronymMergesIntoTheFullNameItIsMentionedWith() {
    Map<String, String> entities = entities(canonical(EntityRules.none(), OPTIONS,
        article("d1", 1, EntityType.ORGANIZATION, "Federal Reserve", EntityType.ORGANIZATION, "Fed"),
        article("d2", 2, EntityType.ORGANIZATION, "Federal Reserve", EntityType.ORGANIZATION, "Fed"),
        article("d3", 3, EntityType.ORGANIZATION, "Fed", EntityType.ORGANIZATION, "Federal Reserve Board"),
        article("d4", 4, EntityType.ORGANIZATION, "Fed"),
        article("d5", 5, EntityType.ORGANIZATION, "U.N.", EntityType.ORGANIZATION, "United Nations"),
        article("d6", 6, EntityType.ORGANIZATION, "ECB", EntityType.ORGANIZATION, "European Central Bank"),
        article("d7", 7, EntityType.ORGANIZATION, "Korean Central News Agency", EntityType.ORGANIZATION, "KCNA",
            EntityType.ORGANIZATION, "Korean People's Army", EntityType.ORGANIZATION, "KPA"),
        article("d8", 8, EntityType.ORGANIZATION, "KPA"),
        article("d9", 9, EntityType.ORGANIZATION, "BBC", EntityType.ORGANIZATION, "British Airways")));
    assertThat(entities).as("Fed (0.74, 4 articles, 3 with the full name: at least --alias-min-support 2) and "
            + "Federal Reserve Board (0.996) are the Federal Reserve, 7 mentions; U.N., ECB, KCNA and KPA are the "
            + "initials of a name in their article (linked or not; KPA in d8 too); BBC is not British Airways")
        .containsExactlyInAnyOrderEntriesOf(Map.of(
            "Federal Reserve/ORGANIZATION", "Federal_Reserve_System x7",
            "United Nations/ORGANIZATION", "United_Nations x2",
            "European Central Bank/ORGANIZATION", "European_Central_Bank x2",
            "Korean Central News Agency/ORGANIZATION", "- x2",
            "Korean People's Army/ORGANIZATION", "- x3",
            "BBC/ORGANIZATION", "- x1",
            "British Airways/ORGANIZATION", "- x1"));

    Map<String, String> once = entities(canonical(EntityRules.none(), OPTIONS,
        article("d1", 1, EntityType.ORGANIZATION, "Federal Reserve", EntityType.ORGANIZATION, "Fed")));
    assertThat(once).as("Fed with the Federal Reserve in one article only: apart, unlinked")
        .containsExactlyInAnyOrderEntriesOf(Map.of(
            "Federal Reserve/ORGANIZATION", "Federal_Reserve_System x1",
            "Fed/ORGANIZATION", "- x1"));
    Map<String, String> lenient = entities(canonical(EntityRules.none(), new Linking.Options(0.7, 1),
        article("d1", 1, EntityType.ORGANIZATION, "Federal Reserve", EntityType.ORGANIZATION, "Fed")));
    assertThat(lenient).as("with one article enough, merged")
        .containsExactlyInAnyOrderEntriesOf(Map.of("Federal Reserve/ORGANIZATION", "Federal_Reserve_System x2"));
  }

  @Test
  void shortAmbiguousAndDatedFormsStayUnlinked() {
    Map<String, String> entities = entities(canonical(EntityRules.none(), OPTIONS,
        article("d1", 1, EntityType.PERSON, "Powell", EntityType.PERSON, "Kim Jong-un"),
        article("d2", 2, EntityType.PERSON, "Powell", EntityType.LOCATION, "Washington"),
        article("d5", 5, EntityType.LOCATION, "WASHINGTON", EntityType.ORGANIZATION, "UNESCO"),
        article("d3", 3, EntityType.PERSON, "Andrew Bailey", EntityType.PERSON, "Vladimir Putin"),
        article("d4", 4, EntityType.ORGANIZATION, "Storyline Analytics", EntityType.ORGANIZATION, "Reuters")));
    assertThat(entities).as("Powell: a bare surname, never linked on its prior; Kim Jong-un: the dictionary's "
            + "title lacks 'un'; Washington 0.65 and Andrew Bailey 0.65 are below --link-min-prior 0.7, and the "
            + "dateline WASHINGTON does not vote; an unknown name stays unlinked; Putin, Reuters and UNESCO (all "
            + "capitals, but written no other way) link")
        .containsExactlyInAnyOrderEntriesOf(Map.of(
            "Powell/PERSON", "- x2",
            "Kim Jong-un/PERSON", "- x1",
            "Washington/LOCATION", "- x2",
            "UNESCO/ORGANIZATION", "UNESCO x1",
            "Andrew Bailey/PERSON", "- x1",
            "Vladimir Putin/PERSON", "Vladimir_Putin x1",
            "Storyline Analytics/ORGANIZATION", "- x1",
            "Reuters/ORGANIZATION", "Reuters x1"));
  }

  @Test
  void personsAndOrganisationsWithOneTitleStayApartAndTheAliasFileIsNeverMergedAway() {
    EntityRules rules = EntityRules.of("ECB,ECB,ORGANIZATION\n", null);
    Map<String, String> entities = entities(canonical(rules, OPTIONS,
        // "Paul Reuters -> Reuters" is a made-up row: a person the dictionary sends to the agency's title.
        article("d1", 1, EntityType.ORGANIZATION, "Reuters"),
        article("d4", 1, EntityType.PERSON, "Paul Reuters"),
        article("d2", 2, EntityType.ORGANIZATION, "ECB", EntityType.ORGANIZATION, "European Central Bank"),
        article("d3", 3, EntityType.ORGANIZATION, "ECB", EntityType.ORGANIZATION, "European Central Bank")));
    assertThat(entities).as("a person and an organisation with one title stay two entities; the file keeps ECB "
            + "its own entity, linked")
        .containsEntry("Reuters/ORGANIZATION", "Reuters x1")
        .containsEntry("Paul Reuters/PERSON", "Reuters x1")
        .containsEntry("ECB/ORGANIZATION", "European_Central_Bank x2")
        .containsEntry("European Central Bank/ORGANIZATION", "European_Central_Bank x2");
  }

  @Test
  void withoutAnIndexNothingIsLinked() {
    Dataset<Row> ner = SPARK.createDataFrame(List.of(
        article("d1", 1, EntityType.ORGANIZATION, "Federal Reserve", EntityType.ORGANIZATION, "Fed"),
        article("d2", 2, EntityType.ORGANIZATION, "Federal Reserve", EntityType.ORGANIZATION, "Fed")),
        EntitySchemas.NER_MENTIONS);
    Dataset<Row> resolved = Entities.resolveInArticles(ner, EntityRules.none());
    Dataset<Row> canonical = Entities.canonicalize(resolved, Entities.learnAliases(resolved, DEFAULTS),
        EntityRules.none());
    assertThat(Entities.entities(canonical).where(col(Col.WIKI_TITLE).isNotNull()).count()).isZero();
    assertThat(Entities.entities(canonical).count()).as("Fed and Federal Reserve").isEqualTo(2);
  }
}
