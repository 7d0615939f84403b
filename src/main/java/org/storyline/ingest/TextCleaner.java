package org.storyline.ingest;

import java.text.Normalizer;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Turns article bodies as they come (HTML fragments, entities, hard-wrapped wire copy, odd Unicode) into the
 * cleaned text every later stage reads and every character offset refers to: tags removed (scripts and styles
 * with their content), entities decoded, Unicode in NFKC, control characters dropped, whitespace collapsed
 * within a paragraph, paragraphs separated by one blank line.
 */
public final class TextCleaner {
  private TextCleaner() {}

  private static final Pattern LOOKS_LIKE_HTML = Pattern.compile("<\\s*/?\\s*[a-zA-Z][^>]*>");
  private static final Pattern ENTITY = Pattern.compile("&(#\\d+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]{1,31});");
  private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n[ \\t]*\\n\\s*|\\n(?=[ \\t]{2,}\\S)");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]|[\\u200B-\\u200D\\uFEFF\\u00AD]");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Set<String> BLOCKS = Set.of("p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li",
      "ul", "ol", "tr", "table", "blockquote", "section", "article", "header", "footer", "figure", "figcaption",
      "pre", "hr", "dd", "dt", "aside");
  /**
   * The characters that leave a text blank, of every kind: {@link Character#isWhitespace} (space, tab, CR, LF,
   * U+2003 em space, U+3000...), the Unicode separators it leaves out (no-break spaces U+00A0, U+2007, U+202F),
   * control characters and invisible format characters (zero-width space and joiners, word joiner, BOM, soft
   * hyphen). A regular expression so that Spark ({@code rlike}) and Java apply the very same rule.
   */
  public static final String BLANK_CHARS = "[\\p{javaWhitespace}\\p{Z}\\p{Cc}\\p{Cf}]";
  private static final Pattern BLANK = Pattern.compile(BLANK_CHARS + "*");
  private static final Set<String> DROPPED = Set.of("script", "style", "noscript", "template", "iframe", "svg");

  /**
   * Whether a text is missing: null, or nothing but {@link #BLANK_CHARS}. The one rule of ingestion for "no
   * text": a field that is blank is absent, and a text blank after cleaning is no text.
   */
  public static boolean isBlank(String text) {
    return text == null || BLANK.matcher(text).matches();
  }

  /**
   * The cleaned text, or {@code null} for {@code null} and for a text that is blank after cleaning
   * ({@link #isBlank}). Paragraphs are joined by {@code "\n\n"}.
   */
  public static String clean(String raw) {
    if (raw == null) {
      return null;
    }
    String text = raw;
    if (LOOKS_LIKE_HTML.matcher(text).find()) {
      text = htmlToText(text);
    } else if (ENTITY.matcher(text).find()) {
      text = Parser.unescapeEntities(text, false);
    }
    text = Normalizer.normalize(text, Normalizer.Form.NFKC);
    text = text.replace("\r\n", "\n").replace('\r', '\n');
    text = CONTROL.matcher(text).replaceAll("");
    StringBuilder out = new StringBuilder(text.length());
    for (String paragraph : PARAGRAPH_BREAK.split(text)) {
      String collapsed = SPACES.matcher(paragraph).replaceAll(" ").strip();
      if (!collapsed.isEmpty()) {
        if (out.length() > 0) {
          out.append("\n\n");
        }
        out.append(collapsed);
      }
    }
    return isBlank(out.toString()) ? null : out.toString();
  }

  /** A title or other one-line field: cleaned, then on one line. */
  public static String cleanLine(String raw) {
    String text = clean(raw);
    return text == null ? null : SPACES.matcher(text).replaceAll(" ").strip();
  }

  private static String htmlToText(String html) {
    Element body = Jsoup.parseBodyFragment(html).body();
    body.select(String.join(",", DROPPED)).remove();
    StringBuilder sb = new StringBuilder(html.length());
    NodeTraversor.traverse(new NodeVisitor() {
      @Override
      public void head(Node node, int depth) {
        if (node instanceof TextNode t) {
          sb.append(t.getWholeText());
        } else if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
          sb.append(e.normalName().equals("br") ? "\n" : "\n\n");
        }
      }

      @Override
      public void tail(Node node, int depth) {
        if (node instanceof Element e && BLOCKS.contains(e.normalName()) && !e.normalName().equals("br")) {
          sb.append("\n\n");
        }
      }
    }, body);
    return sb.toString();
  }
}
