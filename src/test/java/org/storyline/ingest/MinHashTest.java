package org.storyline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class MinHashTest {

  @Test
  void agreementOfSignaturesEstimatesJaccardSimilarity() {
    Random random = new Random(1);
    long[] common = LongStream.generate(random::nextLong).limit(800).toArray();
    long[] onlyA = LongStream.generate(random::nextLong).limit(100).toArray();
    long[] onlyB = LongStream.generate(random::nextLong).limit(100).toArray();
    long[] a = LongStream.concat(LongStream.of(common), LongStream.of(onlyA)).toArray();
    long[] b = LongStream.concat(LongStream.of(common), LongStream.of(onlyB)).toArray();
    // Jaccard = 800 / 1000 = 0.8; with 2,000 hash functions the estimate's standard error is about 0.009.
    long[] sa = MinHash.signature(a, 2000);
    long[] sb = MinHash.signature(b, 2000);
    int agree = 0;
    for (int k = 0; k < sa.length; k++) {
      agree += sa[k] == sb[k] ? 1 : 0;
    }
    assertThat(agree / 2000.0).as("estimated Jaccard").isCloseTo(0.8, org.assertj.core.data.Offset.offset(0.04));
  }

  @Test
  void signatureDependsOnTheSetNotTheOrder() {
    assertThat(MinHash.signature(new long[] {3, 1, 2}, 8)).as("order").isEqualTo(MinHash.signature(new long[] {1, 2, 3}, 8));
    assertThat(MinHash.signature(new long[0], 8)).as("empty").isNull();
  }
}
