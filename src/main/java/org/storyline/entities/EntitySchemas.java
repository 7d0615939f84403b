package org.storyline.entities;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.storyline.schema.Col;
import org.storyline.schema.Tables;

/** The tables of the entities stage, and the internal columns between its steps. */
public final class EntitySchemas {
  private EntitySchemas() {}

  // Internal columns.
  static final String DOC_ID = Col.DOC_ID;
  static final String PUBLISHED = Col.PUBLISHED;
  public static final String CONTENT_HASH = Col.CONTENT_HASH;
  public static final String MODEL = Col.MODEL;
  public static final String TOKENS = Col.TOKENS;
  public static final String SENTENCES = Col.SENTENCES;
  public static final String TRUNCATED = Col.TRUNCATED;
  public static final String MENTIONS = Col.MENTIONS;
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
  public static final StructType MENTION = Tables.MENTION;

  /** {@link Tables#NER_MENTIONS}: the per-article result of NER (internal, reused by nightly runs). */
  public static final StructType NER_MENTIONS = Tables.NER_MENTIONS.schema();

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

  /** {@link Tables#ENTITY_MENTIONS}: one row per mention of a canonical entity. */
  public static final StructType ENTITY_MENTIONS = Tables.ENTITY_MENTIONS.schema();

  /** {@link Tables#ENTITIES}: one row per canonical entity. */
  public static final StructType ENTITIES = Tables.ENTITIES.schema();

  /** {@link Tables#ENTITY_TRENDS}: one row per entity and period bucket it is mentioned in. */
  public static final StructType ENTITY_TRENDS = Tables.ENTITY_TRENDS.schema();
}
