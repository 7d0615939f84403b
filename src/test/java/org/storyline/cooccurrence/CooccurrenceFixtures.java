package org.storyline.cooccurrence;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.storyline.schema.Col;

/**
 * Named test inputs for the co-occurrence stage: the {@code entity_mentions} contract of the entities stage and the
 * columns of {@code articles} the stage reads, built by hand.
 */
public final class CooccurrenceFixtures {
  private CooccurrenceFixtures() {}

  /** The {@code entity_mentions} table the entities stage writes (its contract; shared with other tests, bench). */
  public static final StructType MENTIONS = createStructType(new StructField[] {
      createStructField(Col.DOC_ID, StringType, false),
      createStructField(Col.PUBLISHED, TimestampType, false),
      createStructField(Col.SENTENCE, IntegerType, false),
      createStructField(Col.ENTITY_ID, StringType, false),
      createStructField(Col.ENTITY, StringType, false),
      createStructField(Col.TYPE, StringType, false),
      createStructField(Col.SURFACE, StringType, false),
      createStructField(Col.BEGIN, IntegerType, false),
      createStructField(Col.END, IntegerType, false),
  });

  /** The columns of {@code articles} co-occurrence reads. */
  static final StructType ARTICLES = createStructType(new StructField[] {
      createStructField(Col.DOC_ID, StringType, false),
      createStructField(Col.PUBLISHED, TimestampType, false),
      createStructField(Col.LANG, StringType, true),
      createStructField(Col.DUPLICATE_OF, StringType, true),
  });

  /** A canonical entity. */
  record Entity(String id, String name, String type) {}

  // Ids sort differently from names (Q15031 < Q56226 but Kim Jong-un < Xi Jinping), so pair ordering by name shows.
  static final Entity KIM = new Entity("Q56226", "Kim Jong-un", "PERSON");
  static final Entity PUTIN = new Entity("Q7747", "Vladimir Putin", "PERSON");
  static final Entity XI = new Entity("Q15031", "Xi Jinping", "PERSON");
  static final Entity MOSCOW = new Entity("Q649", "Moscow", "LOCATION");
  static final Entity BEIJING = new Entity("Q956", "Beijing", "LOCATION");

  /** One article with its mentions: {@code sentences.get(s)} lists the entities mentioned in sentence s. */
  record Article(String id, String published, String lang, String duplicateOf, List<List<Entity>> sentences) {}

  static Article article(String id, String published, List<List<Entity>> sentences) {
    return new Article(id, published, "en", null, sentences);
  }

  /** An English article mentioning {@code entities} in its first sentence. */
  static Article doc(String id, String published, List<Entity> entities) {
    return article(id, published, List.of(entities));
  }

  static Dataset<Row> articles(SparkSession spark, List<Article> articles) {
    List<Row> rows = new ArrayList<>();
    for (Article a : articles) {
      rows.add(RowFactory.create(a.id(), ts(a.published()), a.lang(), a.duplicateOf()));
    }
    return spark.createDataFrame(rows, ARTICLES);
  }

  static Dataset<Row> mentions(SparkSession spark, List<Article> articles) {
    List<Row> rows = new ArrayList<>();
    for (Article a : articles) {
      int offset = 0;
      for (int s = 0; s < a.sentences().size(); s++) {
        for (Entity e : a.sentences().get(s)) {
          rows.add(RowFactory.create(a.id(), ts(a.published()), s, e.id(), e.name(), e.type(), e.name(), offset,
              offset + e.name().length()));
          offset += e.name().length() + 1;
        }
      }
    }
    return spark.createDataFrame(rows, MENTIONS);
  }

  static Timestamp ts(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }

  /** Repeats an entity, for articles that mention one entity several times. */
  static List<Entity> times(Entity e, int n) {
    return java.util.Collections.nCopies(n, e);
  }

  /**
   * The tiny corpus of the statistics tests (week of Monday 2025-09-01, and one article on Sunday 2025-08-31 23:59).
   *
   * <pre>
   * b1 Sun 08-31 23:59   s0: Kim, Putin
   * d1 Mon 09-01 00:01   s0: Kim, Putin   s1: Xi
   * d2 Tue 09-02         s0: Kim   s1: Putin   s2: Moscow
   * d3 Wed 09-03         s0: Kim, Putin, Xi
   * d4 Wed 09-03         s0: Xi, Beijing
   * d5 Thu 09-04         no entities (still counted)
   * d6 Fri 09-05         s0: Kim   s1: -   s2: -   s3: Putin
   * d7 Fri 09-05         duplicate of d3 (not counted)      s0: Kim, Putin, Xi
   * d8 Sat 09-06         lang fr (not analysed, not counted) s0: Kim, Putin
   * d9 Sat 09-06         lang und (counted)                  s0: Putin, Moscow
   * </pre>
   */
  static List<Article> tinyCorpus() {
    return List.of(
        article("b1", "2025-08-31T23:59:00Z", List.of(List.of(KIM, PUTIN))),
        article("d1", "2025-09-01T00:01:00Z", List.of(List.of(KIM, PUTIN, KIM), List.of(XI))),
        article("d2", "2025-09-02T10:00:00Z", List.of(List.of(KIM), List.of(PUTIN), List.of(MOSCOW))),
        article("d3", "2025-09-03T09:00:00Z", List.of(List.of(KIM, PUTIN, XI))),
        article("d4", "2025-09-03T12:00:00Z", List.of(List.of(XI, BEIJING))),
        article("d5", "2025-09-04T12:00:00Z", List.of()),
        article("d6", "2025-09-05T12:00:00Z", List.of(List.of(KIM), List.of(), List.of(), List.of(PUTIN))),
        new Article("d7", "2025-09-05T13:00:00Z", "en", "d3", List.of(List.of(KIM, PUTIN, XI))),
        new Article("d8", "2025-09-06T08:00:00Z", "fr", null, List.of(List.of(KIM, PUTIN))),
        new Article("d9", "2025-09-06T09:00:00Z", "und", null, List.of(List.of(PUTIN, MOSCOW))));
  }

  /** Settings overrides as raw strings, the way the command line gives them. */
  static Map<org.storyline.config.ConfigOption, Object> options(Object... keyValues) {
    Map<org.storyline.config.ConfigOption, Object> m = new java.util.EnumMap<>(org.storyline.config.ConfigOption.class);
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((org.storyline.config.ConfigOption) keyValues[i], String.valueOf(keyValues[i + 1]));
    }
    return m;
  }
}
