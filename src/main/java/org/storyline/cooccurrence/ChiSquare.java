package org.storyline.cooccurrence;

import org.apache.spark.sql.api.java.UDF1;

/**
 * The upper tail of the chi-square distribution with one degree of freedom, {@code P(X > x) = erfc(sqrt(x / 2))},
 * for the p-value of Dunning's G². Spark has no built-in {@code erfc} or chi-square distribution, hence this small
 * UDF. Computed as the regularised upper incomplete gamma function {@code Q(1/2, x/2)}: by its power series for
 * {@code x/2 < 3/2} and by its continued fraction (modified Lentz) above, both to a relative precision of about
 * 1e-15 (Numerical Recipes, 3rd ed., 6.2).
 */
final class ChiSquare {
  private ChiSquare() {}

  private static final double A = 0.5;
  /** ln Γ(1/2) = ln √π. */
  private static final double LN_GAMMA_HALF = 0.5 * Math.log(Math.PI);
  private static final double EPS = 1e-16;
  private static final double TINY = 1e-300;
  private static final int MAX_ITERATIONS = 10_000;

  /** {@code P(X > x)} for X chi-square with one degree of freedom; 1 for x <= 0, NaN for NaN. */
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
    double z = x / 2;
    return z < A + 1 ? 1.0 - lowerSeries(z) : upperContinuedFraction(z);
  }

  /** Regularised lower incomplete gamma P(1/2, z) by its series. */
  private static double lowerSeries(double z) {
    double ap = A;
    double term = 1.0 / A;
    double sum = term;
    for (int n = 0; n < MAX_ITERATIONS; n++) {
      ap += 1;
      term *= z / ap;
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPS) {
        break;
      }
    }
    return sum * Math.exp(-z + A * Math.log(z) - LN_GAMMA_HALF);
  }

  /** Regularised upper incomplete gamma Q(1/2, z) by its continued fraction. */
  private static double upperContinuedFraction(double z) {
    double b = z + 1 - A;
    double c = 1 / TINY;
    double d = 1 / b;
    double h = d;
    for (int i = 1; i < MAX_ITERATIONS; i++) {
      double an = -i * (i - A);
      b += 2;
      d = an * d + b;
      if (Math.abs(d) < TINY) {
        d = TINY;
      }
      c = b + an / c;
      if (Math.abs(c) < TINY) {
        c = TINY;
      }
      d = 1 / d;
      double delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1) < EPS) {
        break;
      }
    }
    return Math.exp(-z + A * Math.log(z) - LN_GAMMA_HALF) * h;
  }

  /** The Spark UDF {@code chi_square_1_survival(g2)}: null in, null out. */
  static final class Survival1Udf implements UDF1<Double, Double> {
    @Override
    public Double call(Double x) {
      return x == null ? null : survival1(x);
    }
  }
}
