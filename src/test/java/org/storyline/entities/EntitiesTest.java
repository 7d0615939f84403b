package org.storyline.entities;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.storyline.config.ConfigOption;
import org.storyline.config.EntitiesConfig;
import org.storyline.config.Settings;
import org.storyline.schema.Col;
import org.storyline.schema.Period;
import org.storyline.schema.Schemas;
import org.storyline.testing.TestSpark;
import scala.jdk.javaapi.CollectionConverters;

class EntitiesTest {

  private static final SparkSession SPARK = TestSpark.session();
  private static final EntitiesConfig DEFAULTS = EntitiesConfig.from(Settings.defaults());

  /** One article of ner_mentions: doc id, day of September 2025, then (type, surface) pairs in text order. */
  static Row article(String docId, int day, Object... typeAndSurface) {
    List<Row> mentions = new ArrayList<>();
    int offset = 0;
    for (int i = 0; i < typeAndSurface.length; i += 2) {
      String surface = (String) typeAndSurface[i + 1];
      mentions.add(RowFactory.create(i / 2, ((EntityType) typeAndSurface[i]).name(), surface, offset,
          offset + surface.length()));
      offset += surface.length() + 10;
    }
    return RowFactory.create(docId, published(day), "hash-" + docId, "test", 100, typeAndSurface.length / 2, false,
        CollectionConverters.asScala(mentions).toSeq());
  }

  private static Timestamp published(int day) {
    return Timestamp.valueOf(String.format("2025-09-%02d 12:00:00", day));
  }

  private static Dataset<Row> ner(Row... articles) {
    return SPARK.createDataFrame(Arrays.asList(articles), EntitySchemas.NER_MENTIONS);
  }

  private static Dataset<Row> canonical(Dataset<Row> ner, EntityRules rules, EntitiesConfig config) {
    Dataset<Row> resolved = Entities.resolveInArticles(ner, rules);
    return Entities.canonicalize(resolved, Entities.learnAliases(resolved, config), rules);
  }

  /** doc_id -> the entity of each mention, in text order, as "entity/TYPE". */
  private static Map<String, List<String>> entitiesByDoc(Dataset<Row> canonical) {
    Map<String, List<String>> out = new TreeMap<>();
    for (Row r : canonical.orderBy(col(Col.DOC_ID), col(Col.BEGIN)).collectAsList()) {
      out.computeIfAbsent(r.getAs(Col.DOC_ID), k -> new ArrayList<>())
          .add(r.getAs(Col.ENTITY) + "/" + r.getAs(Col.TYPE));
    }
    return out;
  }

