package org.storyline.trends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class KleinbergTest {

  @Test
  void flagsAPlantedBurstAndNothingElse() {
    long[] r = new long[30];
    long[] d = new long[30];
    for (int t = 0; t < 30; t++) {
      d[t] = 10;
      r[t] = t % 10 == 0 ? 1 : 0;
    }
    r[14] = 6;
    r[15] = 8;
    r[16] = 5;
    Kleinberg.Result result = Kleinberg.detect(r, d, 2, 1);
    for (int t = 0; t < 30; t++) {
      assertThat(result.burst()[t]).as("period %d", t).isEqualTo(t >= 14 && t <= 16);
    }
    assertThat(result.start()[15]).as("burst start").isEqualTo(14);
    assertThat(result.end()[15]).as("burst end").isEqualTo(16);
    assertThat(result.start()[3]).as("no start outside").isEqualTo(-1);
    // By hand: p0 = 22 / 300, p1 = 2 p0; weight = sum over t of r ln(p1/p0) + (d - r) ln((1 - p1) / (1 - p0)).
    double p0 = 22 / 300.0;
    double p1 = 2 * p0;
    double weight = 19 * Math.log(2) + (30 - 19) * Math.log((1 - p1) / (1 - p0));
    assertThat(result.strength()[14]).as("Kleinberg weight of the burst").isCloseTo(weight, within(1e-9));
    assertThat(result.strength()[0]).as("no strength outside").isEqualTo(0.0);
  }

  @Test
  void entryCostKeepsSmallBumpsOut() {
    // Two relevant of ten in one period: the saving 2 ln 2 + 8 ln((1 - p1)/(1 - p0)) stays below ln 20.
    long[] r = new long[20];
    long[] d = new long[20];
    java.util.Arrays.fill(d, 10);
    r[5] = 2;
    r[12] = 1;
    r[17] = 1;
    Kleinberg.Result result = Kleinberg.detect(r, d, 2, 1);
    for (int t = 0; t < 20; t++) {
      assertThat(result.burst()[t]).as("period %d", t).isFalse();
    }
    // A lower gamma lets the same bump through: ln 20 * 0.1 = 0.3 < saving.
    assertThat(Kleinberg.detect(r, d, 2, 0.1).burst()[5]).as("gamma 0.1").isTrue();
  }

  @Test
  void emptyPeriodsAroundABurstAreNotPartOfIt() {
    long[] r = {0, 0, 5, 5, 0, 0, 0, 0, 0, 0, 0, 0};
    long[] d = {4, 0, 6, 6, 0, 4, 4, 4, 4, 4, 4, 4};
    Kleinberg.Result result = Kleinberg.detect(r, d, 2, 1);
    assertThat(result.burst()).as("only the two busy periods")
        .containsExactly(false, false, true, true, false, false, false, false, false, false, false, false);
  }

  @Test
  void degenerateSeriesHaveNoBurst() {
    assertThat(Kleinberg.detect(new long[] {0, 0}, new long[] {3, 4}, 2, 1).burst()).as("no relevant")
        .containsExactly(false, false);
    assertThat(Kleinberg.detect(new long[] {3, 4}, new long[] {3, 4}, 2, 1).burst()).as("all relevant")
        .containsExactly(false, false);
    assertThat(Kleinberg.detect(new long[0], new long[0], 2, 1).length()).as("empty").isZero();
  }

  @Test
  void sigmaIsTheBinomialNegativeLogLikelihood() {
    assertThat(Kleinberg.sigma(0.25, 1, 4)).as("-(ln .25 + 3 ln .75)")
        .isCloseTo(-(Math.log(0.25) + 3 * Math.log(0.75)), within(1e-12));
    assertThat(Kleinberg.sigma(0.25, 0, 0)).as("no articles, no cost").isEqualTo(0.0);
  }
}
