package org.storyline.schema;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The input column names recognised for each canonical article field, most specific first. Matching is on the
 * lower-cased name; {@code --field} overrides it. A {@code text} column is looked for among {@link #TEXT} first and
 * then among {@link #TEXT_FALLBACK} (an abstract is better than nothing; headline-only corpora use the title).
 */
public final class CanonicalFields {
  private CanonicalFields() {}

  public static final List<String> ID = List.of("id", "doc_id", "article_id", "articleid", "uuid", "guid", "_id",
      "story_id", "gkgrecordid");
  public static final List<String> TITLE = List.of("title", "headline", "headlines", "heading", "head");
  public static final List<String> TEXT = List.of("text", "body", "content", "article", "story", "full_text",
      "fulltext", "article_text", "maintext", "body_text");
  public static final List<String> TEXT_FALLBACK = List.of("description", "summary", "abstract", "lead", "snippet");
  public static final List<String> PUBLISHED = List.of("published", "published_at", "publishedat", "date",
      "pub_date", "pubdate", "publish_date", "publication_date", "date_published", "datetime", "timestamp", "time",
      "created_at", "seendate", "date_publish");
  public static final List<String> SOURCE = List.of("source", "outlet", "publisher", "domain", "site",
      "source_name", "sourcename", "source_domain", "feed", "media", "newspaper");
  public static final List<String> URL = List.of("url", "link", "uri", "href", "source_url", "article_url",
      "documentidentifier");
  public static final List<String> LANG = List.of("lang", "language");

  /** Canonical field name (as {@code --field} takes it) to its candidate input columns. */
  public static final Map<String, List<String>> CANDIDATES = Map.of(
      "id", ID, "title", TITLE, "text", TEXT, "published", PUBLISHED, "source", SOURCE, "url", URL, "lang", LANG);

  /** Every recognised input column name; a CSV whose first row holds none of them has no header. */
  public static final Set<String> ALL = Stream.of(ID, TITLE, TEXT, TEXT_FALLBACK, PUBLISHED, SOURCE, URL, LANG)
      .flatMap(List::stream).collect(Collectors.toUnmodifiableSet());
}
