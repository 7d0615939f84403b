package org.storyline.entities;

import static org.apache.spark.sql.functions.col;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.storyline.config.ConfigOption;
import org.storyline.config.JobConfig;
import org.storyline.config.Settings;
import org.storyline.ingest.IngestStage;
import org.storyline.ingest.TextCleaner;
import org.storyline.io.RawRecords;
import org.storyline.schema.Col;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Entity linking measured on the GUM corpus's Wikinews news documents (CoNLL-U, gold entities with Wikipedia
 * identities). Each document's text is rebuilt from its tokens ({@link #parse}), the documents go through the
 * ingest and entities stages' own steps with the link index, all in one run so that corpus-level evidence (learned
 * aliases, inherited links) applies as in {@code storyline run}, and the canonical mentions are scored against the
 * gold mentions ({@link #score}).
 *
 * <p>Definitions (also printed with the figures by {@link #format}):
 *
 * <ul>
 *   <li><b>Gold linkable mention</b>: a gold mention with a Wikipedia identity whose GUM type is {@code person},
 *       {@code organization} or {@code place} (the types of named entities our recognizer reports; GUM's event,
 *       object, abstract... mentions with an identity are not linkable here) and that is named: its last word (below)
 *       is a proper noun. GUM marks every mention, pronouns and common noun phrases too ("he", "the team"), and
 *       gives all mentions of an entity its identity; a recognizer of names cannot find those.</li>
 *   <li><b>Match</b>: a predicted mention matches a gold mention when the two spans are equal, or when the predicted
 *       span lies inside the gold span and ends in the gold span's last word (its last token that is not punctuation
 *       or a possessive {@code 's}): "Kim Jong-un" matches gold "North Korean leader Kim Jong-un" and "Trump"
 *       matches gold "Donald Trump's", but "North Korea" does not match gold "North Korea's army".</li>
 *   <li><b>Same title</b>: titles compared with spaces as underscores, GUM's percent escapes decoded
 *       ({@code Kim_Jong%2Dun}) and the first letter in either case.</li>
 *   <li><b>Precision</b> = linked predicted mentions (non-null {@code wiki_title}) that match a gold linkable mention
 *       with the same title / linked predicted mentions that match any gold mention with an identity. A mention GUM
 *       gives no identity (a pronoun, a name without a Wikipedia article) does not count against us; a link that
 *       equals the identity of a gold mention of a non-linkable type is not counted as correct (counted apart).</li>
 *   <li><b>Recall</b> = gold linkable mentions matched by a predicted mention with the same title / gold linkable
 *       mentions.</li>
 *   <li><b>Split share</b>: a gold entity is one identity in one document, over its linkable mentions; among gold
 *       entities whose mentions are matched by at least two predicted mentions, the share whose matched mentions
 *       carry two or more distinct {@code entity_id}s (one thing reported as two entities).</li>
 * </ul>
 */
public final class GumEvaluation {
  private GumEvaluation() {}

  /** The GUM types counted as named-entity types: our PERSON, ORGANIZATION and LOCATION. */
  static final Set<String> LINKABLE_TYPES = Set.of("person", "organization", "place");
  /** Lines of the report: split entities, wrong links. */
  static final int SPLIT_LINES = 20;
  static final int WRONG_LINK_LINES = 15;

  /** The field order of GUM's {@code # global.Entity} header, used when a document does not declare one. */
  private static final String DEFAULT_ENTITY_FIELDS = "GRP-etype-infstat-salience-centering-minspan-link-identity";
  /**
   * One bracket of an {@code Entity=} value: an opening with its fields, closed on the same token when a
   * {@code )} follows ({@code (5-time-new-...-sgl)}), or a closing {@code ID)}.
   */
  private static final Pattern BRACKET = Pattern.compile("\\(([^()]+)(\\))?|(\\d+)\\)");
  private static final Pattern PERCENT_ESCAPE = Pattern.compile("(%[0-9A-Fa-f]{2})+");

  /**
   * A gold entity mention: its span in the rebuilt text ({@code end} exclusive), the span of its last word (the
   * last token that is not punctuation or a possessive; the last token if all are), GUM's type and the Wikipedia
   * identity as written in the file (percent escapes decoded), null when GUM gives none; {@code named} when the
   * last word is a proper noun (UPOS {@code PROPN}).
   */
  public record GoldMention(int begin, int end, int lastWordBegin, int lastWordEnd, String type, String identity,
      boolean named) {
    boolean linkable() {
      return identity != null && named && LINKABLE_TYPES.contains(type);
    }
  }

  /**
   * A document: GUM's id, metadata ({@code meta::title}, {@code meta::dateCreated}, {@code meta::sourceURL}; null
   * when absent), the text rebuilt from its tokens and the gold mentions, ordered by begin, then longer first.
   */
  public record Document(String id, String title, String date, String url, String text, List<GoldMention> gold) {}

  /** A canonical mention as the entities stage gave it ({@code wikiTitle} null when unlinked). */
  public record Predicted(String docId, int begin, int end, String entityId, String entity, String wikiTitle) {}

  /** A gold entity reported as several entities: the predicted entity names with their matched mentions. */
  public record Split(String docId, String identity, List<String> entities) {}

  /** A wrong link: the gold identity, the predicted title, how many mentions. */
  public record WrongLink(String gold, String predicted, long mentions) {}

  /**
   * A gold identity whose linkable mentions were matched by unlinked predicted mentions only: how many mentions, and
   * the names of the predicted entities that matched them (sorted).
   */
  public record Unlinked(String gold, long mentions, List<String> entities) {}

  /** What {@link #score} counts; the ratios are 0 when their denominator is. */
  public record Scores(long documents, long goldMentions, long goldWithIdentity, long goldUnnamed, long goldLinkable,
      long predictedMentions, long predictedLinked, long linkedOnIdentity, long linkedRight, long rightOnOtherType,
      long linkableFound, long missedNoMention, long missedUnlinked, long missedWrongLink,
      long entitiesWithTwoMatched, long entitiesSplit, List<Split> splits, List<WrongLink> wrongLinks,
      List<Unlinked> unlinked) {
    public double precision() {
      return linkedOnIdentity == 0 ? 0 : (double) linkedRight / linkedOnIdentity;
    }

    public double recall() {
      return goldLinkable == 0 ? 0 : (double) linkableFound / goldLinkable;
    }

    public double splitShare() {
      return entitiesWithTwoMatched == 0 ? 0 : (double) entitiesSplit / entitiesWithTwoMatched;
    }
  }

  /** The scores and what they were measured with. */
  public record Result(Scores scores, long analysed, String linkIndex, double linkMinPrior, List<String> models) {}

  // ---------------------------------------------------------------------------------------------------------------
  // Reading GUM

  /** The documents of the {@code *.conllu} files in {@code dir}, by file name. */
  public static List<Document> read(Path dir) {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.getFileName().toString().endsWith(".conllu")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Document> docs = new ArrayList<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      try {
        docs.addAll(parse(Files.readString(file, StandardCharsets.UTF_8), name.substring(0, name.length() - 7)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
      }
    }
    return docs;
  }

  /**
   * The documents of one CoNLL-U text ({@code # newdoc id = ...} starts one; {@code fallbackId} names a document
   * before any). The text is the tokens' forms, a space after each unless its MISC has {@code SpaceAfter=No}, a
   * multi-word token's form once (its words get their parts of it when their forms spell it, else its whole span);
   * sentences separated by a space, by a blank line where {@code # newpar} starts a paragraph, as the ingest stage's
   * cleaned text separates paragraphs. Empty nodes ({@code 3.1}) are skipped.
   */
  static List<Document> parse(String conllu, String fallbackId) {
    List<Document> docs = new ArrayList<>();
    DocumentBuilder doc = null;
    boolean newParagraph = false;
    boolean inSentence = false;
    int lineNo = 0;
    for (String line : conllu.split("\r?\n", -1)) {
      lineNo++;
      if (line.startsWith("#")) {
        String comment = line.substring(1).strip();
        if (comment.startsWith("newdoc")) {
          if (doc != null) {
            docs.add(doc.build());
          }
          doc = new DocumentBuilder(valueOf(comment).orElse(fallbackId));
          newParagraph = false;
        } else if (comment.equals("newpar") || comment.startsWith("newpar id")) {
          newParagraph = true;
        } else {
          if (doc == null) {
            doc = new DocumentBuilder(fallbackId);
          }
          doc.comment(comment);
        }
        continue;
      }
      if (line.isBlank()) {
        inSentence = false;
        continue;
      }
      String[] f = line.split("\t", -1);
      if (f.length != 10) {
        throw new IllegalArgumentException("line " + lineNo + ": " + f.length + " tab-separated columns, not 10");
      }
      if (doc == null) {
        doc = new DocumentBuilder(fallbackId);
      }
      if (!inSentence) {
        doc.startSentence(newParagraph);
        newParagraph = false;
        inSentence = true;
      }
      try {
        doc.token(f);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + lineNo + ": " + e.getMessage(), e);
      }
    }
    if (doc != null) {
      docs.add(doc.build());
    }
    return docs;
  }

  /** The value of a {@code key = value} comment. */
  private static Optional<String> valueOf(String comment) {
    int eq = comment.indexOf('=');
    return eq < 0 ? Optional.empty() : Optional.of(comment.substring(eq + 1).strip()).filter(v -> !v.isEmpty());
  }

  /** GUM's percent escapes decoded ({@code Kim_Jong%2Dun} -> {@code Kim_Jong-un}), as UTF-8 bytes. */
  static String decode(String s) {
    Matcher m = PERCENT_ESCAPE.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String run = m.group();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      for (int i = 0; i < run.length(); i += 3) {
        bytes.write(Integer.parseInt(run.substring(i + 1, i + 3), 16));
      }
      m.appendReplacement(out, Matcher.quoteReplacement(bytes.toString(StandardCharsets.UTF_8)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Builds one document's text, tokens and gold mentions as its lines come. */
  private static final class DocumentBuilder {
    private record Token(int begin, int end, boolean ignoredAsLastWord, boolean properNoun) {}

    private final String id;
    private String title;
    private String date;
    private String url;
    private String[] entityFields = DEFAULT_ENTITY_FIELDS.split("-");
    private final StringBuilder text = new StringBuilder();
    private final List<Token> tokens = new ArrayList<>();
    private final List<GoldMention> gold = new ArrayList<>();
    /** Open mentions per GUM entity id: the index of their first token and their fields, innermost last. */
    private final Map<String, Deque<Object[]>> open = new HashMap<>();
    private boolean spaceBefore;
    // The multi-word token being read: its span, the last word id it covers, where its next word starts.
    private int mwtBegin = -1;
    private int mwtEnd;
    private int mwtLastId;
    private int mwtCursor;
    private boolean mwtSpaceAfter;

    DocumentBuilder(String id) {
      this.id = id;
    }

    void comment(String comment) {
      if (comment.startsWith("meta::title")) {
        title = valueOf(comment).orElse(null);
      } else if (comment.startsWith("meta::dateCreated")) {
        date = valueOf(comment).orElse(null);
      } else if (comment.startsWith("meta::sourceURL")) {
        url = valueOf(comment).orElse(null);
      } else if (comment.startsWith("global.Entity")) {
        valueOf(comment).ifPresent(v -> entityFields = v.split("-"));
      }
    }

    void startSentence(boolean paragraph) {
      if (text.length() > 0) {
        text.append(paragraph ? "\n\n" : " ");
      }
      spaceBefore = false;
      mwtBegin = -1;
    }

    void token(String[] f) {
      String tokenId = f[0];
      String form = f[1];
      boolean spaceAfter = !Set.of(f[9].split("\\|")).contains("SpaceAfter=No");
      if (tokenId.contains(".")) {
        return;
      }
      int dash = tokenId.indexOf('-');
      if (dash > 0) {
        mwtBegin = append(form);
        mwtEnd = text.length();
        mwtCursor = mwtBegin;
        mwtLastId = Integer.parseInt(tokenId.substring(dash + 1));
        mwtSpaceAfter = spaceAfter;
        return;
      }
      int wordId = Integer.parseInt(tokenId);
      int begin;
      int end;
      if (mwtBegin >= 0) {
        if (mwtCursor + form.length() <= mwtEnd && text.substring(mwtCursor, mwtCursor + form.length()).equals(form)) {
          begin = mwtCursor;
          end = mwtCursor + form.length();
          mwtCursor = end;
        } else {
          begin = mwtBegin;
          end = mwtEnd;
        }
        if (wordId >= mwtLastId) {
          mwtBegin = -1;
          spaceBefore = mwtSpaceAfter;
        }
      } else {
        begin = append(form);
        end = text.length();
        spaceBefore = spaceAfter;
      }
      tokens.add(new Token(begin, end, f[3].equals("PUNCT") || f[4].equals("POS"), f[3].equals("PROPN")));
      for (String misc : f[9].split("\\|")) {
        if (misc.startsWith("Entity=")) {
          brackets(misc.substring("Entity=".length()));
        }
      }
    }

    /** Appends a form (after a space if one is due); returns where it starts. */
    private int append(String form) {
      if (spaceBefore) {
        text.append(' ');
      }
      int begin = text.length();
      text.append(form);
      return begin;
    }

    private void brackets(String value) {
      Matcher m = BRACKET.matcher(value);
      int at = 0;
      int current = tokens.size() - 1;
      while (at < value.length()) {
        if (!m.find(at) || m.start() != at) {
          throw new IllegalArgumentException("malformed Entity value: " + value);
        }
        at = m.end();
        if (m.group(1) != null) {
          String[] fields = m.group(1).split("-", -1);
          if (m.group(2) != null) {
            close(current, current, fields);
          } else {
            open.computeIfAbsent(fields[0], k -> new ArrayDeque<>()).push(new Object[] {current, fields});
          }
        } else {
          Deque<Object[]> stack = open.get(m.group(3));
          if (stack == null || stack.isEmpty()) {
            throw new IllegalArgumentException("Entity " + m.group(3) + ") closes no open mention: " + value);
          }
          Object[] opened = stack.pop();
          close((Integer) opened[0], current, (String[]) opened[1]);
        }
      }
    }

    private void close(int first, int last, String[] fields) {
      int word = last;
      while (word > first && tokens.get(word).ignoredAsLastWord()) {
        word--;
      }
      String type = field(fields, "etype");
      String identity = field(fields, "identity");
      gold.add(new GoldMention(tokens.get(first).begin(), tokens.get(last).end(), tokens.get(word).begin(),
          tokens.get(word).end(), type, identity == null || identity.equals("_") ? null : decode(identity),
          tokens.get(word).properNoun()));
    }

    private String field(String[] fields, String name) {
      for (int i = 0; i < entityFields.length; i++) {
        if (entityFields[i].equals(name)) {
          return i < fields.length && !fields[i].isEmpty() ? fields[i] : null;
        }
      }
      return null;
    }

    Document build() {
      if (open.values().stream().anyMatch(d -> !d.isEmpty())) {
        throw new IllegalArgumentException("document " + id + " ends with an entity mention still open");
      }
      List<GoldMention> sorted = new ArrayList<>(gold);
      sorted.sort(Comparator.comparingInt(GoldMention::begin).thenComparing(Comparator.comparingInt(
          GoldMention::end).reversed()));
      return new Document(id, title, date, url, text.toString(), List.copyOf(sorted));
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Running the stages

  /**
   * Runs the ingest and entities stages' steps ({@link IngestStage#batchArticles}, {@link EntitiesStage#canonical},
   * as {@link ReutersEvaluation} does) on the documents, all in one run, with the link index of {@code settings},
   * and scores the canonical mentions. The documents' texts must come through ingestion unchanged (the gold offsets
   * refer to them); a document ingestion rejects or changes fails the evaluation.
   */
  public static Result evaluate(SparkSession spark, List<Document> docs, String gumDir, Settings settings) {
    for (Document d : docs) {
      if (!d.text().equals(TextCleaner.clean(d.text()))) {
        throw new IllegalStateException("GUM document " + d.id() + ": the rebuilt text is not clean text "
            + "(TextCleaner would change it, so the gold offsets would not refer to the analysed text)");
      }
    }
    Map<ConfigOption, Object> run = new LinkedHashMap<>();
    run.put(ConfigOption.INPUT, List.of(gumDir));
    run.put(ConfigOption.OUTPUT, "unused");
    JobConfig config = JobConfig.from(settings.with(run));
    spark.conf().set("spark.sql.session.timeZone", "UTC");
    List<Row> records = new ArrayList<>();
    for (Document d : docs) {
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("id", d.id());
      fields.put("text", d.text());
      fields.put("lang", "en");
      if (d.title() != null) {
        fields.put("title", d.title());
      }
      if (d.date() != null) {
        fields.put("published", d.date());
      }
      if (d.url() != null) {
        fields.put("url", d.url());
      }
      records.add(RowFactory.create(d.id() + ".conllu", 1L, d.id(), CollectionConverters.asScala(fields), null,
          null));
    }
    Dataset<Row> raw = spark.createDataFrame(records, RawRecords.SCHEMA);
    Dataset<Row> articles = IngestStage.batchArticles(raw, config).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      checkTexts(docs, articles);
      List<String> languages = config.ingest().languages();
      EntitiesStage.Skipped skipped = EntitiesStage.skipped(articles, languages);
      Dataset<Row> ner = Entities.recognize(Entities.analysable(articles, languages), config.entities(),
          EntitiesStage.nerPartitions(spark, skipped.analysed())).persist(StorageLevel.MEMORY_AND_DISK());
      try {
        EntityRules rules = EntityRules.load(config.entities(), spark.sparkContext().hadoopConfiguration());
        List<Predicted> predicted = new ArrayList<>();
        try (EntitiesStage.Canonical canonical = EntitiesStage.canonical(ner, rules, config.entities())) {
          // The mentions of a couple of dozen documents: a bounded result, scored on the driver.
          for (Row r : canonical.mentions().select(col(Col.DOC_ID), col(Col.BEGIN), col(Col.END),
              col(Col.ENTITY_ID), col(Col.ENTITY), col(Col.WIKI_TITLE)).collectAsList()) {
            predicted.add(new Predicted(r.getString(0), r.getInt(1), r.getInt(2), r.getString(3), r.getString(4),
                r.isNullAt(5) ? null : r.getString(5)));
          }
        }
        return new Result(score(docs, predicted), skipped.analysed(),
            config.entities().linkIndex().orElse("none"), config.entities().linkMinPrior(),
            config.entities().models());
      } finally {
        ner.unpersist();
      }
    } finally {
      articles.unpersist();
    }
  }

  /** Every document is an article with its text unchanged (a bounded check: the documents' ids and texts). */
  private static void checkTexts(List<Document> docs, Dataset<Row> articles) {
    Map<String, String> ingested = new HashMap<>();
    for (Row r : articles.select(col(Col.DOC_ID), col(Col.TEXT)).collectAsList()) {
      ingested.put(r.getString(0), r.getString(1));
    }
    for (Document d : docs) {
      String text = ingested.get(d.id());
      if (text == null) {
        throw new IllegalStateException("GUM document " + d.id() + " was rejected by ingestion");
      }
      if (!text.equals(d.text())) {
        throw new IllegalStateException("GUM document " + d.id() + ": ingestion changed its text, so the gold "
            + "offsets would not refer to the analysed text");
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Scoring

  /** Whether {@code p} matches {@code g}: equal spans, or inside it and ending in its last word. */
  static boolean matches(Predicted p, GoldMention g) {
    if (p.begin() == g.begin() && p.end() == g.end()) {
      return true;
    }
    return p.begin() >= g.begin() && p.end() <= g.end() && p.end() > g.lastWordBegin() && p.end() <= g.lastWordEnd();
  }

  /** A title for comparison: percent escapes decoded, spaces as underscores, the first letter upper case. */
  static String normalTitle(String title) {
    String t = decode(title).strip().replace(' ', '_');
    if (t.isEmpty()) {
      return t;
    }
    int first = t.codePointAt(0);
    return new StringBuilder().appendCodePoint(Character.toUpperCase(first))
        .append(t.substring(Character.charCount(first))).toString();
  }

  private static boolean sameTitle(String a, String b) {
    return a != null && b != null && normalTitle(a).equals(normalTitle(b));
  }

  /** The scores of the predicted mentions against the documents' gold mentions (definitions: class comment). */
  public static Scores score(List<Document> docs, List<Predicted> predicted) {
    Map<String, List<Predicted>> byDoc = new HashMap<>();
    for (Predicted p : predicted) {
      byDoc.computeIfAbsent(p.docId(), k -> new ArrayList<>()).add(p);
    }
    long goldMentions = 0;
    long goldWithIdentity = 0;
    long goldUnnamed = 0;
    long goldLinkable = 0;
    long predictedMentions = 0;
    long predictedLinked = 0;
    long linkedOnIdentity = 0;
    long linkedRight = 0;
    long rightOnOtherType = 0;
    long found = 0;
    long missedNoMention = 0;
    long missedUnlinked = 0;
    long missedWrong = 0;
    long withTwo = 0;
    long split = 0;
    List<Split> splits = new ArrayList<>();
    Map<List<String>, Long> wrong = new HashMap<>();
    Map<String, Long> unlinkedMentions = new HashMap<>();
    Map<String, Set<String>> unlinkedNames = new HashMap<>();
    for (Document d : docs) {
      List<Predicted> preds = byDoc.getOrDefault(d.id(), List.of());
      List<GoldMention> identified = d.gold().stream().filter(g -> g.identity() != null).toList();
      goldMentions += d.gold().size();
      goldWithIdentity += identified.size();
      predictedMentions += preds.size();

      for (Predicted p : preds) {
        if (p.wikiTitle() == null) {
          continue;
        }
        predictedLinked++;
        List<GoldMention> matched = identified.stream().filter(g -> matches(p, g)).toList();
        if (matched.isEmpty()) {
          continue;
        }
        linkedOnIdentity++;
        if (matched.stream().anyMatch(g -> g.linkable() && sameTitle(g.identity(), p.wikiTitle()))) {
          linkedRight++;
        } else if (matched.stream().anyMatch(g -> sameTitle(g.identity(), p.wikiTitle()))) {
          rightOnOtherType++;
        } else {
          wrong.merge(List.of(normalTitle(closest(p, matched).identity()), normalTitle(p.wikiTitle())), 1L,
              Long::sum);
        }
      }

      Map<String, List<GoldMention>> entities = new TreeMap<>();
      for (GoldMention g : identified) {
        if (!g.named() && LINKABLE_TYPES.contains(g.type())) {
          goldUnnamed++;
        }
        if (!g.linkable()) {
          continue;
        }
        goldLinkable++;
        entities.computeIfAbsent(normalTitle(g.identity()), k -> new ArrayList<>()).add(g);
        List<Predicted> matching = preds.stream().filter(p -> matches(p, g)).toList();
        if (matching.stream().anyMatch(p -> sameTitle(g.identity(), p.wikiTitle()))) {
          found++;
        } else if (matching.isEmpty()) {
          missedNoMention++;
        } else if (matching.stream().allMatch(p -> p.wikiTitle() == null)) {
          missedUnlinked++;
          String identity = normalTitle(g.identity());
          unlinkedMentions.merge(identity, 1L, Long::sum);
          matching.forEach(p -> unlinkedNames.computeIfAbsent(identity, k -> new TreeSet<>())
              .add(p.entity()));
        } else {
          missedWrong++;
        }
      }

      for (Map.Entry<String, List<GoldMention>> e : entities.entrySet()) {
        // By position, so that two equal rows would still be two mentions.
        Set<Integer> matched = new LinkedHashSet<>();
        for (GoldMention g : e.getValue()) {
          for (int i = 0; i < preds.size(); i++) {
            if (matches(preds.get(i), g)) {
              matched.add(i);
            }
          }
        }
        if (matched.size() < 2) {
          continue;
        }
        withTwo++;
        Map<String, Map<String, Long>> namesById = new TreeMap<>();
        for (int i : matched) {
          Predicted p = preds.get(i);
          namesById.computeIfAbsent(p.entityId(), k -> new TreeMap<>()).merge(p.entity(), 1L, Long::sum);
        }
        if (namesById.size() >= 2) {
          split++;
          List<String> names = new ArrayList<>();
          namesById.values().forEach(n -> n.forEach((name, count) -> names.add(name + " (" + count + ")")));
          splits.add(new Split(d.id(), e.getKey(), names));
        }
      }
    }
    List<WrongLink> wrongLinks = wrong.entrySet().stream()
        .map(e -> new WrongLink(e.getKey().get(0), e.getKey().get(1), e.getValue()))
        .sorted(Comparator.comparingLong(WrongLink::mentions).reversed().thenComparing(WrongLink::gold)
            .thenComparing(WrongLink::predicted))
        .toList();
    List<Unlinked> unlinked = unlinkedMentions.entrySet().stream()
        .map(e -> new Unlinked(e.getKey(), e.getValue(), List.copyOf(unlinkedNames.get(e.getKey()))))
        .sorted(Comparator.comparingLong(Unlinked::mentions).reversed().thenComparing(Unlinked::gold))
        .toList();
    return new Scores(docs.size(), goldMentions, goldWithIdentity, goldUnnamed, goldLinkable, predictedMentions, predictedLinked,
        linkedOnIdentity, linkedRight, rightOnOtherType, found, missedNoMention, missedUnlinked, missedWrong,
        withTwo, split, List.copyOf(splits), wrongLinks, unlinked);
  }

  /** Of the gold mentions {@code p} matches, the one it matches best: equal span first, then the shortest. */
  private static GoldMention closest(Predicted p, List<GoldMention> matched) {
    return matched.stream()
        .min(Comparator.comparingInt((GoldMention g) -> g.begin() == p.begin() && g.end() == p.end() ? 0 : 1)
            .thenComparingInt(g -> g.end() - g.begin()))
        .orElseThrow();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Report

  /** The report {@code storyline eval link} prints. */
  public static String format(Result r) {
    Scores s = r.scores();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "GUM entity-linking evaluation: %d documents (%d analysed), link index %s, "
        + "--link-min-prior %.2f%n", s.documents(), r.analysed(), r.linkIndex(), r.linkMinPrior()));
    sb.append("model(s): ").append(String.join(", ", r.models())).append('\n');
    sb.append(String.format(Locale.ROOT, "gold mentions %d, with a Wikipedia identity %d, linkable %d "
        + "(identity, type person, organization or place, last word a proper noun; %d of those types with an "
        + "identity are pronouns or common nouns, not counted)%n", s.goldMentions(), s.goldWithIdentity(),
        s.goldLinkable(), s.goldUnnamed()));
    sb.append(String.format(Locale.ROOT, "predicted mentions %d, linked (wiki_title) %d, linked and matching a gold "
        + "mention with an identity %d%n", s.predictedMentions(), s.predictedLinked(), s.linkedOnIdentity()));
    sb.append("match: equal spans, or the predicted span inside the gold span ending in its last word (last token "
        + "not punctuation or possessive 's)\n");
    sb.append(String.format(Locale.ROOT, "precision   %.4f  %d/%d linked mentions matching a linkable gold mention "
        + "with the same title / linked mentions matching a gold mention with an identity%n", s.precision(),
        s.linkedRight(), s.linkedOnIdentity()));
    sb.append(String.format(Locale.ROOT, "recall      %.4f  %d/%d linkable gold mentions matched by a mention with "
        + "the same title / linkable gold mentions%n", s.recall(), s.linkableFound(), s.goldLinkable()));
    sb.append(String.format(Locale.ROOT, "  missed: %d with no matching predicted mention, %d matched by unlinked "
        + "mentions only, %d matched by wrong links only%n", s.missedNoMention(), s.missedUnlinked(),
        s.missedWrongLink()));
    sb.append(String.format(Locale.ROOT, "split share %.4f  %d/%d gold entities (identity in one document) whose "
        + "matched mentions have 2+ entity_ids / gold entities with 2+ matched mentions%n", s.splitShare(),
        s.entitiesSplit(), s.entitiesWithTwoMatched()));
    sb.append(String.format(Locale.ROOT, "linked to the identity of a gold mention of another type (event, object, "
        + "...; not counted as correct): %d%n", s.rightOnOtherType()));
    sb.append(String.format(Locale.ROOT, "most frequent wrong links (gold identity -> predicted title: mentions), "
        + "%d of %d:%n", Math.min(WRONG_LINK_LINES, s.wrongLinks().size()), s.wrongLinks().size()));
    for (WrongLink w : s.wrongLinks().subList(0, Math.min(WRONG_LINK_LINES, s.wrongLinks().size()))) {
      sb.append(String.format(Locale.ROOT, "  %s -> %s: %d%n", w.gold(), w.predicted(), w.mentions()));
    }
    sb.append(String.format(Locale.ROOT, "most frequent gold identities matched by unlinked mentions only (identity: "
        + "mentions, predicted entities), %d of %d:%n", Math.min(WRONG_LINK_LINES, s.unlinked().size()),
        s.unlinked().size()));
    for (Unlinked u : s.unlinked().subList(0, Math.min(WRONG_LINK_LINES, s.unlinked().size()))) {
      sb.append(String.format(Locale.ROOT, "  %s: %d, %s%n", u.gold(), u.mentions(), String.join(", ", u.entities())));
    }
    sb.append(String.format(Locale.ROOT, "split gold entities (document identity: predicted entities with matched "
        + "mentions), %d of %d:%n", Math.min(SPLIT_LINES, s.splits().size()), s.splits().size()));
    for (Split sp : s.splits().subList(0, Math.min(SPLIT_LINES, s.splits().size()))) {
      sb.append("  ").append(sp.docId()).append(' ').append(sp.identity()).append(": ")
          .append(String.join(", ", sp.entities())).append('\n');
    }
    return sb.toString();
  }
}
