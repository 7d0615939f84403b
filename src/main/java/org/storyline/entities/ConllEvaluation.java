package org.storyline.entities;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.storyline.config.ConfigException;
import org.storyline.config.EntitiesConfig;

/**
 * Entity-level evaluation on CoNLL-2003-format files, scored as {@code conlleval} scores: a predicted entity counts
 * only if its span and type both equal a gold entity's. Reads one token per line ({@code TOKEN ... TAG}, the tag
 * in the last column, IOB1, IOB2 or IOBES), blank lines between sentences, {@code -DOCSTART-} lines ignored. The
 * gold tokens are classified sentence by sentence by the same classifier(s) and mention clean-up as the pipeline
 * ({@link NerTagger}); only the tokenizer and sentence splitter are bypassed, as the gold spans refer to the gold
 * tokens.
 */
public final class ConllEvaluation {
  private ConllEvaluation() {}

  private static final Pattern COLUMNS = Pattern.compile("\\s+");

  /** One sentence of a CoNLL file: its tokens and tags. */
  record Sentence(List<String> words, List<String> tags) {}

  /** Counts for one entity type. */
  public record Counts(long gold, long predicted, long correct) {
    public double precision() {
      return predicted == 0 ? 0 : (double) correct / predicted;
    }

    public double recall() {
      return gold == 0 ? 0 : (double) correct / gold;
    }

    public double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    Counts plus(Counts o) {
      return new Counts(gold + o.gold, predicted + o.predicted, correct + o.correct);
    }
  }

  /** The result: counts per type (CoNLL names: PER, ORG, LOC, MISC, or the file's own), tokens and time. */
  public record Result(Map<String, Counts> byType, long sentences, long tokens, double seconds) {
    public Counts micro() {
      return byType.values().stream().reduce(new Counts(0, 0, 0), Counts::plus);
    }

    public double tokensPerSecond() {
      return seconds == 0 ? 0 : tokens / seconds;
    }
  }

  /** Evaluates the configured model(s) on the files. */
  public static Result evaluate(List<Path> files, EntitiesConfig config) {
    List<Sentence> sentences = new ArrayList<>();
    for (Path file : files) {
      sentences.addAll(read(file));
    }
    NerModels.check(config.models());
    NerTagger tagger = new NerTagger(NerModels.get(config.models()), Integer.MAX_VALUE, Integer.MAX_VALUE);
    return score(sentences, tagger::classifyWords);
  }

  /** The report {@code storyline eval ner --conll} prints. */
  public static String format(Result result, List<Path> files, List<String> models) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(java.util.Locale.ROOT, "CoNLL evaluation: %d file(s), %,d sentences, %,d tokens%n",
        files.size(), result.sentences(), result.tokens()));
    sb.append("model(s): ").append(String.join(", ", models)).append('\n');
    sb.append(String.format(java.util.Locale.ROOT, "%-6s %8s %9s %8s %9s %7s %7s%n",
        "type", "gold", "predicted", "correct", "precision", "recall", "F1"));
    result.byType().forEach((type, c) -> sb.append(row(type, c)));
    sb.append(row("micro", result.micro()));
    sb.append(String.format(java.util.Locale.ROOT,
        "speed: %,.0f tokens/s on one thread (classification of gold tokens; %.1f s)%n",
        result.tokensPerSecond(), result.seconds()));
    return sb.toString();
  }

  private static String row(String type, Counts c) {
    return String.format(java.util.Locale.ROOT, "%-6s %8d %9d %8d %9.4f %7.4f %7.4f%n",
        type, c.gold(), c.predicted(), c.correct(), c.precision(), c.recall(), c.f1());
  }

  /** Scores a labeller (the type of each word, null for none) on gold sentences. */
  static Result score(List<Sentence> sentences, Function<List<String>, EntityType[]> labeller) {
    Map<String, long[]> counts = new TreeMap<>();
    long tokens = 0;
    long nanos = 0;
    for (Sentence s : sentences) {
      long start = System.nanoTime();
      EntityType[] labels = labeller.apply(s.words());
      nanos += System.nanoTime() - start;
      tokens += s.words().size();
      Set<String> predicted = new HashSet<>();
      for (NerTagger.Span span
          : NerTagger.spans(s.words().stream().map(edu.stanford.nlp.ling.Word::new).toList(), labels)) {
        predicted.add(span.start() + ":" + span.end() + ":" + span.type().conll());
      }
      Set<String> gold = new HashSet<>(goldSpans(s.tags()));
      for (String g : gold) {
        counts.computeIfAbsent(type(g), t -> new long[3])[0]++;
      }
      for (String p : predicted) {
        long[] c = counts.computeIfAbsent(type(p), t -> new long[3]);
        c[1]++;
        if (gold.contains(p)) {
          c[2]++;
        }
      }
    }
    Map<String, Counts> byType = new TreeMap<>();
    counts.forEach((type, c) -> byType.put(type, new Counts(c[0], c[1], c[2])));
    return new Result(byType, sentences.size(), tokens, nanos / 1e9);
  }

  /** Reads a CoNLL file into sentences; a line whose last column is not a tag is a {@link ConfigException}. */
  static List<Sentence> read(Path file) {
    List<Sentence> sentences = new ArrayList<>();
    List<String> words = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      long number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("-DOCSTART-")) {
          if (!words.isEmpty()) {
            sentences.add(new Sentence(List.copyOf(words), List.copyOf(tags)));
            words.clear();
            tags.clear();
          }
          continue;
        }
        String[] columns = COLUMNS.split(trimmed);
        String tag = columns[columns.length - 1];
        if (columns.length < 2 || !(tag.equals("O") || tag.matches("[BIES]-\\S+"))) {
          throw new ConfigException(String.format(
              "--conll %s line %d: expected 'TOKEN ... TAG' with TAG O or B-/I-/E-/S-TYPE, got: %s", file, number,
              line));
        }
        words.add(columns[0]);
        tags.add(tag);
      }
      if (!words.isEmpty()) {
        sentences.add(new Sentence(List.copyOf(words), List.copyOf(tags)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return sentences;
  }

  /**
   * The gold entities of a sentence as {@code start:end:TYPE}, by conlleval's rules: an entity starts at B- or S-,
   * or at I-/E- after O, after the end of an entity (E-, S-) or after another type (IOB1); it ends before O, B-,
   * S- or another type, or after E- or S-. Types are given their CoNLL names where they are ours (PERSON -> PER).
   */
  static List<String> goldSpans(List<String> tags) {
    List<String> spans = new ArrayList<>();
    int start = -1;
    String type = null;
    String prevPrefix = "O";
    for (int i = 0; i <= tags.size(); i++) {
      String tag = i < tags.size() ? tags.get(i) : "O";
      String prefix = tag.equals("O") ? "O" : tag.substring(0, 1);
      String t = tag.equals("O") ? null : conllType(tag.substring(2));
      boolean startsHere = t != null && (prefix.equals("B") || prefix.equals("S") || prevPrefix.equals("O")
          || prevPrefix.equals("E") || prevPrefix.equals("S") || !t.equals(type));
      if (start >= 0 && (t == null || startsHere)) {
        spans.add(start + ":" + i + ":" + type);
        start = -1;
      }
      if (startsHere) {
        start = i;
      }
      type = t;
      prevPrefix = prefix;
    }
    return spans;
  }

  private static String conllType(String type) {
    return EntityType.parse(type).map(EntityType::conll).orElse(type);
  }

  private static String type(String span) {
    return span.substring(span.lastIndexOf(':') + 1);
  }
}
