package org.storyline.ingest;

/**
 * MinHash signatures of a set of 64-bit shingle hashes: two sets agree on a signature entry with probability close to
 * their Jaccard similarity. The hash functions are derived by double hashing from two SplitMix64 mixes of the
 * shingle hash.
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
      // Double hashing (Kirsch and Mitzenmacher): h_k = a + k * b from two well-mixed hashes, one multiply-add
      // per function instead of a full mix; b is odd so the k values stay distinct.
      long a = mix(shingle ^ SEED_A);
      long b = mix(shingle ^ SEED_B) | 1L;
      long h = a;
      for (int k = 0; k < size; k++) {
        if (h < signature[k]) {
          signature[k] = h;
        }
        h += b;
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

  private static final long SEED_A = 0x9e3779b97f4a7c15L;
  private static final long SEED_B = 0xd1b54a32d192ed03L;
}
