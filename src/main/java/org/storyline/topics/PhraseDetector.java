package org.storyline.topics;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.sum;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Finds frequent bigrams to merge into single terms (as gensim's Phrases does, scored by normalised PMI): a pair
 * of adjacent tokens {@code a b} becomes a phrase when it occurs in at least {@code minCount} documents and
 * {@code npmi(a, b) = ln(P(ab) / (P(a) P(b))) / -ln P(ab) >= minNpmi}, with {@code P(a)} the share of token
 * occurrences that are {@code a} and {@code P(ab)} the share of adjacent pairs that are {@code a b}. At most
 * {@code maxPhrases} phrases are kept (the most frequent). Only the phrase list reaches the driver.
 */
public final class PhraseDetector extends Estimator<PhraseModel> implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final IntParam minCount;
  private final DoubleParam minNpmi;
  private final IntParam maxPhrases;

  public PhraseDetector() {
    this(Identifiable$.MODULE$.randomUID("phraseDetector"));
  }

  public PhraseDetector(String uid) {
    this.uid = uid; // before the params: each takes its parent uid when created
    this.inputCol = new Param<>(this, "inputCol", "column of tokens (array<string>)");
    this.outputCol = new Param<>(this, "outputCol", "column of terms with phrases merged");
    this.minCount = new IntParam(this, "minCount", "documents a phrase must occur in");
    this.minNpmi = new DoubleParam(this, "minNpmi", "smallest normalised PMI of a phrase");
    this.maxPhrases = new IntParam(this, "maxPhrases", "most phrases kept");
    setDefault(minCount, 5);
    setDefault(minNpmi, 0.5);
    setDefault(maxPhrases, 5000);
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> inputCol() {
    return inputCol;
  }

  public Param<String> outputCol() {
    return outputCol;
  }

  public IntParam minCount() {
    return minCount;
  }

  public DoubleParam minNpmi() {
    return minNpmi;
  }

  public IntParam maxPhrases() {
    return maxPhrases;
  }

  public PhraseDetector setInputCol(String value) {
    set(inputCol, value);
    return this;
  }

  public PhraseDetector setOutputCol(String value) {
    set(outputCol, value);
    return this;
  }

  public PhraseDetector setMinCount(int value) {
    set(minCount, value);
    return this;
  }

  public PhraseDetector setMinNpmi(double value) {
    set(minNpmi, value);
    return this;
  }

  public PhraseDetector setMaxPhrases(int value) {
    set(maxPhrases, value);
    return this;
  }

  @Override
  public PhraseModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    Column tokens = col($(inputCol));
    // Read five times below (totals, pair counts, pair documents, unigrams twice): cached, the text stages before
    // this one tokenise the corpus once instead of once per read.
    Dataset<Row> docs = dataset.select(tokens.as("t")).where(col("t").isNotNull())
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return fitOnTokens(docs);
    } finally {
      docs.unpersist();
    }
  }

  private PhraseModel fitOnTokens(Dataset<Row> docs) {
    // Adjacent pairs "a b" of each document, in order (a UDF: Spark runs a lambda over array elements interpreted,
    // element by element, which cost more than the counting).
    Column bigrams = BIGRAMS.apply(col("t"));
    Dataset<Row> pairs = docs.select(bigrams.as("b"));
    Dataset<Row> pairCounts = pairs.select(explode(col("b")).as("pair"))
        .groupBy("pair").agg(count(lit(1)).as("n"));
    Dataset<Row> pairDocs = pairs.select(explode(array_distinct(col("b"))).as("pair"))
        .groupBy("pair").agg(count(lit(1)).as("docs"))
        .where(col("docs").geq($(minCount)));
    Dataset<Row> unigrams = docs.select(explode(col("t")).as("w")).groupBy("w").agg(count(lit(1)).as("c"));
    Row totals = docs.select(size(col("t")).as("n")).agg(sum(col("n")), sum(
        org.apache.spark.sql.functions.greatest(col("n").minus(1), lit(0)))).first();
    long tokenTotal = totals.isNullAt(0) ? 0 : totals.getLong(0);
    long pairTotal = totals.isNullAt(1) ? 0 : totals.getLong(1);
    String[] found = new String[0];
    if (pairTotal > 0) {
      Column pab = col("n").cast("double").divide(pairTotal);
      Column pa = col("ca").cast("double").divide(tokenTotal);
      Column pb = col("cb").cast("double").divide(tokenTotal);
      Column npmi = org.apache.spark.sql.functions.when(pab.geq(1.0), lit(1.0))
          .otherwise(org.apache.spark.sql.functions.log(pab.divide(pa.multiply(pb)))
              .divide(org.apache.spark.sql.functions.log(pab).multiply(-1)));
      Dataset<Row> scored = pairDocs.join(pairCounts, "pair")
          .withColumn("parts", split(col("pair"), " "))
          .join(unigrams.withColumnRenamed("w", "a").withColumnRenamed("c", "ca"),
              element_at(col("parts"), 1).equalTo(col("a")))
          .join(unigrams.withColumnRenamed("w", "bw").withColumnRenamed("c", "cb"),
              element_at(col("parts"), 2).equalTo(col("bw")))
          .where(npmi.geq($(minNpmi)))
          .orderBy(col("n").desc(), col("pair"))
          .limit((Integer) $(maxPhrases));
      List<String> list = scored.select(col("pair")).as(Encoders.STRING()).collectAsList();
      found = list.stream().sorted().toArray(String[]::new);
    }
    return copyValues(new PhraseModel(uid).setPhrases(found), ParamMap.empty()).setParent(this);
  }

  /** The adjacent token pairs of a document, each as "first second"; null tokens pair as the empty string. */
  static String[] bigrams(scala.collection.Seq<String> tokens) {
    int n = tokens.size();
    String[] out = new String[Math.max(0, n - 1)];
    for (int i = 0; i + 1 < n; i++) {
      // concat_ws skips nulls: a pair with a null token is the other token alone, as the SQL version gave.
      String a = tokens.apply(i);
      String b = tokens.apply(i + 1);
      out[i] = a == null ? (b == null ? "" : b) : (b == null ? a : a + " " + b);
    }
    return out;
  }

  private static final UserDefinedFunction BIGRAMS = functions.udf(
      (UDF1<scala.collection.Seq<String>, String[]>) PhraseDetector::bigrams,
      DataTypes.createArrayType(DataTypes.StringType, false)).withName("bigrams");

  @Override
  public StructType transformSchema(StructType schema) {
    if (!Arrays.asList(schema.fieldNames()).contains($(inputCol))) {
      throw new IllegalArgumentException("phrase detector: input column " + $(inputCol) + " is missing");
    }
    return schema.add($(outputCol), new ArrayType(DataTypes.StringType, true), true);
  }

  @Override
  public PhraseDetector copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<PhraseDetector> read() {
    return new DefaultParamsReader<>();
  }
}
