package org.storyline.topics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.ml.PipelineStage;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StopWordsRemover;
import org.storyline.config.TopicsConfig;

/**
 * The text-feature stages of the topic pipeline, all Spark ML stages so that the fitted pipeline is saved and
 * reused whole:
 *
 * <ol>
 *   <li>title and text joined, curly apostrophes made straight ({@code SQLTransformer});
 *   <li>tokens: runs of letters and digits, joined by inner hyphens or apostrophes ({@code Jong-un},
 *       {@code Kim's}), lower-cased, at least 2 characters ({@code RegexTokenizer});
 *   <li>steps 3 to 6 in one stage, {@link TermNormalizer} (models saved before it hold the equivalent chain of
 *       built-in stages, {@code SQLTransformer} and {@code StopWordsRemover}): possessive {@code 's} removed;
 *       contractions of function words ({@code n't}, {@code 're}, {@code 'll}, ...) and tokens without a letter
 *       dropped;
 *   <li>English and news stop words removed ({@link #STOP_WORDS});
 *   <li>light stemming with Harman's S-stemmer ({@link #stem}): plurals only ({@code bodyguards} to
 *       {@code bodyguard}, {@code aides} to {@code aide}, {@code agencies} to {@code agency}); chosen over Porter
 *       stemming and over lemmatisation because terms stay readable words in topic labels ({@code security}, not
 *       {@code secur}), it needs no model or POS tagger, and for retrieval it does about as well as Porter;
 *   <li>stop words removed again (stemmed forms such as {@code say});
 *   <li>frequent bigrams merged into single terms ({@link PhraseDetector}: {@code security_detail});
 *   <li>entity terms appended ({@code entity_terms}, canonical entity names from the entity stage when it ran);
 *   <li>a {@code CountVectorizerModel} whose vocabulary has document-frequency bounds and a size cap
 *       ({@link #vocabulary}).
 * </ol>
 *
 * No IDF stage: LDA models raw term counts (its likelihood is multinomial), and IDF-weighted inputs distort it;
 * the document-frequency bounds ({@code --min-df}, {@code --max-df}) do the job IDF would do here.
 */
public final class TextFeatures {
  private TextFeatures() {}

  public static final String TITLE = "title";
  public static final String TEXT = "text";
  public static final String ENTITY_TERMS = "entity_terms";
  /** Text terms after stop words, stemming and phrases (no entity terms). */
  public static final String TERMS = "terms";
  /** Text terms and entity terms: what the vocabulary is built from. */
  public static final String ALL_TERMS = "all_terms";
  public static final String FEATURES = "features";

  /** A token: letters and digits, with inner hyphens or apostrophes. */
  static final String TOKEN_PATTERN = "[\\p{L}\\p{N}]+(?:['\\-][\\p{L}\\p{N}]+)*";

  /** Boilerplate of news copy that says nothing about a topic. */
  static final List<String> NEWS_STOP_WORDS = List.of(
      "say", "said", "says", "saying", "tell", "told", "tells", "telling", "reporter", "reporters", "reporting",
      "reported", "editing", "edited", "according", "added", "adding", "news", "reuters", "ap", "afp", "agence",
      "france-presse", "associated",
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
      "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
      "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
      "today", "yesterday", "tomorrow", "day", "days", "week", "weeks", "month", "months", "year", "years",
      "time", "percent", "per", "cent", "mr", "mrs", "ms", "dr", "also", "would", "could", "might", "must",
      "shall", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "first", "last",
      "next", "including", "among", "however", "since", "still", "yet", "well", "like", "many", "much", "made",
      "make", "get", "got", "go", "going", "via", "whether", "around", "across", "another", "even", "back", "ago",
      "least", "several", "us", "new");

  /** English stop words (Spark's list, contractions included) and the news list, with stemmed forms. */
  public static final List<String> STOP_WORDS = stopWords();

  private static List<String> stopWords() {
    Set<String> words = new LinkedHashSet<>(List.of(StopWordsRemover.loadDefaultStopWords("english")));
    words.addAll(NEWS_STOP_WORDS);
    for (String w : new ArrayList<>(words)) {
      words.add(stem(w));
    }
    return List.copyOf(words);
  }

  /**
   * Harman's S-stemmer (1991) as a SQL lambda body on {@code t}: {@code ies -> y} (not after e or a), {@code es ->
   * e} (not after a, e or o), {@code s -> ''} (not after u, s or i); words of 3 letters or fewer are left alone.
   * {@link #stem(String)} is the same rule in Java ({@link TermNormalizer}, the stop-word list).
   */
  static final String STEM_SQL = "CASE"
      + " WHEN length(t) > 4 AND t LIKE '%ies' AND NOT t LIKE '%eies' AND NOT t LIKE '%aies'"
      + " THEN concat(substr(t, 1, length(t) - 3), 'y')"
      + " WHEN length(t) > 3 AND t LIKE '%es' AND NOT t LIKE '%aes' AND NOT t LIKE '%ees' AND NOT t LIKE '%oes'"
      + " THEN substr(t, 1, length(t) - 1)"
      + " WHEN length(t) > 3 AND t LIKE '%s' AND NOT t LIKE '%us' AND NOT t LIKE '%ss' AND NOT t LIKE '%is'"
      + " THEN substr(t, 1, length(t) - 1)"
      + " ELSE t END";

