package org.storyline.entities;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * In-article canonical names ({@link ArticleResolver}) for one {@code ner_mentions} row: one output row
 * ({@link EntitySchemas#RESOLVED}) per kept mention.
 */
final class ResolveFunction implements FlatMapFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<EntityRules> rules;

  ResolveFunction(Broadcast<EntityRules> rules) {
    this.rules = rules;
  }

  @Override
  public Iterator<Row> call(Row article) {
    String docId = article.getAs(EntitySchemas.DOC_ID);
    Object published = article.getAs(EntitySchemas.PUBLISHED);
    List<Row> raw = article.getList(article.fieldIndex(EntitySchemas.MENTIONS));
    List<Mention> mentions = new ArrayList<>(raw.size());
    for (Row m : raw) {
      mentions.add(new Mention(m.getInt(0), EntityType.valueOf(m.getString(1)), m.getString(2), m.getInt(3),
          m.getInt(4)));
    }
    List<Row> out = new ArrayList<>(mentions.size());
    for (ArticleResolver.Resolved r : ArticleResolver.resolve(mentions, rules.value())) {
      Mention m = r.mention();
      out.add(RowFactory.create(docId, published, m.sentence(), m.surface(), m.begin(), m.end(), r.ownName(),
          r.ownKey(), r.name(), r.key(), r.type().name(), r.shortKey(), r.fixed()));
    }
    return out.iterator();
  }
}
