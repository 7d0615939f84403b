package org.storyline.topics;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Tokens to unigram terms in one pass (steps 3 to 6 of {@link TextFeatures}): the possessive {@code 's} removed;
 * tokens of one character, without a letter, or that are contractions of function words ({@code 're},
 * {@code 've}, {@code 'll}, {@code 'd}, {@code 'm}, {@code 't}, {@code n't}) dropped; stop words removed; the
 * S-stemmer ({@link TextFeatures#stem}); stop words removed again.
 *
 * <p>The same terms, token for token, as the chain of Spark stages it replaces ({@code SQLTransformer} with
 * {@code filter(transform(...))}, {@code StopWordsRemover}, {@code SQLTransformer} with the stemmer's
 * {@code transform}, {@code StopWordsRemover}; {@code TermNormalizerTest} keeps that chain and compares them):
 * Spark evaluates higher-order functions such as {@code transform} and {@code filter} element by element in
 * interpreted code, which made them a quarter of the topic stage's time. Lengths are counted in code points, as SQL's
 * {@code length} does; stop words are compared lower-cased in the English locale, as {@code StopWordsRemover}
 * does. Models saved before this stage existed keep their own chain and load as they were.
 */
public final class TermNormalizer extends Transformer implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private static final Pattern POSSESSIVE = Pattern.compile("'s$");
  private static final Pattern LETTER = Pattern.compile("\\p{L}");
  private static final Pattern CONTRACTION = Pattern.compile("'(re|ve|ll|d|m|t)$");
  private static final Pattern NEGATION = Pattern.compile("n't$");
  private static final Locale STOP_WORD_LOCALE = Locale.forLanguageTag("en");

  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final StringArrayParam stopWords;

  public TermNormalizer() {
    this(Identifiable$.MODULE$.randomUID("termNormalizer"));
  }

  public TermNormalizer(String uid) {
    this.uid = uid; // before the params: each takes its parent uid when created
    this.inputCol = new Param<>(this, "inputCol", "column of lower-cased tokens (array<string>)");
    this.outputCol = new Param<>(this, "outputCol", "column of unigram terms");
    this.stopWords = new StringArrayParam(this, "stopWords", "words removed before and after stemming");
  }

  @Override
  public String uid() {
    return uid;
  }

  // Spark finds a stage's params through public accessors like these (Params.params, by reflection).
  public Param<String> inputCol() {
    return inputCol;
  }

  public Param<String> outputCol() {
    return outputCol;
  }

  public StringArrayParam stopWords() {
    return stopWords;
  }

  public TermNormalizer setInputCol(String value) {
    set(inputCol, value);
    return this;
  }

  public TermNormalizer setOutputCol(String value) {
    set(outputCol, value);
    return this;
  }

  public TermNormalizer setStopWords(String[] value) {
    set(stopWords, value);
    return this;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    HashSet<String> lower = new HashSet<>();
    for (String w : $(stopWords)) {
      lower.add(w.toLowerCase(STOP_WORD_LOCALE));
    }
    UserDefinedFunction normalize = functions.udf(new Normalize(lower),
        new ArrayType(DataTypes.StringType, true)).withName("normalize_terms");
    return dataset.withColumn($(outputCol), normalize.apply(col($(inputCol))));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    String in = $(inputCol);
    if (!Arrays.asList(schema.fieldNames()).contains(in)) {
      throw new IllegalArgumentException("term normalizer: input column " + in + " is missing");
    }
    return schema.add($(outputCol), new ArrayType(DataTypes.StringType, true), true);
  }

  @Override
  public TermNormalizer copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<TermNormalizer> read() {
    return new DefaultParamsReader<>();
  }

  /** The terms of {@code tokens}; {@code lowerStopWords} lower-cased in the English locale. Null in, null out. */
  static List<String> normalize(List<String> tokens, Set<String> lowerStopWords) {
    if (tokens == null) {
      return null;
    }
    List<String> out = new ArrayList<>(tokens.size());
    for (String token : tokens) {
      if (token == null) {
        // StopWordsRemover keeps a null element, but the SQL filter before it drops it (length(null) > 1 is
        // null, which filter treats as false).
        continue;
      }
      String word = POSSESSIVE.matcher(token).replaceAll("");
      if (word.codePointCount(0, word.length()) <= 1 || !LETTER.matcher(word).find()
          || CONTRACTION.matcher(word).find() || NEGATION.matcher(word).find()
          || isStopWord(word, lowerStopWords)) {
        continue;
      }
      String stem = TextFeatures.stem(word);
      if (!isStopWord(stem, lowerStopWords)) {
        out.add(stem);
      }
    }
    return out;
  }

  private static boolean isStopWord(String word, Set<String> lowerStopWords) {
    return lowerStopWords.contains(word.toLowerCase(STOP_WORD_LOCALE));
  }

  /** The named UDF {@code normalize_terms}. */
  static final class Normalize implements UDF1<scala.collection.Seq<String>, List<String>> {
    private static final long serialVersionUID = 1L;
    private final HashSet<String> lowerStopWords;

    Normalize(HashSet<String> lowerStopWords) {
      this.lowerStopWords = lowerStopWords;
    }

    @Override
    public List<String> call(scala.collection.Seq<String> tokens) {
      return tokens == null ? null : normalize(CollectionConverters.asJava(tokens), lowerStopWords);
    }
  }
}
