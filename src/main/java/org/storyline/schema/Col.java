package org.storyline.schema;

/** Column names shared between stages. A stage's own intermediate columns stay private to its package. */
public final class Col {
  private Col() {}

  // articles
  public static final String DOC_ID = "doc_id";
  public static final String TITLE = "title";
  public static final String TEXT = "text";
  public static final String PUBLISHED = "published";
  public static final String PUBLISHED_DATE = "published_date";
  /** Columns of {@code lsh_buckets}: LSH band, bucket key, and the shingle size the keys were computed with. */
  public static final String BAND = "band";
  public static final String BUCKET = "bucket";
  public static final String SHINGLE_SIZE = "shingle_size";
  public static final String SOURCE = "source";
  public static final String URL = "url";
  public static final String LANG = "lang";
  public static final String TEXT_CHARS = "text_chars";
  public static final String CONTENT_HASH = "content_hash";
  public static final String DUPLICATE_OF = "duplicate_of";
  public static final String INPUT_FILE = "input_file";

  // rejects and raw records
  public static final String LINE_OR_ROW = "line_or_row";
  public static final String RAW = "raw";
  public static final String REASON = "reason";
  public static final String DETAIL = "detail";

  // entities
  public static final String SENTENCE = "sentence";
  public static final String ENTITY_ID = "entity_id";
  public static final String ENTITY = "entity";
  public static final String TYPE = "type";
  public static final String SURFACE = "surface";
  public static final String BEGIN = "begin";
  public static final String END = "end";
  public static final String ALIASES = "aliases";
  public static final String FIRST_SEEN = "first_seen";
  public static final String LAST_SEEN = "last_seen";
  public static final String EXTERNAL_ID = "external_id";
  public static final String WIKI_TITLE = "wiki_title";

  // ner_mentions (per article: the NER result and what it depended on)
  public static final String MODEL = "model";
  public static final String TOKENS = "tokens";
  public static final String SENTENCES = "sentences";
  public static final String TRUNCATED = "truncated";
  public static final String MENTIONS = "mentions";

  // trends
  public static final String PERIOD = "period";
  public static final String PERIOD_START = "period_start";
  public static final String DOC_COUNT = "doc_count";
  public static final String MENTION_COUNT = "mention_count";
  public static final String SHARE = "share";
}
