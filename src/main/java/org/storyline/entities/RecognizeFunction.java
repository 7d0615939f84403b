package org.storyline.entities;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.storyline.io.FaultPoints;
import scala.jdk.javaapi.CollectionConverters;

/**
 * NER over a partition of articles ({@code doc_id, published, content_hash, text}, in that order), one output row
 * per article ({@link EntitySchemas#NER_MENTIONS}). The classifiers come from the executor's {@link NerModels}
 * (loaded on the first partition, shared by the JVM's tasks); each task has its own {@link NerTagger}. Rows are
 * produced lazily, one article at a time, so a partition never sits in memory.
 */
final class RecognizeFunction implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final List<String> models;
  private final String modelLabel;
  private final int maxSentenceTokens;
  private final int maxChars;

  RecognizeFunction(List<String> models, int maxSentenceTokens, int maxChars) {
    this.models = List.copyOf(models);
    this.modelLabel = Entities.nerSettings(models, maxSentenceTokens, maxChars);
    this.maxSentenceTokens = maxSentenceTokens;
    this.maxChars = maxChars;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> articles) {
    if (!articles.hasNext()) {
      return java.util.Collections.emptyIterator();
    }
    FaultPoints.reached("ner-task");
    NerTagger tagger = new NerTagger(NerModels.get(models), maxSentenceTokens, maxChars);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return articles.hasNext();
      }

      @Override
      public Row next() {
        Row article = articles.next();
        String docId = article.getString(0);
        Timestamp published = article.getTimestamp(1);
        String contentHash = article.getString(2);
        NerTagger.Tagged tagged = tagger.tag(article.getString(3));
        List<Row> mentions = new ArrayList<>(tagged.mentions().size());
        for (Mention m : tagged.mentions()) {
          mentions.add(RowFactory.create(m.sentence(), m.type().name(), m.surface(), m.begin(), m.end()));
        }
        return RowFactory.create(docId, published, contentHash, modelLabel, tagged.tokens(), tagged.sentences(),
            tagged.truncated(), CollectionConverters.asScala(mentions).toSeq());
      }
    };
  }
}
