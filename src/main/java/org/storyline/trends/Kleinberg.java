package org.storyline.trends;

import java.util.Arrays;

/**
 * Kleinberg's two-state burst automaton for batched arrivals (J. Kleinberg, "Bursty and Hierarchical Structure in
 * Streams", KDD 2002, section 4): in period {@code t}, {@code r[t]} of the {@code d[t]} articles are about the
 * topic. State 0 emits relevant articles at the base rate {@code p0 = sum(r) / sum(d)}, state 1 (the burst) at
 * {@code p1 = min(s * p0, 0.9999)}. The cost of period {@code t} in state {@code i} is the binomial negative
 * log-likelihood {@code sigma(i, t) = -(r[t] ln p_i + (d[t] - r[t]) ln(1 - p_i))} (the binomial coefficient is the
 * same in both states and left out); entering the burst state costs {@code gamma * ln n} ({@code n} = number of
 * periods), leaving it costs nothing. The state sequence of least total cost (Viterbi, starting in state 0, ties
 * to state 0) marks the bursts; a burst's strength is Kleinberg's weight {@code sum over its periods of
 * sigma(0, t) - sigma(1, t)}, the cost saved by explaining the burst with the higher rate. Periods with no
 * articles at all ({@code d[t] = 0}) cost nothing in either state.
 *
 * <p>Pure Java, no Spark: {@link Trends#withBursts} runs it on each topic's series.
 */
public final class Kleinberg {
  private Kleinberg() {}

  /** The burst rate never reaches 1 (which would make any non-relevant article infinitely unlikely). */
  static final double MAX_BURST_RATE = 0.9999;

  /**
   * Per-period result: {@code burst[t]}, the strength of the burst that contains {@code t} (0 outside bursts), and
   * the first and last period index of that burst (-1 outside bursts).
   */
  public record Result(boolean[] burst, double[] strength, int[] start, int[] end) {
    public int length() {
      return burst.length;
    }
  }

  /**
   * Runs the automaton.
   *
   * @param r relevant articles per period
   * @param d all articles per period ({@code r[t] <= d[t]})
   * @param s ratio of the burst rate to the base rate, {@code > 1}
   * @param gamma cost factor of entering the burst state, {@code > 0}
   */
  public static Result detect(long[] r, long[] d, double s, double gamma) {
    if (r.length != d.length) {
      throw new IllegalArgumentException("r and d differ in length: " + r.length + " != " + d.length);
    }
    if (!(s > 1) || !(gamma > 0)) {
      throw new IllegalArgumentException("need s > 1 and gamma > 0, got s=" + s + ", gamma=" + gamma);
    }
    int n = r.length;
    boolean[] burst = new boolean[n];
    double[] strength = new double[n];
    int[] start = new int[n];
    int[] end = new int[n];
    Arrays.fill(start, -1);
    Arrays.fill(end, -1);
    long relevant = 0;
    long total = 0;
    for (int t = 0; t < n; t++) {
      if (r[t] < 0 || r[t] > d[t]) {
        throw new IllegalArgumentException(String.format("period %d: need 0 <= r <= d, got r=%d, d=%d", t, r[t], d[t]));
      }
      relevant += r[t];
      total += d[t];
    }
    if (n == 0 || relevant == 0 || relevant == total) {
      return new Result(burst, strength, start, end); // nothing to contrast: no burst
    }
    double p0 = relevant / (double) total;
    double p1 = Math.min(s * p0, MAX_BURST_RATE);
    if (p1 <= p0) {
      return new Result(burst, strength, start, end);
    }
    double enter = gamma * Math.log(n);
    double[] cost0 = new double[n];
    double[] cost1 = new double[n];
    for (int t = 0; t < n; t++) {
      cost0[t] = sigma(p0, r[t], d[t]);
      cost1[t] = sigma(p1, r[t], d[t]);
    }
    // Viterbi: best[i] = least cost of a sequence ending in state i at t; from[t][i] = previous state.
    boolean[][] from1 = new boolean[n][2];
    double best0 = cost0[0];
    double best1 = enter + cost1[0];
    for (int t = 1; t < n; t++) {
      // To state 0: from 0 (free) or from 1 (free).
      double to0From0 = best0;
      double to0From1 = best1;
      // To state 1: from 0 (enter) or from 1 (stay).
      double to1From0 = best0 + enter;
      double to1From1 = best1;
      from1[t][0] = to0From1 < to0From0;
      from1[t][1] = to1From1 < to1From0; // ties: enter as late as possible
      double next0 = Math.min(to0From0, to0From1) + cost0[t];
      double next1 = Math.min(to1From0, to1From1) + cost1[t];
      best0 = next0;
      best1 = next1;
    }
    int state = best1 < best0 ? 1 : 0;
    for (int t = n - 1; t >= 0; t--) {
      burst[t] = state == 1;
      if (t > 0) {
        state = from1[t][state] ? 1 : 0;
      }
    }
    for (int t = 0; t < n; ) {
      if (!burst[t]) {
        t++;
        continue;
      }
      int first = t;
      double weight = 0;
      while (t < n && burst[t]) {
        weight += cost0[t] - cost1[t];
        t++;
      }
      for (int u = first; u < t; u++) {
        strength[u] = weight;
        start[u] = first;
        end[u] = t - 1;
      }
    }
    return new Result(burst, strength, start, end);
  }

  /** Negative binomial log-likelihood of {@code r} of {@code d} at rate {@code p}, without the coefficient. */
  static double sigma(double p, long r, long d) {
    if (d == 0) {
      return 0;
    }
    return -(r * Math.log(p) + (d - r) * Math.log1p(-p));
  }
}
