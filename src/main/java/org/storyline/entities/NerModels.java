package org.storyline.entities;

import edu.stanford.nlp.ie.AbstractSequenceClassifier;
import edu.stanford.nlp.ie.crf.CRFClassifier;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.ling.Word;
import edu.stanford.nlp.util.MaxSizeConcurrentHashSet;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storyline.config.ConfigException;

/**
 * The CRF classifiers of this JVM: each model is loaded once, on first use, and shared by every task the JVM runs
 * (an executor runs several at once). Sharing is safe for classification: {@code CRFClassifier.classifySentence}
 * keeps its per-call state in new objects; the shared state it touches is the read-only weights and feature index;
 * {@code knownLCWords}, a set the classifier may grow as it reads text (the shipped models set
 * {@code maxAdditionalKnownLCWords=0}), which {@link #load} replaces by a frozen copy, so results do not depend on
 * what the JVM classified before and tasks do not take its lock for every token; and the n-gram cache, which the
 * shipped models leave off ({@code cacheNGrams=false}, enforced). The one lazily built field
 * ({@code cliquePotentialFunction}) is built by a warm-up sentence before the classifier is published.
 *
 * <p>Memory: the 4-class model takes about 100 MB of heap once loaded (measured), whatever the number of tasks.
 */
public final class NerModels {
  private NerModels() {}

  private static final Logger LOG = LoggerFactory.getLogger(NerModels.class);
  private static final Map<String, CRFClassifier<CoreLabel>> LOADED = new ConcurrentHashMap<>();

  /** The classifiers for these models, in order; loads the ones this JVM has not loaded yet. */
  static List<CRFClassifier<CoreLabel>> get(List<String> models) {
    return models.stream().map(m -> LOADED.computeIfAbsent(m, NerModels::load)).toList();
  }

  /** Fails with a {@link ConfigException} naming the model if it is neither on the classpath nor a readable file. */
  public static void check(List<String> models) {
    for (String model : models) {
      if (LOADED.containsKey(model)) {
        continue;
      }
      boolean found;
      try (InputStream in = NerModels.class.getClassLoader().getResourceAsStream(model)) {
        found = in != null || Files.isReadable(Path.of(model));
      } catch (IOException | RuntimeException e) {
        found = false;
      }
      if (!found) {
        throw new ConfigException("--ner-model is neither a classpath resource nor a readable file, value: " + model
            + " (the build ships the models listed in pom.xml's ner.model.includes)");
      }
    }
  }

  /** The model's known lower-case words, read-only: {@code add} adds nothing, without taking a lock. */
  static final class FrozenWords extends MaxSizeConcurrentHashSet<String> {
    private static final long serialVersionUID = 1L;

    FrozenWords(Set<String> words) {
      super(words);
      setMaxSize(size());
    }

    @Override
    public boolean add(String word) {
      return false;
    }
  }

  private static void freezeKnownWords(CRFClassifier<CoreLabel> classifier) {
    try {
      Field field = AbstractSequenceClassifier.class.getDeclaredField("knownLCWords");
      field.setAccessible(true);
      field.set(classifier, new FrozenWords(classifier.getKnownLCWords()));
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Another CoreNLP version: keep its set, capped at its size (same results, one lock per word).
      if (classifier.getKnownLCWords() instanceof MaxSizeConcurrentHashSet<String> set) {
        set.setMaxSize(set.size());
      }
      LOG.warn("could not freeze the known-words set of the NER model ({}); using it capped", e.toString());
    }
  }

  private static CRFClassifier<CoreLabel> load(String model) {
    long start = System.nanoTime();
    CRFClassifier<CoreLabel> classifier;
    try {
      classifier = CRFClassifier.getClassifier(model);
    } catch (IOException | ClassNotFoundException | RuntimeException e) {
      throw new IllegalStateException("cannot load NER model " + model + ": " + e, e);
    }
    if (classifier.flags.cacheNGrams) {
      // The cache is an unsynchronised HashMap filled during classification: not shareable between tasks, and
      // unbounded. Computing the n-grams each time gives the same features.
      classifier.flags.cacheNGrams = false;
    }
    // A growing set would make the word-shape features depend on the order tasks ran in: freeze it. The frozen
    // set's add() skips the lock every add() of the original takes, once per lower-case token, from every task.
    classifier.flags.maxAdditionalKnownLCWords = 0;
    freezeKnownWords(classifier);
    classifier.classifySentence(List.of(new Word("Storyline"), new Word("loads"), new Word("."))); // warm-up
    LOG.info("loaded NER model {} in {} ms ({} labels)", model, (System.nanoTime() - start) / 1_000_000,
        classifier.classIndex.size());
    return classifier;
  }
}
