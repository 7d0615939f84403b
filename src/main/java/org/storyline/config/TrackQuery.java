package org.storyline.config;

import static org.apache.spark.sql.functions.not;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;

/**
 * A tracked-topic query, parsed once on the driver and turned into a Spark {@link Column} of built-in
 * {@code rlike} tests (one per term or phrase) combined with {@code and}/{@code or}/{@code not}.
 *
 * <pre>
 * query   := or
 * or      := and ( OR and )*
 * and     := unary ( [AND] unary )*          juxtaposition means AND
 * unary   := NOT unary | primary
 * primary := "(" or ")" | PHRASE | TERM
 * TERM    := word ["*"]                      word: letters, digits and - ' . &amp; _ ; "*" = prefix wildcard
 * PHRASE  := '"' TERM ( TERM )* '"'          words in order, separated by spaces or hyphens in the text
 * </pre>
 *
 * Precedence: NOT binds tighter than AND, AND tighter than OR. Operators are case-insensitive; to search for the
 * word "not", "and" or "or" quote it. Matching is case-insensitive on whole words: {@code DNA} matches "DNA" and
 * "dna," but not "DNase"; {@code bodyguard*} matches "bodyguard", "bodyguards"; a hyphen in a term also matches a
 * space ({@code jong-un} matches "Jong Un"); curly apostrophes match straight ones.
 */
