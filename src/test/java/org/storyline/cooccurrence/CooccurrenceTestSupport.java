package org.storyline.cooccurrence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.storyline.config.ConfigOption;
import org.storyline.config.CooccurrenceConfig;
import org.storyline.config.Settings;
import org.storyline.cooccurrence.CooccurrenceFixtures.Entity;
import org.storyline.schema.Col;

/**
 * Independent reference formulas and lookups for the co-occurrence tests. The formulas are written out from their
 * textbook definitions here, never by calling the stage's code.
 */
final class CooccurrenceTestSupport {
  private CooccurrenceTestSupport() {}

  static final double EPS = 1e-9;

  static CooccurrenceConfig config(Object... keyValues) {
    Map<ConfigOption, Object> overrides = CooccurrenceFixtures.options(keyValues);
    return CooccurrenceConfig.from(Settings.defaults().with(overrides));
  }

  /** The one row of {@code table} for a pair (in either order), window, period and start; fails if absent. */
  static Row pair(List<Row> table, String window, String period, String start, Entity x, Entity y) {
    List<Row> rows = pairRows(table, window, period, start, x, y);
    assertThat(rows).as("rows of %s-%s, %s %s %s", x.name(), y.name(), window, period, start).hasSize(1);
    return rows.get(0);
  }

  /** The rows of a collected table (tests collect their tiny tables once and look rows up on the driver). */
  static List<Row> pairRows(List<Row> table, String window, String period, String start, Entity x, Entity y) {
    Set<String> ids = Set.of(x.id(), y.id());
    return table.stream()
        .filter(r -> r.getString(r.fieldIndex(Cooccurrence.WINDOW)).equals(window)
            && r.getString(r.fieldIndex(Col.PERIOD)).equals(period)
            && r.getDate(r.fieldIndex(Col.PERIOD_START)).toLocalDate().equals(LocalDate.parse(start))
            && ids.contains(r.getString(r.fieldIndex(Cooccurrence.ENTITY_ID_A)))
            && ids.contains(r.getString(r.fieldIndex(Cooccurrence.ENTITY_ID_B))))
        .toList();
  }

  static long getLong(Row r, String column) {
    return r.getLong(r.fieldIndex(column));
  }

  static double getDouble(Row r, String column) {
    return r.getDouble(r.fieldIndex(column));
  }

  /** Dunning's G² of a 2x2 table, from its definition 2 Σ O ln(O / E), E = row total × column total / N. */
  static double g2(double k11, double k12, double k21, double k22) {
    double n = k11 + k12 + k21 + k22;
    double[][] o = {{k11, k12}, {k21, k22}};
    double[] rows = {k11 + k12, k21 + k22};
    double[] cols = {k11 + k21, k12 + k22};
    double sum = 0;
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        if (o[i][j] > 0) {
          sum += o[i][j] * Math.log(o[i][j] / (rows[i] * cols[j] / n));
        }
      }
    }
    return 2 * sum;
  }

  /**
   * P(X > x) for X chi-square with 1 degree of freedom, by its definition as the law of Z² for Z standard normal:
   * 2 ∫_{√x}^{∞} φ(t) dt, integrated with Simpson's rule on [√x, √x + 40] (the tail beyond is below 1e-300).
   */
  static double chiSquare1Tail(double x) {
    double from = Math.sqrt(x);
    double to = from + 40;
    int intervals = 400_000;
    double h = (to - from) / intervals;
    double sum = phi(from) + phi(to);
    for (int i = 1; i < intervals; i++) {
      sum += phi(from + i * h) * (i % 2 == 0 ? 2 : 4);
    }
    return 2 * sum * h / 3;
  }

  private static double phi(double t) {
    return Math.exp(-t * t / 2) / Math.sqrt(2 * Math.PI);
  }
}
