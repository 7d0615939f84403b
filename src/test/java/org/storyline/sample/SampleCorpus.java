package org.storyline.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.storyline.sample.Storylines.Storyline;

/**
 * Generates the sample corpus in {@code data/sample} (and larger corpora for tests and benchmarks): English news
 * articles from several outlets over June to October 2025, written from the storylines in {@link Storylines}, with
 * a planted burst of leader-security stories on 3-6 September 2025, wire stories syndicated with small edits and
 * verbatim, articles in French, German and Spanish, and malformed records of every kind the rejects table knows.
 *
 * <p>Deterministic for a seed. Run {@code scripts/generate-sample.sh} to rewrite {@code data/sample}.
 */
public final class SampleCorpus {
  public static final LocalDate START = LocalDate.of(2025, 6, 2);
  public static final LocalDate END = LocalDate.of(2025, 10, 31);
  /** The planted burst: leader-security articles per day. */
  public static final Map<LocalDate, Integer> BURST = Map.of(
      LocalDate.of(2025, 9, 3), 8, LocalDate.of(2025, 9, 4), 9, LocalDate.of(2025, 9, 5), 6,
      LocalDate.of(2025, 9, 6), 4);

  static final List<String> WIRES = List.of("Reuters", "Associated Press", "Agence France-Presse");
  static final List<String> PAPERS = List.of("The Guardian", "BBC News", "Korea Herald", "The Straits Times",
      "Deutsche Welle");
  static final List<String> REPORTERS = List.of("Hyonhee Shin", "Guy Faulconbridge", "Andrew Osborn",
      "Ryan Woo", "Josh Smith", "Laurie Chen", "David Lawder", "Francesco Canepa", "Michael Holden",
      "Kanishka Singh", "Gloria Dickie", "Martyn Herman");
  static final List<String> EDITORS = List.of("Raju Gopalakrishnan", "Peter Graff", "Alex Richardson",
      "Gerry Doyle", "Kim Coghill");

  /** One generated article. {@code storyline} is the planted label (tests count by it). */
  public record Article(String id, String title, String text, Instant published, String outlet, String url,
      String lang, String storyline) {}

  private final Random random;
  private int serial;

  public SampleCorpus(long seed) {
    this.random = new Random(seed);
  }

