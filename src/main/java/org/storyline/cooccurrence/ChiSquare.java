package org.storyline.cooccurrence;

import org.apache.commons.math3.special.Gamma;
import org.apache.spark.sql.api.java.UDF1;

/**
 * The upper tail of the chi-square distribution with one degree of freedom, {@code P(X > x) = erfc(sqrt(x / 2))},
 * for the p-value of Dunning's G². Spark SQL has no built-in {@code erfc} or chi-square distribution, hence this
 * small UDF over Commons Math (on Spark's classpath): the regularised upper incomplete gamma function
 * {@code Q(1/2, x/2)}, by its series below {@code x/2 = 3/2} and its continued fraction above, to a relative
 * precision of about 1e-15.
 */
final class ChiSquare {
  private ChiSquare() {}

  /** {@code P(X > x)} for X chi-square with one degree of freedom; 1 for x <= 0, 0 for +inf, NaN for NaN. */
  static double survival1(double x) {
    if (Double.isNaN(x)) {
      return Double.NaN;
    }
    if (x <= 0) {
      return 1.0;
    }
    if (Double.isInfinite(x)) {
      return 0.0;
    }
    return Gamma.regularizedGammaQ(0.5, x / 2);
  }

  /** The Spark UDF {@code chi_square_1_survival(g2)}: null in, null out. */
  static final class Survival1Udf implements UDF1<Double, Double> {
    @Override
    public Double call(Double x) {
      return x == null ? null : survival1(x);
    }
  }
}
