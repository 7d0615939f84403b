package org.storyline.topics;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StopWordsRemover;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storyline.testing.TestSpark;

/** {@link TermNormalizer} gives the terms of the chain of built-in Spark stages it replaced, token for token. */
class TermNormalizerTest {

  private static Dataset<Row> tokenRows(List<List<String>> docs) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      rows.add(RowFactory.create(i, docs.get(i).toArray(String[]::new)));
    }
    return TestSpark.session().createDataFrame(rows, new StructType().add("id", DataTypes.IntegerType)
        .add("_tokens", DataTypes.createArrayType(DataTypes.StringType)));
  }

  /**
   * Steps 3 to 6 as the chain of built-in Spark stages that {@link TermNormalizer} replaced (and that models saved
   * before it still hold): input {@code _tokens}, output {@code _unigrams}. The reference the normalizer is tested
   * against.
   */
  private static List<PipelineStage> builtInNormalizerStages() {
    List<PipelineStage> stages = new ArrayList<>();
    stages.add(new SQLTransformer().setStatement("SELECT *, filter(transform(_tokens, t -> "
        + "regexp_replace(t, \"'s$\", '')), t -> length(t) > 1 AND t rlike r'\\p{L}' "
        + "AND NOT t rlike \"'(re|ve|ll|d|m|t)$\" AND NOT t rlike \"n't$\") AS _words FROM __THIS__"));
    stages.add(new StopWordsRemover().setInputCol("_words").setOutputCol("_content")
        .setStopWords(TextFeatures.STOP_WORDS.toArray(String[]::new)).setLocale("en"));
    stages.add(new SQLTransformer().setStatement(
        "SELECT *, transform(_content, t -> " + TextFeatures.STEM_SQL + ") AS _stems FROM __THIS__"));
    stages.add(new StopWordsRemover().setInputCol("_stems").setOutputCol("_unigrams")
        .setStopWords(TextFeatures.STOP_WORDS.toArray(String[]::new)).setLocale("en"));
    return stages;
  }

  private static List<List<String>> terms(List<PipelineStage> stages, Dataset<Row> tokens) {
    PipelineModel model = new Pipeline().setStages(stages.toArray(PipelineStage[]::new)).fit(tokens);
    return model.transform(tokens).orderBy("id").select("_unigrams").collectAsList().stream()
        .map(r -> r.<String>getList(0)).toList();
  }

  private static List<PipelineStage> normalizer() {
    return List.of(new TermNormalizer().setInputCol("_tokens").setOutputCol("_unigrams")
        .setStopWords(TextFeatures.STOP_WORDS.toArray(String[]::new)));
  }

  @Test
  void theRulesOnTokensWorkedOutByHand() {
    // Tokens as RegexTokenizer gives them (lower-cased), plus upper-case ones: stop words match whatever the case.
    List<String> tokens = List.of("kim's", "aides", "don't", "we're", "i'd", "it's", "x", "1999", "2,000", "x1",
        "agencies", "bodyguards", "says", "The", "SAID", "status", "chess", "analysis", "toes", "gas",
        "\uD835\uDC1Aes", "\uD835\uDC1A\uD835\uDC1Bcs", "\uD835\uDC1A");
    List<List<String>> docs = List.of(tokens, List.of());
    List<List<String>> got = terms(normalizer(), tokenRows(docs));
    // kim's -> kim; don't, we're, i'd (contractions) dropped; it's -> it, a stop word; x and the lone math letter
    // (one code point, two chars) too short; 1999 and 2,000 have no letter; says -> say and SAID: stop words;
    // "𝐚es" is 3 code points, so the es rule (more than 3) leaves it alone although it is 4 chars long.
    assertThat(got.get(0)).containsExactly("kim", "aide", "x1", "agency", "bodyguard", "status", "chess",
        "analysis", "toe", "gas", "\uD835\uDC1Aes", "\uD835\uDC1A\uD835\uDC1Bc");
    assertThat(got.get(1)).as("no tokens, no terms").isEmpty();
    assertThat(got).as("the same as the built-in stages")
        .isEqualTo(terms(builtInNormalizerStages(), tokenRows(docs)));
  }

  @Test
  void generatedTokensGiveTheSameTermsAsTheBuiltInStages() {
    // Tokens drawn from the characters the rules look at: apostrophes, the suffix letters, digits, a letter
    // outside the BMP, upper case; stop words mixed in.
    String[] pieces = {"s", "e", "i", "u", "a", "o", "n", "t", "'", "d", "m", "re", "ll", "ve", "ies", "es", "1",
        "\uD835\uDC1A", "S", "E", "-"};
    Random random = new Random(20261202L);
    List<List<String>> docs = new ArrayList<>();
    for (int d = 0; d < 300; d++) {
      List<String> tokens = new ArrayList<>();
      for (int t = random.nextInt(30); t > 0; t--) {
        if (random.nextInt(6) == 0) {
          tokens.add(TextFeatures.STOP_WORDS.get(random.nextInt(TextFeatures.STOP_WORDS.size())));
          continue;
        }
        StringBuilder token = new StringBuilder();
        for (int c = 1 + random.nextInt(6); c > 0; c--) {
          token.append(pieces[random.nextInt(pieces.length)]);
        }
        tokens.add(token.toString());
      }
      docs.add(tokens);
    }
    Dataset<Row> tokens = tokenRows(docs);
    List<List<String>> expected = terms(builtInNormalizerStages(), tokens);
    assertThat(expected.stream().mapToInt(List::size).sum()).as("the generated tokens keep some terms")
        .isGreaterThan(500);
    assertThat(terms(normalizer(), tokens)).isEqualTo(expected);
  }

  @Test
  void theSampleCorpusGivesTheSameTermsAsTheBuiltInStages() {
    Dataset<Row> texts = TestSpark.session().read().json("data/sample/wire/reuters.jsonl")
        .where("body is not null").selectExpr("row_number() over (order by id) as id", "body as text");
    Dataset<Row> tokens = new RegexTokenizer().setInputCol("text").setOutputCol("_tokens").setGaps(false)
        .setPattern(TextFeatures.TOKEN_PATTERN).setMinTokenLength(2).setToLowercase(true).transform(texts)
        .select(col("id").cast("int"), col("_tokens"));
    List<List<String>> expected = terms(builtInNormalizerStages(), tokens);
    assertThat(expected).as("articles").hasSizeGreaterThan(50);
    assertThat(terms(normalizer(), tokens)).isEqualTo(expected);
  }

  @Test
  void aSavedNormalizerLoadsWithItsStopWords(@TempDir Path dir) throws Exception {
    Dataset<Row> tokens = tokenRows(List.of(List.of("the", "guards", "carried", "waste", "home", "said")));
    PipelineModel model = new Pipeline().setStages(new PipelineStage[] {new TermNormalizer()
        .setInputCol("_tokens").setOutputCol("_unigrams").setStopWords(new String[] {"the", "home"})}).fit(tokens);
    Path saved = dir.resolve("model");
    model.write().save(saved.toString());
    assertThat(Files.isDirectory(saved)).isTrue();
    List<String> terms = PipelineModel.load(saved.toString()).transform(tokens).select("_unigrams").first()
        .getList(0);
    assertThat(terms).as("its own stop words, not the default list").containsExactly("guard", "carried", "waste",
        "said");
  }
}
