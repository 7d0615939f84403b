package org.storyline.bench;

import java.util.List;

/**
 * A topic model to compare MLlib's LDA with, on the same documents (term ids into the same vocabulary). The
 * implementation (MALLET) lives in {@code org.storyline.bench.mallet}, compiled only with {@code -Pbench}.
 */
public interface ReferenceTopicModel {
  /** What a reference run measured. */
  record Result(double trainSeconds, double inferSeconds, List<List<String>> topTerms) {}

  /**
   * Trains on {@code docs} (each an array of term ids, in text order) and infers every document's topics.
   *
   * @param vocabulary term id to term
   */
  Result run(int[][] docs, String[] vocabulary, int k, int iterations, int threads, int seed) throws Exception;
}
