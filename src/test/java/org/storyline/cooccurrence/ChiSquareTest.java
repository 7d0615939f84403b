package org.storyline.cooccurrence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** The chi-square (1 degree of freedom) upper tail behind {@code llr_p}. */
class ChiSquareTest {

  /** erfc(sqrt(x / 2)) to 20 digits (mpmath, 40-digit arithmetic), on both sides of the series/fraction switch. */
  private static final double[][] REFERENCE = {
      {1e-6, 0.99920211557217787485},
      {0.001, 0.97477287936996038828},
      {0.5, 0.47950012218695346232},
      {1, 0.31731050786291410283},
      {2.9, 0.088579552579776807301},
      {3.0, 0.083264516663550401855},
      {3.1, 0.078292294146409865748},
      {3.841458820694124, 0.050000000000000057435},
      {10, 0.0015654022580025496775},
      {50, 1.5374597944280348502e-12},
      {200, 2.088487583762544757e-45},
      {1000, 1.7958327848007261946e-219},
  };

  @Test
  void matchesReferenceValuesToRelativePrecision() {
    for (double[] ref : REFERENCE) {
      assertThat(ChiSquare.survival1(ref[0])).as("P(X > %s)", ref[0]).isCloseTo(ref[1], within(ref[1] * 1e-13));
    }
  }

  @Test
  void edgeCases() {
    assertThat(ChiSquare.survival1(0)).as("x = 0").isEqualTo(1.0);
    assertThat(ChiSquare.survival1(-1)).as("x < 0").isEqualTo(1.0);
    assertThat(ChiSquare.survival1(Double.POSITIVE_INFINITY)).as("x = inf").isEqualTo(0.0);
    assertThat(ChiSquare.survival1(Double.NaN)).as("NaN").isNaN();
    assertThat(ChiSquare.survival1(1e6)).as("far tail underflows to 0").isEqualTo(0.0);
    assertThat(new ChiSquare.Survival1Udf().call(null)).as("UDF null").isNull();
    assertThat(new ChiSquare.Survival1Udf().call(3.841458820694124)).as("UDF 5% point").isCloseTo(0.05, within(1e-15));
  }

  @Test
  void agreesWithTheNormalIntegralOfTheTests() {
    for (double x : new double[] {0.01, 0.7, 2.5, 3.5, 7.3, 20}) {
      assertThat(ChiSquare.survival1(x)).as("x = %s", x)
          .isCloseTo(CooccurrenceTestSupport.chiSquare1Tail(x), within(1e-12));
    }
  }

  @Property(tries = 300)
  void isAProbabilityDecreasingInX(@ForAll @DoubleRange(min = 0, max = 400) double x) {
    double p = ChiSquare.survival1(x);
    assertThat(p).as("in [0, 1]").isBetween(0.0, 1.0);
    assertThat(ChiSquare.survival1(x + 0.01)).as("decreasing").isLessThanOrEqualTo(p);
  }
}