  private static String sha(String s) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    return "e-" + HexFormat.of().formatHex(digest).substring(0, 16);
  }

  @Test
  void shortFormsAloneMapToTheFullNameLearnedFromOtherArticles() {
    Dataset<Row> ner = ner(
        article("d1", 1, EntityType.PERSON, "Vladimir Putin", EntityType.PERSON, "Putin"),
        article("d2", 2, EntityType.PERSON, "President Vladimir Putin", EntityType.PERSON, "Putin's"),
        article("d3", 3, EntityType.PERSON, "Putin", EntityType.LOCATION, "Washington"),
        article("d4", 3, EntityType.PERSON, "George Washington", EntityType.PERSON, "Washington"));
    Map<String, List<String>> byDoc = entitiesByDoc(canonical(ner, EntityRules.none(), DEFAULTS));
    assertThat(byDoc.get("d3")).as("Putin alone: learned alias (support 2); Washington the city: support 1")
        .containsExactly("Vladimir Putin/PERSON", "Washington/LOCATION");
    assertThat(byDoc.get("d4")).as("in-article resolution").containsExactly("George Washington/PERSON",
        "George Washington/PERSON");

    EntitiesConfig strict = EntitiesConfig.from(Settings.defaults().with(Map.of(ConfigOption.ALIAS_MIN_SUPPORT,
        "3")));
    assertThat(entitiesByDoc(canonical(ner, EntityRules.none(), strict)).get("d3"))
        .as("minimum support 3 not reached").containsExactly("Putin/PERSON", "Washington/LOCATION");
  }

  @Test
  void anAliasIsNotLearnedForANameMostlyTaggedAsSomethingElse() {
    Dataset<Row> ner = ner(
        article("d1", 1, EntityType.PERSON, "George Washington", EntityType.PERSON, "Washington"),
        article("d2", 1, EntityType.PERSON, "George Washington", EntityType.PERSON, "Washington"),
        article("d3", 2, EntityType.LOCATION, "Washington"),
        article("d4", 2, EntityType.LOCATION, "Washington"),
        article("d5", 2, EntityType.PERSON, "Washington"));
    Map<String, List<String>> byDoc = entitiesByDoc(canonical(ner, EntityRules.none(), DEFAULTS));
    assertThat(byDoc.get("d3")).as("the city stays the city").containsExactly("Washington/LOCATION");
    assertThat(byDoc.get("d5")).as("unresolved Washington is mostly LOCATION: no alias")
        .containsExactly("Washington/LOCATION");
  }

  @Test
  void oneTypePerEntityByMajorityAndOneSpellingByFrequency() {
    Dataset<Row> ner = ner(
        article("d1", 1, EntityType.ORGANIZATION, "Nvidia", EntityType.PERSON, "Kim Jong-un"),
        article("d2", 1, EntityType.ORGANIZATION, "NVIDIA", EntityType.PERSON, "Kim Jong Un"),
        article("d3", 2, EntityType.MISC, "Nvidia", EntityType.PERSON, "Kim Jong-un"));
    Map<String, List<String>> byDoc = entitiesByDoc(canonical(ner, EntityRules.none(), DEFAULTS));
    assertThat(byDoc.get("d2")).as("majority type ORGANIZATION; spelling Nvidia (2 of 3); Kim Jong-un (2 of 3)")
        .containsExactly("Nvidia/ORGANIZATION", "Kim Jong-un/PERSON");
    assertThat(byDoc.get("d3")).as("MISC mention takes the entity's type").containsExactly("Nvidia/ORGANIZATION",
        "Kim Jong-un/PERSON");
  }

  @Test
  void theAliasFileWinsOverLearnedAliasesTypesAndNames() {
    EntityRules rules = EntityRules.of("""
        Putin,Vladimir Putin,PERSON,Q7747
        Kim,Kim Yo-jong,PERSON
        Fed,Federal Reserve,ORGANIZATION
        """, null);
    Dataset<Row> ner = ner(
        article("d1", 1, EntityType.PERSON, "Kim Jong-un", EntityType.PERSON, "Kim", EntityType.PERSON, "Fed"),
        article("d2", 1, EntityType.PERSON, "Kim Jong-un", EntityType.PERSON, "Kim"),
        article("d3", 2, EntityType.PERSON, "Putin", EntityType.ORGANIZATION, "Fed"));
    Dataset<Row> canonical = canonical(ner, rules, DEFAULTS);
    Map<String, List<String>> byDoc = entitiesByDoc(canonical);
    assertThat(byDoc.get("d1")).as("Kim goes where the file says, Fed is an organization").containsExactly(
        "Kim Jong-un/PERSON", "Kim Yo-jong/PERSON", "Federal Reserve/ORGANIZATION");
    assertThat(byDoc.get("d3")).as("file entries").containsExactly("Vladimir Putin/PERSON",
        "Federal Reserve/ORGANIZATION");
    Row putin = Entities.entities(canonical).filter(col(Col.ENTITY).equalTo("Vladimir Putin")).first();
    assertThat((String) putin.getAs(Col.EXTERNAL_ID)).as("external id").isEqualTo("Q7747");
  }

  @Test
  void blockedNamesAndTheirShortFormsAreDropped() {
    Dataset<Row> ner = ner(
        article("d1", 1, EntityType.ORGANIZATION, "Reuters", EntityType.PERSON, "Vladimir Putin",
            EntityType.PERSON, "Putin", EntityType.LOCATION, "Kyiv"),
        article("d2", 1, EntityType.ORGANIZATION, "REUTERS", EntityType.PERSON, "Putin"),
        article("d3", 1, EntityType.PERSON, "Vladimir Putin", EntityType.PERSON, "Putin", EntityType.PERSON,
            "Sergei Lavrov"));
    EntityRules rules = EntityRules.of(null, "Reuters\nVladimir Putin\n");
    Map<String, List<String>> byDoc = entitiesByDoc(canonical(ner, rules, DEFAULTS));
    assertThat(byDoc.get("d1")).as("the name, its short form and Reuters go; Kyiv stays")
        .containsExactly("Kyiv/LOCATION");
    assertThat(byDoc).as("d2: REUTERS blocked, Putin mapped to the blocked entity by the learned alias")
        .doesNotContainKey("d2");
    assertThat(byDoc.get("d3")).as("others stay").containsExactly("Sergei Lavrov/PERSON");
  }

  @Test
  void entityIdsAreStableHashesOfTheFoldedName() throws Exception {
    Dataset<Row> ner = ner(
        article("d1", 1, EntityType.PERSON, "Kim Jong-un", EntityType.LOCATION, "U.S."),
        article("d2", 2, EntityType.PERSON, "Kim Jong Un", EntityType.ORGANIZATION, "US"));
    List<Row> first = canonical(ner, EntityRules.none(), DEFAULTS).select(Col.DOC_ID, Col.ENTITY_ID)
        .orderBy(Col.DOC_ID, Col.ENTITY_ID).collectAsList();
    List<Row> again = canonical(ner.repartition(3).orderBy(col(Col.DOC_ID).desc()), EntityRules.none(), DEFAULTS)
        .select(Col.DOC_ID, Col.ENTITY_ID).orderBy(Col.DOC_ID, Col.ENTITY_ID).collectAsList();
    assertThat(again).as("same ids whatever the order and partitioning").isEqualTo(first);
    assertThat(first.stream().map(r -> r.getString(1)).collect(Collectors.toSet())).as("two entities, by hand")
        .containsExactlyInAnyOrder(sha("kim jong un"), sha("united states"));
  }

  @Test
  void anEntityKeepsItsIdWhenLaterArticlesChangeItsMajorityType() {
    Dataset<Row> before = ner(
        article("d1", 1, EntityType.ORGANIZATION, "Jaguar"),
        article("d2", 2, EntityType.ORGANIZATION, "Jaguar"),
        article("d3", 3, EntityType.MISC, "Jaguar"));
    Dataset<Row> after = before.unionByName(ner(
        article("d4", 4, EntityType.MISC, "Jaguar"),
        article("d5", 5, EntityType.MISC, "Jaguar")));
    Row first = canonical(before, EntityRules.none(), DEFAULTS).filter(col(Col.DOC_ID).equalTo("d1")).first();
    Row second = canonical(after, EntityRules.none(), DEFAULTS).filter(col(Col.DOC_ID).equalTo("d1")).first();
    assertThat(List.of((String) first.getAs(Col.TYPE), (String) second.getAs(Col.TYPE)))
        .as("the majority type flips from 2 of 3 ORGANIZATION to 3 of 5 MISC").containsExactly("ORGANIZATION", "MISC");
    assertThat((String) second.getAs(Col.ENTITY_ID)).as("same id").isEqualTo(first.getAs(Col.ENTITY_ID));
  }

  @Test
  void theEntitiesTable() {
    Dataset<Row> ner = ner(
        article("d1", 1, EntityType.PERSON, "Vladimir Putin", EntityType.PERSON, "Putin", EntityType.PERSON,
            "Putin"),
        article("d2", 5, EntityType.PERSON, "Mr. Putin", EntityType.PERSON, "Vladimir Putin"),
        article("d3", 3, EntityType.LOCATION, "America"),
        article("d4", 4, EntityType.LOCATION, "MOSCOW", EntityType.LOCATION, "Moscow", EntityType.LOCATION, "Moscow"));
    Dataset<Row> entities = Entities.entities(canonical(ner, EntityRules.none(), DEFAULTS));
    Row moscow = entities.filter(col(Col.ENTITY).equalTo("Moscow")).first();
    assertThat(moscow.getList(moscow.fieldIndex(Col.ALIASES))).as("a dateline's capitals are no alias").isEmpty();
    assertThat(entities.columns()).as("columns").containsExactly(EntitySchemas.ENTITIES.fieldNames());
    Row putin = entities.filter(col(Col.ENTITY).equalTo("Vladimir Putin")).first();
    assertThat(putin.getList(putin.fieldIndex(Col.ALIASES))).as("aliases").containsExactly("Putin");
    assertThat((long) putin.getAs(Col.DOC_COUNT)).as("doc_count").isEqualTo(2);
    assertThat((long) putin.getAs(Col.MENTION_COUNT)).as("mention_count").isEqualTo(5);
    assertThat((Timestamp) putin.getAs(Col.FIRST_SEEN)).as("first_seen").isEqualTo(published(1));
    assertThat((Timestamp) putin.getAs(Col.LAST_SEEN)).as("last_seen").isEqualTo(published(5));
    Row us = entities.filter(col(Col.ENTITY).equalTo("United States")).first();
    assertThat(us.getList(us.fieldIndex(Col.ALIASES))).as("country alias").containsExactly("America");
    assertThat((Object) us.getAs(Col.EXTERNAL_ID)).as("no external id").isNull();
  }

  @Test
  void trendsCountArticlesAndMentionsPerPeriodAgainstAnalysedArticles() {
    // Mon 1 Sep, Tue 2 Sep, Mon 8 Sep 2025 (two ISO weeks). A: 2 mentions in a1, 1 in a2, 1 in a4. B: 1 in a2.
    StructType mentionsSchema = EntitySchemas.ENTITY_MENTIONS;
    List<Row> mentions = List.of(
        RowFactory.create("a1", published(1), 0, "e-a", "A", "PERSON", "A", 0, 1),
        RowFactory.create("a1", published(1), 1, "e-a", "A", "PERSON", "A", 5, 6),
        RowFactory.create("a2", published(2), 0, "e-a", "A", "PERSON", "A", 0, 1),
        RowFactory.create("a2", published(2), 0, "e-b", "B", "LOCATION", "B", 3, 4),
        RowFactory.create("a4", published(8), 0, "e-a", "A", "PERSON", "A", 0, 1));
    StructType articlesSchema = DataTypes.createStructType(new StructField[] {
        DataTypes.createStructField(Col.DOC_ID, DataTypes.StringType, false),
        DataTypes.createStructField(Col.PUBLISHED, DataTypes.TimestampType, false)});
    List<Row> analysed = List.of(RowFactory.create("a1", published(1)), RowFactory.create("a2", published(2)),
        RowFactory.create("a3", published(2)), RowFactory.create("a4", published(8)));
    Dataset<Row> trends = Entities.trends(SPARK.createDataFrame(mentions, mentionsSchema),
        SPARK.createDataFrame(analysed, articlesSchema), List.of(Period.DAY, Period.WEEK));
    assertThat(trends.columns()).as("columns").containsExactly(EntitySchemas.ENTITY_TRENDS.fieldNames());
    Map<String, String> rows = new TreeMap<>();
    for (Row r : trends.collectAsList()) {
      rows.put(r.getAs(Col.ENTITY_ID) + " " + r.getAs(Col.PERIOD) + " " + r.getAs(Col.PERIOD_START),
          r.getAs(Col.DOC_COUNT) + " " + r.getAs(Col.MENTION_COUNT) + " "
              + String.format(java.util.Locale.ROOT, "%.4f", (double) r.getAs(Col.SHARE)));
    }
    // Articles per day: 1 Sep 1, 2 Sep 2, 8 Sep 1; per week: 1 Sep 3, 8 Sep 1.
    Map<String, String> expected = new TreeMap<>(Map.of(
        "e-a day 2025-09-01", "1 2 1.0000",
        "e-a day 2025-09-02", "1 1 0.5000",
        "e-a day 2025-09-08", "1 1 1.0000",
        "e-b day 2025-09-02", "1 1 0.5000",
        "e-a week 2025-09-01", "2 3 0.6667",
        "e-a week 2025-09-08", "1 1 1.0000",
        "e-b week 2025-09-01", "1 1 0.3333"));
    assertThat(rows).as("counts by hand").isEqualTo(expected);
    Row one = trends.first();
    assertThat((Object) one.getAs(Col.PERIOD_START)).as("period_start is a date").isInstanceOf(Date.class);
    assertThat((double) trends.filter(col(Col.ENTITY_ID).equalTo("e-b").and(col(Col.PERIOD).equalTo("week")))
        .first().getAs(Col.SHARE)).as("share").isCloseTo(1.0 / 3, within(1e-9));
  }

  @Test
  void onlyOriginalsInTheAnalysedLanguagesAreRecognised() {
    StructType schema = Schemas.ARTICLES;
    Date day = Date.valueOf("2025-09-03");
    String english = "North Korean leader Kim Jong-un met Russian President Vladimir Putin in Beijing. He said "
        + "the talks went well.";
    List<Row> articles = List.of(
        RowFactory.create("en", null, english, published(3), null, null, "en", english.length(), "h1", null, null,
            day),
        RowFactory.create("dup", null, english, published(3), null, null, "en", english.length(), "h1", "en", null,
            day),
        RowFactory.create("de", null, "Bundeskanzler Friedrich Merz traf Emmanuel Macron in Berlin.", published(3),
            null, null, "de", 58, "h2", null, null, day),
        RowFactory.create("und", null, "Angela Merkel.", published(3), null, null, "und", 14, "h3", null, null,
            day));
    Dataset<Row> frame = SPARK.createDataFrame(articles, schema);
    Dataset<Row> analysable = Entities.analysable(frame, List.of("en"));
    assertThat(analysable.select(Col.DOC_ID).as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
        .as("duplicate and German skipped, und kept").containsExactlyInAnyOrder("en", "und");

    Dataset<Row> ner = Entities.recognize(analysable, DEFAULTS, 2);
    assertThat(ner.schema().fieldNames()).as("ner_mentions columns")
        .containsExactly(EntitySchemas.NER_MENTIONS.fieldNames());
    Row en = ner.filter(col(Col.DOC_ID).equalTo("en")).first();
    List<String> surfaces = en.<Row>getList(en.fieldIndex(EntitySchemas.MENTIONS)).stream()
        .map(m -> m.getString(2) + "/" + m.getString(1)).toList();
    assertThat(surfaces).as("hyphenated name whole, no pronoun").contains("Kim Jong-un/PERSON",
        "Vladimir Putin/PERSON", "Beijing/LOCATION").noneMatch(s -> s.startsWith("He/"));
    assertThat((int) en.getAs(EntitySchemas.SENTENCES)).as("sentences").isEqualTo(2);

    Dataset<Row> mentions = Entities.mentions(canonical(ner, EntityRules.none(), DEFAULTS));
    assertThat(mentions.schema().fieldNames()).as("entity_mentions columns")
        .containsExactly(EntitySchemas.ENTITY_MENTIONS.fieldNames());
    assertThat(Arrays.stream(mentions.schema().fields()).map(f -> f.dataType()).toList())
        .as("entity_mentions types").isEqualTo(Arrays.stream(EntitySchemas.ENTITY_MENTIONS.fields())
            .map(f -> f.dataType()).toList());
  }

  @Test
  void rowsOfEarlierSpanRulesAreNotReused() {
    String models = String.join(",", DEFAULTS.models());
    String before = models + ";max_sentence_tokens=250;max_chars=200000";
    String now = before + ";rules=2";
    assertThat(Entities.nerSettings(DEFAULTS)).as("the model column of the defaults").isEqualTo(now);
    Dataset<Row> previous = SPARK.createDataFrame(List.of(
        RowFactory.create("old", published(3), "h-old", before, 10, 1, false,
            CollectionConverters.asScala(List.<Row>of()).toSeq()),
        RowFactory.create("new", published(3), "h-new", now, 10, 1, false,
            CollectionConverters.asScala(List.<Row>of()).toSeq())), EntitySchemas.NER_MENTIONS);
    StructType keys = DataTypes.createStructType(List.of(
        DataTypes.createStructField(Col.DOC_ID, DataTypes.StringType, false),
        DataTypes.createStructField(Col.CONTENT_HASH, DataTypes.StringType, false)));
    Dataset<Row> analysable = SPARK.createDataFrame(
        List.of(RowFactory.create("old", "h-old"), RowFactory.create("new", "h-new")), keys);
    Dataset<Row> reused = Entities.reusableMentions(previous, analysable, DEFAULTS);
    assertThat(reused.select(Col.DOC_ID).as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
        .as("only the row made under the current span rules").containsExactly("new");
    assertThat(Entities.notYetRecognized(analysable, reused).select(Col.DOC_ID)
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
        .as("NER runs again on the article of the earlier rules").containsExactly("old");
  }
}