  /**
   * The clean articles of a corpus: every day between {@code start} and {@code end}, {@code perDay} background
   * articles on average, plus the leader-security articles (the planted burst when it falls in the range, and a
   * thin baseline). No duplicates, foreign articles or malformed records: {@link #writeSample} adds those.
   */
  public List<Article> articles(LocalDate start, LocalDate end, double perDay, boolean burst) {
    List<Article> out = new ArrayList<>();
    for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
      int n = poisson(perDay);
      for (int i = 0; i < n; i++) {
        out.add(article(pickBackground(day), day, pickOutlet()));
      }
      int security = burst ? BURST.getOrDefault(day, 0) : 0;
      if (security == 0 && random.nextDouble() < 1.0 / 18) {
        security = 1; // a leader-security story now and then, so the burst stands against a baseline
      }
      if (burst && (day.equals(LocalDate.of(2025, 8, 16)) || day.equals(LocalDate.of(2025, 8, 17)))) {
        security += 1; // the Alaska waste-suitcase reports
      }
      for (int i = 0; i < security; i++) {
        out.add(article(Storylines.LEADER_SECURITY, day, pickOutlet()));
      }
    }
    return out;
  }

  private Storyline pickBackground(LocalDate day) {
    List<Storyline> weighted = new ArrayList<>();
    addTimes(weighted, Storylines.CENTRAL_BANKS, 2);
    addTimes(weighted, Storylines.AI_CHIPS, 2);
    addTimes(weighted, Storylines.TRADE, 2);
    addTimes(weighted, Storylines.UKRAINE_TALKS, inRange(day, "2025-08-08", "2025-08-25") ? 8 : 2);
    addTimes(weighted, Storylines.CLIMATE, inRange(day, "2025-07-01", "2025-08-31") ? 3 : 1);
    boolean season = !day.isBefore(LocalDate.of(2025, 8, 15));
    boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    addTimes(weighted, Storylines.FOOTBALL, season ? (weekend ? 5 : 1) : 0);
    return weighted.get(random.nextInt(weighted.size()));
  }

  private static void addTimes(List<Storyline> list, Storyline s, int times) {
    for (int i = 0; i < times; i++) {
      list.add(s);
    }
  }

  private static boolean inRange(LocalDate day, String from, String to) {
    return !day.isBefore(LocalDate.parse(from)) && !day.isAfter(LocalDate.parse(to));
  }

  private String pickOutlet() {
    return random.nextDouble() < 0.45 ? WIRES.get(random.nextInt(WIRES.size()))
        : PAPERS.get(random.nextInt(PAPERS.size()));
  }

  Article article(Storyline storyline, LocalDate day, String outlet) {
    ZonedDateTime published = day.atTime(6 + random.nextInt(16), random.nextInt(60)).atZone(ZoneOffset.UTC);
    String weekday = day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    String lead = pick(storyline.leads()).replace("{weekday}", weekday);
    List<String> body = new ArrayList<>(storyline.body());
    Collections.shuffle(body, random);
    int sentences = 4 + random.nextInt(Math.min(6, body.size() - 3));
    List<String> paragraphs = new ArrayList<>();
    String dateline = WIRES.contains(outlet) ? datelineFor(storyline) + " (" + shortName(outlet) + ") - " : "";
    paragraphs.add(dateline + lead);
    StringBuilder paragraph = new StringBuilder();
    for (int i = 0; i < sentences; i++) {
      if (paragraph.length() > 0) {
        paragraph.append(' ');
      }
      paragraph.append(body.get(i).replace("{weekday}", weekday));
      if (random.nextDouble() < 0.55 || i == sentences - 1) {
        paragraphs.add(paragraph.toString());
        paragraph.setLength(0);
      }
    }
    if (storyline == Storylines.FOOTBALL) {
      paragraphs.add("Our football correspondent reported from the ground.");
    }
    if (WIRES.contains(outlet)) {
      paragraphs.add("(Reporting by " + pick(REPORTERS) + "; Editing by " + pick(EDITORS) + ")");
    }
    String id = String.format("%s-%s-%04d", slug(outlet), day.format(DateTimeFormatter.BASIC_ISO_DATE), ++serial);
    String url = "https://news.example/" + slug(outlet) + "/" + day + "/" + id;
    return new Article(id, pick(storyline.headlines()), String.join("\n\n", paragraphs), published.toInstant(),
        outlet, url, "en", storyline.name());
  }

  private String datelineFor(Storyline storyline) {
    return switch (storyline.name()) {
      case "leader_security" -> pick(List.of("BEIJING", "SEOUL", "MOSCOW"));
      case "ukraine_talks" -> pick(List.of("KYIV", "WASHINGTON", "ANCHORAGE"));
      case "central_banks" -> pick(List.of("WASHINGTON", "FRANKFURT", "LONDON"));
      case "ai_chips" -> pick(List.of("SAN FRANCISCO", "BRUSSELS"));
      case "climate" -> pick(List.of("MADRID", "ATHENS", "GENEVA"));
      case "football" -> "LONDON";
      default -> pick(List.of("WASHINGTON", "BEIJING", "TOKYO"));
    };
  }

  private static String shortName(String outlet) {
    return switch (outlet) {
      case "Associated Press" -> "AP";
      case "Agence France-Presse" -> "AFP";
      default -> outlet;
    };
  }

  static String slug(String outlet) {
    return outlet.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }

  private String pick(List<String> values) {
    return values.get(random.nextInt(values.size()));
  }

  private int poisson(double mean) {
    double l = Math.exp(-mean);
    double p = 1.0;
    int k = 0;
    do {
      k++;
      p *= random.nextDouble();
    } while (p > l);
    return k - 1;
  }

  /** A syndicated copy: another outlet, a new id, a lightly edited title and a changed last paragraph. */
  Article syndicate(Article wire, String outlet) {
    // Reprints keep the copy and add a credit line: Jaccard similarity of 5-word shingles stays above 0.9.
    String text = wire.text() + "\n\nThis article was first published by " + wire.outlet() + ".";
    String id = String.format("%s-syn-%04d", slug(outlet), ++serial);
    return new Article(id, wire.title().replace("'s", "s'").replace(" after ", " following "), text,
        wire.published().plusSeconds(3600L + random.nextInt(7200)), outlet,
        "https://news.example/" + slug(outlet) + "/syndicated/" + id, "en", wire.storyline());
  }

  // ---------------------------------------------------------------------------------------------------------
  // Writing the sample folder in several formats, with planted noise.

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Writes the README sample corpus into {@code dir} (which it empties first). Returns what it planted. */
  public Map<String, Integer> writeSample(Path dir) throws IOException {
    deleteTree(dir);
    Files.createDirectories(dir);
    List<Article> all = articles(START, END, 3.0, true);
    List<Article> wire = new ArrayList<>();
    List<Article> papers = new ArrayList<>();
    for (Article a : all) {
      (WIRES.contains(a.outlet()) ? wire : papers).add(a);
    }
    // Syndication: 1 in 9 wire stories reprinted by a paper with small edits, 1 in 25 reprinted verbatim.
    List<Article> syndicated = new ArrayList<>();
    List<Article> verbatim = new ArrayList<>();
    for (int i = 0; i < wire.size(); i++) {
      if (i % 9 == 4) {
        syndicated.add(syndicate(wire.get(i), pick(PAPERS)));
      } else if (i % 25 == 7) {
        Article w = wire.get(i);
        verbatim.add(new Article(String.format("%s-copy-%04d", slug("The Straits Times"), ++serial), w.title(),
            w.text(), w.published().plusSeconds(600), "The Straits Times", null, "en", w.storyline()));
      }
    }
    papers.addAll(syndicated);
    papers.addAll(verbatim);
    papers.sort((a, b) -> a.published().compareTo(b.published()));

    List<Article> reuters = new ArrayList<>();
    List<Article> otherWires = new ArrayList<>();
    for (Article a : wire) {
      (a.outlet().equals("Reuters") ? reuters : otherWires).add(a);
    }
    List<Article> csv = new ArrayList<>();
    List<Article> newsapi = new ArrayList<>();
    List<Article> text = new ArrayList<>();
    for (Article a : papers) {
      switch (a.outlet()) {
        case "The Guardian", "BBC News" -> csv.add(a);
        case "Korea Herald", "The Straits Times" -> newsapi.add(a);
        default -> text.add(a);
      }
    }
    List<Article> foreign = foreign();

    Map<String, Integer> planted = new LinkedHashMap<>();
    planted.put("articles_clean", all.size());
    planted.put("syndicated_near_duplicates", syndicated.size());
    planted.put("verbatim_duplicates", verbatim.size());
    planted.put("foreign", foreign.size());
    planted.put("leader_security", (int) all.stream().filter(a -> a.storyline().equals("leader_security")).count());

    writeReutersJsonl(dir.resolve("wire/reuters.jsonl"), reuters, foreign.subList(0, 2));
    writeApJsonlGz(dir.resolve("wire/ap-afp.jsonl.gz"), otherWires, foreign.subList(2, 3));
    writeCsv(dir.resolve("papers/guardian-bbc.csv"), csv, foreign.subList(3, 4));
    writeNewsApi(dir.resolve("feeds/asia-newsapi.json"), newsapi, foreign.subList(4, 5));
    writeTextFiles(dir.resolve("blogs"), text, foreign.subList(5, 6));
    planted.put("malformed", 8);
    return planted;
  }

  private List<Article> foreign() {
    List<Article> out = new ArrayList<>();
    LocalDate[] days = {LocalDate.of(2025, 9, 4), LocalDate.of(2025, 9, 5), LocalDate.of(2025, 7, 30),
        LocalDate.of(2025, 8, 12), LocalDate.of(2025, 7, 24), LocalDate.of(2025, 8, 19)};
    for (int i = 0; i < Storylines.FOREIGN.size(); i++) {
      String[] f = Storylines.FOREIGN.get(i);
      out.add(new Article(String.format("foreign-%s-%02d", f[0], i + 1), f[1], f[2],
          days[i].atTime(9 + i, 15).toInstant(ZoneOffset.UTC), pick(PAPERS), null, f[0], "foreign"));
    }
    return out;
  }

  private static void writeReutersJsonl(Path file, List<Article> articles, List<Article> foreign) throws IOException {
    Files.createDirectories(file.getParent());
    List<Article> all = new ArrayList<>(articles);
    all.addAll(foreign);
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      int i = 0;
      for (Article a : all) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", a.id());
        o.put("headline", a.title());
        o.put("body", a.text());
        o.put("date", a.published().toString());
        o.put("outlet", a.outlet());
        o.put("link", a.url());
        w.write(JSON.writeValueAsString(o));
        w.write('\n');
        if (++i == 40) {
          // Malformed: a line cut off mid-record, as when a crawler dies.
          w.write("{\"id\": \"reuters-truncated-1\", \"headline\": \"Fed holds rates\", \"body\": \"The Federal Res\n");
        }
        if (i == 50) {
          w.write("not json at all\n");
          // A record without a body or title: missing_text.
          w.write("{\"id\": \"reuters-nobody-1\", \"date\": \"2025-07-01T10:00:00Z\", \"outlet\": \"Reuters\"}\n");
          // A date nobody can place: unparseable_date.
          w.write("{\"id\": \"reuters-baddate-1\", \"headline\": \"Markets steady\", \"body\": \"Stocks were little "
              + "changed on Tuesday as investors waited for the Fed.\", \"date\": \"last Tuesday\", "
              + "\"outlet\": \"Reuters\"}\n");
        }
      }
    }
  }

  private static void writeApJsonlGz(Path file, List<Article> articles, List<Article> foreign) throws IOException {
    Files.createDirectories(file.getParent());
    List<Article> all = new ArrayList<>(articles);
    all.addAll(foreign);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file));
        Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8)) {
      for (Article a : all) {
        ObjectNode o = JSON.createObjectNode();
        o.put("guid", a.id());
        o.put("title", a.title());
        o.put("content", a.text());
        o.put("published_at", a.published().getEpochSecond());
        o.put("source", a.outlet());
        w.write(JSON.writeValueAsString(o));
        w.write('\n');
      }
    }
  }

  private static void writeCsv(Path file, List<Article> articles, List<Article> foreign) throws IOException {
    Files.createDirectories(file.getParent());
    List<Article> all = new ArrayList<>(articles);
    all.addAll(foreign);
    DateTimeFormatter written = DateTimeFormatter.ofPattern("MMMM d, yyyy HH:mm", Locale.ENGLISH);
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("article_id,Headline,Story,pub_date,Publisher,URL\n");
      int i = 0;
      for (Article a : all) {
        w.write(String.join(",", csv(a.id()), csv(a.title()), csv(a.text()),
            csv(written.format(a.published().atZone(ZoneOffset.UTC))), csv(a.outlet()), csv(a.url())));
        w.write('\n');
        if (++i == 25) {
          // A story with no text at all, and one with a date that is not a date.
          w.write("guardian-empty-1,\"Live: markets\",,\"July 8, 2025 09:00\",The Guardian,\n");
          w.write("bbc-baddate-1,\"Weather warning\",\"Heavy rain is expected across Scotland, forecasters said.\","
              + "TBD,BBC News,\n");
        }
      }
    }
  }

  private static String csv(String value) {
    if (value == null) {
      return "";
    }
    return "\"" + value.replace("\"", "\"\"") + "\"";
  }

  private static void writeNewsApi(Path file, List<Article> articles, List<Article> foreign) throws IOException {
    Files.createDirectories(file.getParent());
    ObjectNode root = JSON.createObjectNode();
    root.put("status", "ok");
    ArrayNode list = root.putArray("articles");
    List<Article> all = new ArrayList<>(articles);
    all.addAll(foreign);
    for (Article a : all) {
      ObjectNode o = list.addObject();
      ObjectNode source = o.putObject("source");
      source.putNull("id");
      source.put("name", a.outlet());
      o.put("title", a.title());
      o.put("description", a.text().split("\n\n")[0]);
      // Feed content arrives as HTML.
      o.put("content", "<p>" + String.join("</p>\n<p>", a.text().split("\n\n")).replace("&", "&amp;") + "</p>");
      o.put("url", a.url());
      o.put("publishedAt", a.published().toString());
    }
    ObjectNode noText = list.addObject();
    noText.putObject("source").put("name", "Korea Herald");
    noText.putNull("title");
    noText.putNull("content");
    noText.put("publishedAt", "2025-08-01T08:00:00Z");
    // A headline that is markup once its entities are decoded: it must stay text in every report.
    ObjectNode markup = list.addObject();
    markup.putObject("source").put("name", "The Straits Times");
    markup.put("title", "Opinion: why &lt;img src=x onerror=alert(1)&gt; still breaks news sites");
    markup.put("content", "<p>Security researchers keep finding news sites that print headlines without escaping "
        + "them, which lets a crafted title run script in readers' browsers.</p>");
    markup.put("url", "https://news.example/the-straits-times/opinion/markup");
    markup.put("publishedAt", "2025-09-10T07:30:00Z");
    Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root), StandardCharsets.UTF_8);
  }

  private static void writeTextFiles(Path dir, List<Article> articles, List<Article> foreign) throws IOException {
    Files.createDirectories(dir);
    List<Article> all = new ArrayList<>(articles);
    all.addAll(foreign);
    DateTimeFormatter rfc = DateTimeFormatter.RFC_1123_DATE_TIME;
    for (Article a : all) {
      String header = "Title: " + a.title() + "\nDate: " + rfc.format(a.published().atZone(ZoneOffset.UTC))
          + "\nSource: " + a.outlet() + "\n\n";
      Files.writeString(dir.resolve(a.id() + ".txt"), header + a.text() + "\n", StandardCharsets.UTF_8);
    }
    // An empty file: empty_text.
    Files.writeString(dir.resolve("dw-empty-0001.txt"), "Title: Untitled\nDate: 2025-08-02\n\n\n");
  }

  /** Writes clean articles as JSON lines (tests, benchmarks). */
  public static void writeJsonl(Path file, List<Article> articles) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Article a : articles) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", a.id());
        o.put("title", a.title());
        o.put("text", a.text());
        o.put("published", a.published().toString());
        o.put("source", a.outlet());
        o.put("url", a.url());
        w.write(JSON.writeValueAsString(o));
        w.write('\n');
      }
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Collections.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /**
   * {@code SampleCorpus [DIR]} writes the README sample (default {@code data/sample});
   * {@code SampleCorpus --scale N FILE} writes about N clean articles as JSON lines for benchmarks.
   */
  public static void main(String[] args) throws IOException {
    if (args.length >= 3 && args[0].equals("--scale")) {
      int target = Integer.parseInt(args[1]);
      SampleCorpus corpus = new SampleCorpus(7);
      long days = java.time.temporal.ChronoUnit.DAYS.between(START, END) + 1;
      List<Article> articles = corpus.articles(START, END, Math.max(1.0, target / (double) days), true);
      writeJsonl(Path.of(args[2]), articles);
      System.out.printf("wrote %d articles to %s%n", articles.size(), args[2]);
      return;
    }
    Path dir = Path.of(args.length > 0 ? args[0] : "data/sample");
    Map<String, Integer> planted = new SampleCorpus(20250903L).writeSample(dir);
    System.out.println("wrote " + dir + ": " + planted);
  }
}
