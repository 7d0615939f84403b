package org.storyline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The corpus of the whole-job benchmark ({@code bench/pipeline.sh}): real Reuters-21578 sentences recombined into
 * distinct articles of about 270 words, dated over two years (2024-01-01 .. 2025-12-31, UTC) and spread over 12
 * outlets, as JSON lines {@code id, title, text, date, source}.
 *
 * <p>An article is a lead sentence (the first sentence of some story) followed by body sentences drawn at random,
 * every sentence from a different story, in paragraphs of one or two sentences; its title is the lead story's. The
 * sentence pool is deduplicated (Reuters repeats stories and boilerplate), and tables, all-capitals text and
 * fragments are left out, so the text reads as wire copy and the NER sees ordinary sentences.
 *
 * <p><b>No near-duplicates, by construction.</b> The job's rule (ingest's {@code Deduplication}) flags an article
 * whose set of 5-word shingles has Jaccard similarity at least 0.9 with an earlier one's. Two articles sharing s of
 * their roughly 12 sentences (n shingles each, about 270) share about s/12 of their shingles plus the few common
 * 5-word phrases of different sentences, so their Jaccard is about s / (24 - s). The builder keeps an inverted index
 * from sentence to the articles using it and redraws an article that would share more than {@link #MAX_SHARED}
 * sentences with any earlier one: the Jaccard of any pair then stays near 3 / 21 = 0.14, far below 0.9. Exact
 * duplicates are impossible for the same reason. The run's manifest ({@code duplicates_near},
 * {@code duplicates_exact}) confirms both with the job's own rule; {@code bench/pipeline.sh} checks they are 0.
 *
 * <p>Deterministic: fixed seed, files read in name order; the articles of a smaller size are the first articles of
 * a larger one. The SGML is parsed here with a few patterns rather than through {@code org.storyline.io.ReutersSgml}:
 * only TITLE and BODY are needed, and the benchmark should not depend on the ingestion API being refactored.
 *
 * <p>{@code PipelineCorpus REUTERS_DIR WORKDIR SIZES}: writes {@code WORKDIR/corpus-v1-SIZE.jsonl} for each size
 * (comma-separated) not already there, atomically.
 */
public final class PipelineCorpus {
  private PipelineCorpus() {}

  /** Part of the file name: bump it when the generated articles change, so cached corpora are rebuilt. */
  public static final String VERSION = "v1";
  static final long SEED = 20261201L;
  static final int MAX_SHARED = 3;
  static final LocalDate START = LocalDate.of(2024, 1, 1);
  static final int DAYS = 731;
  static final List<String> OUTLETS = List.of("Harbour Wire", "The Daily Ledger", "Northern Courier",
      "Metro Gazette", "Capital Post", "Evening Standard-Times", "Pacific Herald", "Market Observer",
      "The Continental", "Riverside Tribune", "Global Dispatch", "Union Chronicle");

