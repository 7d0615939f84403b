package org.storyline.bench.mallet;

import cc.mallet.topics.ParallelTopicModel;
import cc.mallet.topics.TopicInferencer;
import cc.mallet.types.Alphabet;
import cc.mallet.types.FeatureSequence;
import cc.mallet.types.IDSorter;
import cc.mallet.types.Instance;
import cc.mallet.types.InstanceList;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.logging.Level;
import org.storyline.bench.ReferenceTopicModel;

/**
 * MALLET's {@link ParallelTopicModel} (collapsed Gibbs sampling, the usual reference of topic modellers) with its
 * command-line defaults: alpha sum 5, beta 0.01, no hyperparameter optimisation; inference with its
 * {@link TopicInferencer} (100 sweeps, thinning 10, burn-in 10).
 */
public final class MalletLda implements ReferenceTopicModel {
  @Override
  public Result run(int[][] docs, String[] vocabulary, int k, int iterations, int threads, int seed)
      throws Exception {
    Alphabet alphabet = new Alphabet();
    for (String term : vocabulary) {
      alphabet.lookupIndex(term, true);
    }
    alphabet.stopGrowth();
    InstanceList instances = new InstanceList(alphabet, null);
    for (int i = 0; i < docs.length; i++) {
      instances.add(new Instance(new FeatureSequence(alphabet, docs[i]), null, "d" + i, null));
    }
    ParallelTopicModel.logger.setLevel(Level.WARNING);
    ParallelTopicModel model = new ParallelTopicModel(k, 5.0, 0.01);
    model.addInstances(instances);
    model.setNumThreads(threads);
    model.setNumIterations(iterations);
    // No hyperparameter optimisation (MALLET's default, --optimize-interval 0): with it, 2.0.8 fails on these
    // corpora ("Dirichlet optimization has become unstable", then ArrayIndexOutOfBounds in optimizeBeta).
    model.setOptimizeInterval(0);
    model.setRandomSeed(seed);
    model.setTopicDisplay(iterations + 1, 0);
    long t0 = System.nanoTime();
    model.estimate();
    double train = (System.nanoTime() - t0) / 1e9;

    TopicInferencer inferencer = model.getInferencer();
    inferencer.setRandomSeed(seed);
    long t1 = System.nanoTime();
    double sink = 0;
    for (Instance instance : instances) {
      sink += inferencer.getSampledDistribution(instance, 100, 10, 10)[0];
    }
    double infer = (System.nanoTime() - t1) / 1e9;
    if (Double.isNaN(sink)) {
      throw new IllegalStateException("NaN topic weight");
    }
    List<List<String>> top = new ArrayList<>();
    for (TreeSet<IDSorter> sorted : model.getSortedWords()) {
      List<String> terms = new ArrayList<>();
      for (IDSorter s : sorted) {
        if (terms.size() == 10) {
          break;
        }
        terms.add(vocabulary[s.getID()]);
      }
      top.add(terms);
    }
    return new Result(train, infer, top);
  }
}
