package org.storyline.entities;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.storyline.schema.Col;

/** The tables of the entities stage, and the internal columns between its steps. */
public final class EntitySchemas {
  private EntitySchemas() {}

  // Table names.
  public static final String NER_MENTIONS_TABLE = "ner_mentions";
  public static final String ENTITY_MENTIONS_TABLE = "entity_mentions";
  public static final String ENTITIES_TABLE = "entities";
  public static final String ENTITY_TRENDS_TABLE = "entity_trends";

  // Internal columns.
  static final String DOC_ID = Col.DOC_ID;
  static final String PUBLISHED = Col.PUBLISHED;
  public static final String CONTENT_HASH = Col.CONTENT_HASH;
  public static final String MODEL = "model";
  public static final String TOKENS = "tokens";
  public static final String SENTENCES = "sentences";
  public static final String TRUNCATED = "truncated";
  public static final String MENTIONS = "mentions";
  static final String OWN_NAME = "own_name";
  static final String OWN_KEY = "own_key";
  static final String NAME = "name";
  static final String KEY = "key";
  static final String SHORT_KEY = "short_key";
  static final String FIXED = "fixed";
  static final String FINAL_KEY = "final_key";
  static final String ALIAS_KEY = "alias_key";
  static final String TARGET_KEY = "target_key";
  static final String SUPPORT = "support";

  /** One raw mention inside {@code ner_mentions}. */
  public static final StructType MENTION = createStructType(new StructField[] {
      createStructField(Col.SENTENCE, IntegerType, false),
      createStructField(Col.TYPE, StringType, false),
      createStructField(Col.SURFACE, StringType, false),
      createStructField(Col.BEGIN, IntegerType, false),
      createStructField(Col.END, IntegerType, false),
  });

  /**
   * {@code ner_mentions} (internal): the per-article result of NER, one row per analysed article, with or without
   * mentions, so that a later run can reuse it for articles whose content_hash and model are unchanged.
   */
  public static final StructType NER_MENTIONS = createStructType(new StructField[] {
      createStructField(Col.DOC_ID, StringType, false),
      createStructField(Col.PUBLISHED, TimestampType, false),
      createStructField(CONTENT_HASH, StringType, true),
      createStructField(MODEL, StringType, false),
      createStructField(TOKENS, IntegerType, false),
      createStructField(SENTENCES, IntegerType, false),
      createStructField(TRUNCATED, BooleanType, false),
      createStructField(MENTIONS, createArrayType(MENTION, false), false),
  });

  /** Mentions with their in-article canonical names (between {@code ner_mentions} and the corpus-level steps). */
  static final StructType RESOLVED = createStructType(new StructField[] {
      createStructField(Col.DOC_ID, StringType, false),
      createStructField(Col.PUBLISHED, TimestampType, false),
      createStructField(Col.SENTENCE, IntegerType, false),
      createStructField(Col.SURFACE, StringType, false),
      createStructField(Col.BEGIN, IntegerType, false),
      createStructField(Col.END, IntegerType, false),
      createStructField(OWN_NAME, StringType, false),
      createStructField(OWN_KEY, StringType, false),
      createStructField(NAME, StringType, false),
      createStructField(KEY, StringType, false),
      createStructField(Col.TYPE, StringType, false),
      createStructField(SHORT_KEY, StringType, true),
      createStructField(FIXED, StringType, true),
  });

  /** {@code entity_mentions}: one row per mention of a canonical entity. Other stages read it: do not change. */
  public static final StructType ENTITY_MENTIONS = createStructType(new StructField[] {
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

  /** {@code entities}: one row per canonical entity. */
  public static final StructType ENTITIES = createStructType(new StructField[] {
      createStructField(Col.ENTITY_ID, StringType, false),
      createStructField(Col.ENTITY, StringType, false),
      createStructField(Col.TYPE, StringType, false),
      createStructField(Col.ALIASES, createArrayType(StringType, false), false),
      createStructField(Col.DOC_COUNT, LongType, false),
      createStructField(Col.MENTION_COUNT, LongType, false),
      createStructField(Col.FIRST_SEEN, TimestampType, false),
      createStructField(Col.LAST_SEEN, TimestampType, false),
      createStructField(Col.EXTERNAL_ID, StringType, true),
  });

  /** {@code entity_trends}: one row per entity and period bucket it is mentioned in (partitioned by period). */
  public static final StructType ENTITY_TRENDS = createStructType(new StructField[] {
      createStructField(Col.ENTITY_ID, StringType, false),
      createStructField(Col.ENTITY, StringType, false),
      createStructField(Col.TYPE, StringType, false),
      createStructField(Col.PERIOD, StringType, false),
      createStructField(Col.PERIOD_START, DateType, false),
      createStructField(Col.DOC_COUNT, LongType, false),
      createStructField(Col.MENTION_COUNT, LongType, false),
      createStructField(Col.SHARE, DoubleType, false),
  });
}