  private static final Pattern STORY = Pattern.compile("<REUTERS[\\s>].*?</REUTERS>", Pattern.DOTALL);
  private static final Pattern TITLE = Pattern.compile("<TITLE>(.*?)</TITLE>", Pattern.DOTALL);
  private static final Pattern BODY = Pattern.compile("<BODY>(.*?)</BODY>", Pattern.DOTALL);
  private static final Pattern ENTITY = Pattern.compile("&#(\\d+);");
  /** Paragraphs: Reuters indents each new one; a blank line also ends one. */
  private static final Pattern PARAGRAPH = Pattern.compile("\\n(?:[ \\t]{2,}|\\s*\\n)");
  /** A possible sentence end: terminal punctuation, an optional closing quote, space, then a capital or quote. */
  private static final Pattern END = Pattern.compile("[.!?][\"']?\\s+(?=[\"A-Z])");
  private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "st", "co", "corp", "inc",
      "ltd", "plc", "bros", "no", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "gov",
      "sen", "rep", "gen", "col", "lt", "sgt", "vs", "u.s", "u.k", "e.g", "i.e", "jr", "sr", "prof", "ave");

  /** A pooled sentence: its text, the story it came from, its word count. */
  record Sentence(String text, int story, int words) {}

  /** An article before dating: title, paragraphs, the pool indices of its sentences. */
  record Draft(String title, String text, int[] sentences, int words) {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: PipelineCorpus REUTERS_DIR WORKDIR SIZES");
    }
    Path reuters = Path.of(args[0]);
    Path work = Path.of(args[1]);
    List<Integer> sizes = Arrays.stream(args[2].split(",")).map(String::trim).map(Integer::parseInt).toList();
    Files.createDirectories(work);
    PipelineCorpus.Pool pool = Pool.read(reuters);
    System.err.printf(Locale.ROOT, "pipeline corpus: %,d stories, %,d lead and %,d body sentences%n",
        pool.stories, pool.leads.size(), pool.body.size());
    for (int size : sizes) {
      Path file = corpusFile(work, size);
      if (!Files.exists(file)) {
        write(file, new Generator(pool).articles(size));
      }
    }
  }

  public static Path corpusFile(Path work, int size) {
    return work.resolve("corpus-" + VERSION + "-" + size + ".jsonl");
  }

  static void write(Path file, List<Draft> drafts) throws IOException {
    ObjectMapper json = new ObjectMapper();
    SplittableRandom random = new SplittableRandom(SEED ^ 0x5eedL);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    long words = 0;
    try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      for (int i = 0; i < drafts.size(); i++) {
        Draft d = drafts.get(i);
        Instant date = START.atStartOfDay(ZoneOffset.UTC).toInstant()
            .plusSeconds(random.nextLong(DAYS * 86_400L));
        ObjectNode row = json.createObjectNode();
        row.put("id", String.format(Locale.ROOT, "bench-%07d", i + 1));
        row.put("title", d.title());
        row.put("text", d.text());
        row.put("date", date.toString());
        row.put("source", OUTLETS.get(random.nextInt(OUTLETS.size())));
        out.write(json.writeValueAsString(row));
        out.write('\n');
        words += d.words();
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    System.err.printf(Locale.ROOT, "pipeline corpus: wrote %s: %,d articles, %.1f words an article, %.1f MB%n",
        file, drafts.size(), words / (double) drafts.size(), Files.size(file) / 1e6);
  }

  /** The sentences of the Reuters files: leads (first sentences of a story) and the rest. */
  static final class Pool {
    final List<Sentence> leads = new ArrayList<>();
    final List<Sentence> body = new ArrayList<>();
    final List<String> titles = new ArrayList<>();
    int stories;

    static Pool read(Path dir) throws IOException {
      List<Path> files;
      try (Stream<Path> list = Files.list(dir)) {
        files = list.filter(p -> p.getFileName().toString().endsWith(".sgm")).sorted().toList();
      }
      if (files.isEmpty()) {
        throw new IOException("no .sgm file in " + dir);
      }
      Pool pool = new Pool();
      Set<String> seen = new HashSet<>();
      for (Path file : files) {
        // ISO-8859-1: reut2-017.sgm holds a stray 0xFC byte (SOURCE.md).
        Matcher story = STORY.matcher(Files.readString(file, StandardCharsets.ISO_8859_1));
        while (story.find()) {
          pool.add(story.group(), seen);
        }
      }
      return pool;
    }

    private void add(String story, Set<String> seen) {
      Matcher body = BODY.matcher(story);
      Matcher title = TITLE.matcher(story);
      if (!body.find() || !title.find()) {
        return;
      }
      int index = stories++;
      titles.add(clean(title.group(1)));
      boolean first = true;
      for (String paragraph : PARAGRAPH.split(stripTrailer(body.group(1)))) {
        for (String s : sentences(clean(paragraph))) {
          int words = s.split(" ").length;
          if (usable(s, words) && seen.add(s.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", ""))) {
            (first ? leads : this.body).add(new Sentence(s, index, words));
          }
          first = false;
        }
      }
    }
  }

  /** Draws the articles; each draw depends only on the earlier ones. */
  static final class Generator {
    private final Pool pool;
    private final SplittableRandom random = new SplittableRandom(SEED);
    /** Pool sentence (leads first, then body) to the articles already using it. */
    private final Map<Integer, List<Integer>> users = new HashMap<>();

    Generator(Pool pool) {
      this.pool = pool;
    }

    List<Draft> articles(int size) {
      List<Draft> drafts = new ArrayList<>(size);
      int redraws = 0;
      int mostShared = 0;
      for (int article = 0; article < size; article++) {
        Draft d = draft();
        int shared = maxShared(d.sentences());
        while (shared > MAX_SHARED) {
          redraws++;
          d = draft();
          shared = maxShared(d.sentences());
        }
        mostShared = Math.max(mostShared, shared);
        for (int s : d.sentences()) {
          users.computeIfAbsent(s, k -> new ArrayList<>()).add(article);
        }
        drafts.add(d);
      }
      System.err.printf(Locale.ROOT, "pipeline corpus: %,d articles; at most %d sentences shared by two articles; "
          + "%,d drafts redrawn (more than %d shared)%n", size, mostShared, redraws, MAX_SHARED);
      return drafts;
    }

    /** The most sentences this draft shares with any one earlier article. */
    private int maxShared(int[] sentences) {
      Map<Integer, Integer> shared = new HashMap<>();
      int max = 0;
      for (int s : sentences) {
        for (int other : users.getOrDefault(s, List.of())) {
          max = Math.max(max, shared.merge(other, 1, Integer::sum));
        }
      }
      return max;
    }

    private Draft draft() {
      int target = 228 + random.nextInt(61);
      int leadIndex = random.nextInt(pool.leads.size());
      Sentence lead = pool.leads.get(leadIndex);
      List<Integer> chosen = new ArrayList<>(List.of(leadIndex));
      Set<Integer> stories = new HashSet<>(Set.of(lead.story()));
      StringBuilder text = new StringBuilder(lead.text());
      int words = lead.words();
      boolean paragraphOpen = random.nextBoolean();
      while (words < target) {
        int i = random.nextInt(pool.body.size());
        Sentence s = pool.body.get(i);
        if (!stories.add(s.story())) {
          continue;
        }
        chosen.add(pool.leads.size() + i);
        text.append(paragraphOpen ? " " : "\n\n").append(s.text());
        paragraphOpen = !paragraphOpen && random.nextBoolean();
        words += s.words();
      }
      return new Draft(pool.titles.get(lead.story()), text.toString(),
          chosen.stream().mapToInt(Integer::intValue).toArray(), words);
    }
  }

  /** The body without Reuters' closing "Reuter" line and its end-of-text mark. */
  static String stripTrailer(String body) {
    return body.replaceAll("(?s)\\s*Reuter\\s*(&#3;)?\\s*$", "").replace("&#3;", "");
  }

  /** Entities decoded, Reuters' {@code <Company Name>} marks removed, spaces collapsed. */
  static String clean(String s) {
    String t = s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    Matcher m = ENTITY.matcher(t);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      int code = Integer.parseInt(m.group(1));
      m.appendReplacement(sb, code >= 32 && code < 0xD800 ? Matcher.quoteReplacement(Character.toString(code)) : " ");
    }
    m.appendTail(sb);
    return sb.toString().replace("<", "").replace(">", "").replaceAll("\\s+", " ").trim();
  }

  /** A paragraph's sentences: split at terminal punctuation unless the word before it is an abbreviation. */
  static List<String> sentences(String paragraph) {
    List<String> out = new ArrayList<>();
    Matcher m = END.matcher(paragraph);
    int start = 0;
    while (m.find()) {
      int wordStart = paragraph.lastIndexOf(' ', m.start()) + 1;
      String word = paragraph.substring(Math.max(wordStart, start), m.start()).toLowerCase(Locale.ROOT)
          .replaceAll("^[\"'(]+", "");
      boolean initial = word.matches("([a-z]\\.)*[a-z]");
      if (paragraph.charAt(m.start()) == '.' && (ABBREVIATIONS.contains(word) || initial)) {
        continue;
      }
      int end = m.end();
      out.add(paragraph.substring(start, end).trim());
      start = end;
    }
    if (start < paragraph.length()) {
      out.add(paragraph.substring(start).trim());
    }
    return out;
  }

  /**
   * Ordinary prose: 6 to 60 words, starts with a capital or a quote, ends with terminal punctuation, mostly words
   * rather than figures (no tables such as "Shr 12 cts vs 10 cts"), not in capitals (a few stories are), its quotes
   * balanced (a sentence split out of a longer quotation is left out).
   */
  static boolean usable(String s, int words) {
    if (words < 6 || words > 60 || !s.matches("[\"A-Z].*[.!?][\"']?")
        || s.chars().filter(c -> c == '"').count() % 2 != 0) {
      return false;
    }
    long alphabetic = Arrays.stream(s.split(" ")).filter(w -> w.matches("[\"'(]*[A-Za-z][A-Za-z'.,;:)\"-]*"))
        .count();
    long letters = s.chars().filter(Character::isLetter).count();
    long upper = s.chars().filter(Character::isUpperCase).count();
    return alphabetic >= 0.7 * words && upper <= 0.2 * letters;
  }
}
