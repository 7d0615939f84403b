package org.storyline.ingest;

/**
 * MinHash signatures of a set of 64-bit shingle hashes. Hash function {@code k} is SplitMix64's finaliser applied to
 * the shingle hash XOR a per-function seed, a well-mixed 64-bit hash, so the minimum over a set behaves like the
 * minimum of a random permutation: two sets agree on signature entry {@code k} with probability equal to their
 * Jaccard similarity.
 */
public final class MinHash {
  private MinHash() {}

  /** The signature of {@code shingles}: {@code size} minima, one per hash function. Empty input gives null. */
  public static long[] signature(long[] shingles, int size) {
    if (shingles == null || shingles.length == 0) {
      return null;
    }
    long[] signature = new long[size];
    java.util.Arrays.fill(signature, Long.MAX_VALUE);
    for (long shingle : shingles) {
      for (int k = 0; k < size; k++) {
        long h = mix(shingle ^ SEEDS[k % SEEDS.length] ^ ((long) k << 32));
        if (h < signature[k]) {
          signature[k] = h;
        }
      }
    }
    return signature;
  }

  /** SplitMix64's finaliser. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private static final long[] SEEDS = seeds(256);

  private static long[] seeds(int n) {
    long[] seeds = new long[n];
    long state = 0x5DEECE66DL;
    for (int i = 0; i < n; i++) {
      state += 0x9e3779b97f4a7c15L;
      seeds[i] = mix(state);
    }
    return seeds;
  }
}