  /** The S-stemmer of {@link #STEM_SQL}, in Java. */
  static String stem(String t) {
    // Lengths in code points, as SQL's length(); the suffixes cut are ASCII, so cutting chars cuts code points.
    int n = t.codePointCount(0, t.length());
    int end = t.length();
    if (n > 4 && t.endsWith("ies") && !t.endsWith("eies") && !t.endsWith("aies")) {
      return t.substring(0, end - 3) + "y";
    }
    if (n > 3 && t.endsWith("es") && !t.endsWith("aes") && !t.endsWith("ees") && !t.endsWith("oes")) {
      return t.substring(0, end - 1);
    }
    if (n > 3 && t.endsWith("s") && !t.endsWith("us") && !t.endsWith("ss") && !t.endsWith("is")) {
      return t.substring(0, end - 1);
    }
    return t;
  }

  /** The stages up to and including the phrase detector: input {@code title, text}, output {@link #TERMS}. */
  static List<PipelineStage> textStages(TopicsConfig config) {
    List<PipelineStage> stages = new ArrayList<>();
    stages.add(new SQLTransformer().setStatement("SELECT *, regexp_replace(concat_ws('\\n\\n', coalesce("
        + TITLE + ", ''), coalesce(" + TEXT + ", '')), '\u2019', \"'\") AS _doc_text FROM __THIS__"));
    stages.add(new RegexTokenizer().setInputCol("_doc_text").setOutputCol("_tokens").setGaps(false)
        .setPattern(TOKEN_PATTERN).setMinTokenLength(2).setToLowercase(true));
    stages.add(new TermNormalizer().setInputCol("_tokens").setOutputCol("_unigrams")
        .setStopWords(STOP_WORDS.toArray(String[]::new)));
    stages.add(new PhraseDetector().setInputCol("_unigrams").setOutputCol(TERMS)
        .setMinCount(config.bigramMinCount()).setMinNpmi(config.bigramMinNpmi()));
    return stages;
  }

  /** {@link #textStages} and the entity terms appended: output {@link #ALL_TERMS}. */
  static List<PipelineStage> termStages(TopicsConfig config) {
    List<PipelineStage> stages = textStages(config);
    stages.add(new SQLTransformer().setStatement("SELECT *, concat(" + TERMS + ", coalesce(" + ENTITY_TERMS
        + ", array())) AS " + ALL_TERMS + " FROM __THIS__"));
    return stages;
  }

  /**
   * The vocabulary, as {@code CountVectorizer} would choose it but in a deterministic order: terms in at least
   * {@code --min-df} and at most {@code --max-df} articles, the {@code --vocab-size} most frequent (by occurrences,
   * ties by term), ordered by frequency then term. ({@code CountVectorizer.fit} orders ties by task completion,
   * so term ids, and with them the LDA model, could differ between reruns.) Only the vocabulary reaches the driver.
   */
  static CountVectorizerModel vocabulary(Dataset<Row> terms, TopicsConfig config) {
    Dataset<Row> docs = terms.select(col(ALL_TERMS).as("t")).where(col("t").isNotNull());
    long n = docs.count();
    double minDf = config.minDf() >= 1 ? config.minDf() : config.minDf() * n;
    double maxDf = config.maxDf() >= 1 ? config.maxDf() : config.maxDf() * n;
    Dataset<Row> df = docs.select(explode(array_distinct(col("t"))).as("term")).groupBy("term")
        .agg(count(lit(1)).as("df"));
    Dataset<Row> tf = docs.select(explode(col("t")).as("term")).groupBy("term").agg(count(lit(1)).as("tf"));
    List<String> vocabulary = df.where(col("df").geq(minDf).and(col("df").leq(maxDf)))
        .join(tf, "term")
        .orderBy(col("tf").desc(), col("term"))
        .limit(config.vocabSize())
        .select("term").as(Encoders.STRING()).collectAsList();
    if (vocabulary.isEmpty()) {
      throw new TopicModel.NoVocabularyException(String.format(
          "no term occurs in at least %s and at most %s of the %d analysed articles (--min-df %s, --max-df %s)",
          fmt(minDf), fmt(maxDf), n, fmt(config.minDf()), fmt(config.maxDf())));
    }
    return new CountVectorizerModel(vocabulary.toArray(String[]::new)).setInputCol(ALL_TERMS)
        .setOutputCol(FEATURES);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format("%.2f", v);
  }
}
