package org.storyline.ingest;

import java.util.Arrays;
import java.util.regex.Pattern;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The word shingles of a text as a sorted set of 64-bit hashes, the input of near-duplicate detection: the text
 * lower-cased, split at every run of characters that are neither letters nor digits, each run of {@code n}
 * consecutive words joined by one space and hashed with Spark's {@code xxhash64} (seed 42).
 *
 * <p>The same values, bit for bit, as Spark ML's {@code RegexTokenizer} (pattern {@link #GAPS}, lower-casing,
 * tokens of at least one character), {@code NGram} and {@code array_sort(array_distinct(transform(ngrams,
 * xxhash64)))} give ({@code ShinglesTest} compares them), in one pass over the text instead of three stages
 * that each copy the words into new arrays and a sort through Spark's generic comparator.
 */
public final class Shingles {
  private Shingles() {}

  /** Word separators: anything but letters and digits. */
  static final String GAPS = "[^\\p{L}\\p{N}]+";
  private static final Pattern GAP = Pattern.compile(GAPS);
  /** The seed of Spark's {@code xxhash64} function. */
  private static final long SPARK_XXHASH64_SEED = 42L;

  /** The sorted distinct hashes of the {@code n}-word shingles of {@code text}; empty for null or too few words. */
  public static long[] hashes(String text, int n) {
    if (text == null) {
      return new long[0];
    }
    String[] words = Arrays.stream(GAP.split(text.toLowerCase())).filter(w -> !w.isEmpty())
        .toArray(String[]::new);
    if (words.length < n) {
      return new long[0];
    }
    long[] hashes = new long[words.length - n + 1];
    StringBuilder shingle = new StringBuilder();
    for (int i = 0; i < hashes.length; i++) {
      shingle.setLength(0);
      for (int j = i; j < i + n; j++) {
        if (j > i) {
          shingle.append(' ');
        }
        shingle.append(words[j]);
      }
      hashes[i] = XXH64.hashUTF8String(UTF8String.fromString(shingle.toString()), SPARK_XXHASH64_SEED);
    }
    Arrays.sort(hashes);
    int distinct = 0;
    for (int i = 0; i < hashes.length; i++) {
      if (i == 0 || hashes[i] != hashes[i - 1]) {
        hashes[distinct++] = hashes[i];
      }
    }
    return Arrays.copyOf(hashes, distinct);
  }

  /**
   * |A ∩ B| / |A ∪ B| of two sorted distinct hash arrays ({@link #hashes}), computed as Spark's
   * {@code size(array_intersect(a, b)) / size(array_union(a, b))} would; NaN when both are empty.
   */
  public static double jaccard(long[] a, long[] b) {
    int i = 0;
    int j = 0;
    int shared = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        shared++;
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return (double) shared / (a.length + b.length - shared);
  }
}
