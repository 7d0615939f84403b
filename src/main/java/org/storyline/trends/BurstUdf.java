package org.storyline.trends;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The UDF behind {@link Trends#withBursts}: one topic's whole series (period starts, relevant counts, totals, in
 * period order) in, {@link Kleinberg}'s per-period result out, as an array aligned with the input. A UDF because
 * Viterbi is a sequential dynamic programme with no built-in equivalent; it sees one series at a time.
 */
final class BurstUdf implements UDF3<scala.collection.Seq<Object>, scala.collection.Seq<Long>,
    scala.collection.Seq<Long>, List<Row>> {
  private static final long serialVersionUID = 1L;

  static final StructType RESULT = new StructType()
      .add(Trends.BURST, DataTypes.BooleanType, false)
      .add(Trends.BURST_STRENGTH, DataTypes.DoubleType, false)
      .add(Trends.BURST_START, DataTypes.DateType, true)
      .add(Trends.BURST_END, DataTypes.DateType, true);

  private final double s;
  private final double gamma;

  BurstUdf(double s, double gamma) {
    this.s = s;
    this.gamma = gamma;
  }

  static Column apply(double s, double gamma, Column periodStarts, Column counts, Column totals) {
    UserDefinedFunction udf = functions.udf(new BurstUdf(s, gamma), new ArrayType(RESULT, false))
        .withName("kleinberg_bursts");
    return udf.apply(periodStarts, counts, totals);
  }

  @Override
  public List<Row> call(scala.collection.Seq<Object> starts, scala.collection.Seq<Long> counts,
      scala.collection.Seq<Long> totals) {
    List<Object> periodStarts = CollectionConverters.asJava(starts);
    List<Long> r = CollectionConverters.asJava(counts);
    List<Long> d = CollectionConverters.asJava(totals);
    int n = periodStarts.size();
    long[] rs = new long[n];
    long[] ds = new long[n];
    for (int i = 0; i < n; i++) {
      rs[i] = r.get(i) == null ? 0 : r.get(i);
      ds[i] = d.get(i) == null ? 0 : d.get(i);
    }
    Kleinberg.Result result = Kleinberg.detect(rs, ds, s, gamma);
    List<Row> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      boolean burst = result.burst()[i];
      out.add(RowFactory.create(burst, result.strength()[i],
          burst ? periodStarts.get(result.start()[i]) : null,
          burst ? periodStarts.get(result.end()[i]) : null));
    }
    return out;
  }
}
