package org.storyline.entities;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.storyline.config.EntitiesConfig;

/**
 * The bare recognizer for the benchmark in {@code org.storyline.bench}: the same {@link NerTagger} the Spark stage
 * runs, called from plain threads, one tagger per thread and the classifiers shared, as on an executor.
 */
public final class NerBenchSupport {
  private NerBenchSupport() {}

  /** Loads the model(s) into this JVM's holder (what an executor does on its first task). */
  public static void load(EntitiesConfig config) {
    NerModels.get(config.models());
  }

  /** Tags every text on {@code threads} threads (text i on thread i mod threads); returns the tokens seen. */
  public static long tagAll(List<String> texts, int threads, EntitiesConfig config) throws Exception {
    return onThreads(texts, threads, () -> {
      NerTagger tagger = new NerTagger(NerModels.get(config.models()), config.maxSentenceTokens(),
          config.maxChars());
      return text -> tagger.tag(text).tokens();
    });
  }

  /**
   * Runs a worker per thread over the texts (text i on thread i mod threads), each worker made on its own thread
   * by {@code worker}; returns the sum of what the workers return (tokens).
   */
  public static long onThreads(List<String> texts, int threads, Supplier<ToLongFunction<String>> worker)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Long>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        parts.add(pool.submit(() -> {
          ToLongFunction<String> work = worker.get();
          long tokens = 0;
          for (int i = first; i < texts.size(); i += threads) {
            tokens += work.applyAsLong(texts.get(i));
          }
          return tokens;
        }));
      }
      long tokens = 0;
      for (Future<Long> part : parts) {
        tokens += part.get();
      }
      return tokens;
    } finally {
      pool.shutdownNow();
    }
  }
}
