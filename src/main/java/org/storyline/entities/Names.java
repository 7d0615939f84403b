package org.storyline.entities;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Pure helpers on entity names: the folded key two spellings of one name share, and the clean-up of a mention's
 * text into a name (possessives, titles and honorifics, stray punctuation). Unit- and property-tested.
 */
final class Names {
  private Names() {}

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern APOSTROPHES_AND_DOTS = Pattern.compile("['.\u2018\u2019\u02bc`\u00b4]");
  private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}&+]+");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern POSSESSIVE = Pattern.compile("(?i)['\u2019]s$");
  private static final Pattern PLURAL_POSSESSIVE = Pattern.compile("(?<=[sS])['\u2019]$");

  /**
   * Words of titles, offices and honorifics ("President", "Mr", "Prime Minister", "Secretary-General", "leader").
   * Royal and religious titles (King, Queen, Prince, Pope, Sheikh) are not in the list: they are part of how those
   * people are named ("King Charles", "Pope Francis").
   */
  static final Set<String> TITLE_WORDS = Set.of(
      "president", "vice", "prime", "minister", "premier", "chancellor", "secretary", "general", "gen", "mr", "mrs",
      "ms", "miss", "mx", "messrs", "dr", "doctor", "prof", "professor", "sir", "dame", "lord", "senator", "sen",
      "rep", "representative", "congressman", "congresswoman", "governor", "gov", "mayor", "chairman",
      "chairwoman", "chairperson", "chair", "ceo", "cfo", "coo", "chief", "executive", "director", "leader",
      "spokesman", "spokeswoman", "spokesperson", "ambassador", "envoy", "judge", "justice", "attorney",
      "commissioner", "coach", "manager", "captain", "capt", "colonel", "col", "lieutenant", "lt", "sergeant",
      "sgt", "major", "maj", "admiral", "adm", "marshal", "commander", "cmdr", "officer", "deputy", "acting",
      "former", "ex", "late", "elect", "designate", "foreign", "defence", "defense", "finance", "interior", "state",
      "trade", "treasury", "speaker", "rev", "reverend", "dictator", "strongman");

  /** Words between titles: "Secretary of State", "Minister for Trade". */
  private static final Set<String> CONNECTORS = Set.of("of", "for", "the", "and", "on", "to");

  /** Name particles, never a short form on their own ("da", "van", "bin"). */
  static final Set<String> PARTICLES = Set.of("da", "de", "del", "della", "der", "di", "do", "dos", "du", "la",
      "le", "van", "von", "den", "ter", "bin", "ibn", "al", "el", "abu", "y", "e", "mc", "st", "jr", "sr");

  /**
   * The key two spellings of one name share: accents and case dropped, apostrophes and dots removed ("U.S." = "US",
   * "O'Brien" = "OBrien"), hyphens and other punctuation made spaces ("Kim Jong-un" = "Kim Jong Un"), spaces
   * collapsed. Empty for a name without letters or digits.
   */
  static String fold(String name) {
    if (name == null) {
      return "";
    }
    String s = Normalizer.normalize(name, Normalizer.Form.NFKD);
    s = MARKS.matcher(s).replaceAll("");
    s = s.toLowerCase(Locale.ROOT)
        .replace("\u00f8", "o").replace("\u0142", "l").replace("\u00e6", "ae").replace("\u0153", "oe")
        .replace("\u00df", "ss").replace("\u0111", "d").replace("\u00fe", "th").replace("\u0131", "i");
    s = APOSTROPHES_AND_DOTS.matcher(s).replaceAll("");
    s = SEPARATORS.matcher(s).replaceAll(" ");
    return s.strip();
  }

  /** The words of a folded key. */
  static List<String> words(String key) {
    return key.isEmpty() ? List.of() : Arrays.asList(key.split(" "));
  }

  /**
   * A mention's text made a name: spaces collapsed, stray punctuation at the edges and a possessive ("Kim's",
   * "Reuters'") removed and, for people, leading titles and offices removed ("Russian President Vladimir Putin" ->
   * "Vladimir Putin", "Mr. Kim" -> "Kim", "Chinese leader Xi Jinping" -> "Xi Jinping"). May return "".
   */
  static String clean(String surface, EntityType type) {
    String s = SPACES.matcher(surface).replaceAll(" ").strip();
    s = trimEdges(s);
    s = POSSESSIVE.matcher(s).replaceAll("");
    s = PLURAL_POSSESSIVE.matcher(s).replaceAll("");
    s = trimEdges(s);
    if (type == EntityType.PERSON) {
      s = stripTitles(s);
    }
    return s;
  }

  /**
   * Removes a leading run of titles ("Prime Minister", "Mr.", "Secretary of State"), optionally preceded by up to
   * four capitalised qualifiers ("North Korean leader", "U.S. President", "Kremlin leader"), when a capitalised
   * name follows it.
   */
  static String stripTitles(String name) {
    String[] tokens = name.split(" ");
    int cut = -1;
    int qualifiers = 0;
    boolean seenTitle = false;
    for (int i = 0; i < tokens.length - 1; i++) {
      String t = tokens[i];
      if (isTitle(t)) {
        seenTitle = true;
        cut = i;
      } else if (seenTitle && CONNECTORS.contains(t)) {
        continue;
      } else if (!seenTitle && isCapitalised(t) && qualifiers < 4) {
        qualifiers++;
      } else if (seenTitle && isCapitalised(t) && i + 1 < tokens.length - 1 && isTitle(tokens[i + 1])) {
        continue; // "Secretary of State", "Minister for Foreign Affairs": capitalised words inside the office
      } else {
        break;
      }
    }
    if (cut < 0 || !isCapitalised(tokens[cut + 1])) {
      return name;
    }
    return String.join(" ", Arrays.copyOfRange(tokens, cut + 1, tokens.length));
  }

  /** Whether every word of a token is a title word ("Mr.", "President", "Secretary-General"). */
  static boolean isTitle(String token) {
    List<String> words = words(fold(token));
    return !words.isEmpty() && TITLE_WORDS.containsAll(words);
  }

  /**
   * Whether a cleaned name is junk rather than a name: empty, a single character, no upper-case letter at all
   * (the model rarely tags a lower-case word rightly), only titles ("President"), or only particles.
   */
  static boolean isJunk(String name) {
    String key = fold(name);
    if (key.length() < 2 || name.codePoints().noneMatch(Character::isUpperCase)) {
      return true;
    }
    List<String> words = words(key);
    return TITLE_WORDS.containsAll(words) || PARTICLES.containsAll(words);
  }

  /** Whether {@code part}'s words are a contiguous, shorter run of {@code whole}'s words. */
  static boolean isProperPart(List<String> part, List<String> whole) {
    if (part.isEmpty() || part.size() >= whole.size()) {
      return false;
    }
    return java.util.Collections.indexOfSubList(whole, part) >= 0;
  }

  /** Whether a short form can stand for a person on its own: some word of it is not a particle. */
  static boolean canBeShortForm(List<String> words) {
    return !words.isEmpty() && !PARTICLES.containsAll(words);
  }

  private static boolean isCapitalised(String token) {
    return !token.isEmpty() && (Character.isUpperCase(token.codePointAt(0)) || Character.isDigit(token.charAt(0)));
  }

  private static String trimEdges(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && !Character.isLetterOrDigit(s.charAt(start))) {
      start++;
    }
    while (end > start && !Character.isLetterOrDigit(s.charAt(end - 1)) && s.charAt(end - 1) != '.') {
      end--;
    }
    return s.substring(start, end).strip();
  }

  /** The words of a name as written (for tests and messages). */
  static List<String> tokens(String name) {
    return new ArrayList<>(Arrays.asList(SPACES.split(name.strip())));
  }
}
