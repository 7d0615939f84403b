package org.storyline.topics;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.ml.Model;
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
 * The fitted phrase stage of the feature pipeline: replaces each adjacent pair of tokens that is a known phrase
 * ({@code "security detail"}) by one term ({@code security_detail}), greedily from left to right. The phrase list
 * is a parameter, so it is saved and loaded with the pipeline (a reused model merges exactly the same phrases).
 * Merging runs in the named UDF {@code merge_phrases}: a left-to-right scan with a hash-set lookup, which no
 * built-in expresses (a literal array or map lookup in SQL is a linear scan per token pair).
 */
public final class PhraseModel extends Model<PhraseModel> implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final StringArrayParam phrases;

  public PhraseModel() {
    this(Identifiable$.MODULE$.randomUID("phrases"));
  }

  public PhraseModel(String uid) {
    this.uid = uid; // before the params: each takes its parent uid when created
    this.inputCol = new Param<>(this, "inputCol", "column of tokens (array<string>)");
    this.outputCol = new Param<>(this, "outputCol", "column of terms with phrases merged");
    this.phrases = new StringArrayParam(this, "phrases",
      "adjacent token pairs merged into one term, each as 'first second'");
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

  public StringArrayParam phrases() {
    return phrases;
  }

  public PhraseModel setInputCol(String value) {
    set(inputCol, value);
    return this;
  }

  public PhraseModel setOutputCol(String value) {
    set(outputCol, value);
    return this;
  }

  public PhraseModel setPhrases(String[] value) {
    set(phrases, value);
    return this;
  }

  /** The phrases as "first second" pairs, sorted. */
  public List<String> getPhrases() {
    return isDefined(phrases) ? Arrays.asList($(phrases)) : List.of();
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    UserDefinedFunction merge = functions.udf(new Merge(new HashSet<>(getPhrases())),
        new ArrayType(DataTypes.StringType, true)).withName("merge_phrases");
    return dataset.withColumn($(outputCol), merge.apply(col($(inputCol))));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    String in = $(inputCol);
    if (!Arrays.asList(schema.fieldNames()).contains(in)) {
      throw new IllegalArgumentException("phrases: input column " + in + " is missing");
    }
    return schema.add($(outputCol), new ArrayType(DataTypes.StringType, true), true);
  }

  @Override
  public PhraseModel copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<PhraseModel> read() {
    return new DefaultParamsReader<>();
  }

  public static PhraseModel load(String path) {
    return read().load(path);
  }

  /**
   * Merges known phrases, greedily left to right: for tokens {@code a b c} with phrases {@code "a b"} and
   * {@code "b c"} the result is {@code a_b c}. Null in, null out.
   */
  static List<String> merge(List<String> tokens, Set<String> phrases) {
    if (tokens == null) {
      return null;
    }
    List<String> out = new ArrayList<>(tokens.size());
    int i = 0;
    while (i < tokens.size()) {
      String t = tokens.get(i);
      if (i + 1 < tokens.size() && t != null && tokens.get(i + 1) != null
          && phrases.contains(t + " " + tokens.get(i + 1))) {
        out.add(t + "_" + tokens.get(i + 1));
        i += 2;
      } else {
        out.add(t);
        i++;
      }
    }
    return out;
  }

  /** The named UDF {@code merge_phrases}. */
  static final class Merge implements UDF1<scala.collection.Seq<String>, List<String>> {
    private static final long serialVersionUID = 1L;
    private final HashSet<String> phrases;

    Merge(HashSet<String> phrases) {
      this.phrases = phrases;
    }

    @Override
    public List<String> call(scala.collection.Seq<String> tokens) {
      return tokens == null ? null : merge(CollectionConverters.asJava(tokens), phrases);
    }
  }
}
