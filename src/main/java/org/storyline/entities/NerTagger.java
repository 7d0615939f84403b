package org.storyline.entities;

import edu.stanford.nlp.ie.crf.CRFClassifier;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.ling.HasWord;
import edu.stanford.nlp.ling.Word;
import edu.stanford.nlp.process.CoreLabelTokenFactory;
import edu.stanford.nlp.process.PTBTokenizer;
import edu.stanford.nlp.process.TokenizerFactory;
import edu.stanford.nlp.process.WordToSentenceProcessor;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Named-entity recognition on one text with Stanford CoreNLP's CRF classifier called directly: PTB tokenizer, then
 * the sentence splitter, then {@code classifySentence} on each sentence (which prepares the features the model was
 * trained with). No POS tagger, lemmatizer or rule-based annotators: that is what makes it about 4x faster than the
 * full {@code StanfordCoreNLP} pipeline.
 *
 * <ul>
 *   <li>Paragraphs (the cleaned text separates them with a blank line) are tokenized one by one, sentences are
 *       classified one by one and over-long sentences in pieces, so memory per article stays small whatever its
 *       length; only the first {@code maxChars} characters are analysed.</li>
 *   <li>Tokenizer options: hyphenated words stay whole ("Kim Jong-un" is two tokens, as in the CoNLL training data),
 *       no PTB escaping of brackets, ASCII quotes (as in CoNLL), unknown characters kept; offsets refer to the
 *       text given.</li>
 *   <li>Leading determiners and pronouns, and trailing possessive clitics, are trimmed from mentions; a mention
 *       that is only such words, or has no letter, is dropped.</li>
 *   <li>An organisation the model runs over an office and a name, "Fed Chairman Jerome Powell", is split into the
 *       organisation and the person ({@link #splitAtOffice}).</li>
 * </ul>
 *
 * Not thread-safe (one per task); the classifiers it holds are shared (see {@link NerModels}).
 */
final class NerTagger {

  /** PTBTokenizer options; see the class comment. */
  static final String TOKENIZER_OPTIONS = "invertible=false,splitHyphenated=false,splitForwardSlash=false,"
      + "normalizeParentheses=false,normalizeOtherBrackets=false,quotes=ascii,ellipses=original,dashes=original,"
      + "americanize=false,normalizeFractions=false,normalizeAmpersandEntity=false,untokenizable=noneKeep";

  private static final Set<String> DETERMINERS_AND_PRONOUNS = Set.of(
      "the", "a", "an", "this", "that", "these", "those", "some", "any", "each", "every", "no", "another", "all",
      "both", "i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours", "he", "him", "his", "she",
      "her", "hers", "it", "its", "they", "them", "their", "theirs", "who", "whom", "whose", "which", "what",
      "myself", "ourselves", "yourself", "yourselves", "himself", "herself", "itself", "themselves");
  /** Lower-case words that belong inside people's names ("Ursula von der Leyen", "Zine al-Abidine"). */
  static final Set<String> NAME_PARTICLES = Set.of("da", "das", "de", "del", "della", "degli", "dei", "der", "des",
      "di", "do", "dos", "du", "la", "le", "lo", "van", "von", "zu", "den", "ten", "ter", "bin", "bint", "ibn", "al",
      "el", "ul", "wa", "y", "e", "dal", "st", "mac", "ben", "af", "av");
  private static final Set<String> POSSESSIVE_CLITICS = Set.of("'s", "'", "\u2019s", "\u2019", "'S");
  /**
   * Offices written, capitalised, between an organisation and a person ("Fed Chairman Jerome Powell"); the model
   * sometimes tags the three as one organisation. Conservative: not "General" ("General Motors") nor "Executive"
   * ("Health Service Executive"), which are often part of an organisation's name.
   */
  static final Set<String> OFFICE_WORDS = Set.of("Governor", "Chairman", "Chairwoman", "Chair", "President", "CEO",
      "CFO", "COO", "Spokesman", "Spokeswoman", "Spokesperson", "Minister", "Secretary", "Director", "Ambassador",
      "Commissioner", "Economist", "Analyst", "Founder", "Chancellor", "Senator", "Treasurer", "Editor", "Coach",
      "Manager");
  /**
   * Words that make an office with the office word after them ("Vice Chairman", "Prime Minister", "General
   * Manager"), never alone: so "General Motors" and "General Electric" are not offices. Not "Co": in "Ford Motor Co
   * Chairman" it ends the company's name ("Co-Founder" is one token, see {@link #isOfficeWord}).
   */
  static final Set<String> OFFICE_QUALIFIERS = Set.of("Vice", "Deputy", "Assistant", "Acting", "Interim", "Senior",
      "Managing", "General", "Prime", "Chief");
  /** The words after "Chief" that make an office without an office word: "Chief Executive (Officer)". */
  static final Set<String> CHIEF_ROLES = Set.of("Executive", "Financial", "Operating", "Investment", "Technology");
  /** Words that end companies' names: after an "office" they show it was part of a name ("American President Cos"). */
  static final Set<String> COMPANY_SUFFIXES = Set.of("Inc", "Inc.", "Corp", "Corp.", "Corporation", "Co", "Co.",
      "Cos", "Cos.", "Company", "Ltd", "Ltd.", "Limited", "Plc", "PLC", "LLC", "AG", "SA", "NV", "Group", "Holdings",
      "Systems", "Industries", "Partners", "International");

  /** The models' labels as our types (a handful of strings: parsed once). */
  private static final Map<String, Optional<EntityType>> LABELS = new ConcurrentHashMap<>();

  private final List<CRFClassifier<CoreLabel>> classifiers;
  private final List<Set<EntityType>> typesByModel;
  private final int maxSentenceTokens;
  private final int maxChars;
  private final TokenizerFactory<CoreLabel> tokenizers =
      PTBTokenizer.factory(new CoreLabelTokenFactory(), TOKENIZER_OPTIONS);
  private final WordToSentenceProcessor<CoreLabel> splitter = new WordToSentenceProcessor<>();

  /** What the tagger found in one text. */
  record Tagged(List<Mention> mentions, int tokens, int sentences, boolean truncated) {}

  /** A mention in a labelled sentence: tokens {@code [start, end)} and its type. */
  record Span(int start, int end, EntityType type) {}

  NerTagger(List<CRFClassifier<CoreLabel>> classifiers, int maxSentenceTokens, int maxChars) {
    this.classifiers = List.copyOf(classifiers);
    this.typesByModel = classifiers.stream().map(NerTagger::types).toList();
    this.maxSentenceTokens = maxSentenceTokens;
    this.maxChars = maxChars;
  }

  /** Recognizes the entities of one text; offsets refer to {@code text}. */
  Tagged tag(String text) {
    List<Mention> mentions = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return new Tagged(mentions, 0, 0, false);
    }
    boolean truncated = text.length() > maxChars;
    int limit = truncated ? cutPoint(text, maxChars) : text.length();
    int tokens = 0;
    int sentence = 0;
    int pos = 0;
    while (pos < limit) {
      int br = text.indexOf("\n\n", pos);
      int end = br < 0 || br > limit ? limit : br;
      if (end > pos) {
        String paragraph = text.substring(pos, end);
        List<CoreLabel> words = tokenizers.getTokenizer(new StringReader(paragraph)).tokenize();
        tokens += words.size();
        for (List<CoreLabel> s : splitter.process(words)) {
          for (int from = 0; from < s.size(); from += maxSentenceTokens) {
            List<CoreLabel> piece = s.subList(from, Math.min(s.size(), from + maxSentenceTokens));
            EntityType[] labels = classify(piece);
            for (Span span : spans(piece, labels)) {
              int begin = pos + piece.get(span.start()).beginPosition();
              int stop = pos + piece.get(span.end() - 1).endPosition();
              String surface = text.substring(begin, stop);
              EntityType type = isDateline(text, begin, stop, surface) ? EntityType.LOCATION : span.type();
              mentions.add(new Mention(sentence, type, surface, begin, stop));
            }
            sentence++;
          }
        }
      }
      pos = end + 2;
    }
    return new Tagged(mentions, tokens, sentence, truncated);
  }

  /**
   * Whether a mention is a wire-copy dateline: the all-capital place at the very start of the text, followed by
   * an agency in brackets, a comma or a dash ("SAN FRANCISCO (Reuters) -", "GENEVA, Sept 3 -"). The model often
   * takes those for organisations.
   */
  static boolean isDateline(String text, int begin, int end, String surface) {
    if (begin != 0 || !surface.equals(surface.toUpperCase(Locale.ROOT))
        || surface.codePoints().noneMatch(Character::isLetter)) {
      return false;
    }
    int i = end;
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    return i < text.length() && "(,-\u2013\u2014".indexOf(text.charAt(i)) >= 0;
  }

  /** The entity type of each word (null for none), for words tokenized elsewhere (CoNLL files). */
  EntityType[] classifyWords(List<String> words) {
    List<HasWord> sentence = new ArrayList<>(words.size());
    for (String w : words) {
      sentence.add(new Word(w));
    }
    return classify(sentence);
  }

  /**
   * The type of each token: the first model's labels, then each later model's entities of types no earlier model
   * produces, where all their tokens are still unlabelled (CoreNLP's ClassifierCombiner, NORMAL mode).
   */
  private EntityType[] classify(List<? extends HasWord> sentence) {
    EntityType[] merged = null;
    EnumSet<EntityType> covered = EnumSet.noneOf(EntityType.class);
    for (int m = 0; m < classifiers.size(); m++) {
      List<CoreLabel> out = classifiers.get(m).classifySentence(sentence);
      EntityType[] labels = new EntityType[out.size()];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = LABELS.computeIfAbsent(out.get(i).get(CoreAnnotations.AnswerAnnotation.class),
            label -> EntityType.parse(label)).orElse(null);
      }
      if (merged == null) {
        merged = labels;
      } else {
        for (int[] run : runs(labels)) {
          EntityType type = labels[run[0]];
          if (!covered.contains(type)
              && Arrays.stream(merged, run[0], run[1]).allMatch(t -> t == null)) {
            Arrays.fill(merged, run[0], run[1], type);
          }
        }
      }
      covered.addAll(typesByModel.get(m));
    }
    return merged;
  }

  /**
   * The mentions in a labelled sentence: maximal runs of one type (the models use IO labels), an organisation or
   * MISC run split around an office ({@link #splitAtOffice}), split at tokens that cannot be inside a name ({@code ;}
   * and {@code |} in any type; for PERSON, a lower-case word that is not a name particle such as "de", "van", "bin",
   * "al-": the model sometimes runs two names together, "Xi Jinping hosted Kim Jong-un"), each piece trimmed of
   * leading determiners and pronouns and trailing possessive clitics, and dropped if nothing with a letter is left.
   */
  static List<Span> spans(List<? extends HasWord> tokens, EntityType[] labels) {
    List<Span> spans = new ArrayList<>();
    for (int[] run : runs(labels)) {
      for (Span part : splitAtOffice(tokens, new Span(run[0], run[1], labels[run[0]]))) {
        addPieces(tokens, part, spans);
      }
    }
    return spans;
  }

  /**
   * An ORGANIZATION or MISC run that holds an office after its first token, "Bank of England Governor Andrew
   * Bailey", as the organisation before the office (of the run's type: the model's, so a MISC "Russian" before
   * "President" stays MISC) and the PERSON after it; the office itself is neither. An office is an optional run of
   * {@link #OFFICE_QUALIFIERS}, then an {@link #OFFICE_WORDS office word} or "Chief" with one of
   * {@link #CHIEF_ROLES} (and "Officer"), then any further office words and capitalised title words
   * ({@link Names#isTitle}: "Secretary General", "Commission President Justice Barry Maddern"), and an office after
   * "and" ("Chairman and CEO"). When the office ends the run, or runs on past its end ("Goldman Sachs Chief" before
   * an unlabelled "Executive"), only the organisation is kept: "Bank of England Governor" is "Bank of England". The
   * first office that qualifies splits the run: the word before it is not in lower case ("Office of the President"
   * is a name), the part before has a word that is not a determiner or qualifier ("The Economist Group" is a name),
   * the word after it, inside the run, is capitalised ("UN High Commissioner for Refugees" is a name) and no word
   * after it ends a company's name ("American President Cos Ltd"). Any other run is returned whole.
   */
  static List<Span> splitAtOffice(List<? extends HasWord> tokens, Span run) {
    if (run.type() != EntityType.ORGANIZATION && run.type() != EntityType.MISC) {
      return List.of(run);
    }
    int i = run.start() + 1;
    while (i < run.end()) {
      int officeEnd = officeEnd(tokens, i);
      if (officeEnd == i) {
        i++;
        continue;
      }
      if (canPrecedeOffice(tokens, run.start(), i)) {
        Span organisation = new Span(run.start(), i, run.type());
        if (officeEnd >= run.end()) {
          return List.of(organisation);
        }
        if (isCapitalised(tokens.get(officeEnd).word()) && !hasCompanySuffix(tokens, officeEnd, run.end())) {
          return List.of(organisation, new Span(officeEnd, run.end(), EntityType.PERSON));
        }
      }
      i = officeEnd; // never split inside an office: "The Vice Chairman" does not leave "The Vice"
    }
    return List.of(run);
  }

  /**
   * The end of the office that starts at token {@code i} ({@link #splitAtOffice} says what an office is), or
   * {@code i} if none does. Words match exactly, so only capitalised offices count; a hyphenated word counts as an
   * office word if its parts are office words, qualifiers or "Co", one an office word ("Co-Founder",
   * "Secretary-General"). The office may run past the end of the run it starts in.
   */
  static int officeEnd(List<? extends HasWord> tokens, int i) {
    int j = i;
    while (j < tokens.size() && OFFICE_QUALIFIERS.contains(tokens.get(j).word())) {
      j++;
    }
    if (j < tokens.size() && isOfficeWord(tokens.get(j).word())) {
      j++;
    } else if (j > i && tokens.get(j - 1).word().equals("Chief") && j < tokens.size()
        && CHIEF_ROLES.contains(tokens.get(j).word())) {
      j++;
      if (j < tokens.size() && tokens.get(j).word().equals("Officer")) {
        j++;
      }
    } else {
      return i;
    }
    while (j < tokens.size() && (isOfficeWord(tokens.get(j).word())
        || isCapitalised(tokens.get(j).word()) && Names.isTitle(tokens.get(j).word()))) {
      j++;
    }
    if (j + 1 < tokens.size() && (tokens.get(j).word().equals("and") || tokens.get(j).word().equals("&"))) {
      int next = officeEnd(tokens, j + 1);
      if (next > j + 1) {
        return next;
      }
    }
    return j;
  }

  /** Whether a word is an office word, or an office word hyphenated ("Co-Founder", "Vice-President"). */
  static boolean isOfficeWord(String word) {
    if (OFFICE_WORDS.contains(word)) {
      return true;
    }
    if (word.indexOf('-') < 0) {
      return false;
    }
    List<String> parts = Arrays.asList(word.split("-", -1));
    return parts.stream().anyMatch(OFFICE_WORDS::contains) && parts.stream().allMatch(
        p -> OFFICE_WORDS.contains(p) || OFFICE_QUALIFIERS.contains(p) || p.equals("Co"));
  }

  /**
   * Whether tokens {@code [start, office)} can be the organisation before an office: the last is not in lower case
   * and one has a letter and is neither a determiner or pronoun nor a qualifier ("Assistant Treasurer" is one
   * office).
   */
  private static boolean canPrecedeOffice(List<? extends HasWord> tokens, int start, int office) {
    String last = tokens.get(office - 1).word();
    if (!last.isEmpty() && Character.isLowerCase(last.codePointAt(0))) {
      return false;
    }
    for (int j = start; j < office; j++) {
      String w = tokens.get(j).word();
      if (w.codePoints().anyMatch(Character::isLetter) && !OFFICE_QUALIFIERS.contains(w)
          && !DETERMINERS_AND_PRONOUNS.contains(w.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasCompanySuffix(List<? extends HasWord> tokens, int start, int end) {
    for (int j = start; j < end; j++) {
      if (COMPANY_SUFFIXES.contains(tokens.get(j).word())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isCapitalised(String word) {
    return !word.isEmpty() && Character.isUpperCase(word.codePointAt(0));
  }

  /**
   * Adds the pieces of one run (or part of one) to {@code spans}: split where {@link #breaksName}, trimmed of
   * leading determiners and pronouns and trailing possessive clitics, dropped without a letter.
   */
  private static void addPieces(List<? extends HasWord> tokens, Span run, List<Span> spans) {
    int pieceStart = run.start();
    for (int i = run.start(); i <= run.end(); i++) {
      if (i < run.end() && !breaksName(tokens.get(i).word(), run.type())) {
        continue;
      }
      int start = pieceStart;
      int end = i;
      pieceStart = i + 1;
      while (start < end && isDeterminerOrPronoun(tokens.get(start).word(), start == 0)) {
        start++;
      }
      while (end > start && POSSESSIVE_CLITICS.contains(tokens.get(end - 1).word())) {
        end--;
      }
      boolean hasLetter = false;
      for (int j = start; j < end && !hasLetter; j++) {
        hasLetter = tokens.get(j).word().codePoints().anyMatch(Character::isLetter);
      }
      if (hasLetter) {
        spans.add(new Span(start, end, run.type()));
      }
    }
  }

  /** Whether a token inside a run of one label separates two names rather than belonging to one. */
  static boolean breaksName(String word, EntityType type) {
    if (word.equals(";") || word.equals("|")) {
      return true;
    }
    if (type != EntityType.PERSON || word.isEmpty() || !Character.isLowerCase(word.codePointAt(0))) {
      return false;
    }
    int hyphen = word.indexOf('-');
    String head = hyphen > 0 ? word.substring(0, hyphen) : word;
    return !NAME_PARTICLES.contains(head);
  }

  /** Maximal runs of equal non-null labels, as {@code [start, end)}. */
  static List<int[]> runs(EntityType[] labels) {
    List<int[]> runs = new ArrayList<>();
    int i = 0;
    while (i < labels.length) {
      if (labels[i] == null) {
        i++;
        continue;
      }
      int j = i + 1;
      while (j < labels.length && labels[j] == labels[i]) {
        j++;
      }
      runs.add(new int[] {i, j});
      i = j;
    }
    return runs;
  }

  /**
   * Whether a word opening a mention is a determiner or pronoun to trim: in lower case always ("the Kremlin"); 
   * capitalised only at the start of a sentence ("The Kremlin said"), because elsewhere a capitalised "The", "All"
   * or "An" is part of the name ("The Hague", "All Blacks"), as in the CoNLL annotation. All-capital words ("US",
   * "IT", "WHO") are names, not pronouns.
   */
  static boolean isDeterminerOrPronoun(String word, boolean sentenceStart) {
    String lower = word.toLowerCase(Locale.ROOT);
    if (!DETERMINERS_AND_PRONOUNS.contains(lower)) {
      return false;
    }
    if (word.equals(lower)) {
      return true;
    }
    boolean capitalised = word.length() == 1 || word.substring(1).equals(lower.substring(1));
    return capitalised && sentenceStart;
  }

  /** The types a classifier can produce. */
  private static Set<EntityType> types(CRFClassifier<CoreLabel> classifier) {
    EnumSet<EntityType> types = EnumSet.noneOf(EntityType.class);
    for (String label : classifier.classIndex) {
      EntityType.parse(label).ifPresent(types::add);
    }
    return types;
  }

  /** Where to cut a text at most {@code max} characters long: the last whitespace before it, if any is near. */
  private static int cutPoint(String text, int max) {
    for (int i = max; i > Math.max(0, max - 200); i--) {
      if (Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return max;
  }
}