public final class TrackQuery implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A node of the parsed query. */
  public sealed interface Node extends Serializable permits Term, Phrase, And, Or, Not {}

  /** One word; {@code prefix} when it ended in {@code *}. */
  public record Term(String word, boolean prefix) implements Node {
    @Override
    public String toString() {
      return word + (prefix ? "*" : "");
    }
  }

  /** Words that must follow each other. */
  public record Phrase(List<Term> words) implements Node {
    @Override
    public String toString() {
      return words.stream().map(Term::toString).collect(Collectors.joining(" ", "\"", "\""));
    }
  }

  public record And(Node left, Node right) implements Node {
    @Override
    public String toString() {
      return "(" + left + " AND " + right + ")";
    }
  }

  public record Or(Node left, Node right) implements Node {
    @Override
    public String toString() {
      return "(" + left + " OR " + right + ")";
    }
  }

  public record Not(Node operand) implements Node {
    @Override
    public String toString() {
      return "NOT " + operand;
    }
  }

  /** A malformed query: the message gives the 1-based position and what was expected there. */
  public static final class ParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int position;

    ParseException(String query, int position, String problem) {
      super(String.format("malformed query at position %d: %s (query: %s)", position, problem, query));
      this.position = position;
    }

    /** 1-based character position of the problem; the query length + 1 for its end. */
    public int position() {
      return position;
    }
  }

  private static final String LETTER_OR_DIGIT = "[\\p{L}\\p{N}]";
  private static final String BEFORE = "(?<!" + LETTER_OR_DIGIT + ")";
  private static final String AFTER = "(?!" + LETTER_OR_DIGIT + ")";
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}\\-'.&_]*");

  private final String text;
  private final Node root;

  private TrackQuery(String text, Node root) {
    this.text = text;
    this.root = root;
  }

  /** Parses a query; throws {@link ParseException} naming the position and what was expected. */
  public static TrackQuery parse(String query) {
    if (query == null || query.isBlank()) {
      throw new ParseException(String.valueOf(query), 1, "the query is empty");
    }
    String normalised = query.replace('\u2019', '\'');
    Parser parser = new Parser(normalised, tokenize(normalised));
    Node root = parser.parseOr();
    if (parser.peek().kind != Kind.END) {
      Token t = parser.peek();
      throw new ParseException(normalised, t.position, t.kind == Kind.CLOSE
          ? "unbalanced ')'" : "expected OR, AND or the end of the query but found " + t.describe());
    }
    return new TrackQuery(normalised, root);
  }

  public String text() {
    return text;
  }

  public Node root() {
    return root;
  }

  /** Fully parenthesised form, for logs, the manifest and tests of precedence. */
  @Override
  public String toString() {
    return root.toString();
  }

  /** A boolean column: whether {@code text} (a string column; null counts as empty) matches the query. */
  public Column matches(Column text) {
    Column normalised = org.apache.spark.sql.functions.regexp_replace(
        org.apache.spark.sql.functions.coalesce(text, org.apache.spark.sql.functions.lit("")), "\u2019", "'");
    return column(root, normalised);
  }

  /** The same test on the driver (unit tests, and the documentation of the semantics). */
  public boolean matchesText(String text) {
    return evaluate(root, text == null ? "" : text.replace('\u2019', '\''));
  }

  /** The regular expression of a term or phrase (Java syntax, as Spark's {@code rlike} uses). */
  public static String regex(Node leaf) {
    if (leaf instanceof Term t) {
      return "(?iu)" + BEFORE + wordRegex(t) + AFTER;
    }
    if (leaf instanceof Phrase p) {
      return "(?iu)" + BEFORE + p.words().stream().map(TrackQuery::wordRegex)
          .collect(Collectors.joining("[\\s\\-]+")) + AFTER;
    }
    throw new IllegalArgumentException("not a term or phrase: " + leaf);
  }

  private static String wordRegex(Term t) {
    StringBuilder out = new StringBuilder();
    for (String part : t.word().split("-", -1)) {
      if (out.length() > 0) {
        out.append("[\\s\\-]");
      }
      out.append(Pattern.quote(part));
    }
    if (t.prefix()) {
      out.append("[\\p{L}\\p{N}\\-']*");
    }
    return out.toString();
  }

  private static Column column(Node node, Column text) {
    if (node instanceof Term || node instanceof Phrase) {
      return text.rlike(regex(node));
    }
    if (node instanceof And a) {
      return column(a.left(), text).and(column(a.right(), text));
    }
    if (node instanceof Or o) {
      return column(o.left(), text).or(column(o.right(), text));
    }
    return not(column(((Not) node).operand(), text));
  }

  private static boolean evaluate(Node node, String text) {
    if (node instanceof Term || node instanceof Phrase) {
      return Pattern.compile(regex(node)).matcher(text).find();
    }
    if (node instanceof And a) {
      return evaluate(a.left(), text) && evaluate(a.right(), text);
    }
    if (node instanceof Or o) {
      return evaluate(o.left(), text) || evaluate(o.right(), text);
    }
    return !evaluate(((Not) node).operand(), text);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Lexer and recursive-descent parser.

  private enum Kind { WORD, PHRASE, AND, OR, NOT, OPEN, CLOSE, END }

  private record Token(Kind kind, String value, int position) {
    String describe() {
      return switch (kind) {
        case WORD -> "'" + value + "'";
        case PHRASE -> "\"" + value + "\"";
        case AND, OR, NOT -> kind.name();
        case OPEN -> "'('";
        case CLOSE -> "')'";
        case END -> "the end of the query";
      };
    }
  }

  private static List<Token> tokenize(String q) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < q.length()) {
      char c = q.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(') {
        tokens.add(new Token(Kind.OPEN, "(", i + 1));
        i++;
      } else if (c == ')') {
        tokens.add(new Token(Kind.CLOSE, ")", i + 1));
        i++;
      } else if (c == '"') {
        int close = q.indexOf('"', i + 1);
        if (close < 0) {
          throw new ParseException(q, i + 1, "unterminated phrase: expected a closing '\"'");
        }
        tokens.add(new Token(Kind.PHRASE, q.substring(i + 1, close), i + 1));
        i = close + 1;
      } else {
        int start = i;
        while (i < q.length() && !Character.isWhitespace(q.charAt(i)) && "()\"".indexOf(q.charAt(i)) < 0) {
          i++;
        }
        String word = q.substring(start, i);
        Kind kind = switch (word.toUpperCase(Locale.ROOT)) {
          case "AND" -> Kind.AND;
          case "OR" -> Kind.OR;
          case "NOT" -> Kind.NOT;
          default -> Kind.WORD;
        };
        tokens.add(new Token(kind, word, start + 1));
      }
    }
    tokens.add(new Token(Kind.END, "", q.length() + 1));
    return tokens;
  }

  /** Checks a word and makes it a term: letters and digits first, {@code *} only at the end. */
  private static Term term(String query, String word, int position) {
    boolean prefix = word.endsWith("*");
    String body = prefix ? word.substring(0, word.length() - 1) : word;
    int star = body.indexOf('*');
    if (star >= 0) {
      throw new ParseException(query, position + star,
          "a wildcard '*' is allowed only at the end of a term (prefix match), found in '" + word + "'");
    }
    if (body.isEmpty()) {
      throw new ParseException(query, position, "expected a word before '*'");
    }
    if (!WORD.matcher(body).matches()) {
      int bad = 0;
      while (bad < body.length() && (Character.isLetterOrDigit(body.charAt(bad))
          || (bad > 0 && "-'.&_".indexOf(body.charAt(bad)) >= 0))) {
        bad++;
      }
      throw new ParseException(query, position + bad, String.format(
          "unexpected character '%s' in '%s': terms hold letters, digits and - ' . & _ and start with a letter "
              + "or digit", body.charAt(Math.min(bad, body.length() - 1)), word));
    }
    return new Term(body.toLowerCase(Locale.ROOT), prefix);
  }

  private static final class Parser {
    private final String query;
    private final List<Token> tokens;
    private int next;

    Parser(String query, List<Token> tokens) {
      this.query = query;
      this.tokens = tokens;
    }

    Token peek() {
      return tokens.get(next);
    }

    Node parseOr() {
      Node left = parseAnd();
      while (peek().kind == Kind.OR) {
        next++;
        left = new Or(left, parseAnd());
      }
      return left;
    }

    Node parseAnd() {
      Node left = parseUnary();
      while (true) {
        Kind k = peek().kind;
        if (k == Kind.AND) {
          next++;
          left = new And(left, parseUnary());
        } else if (k == Kind.WORD || k == Kind.PHRASE || k == Kind.NOT || k == Kind.OPEN) {
          left = new And(left, parseUnary());
        } else {
          return left;
        }
      }
    }

    Node parseUnary() {
      if (peek().kind == Kind.NOT) {
        next++;
        return new Not(parseUnary());
      }
      return parsePrimary();
    }

    Node parsePrimary() {
      Token t = tokens.get(next++);
      switch (t.kind) {
        case OPEN -> {
          Node inner = parseOr();
          Token close = peek();
          if (close.kind != Kind.CLOSE) {
            throw new ParseException(query, close.position,
                "expected ')' to close the '(' at position " + t.position + " but found " + close.describe());
          }
          next++;
          return inner;
        }
        case WORD -> {
          return term(query, t.value, t.position);
        }
        case PHRASE -> {
          List<Term> words = new ArrayList<>();
          int offset = 0;
          for (String w : t.value.split("\\s+")) {
            if (w.isEmpty()) {
              offset++;
              continue;
            }
            int at = t.value.indexOf(w, offset);
            words.add(term(query, w, t.position + 1 + at));
            offset = at + w.length();
          }
          if (words.isEmpty()) {
            throw new ParseException(query, t.position, "empty phrase: expected words between the quotes");
          }
          return words.size() == 1 ? words.get(0) : new Phrase(List.copyOf(words));
        }
        default -> throw new ParseException(query, t.position,
            "expected a term, a \"phrase\", NOT or '(' but found " + t.describe());
      }
    }
  }
}
