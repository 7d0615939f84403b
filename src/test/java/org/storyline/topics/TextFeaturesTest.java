package org.storyline.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.storyline.config.Settings;
import org.storyline.config.TopicsConfig;
import org.storyline.testing.TestSpark;

class TextFeaturesTest {

  static TopicsConfig config(int bigramMinCount) {
    return new TopicsConfig(3, 5, "online", 0, 10, 0, 1, java.util.Optional.empty(), false, 1000, 1, 1.0,
        bigramMinCount, 0.3, 0.1, java.util.Map.of());
  }

  static Dataset<Row> docs(String... texts) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      rows.add(RowFactory.create("d" + i, Timestamp.valueOf("2025-09-03 10:00:00"), null, texts[i],
          new String[0]));
    }
    return TestSpark.session().createDataFrame(rows, new StructType().add("doc_id", DataTypes.StringType)
        .add("published", DataTypes.TimestampType).add("title", DataTypes.StringType)
        .add("text", DataTypes.StringType)
        .add("entity_terms", DataTypes.createArrayType(DataTypes.StringType)));
  }

  @Test
  void tokensKeepHyphenatedNamesAndDropContractionsStopWordsAndPlurals() {
    Dataset<Row> docs = docs("Kim Jong-un\u2019s aides wiped the bodyguards' chairs on Monday, reporters said. "
        + "They don't know why the agencies' U.S. staff (2025) won't talk about 2,000 DNA samples.");
    PipelineModel features = TopicModel.fitFeatures(docs, config(100));
    Row row = features.transform(docs).select("terms").first();
    List<String> terms = row.getList(0);
    assertThat(terms).as("hyphenated name kept, possessive and plurals stripped").containsExactly(
        "kim", "jong-un", "aide", "wiped", "bodyguard", "chair", "know", "agency", "staff", "talk", "dna", "sample");
  }

  @Test
  void frequentBigramsBecomeSingleTerms() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      texts.add("The security detail guarded the leader near gate " + (char) ('a' + i) + " and the bank.");
      texts.add("Another security detail met the minister while rain fell on city " + (char) ('a' + i) + ".");
    }
    texts.add("Security was tight. Every detail mattered.");
    Dataset<Row> docs = docs(texts.toArray(String[]::new));
    PipelineModel features = TopicModel.fitFeatures(docs, config(5));
    PhraseModel phrases = (PhraseModel) java.util.Arrays.stream(features.stages())
        .filter(s -> s instanceof PhraseModel).findFirst().orElseThrow();
    assertThat(phrases.getPhrases()).as("the frequent, strongly associated pair").contains("security detail");
    List<String> first = features.transform(docs).select("terms").first().getList(0);
    assertThat(first).as("merged into one term").contains("security_detail").doesNotContain("security", "detail");
  }

  @Test
  void phraseMergingIsGreedyFromTheLeft() {
    Set<String> phrases = Set.of("a b", "b c", "c d");
    assertThat(PhraseModel.merge(List.of("a", "b", "c", "d"), phrases)).as("a_b then c_d")
        .containsExactly("a_b", "c_d");
    assertThat(PhraseModel.merge(List.of("x", "b", "c", "y"), phrases)).as("b_c").containsExactly("x", "b_c", "y");
    assertThat(PhraseModel.merge(List.of("a"), phrases)).as("single token").containsExactly("a");
    assertThat(PhraseModel.merge(List.of(), phrases)).as("empty").isEmpty();
    assertThat(PhraseModel.merge(null, phrases)).as("null").isNull();
  }

  @Test
  void harmanStemmer() {
    assertThat(TextFeatures.stem("agencies")).as("ies -> y").isEqualTo("agency");
    assertThat(TextFeatures.stem("aides")).as("es -> e").isEqualTo("aide");
    assertThat(TextFeatures.stem("bodyguards")).as("s").isEqualTo("bodyguard");
    assertThat(TextFeatures.stem("analysis")).as("is kept").isEqualTo("analysis");
    assertThat(TextFeatures.stem("status")).as("us kept").isEqualTo("status");
    assertThat(TextFeatures.stem("chess")).as("ss kept").isEqualTo("chess");
    assertThat(TextFeatures.stem("toes")).as("oes -> drop s").isEqualTo("toe");
    assertThat(TextFeatures.stem("gas")).as("short words kept").isEqualTo("gas");
  }

  @Property(tries = 200)
  void sqlAndJavaStemmersAgree(@ForAll @AlphaChars @StringLength(min = 1, max = 9) String word) {
    String w = word.toLowerCase(java.util.Locale.ROOT);
    String sql = TestSpark.session().sql("SELECT transform(array('" + w + "'), t -> " + TextFeatures.STEM_SQL
        + ")[0]").first().getString(0);
    assertThat(sql).as("SQL stemmer of %s", w).isEqualTo(TextFeatures.stem(w));
  }

  @Test
  void stopWordsHoldTheNewsListAndStems() {
    assertThat(TextFeatures.STOP_WORDS).as("news stop words").contains("said", "say", "told", "monday",
        "september", "reporters", "reporter", "don't");
    assertThat(Settings.defaults().integer(org.storyline.config.ConfigOption.TOPICS)).as("k default").isEqualTo(20);
  }
}
