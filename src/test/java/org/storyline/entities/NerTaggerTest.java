package org.storyline.entities;

import static org.assertj.core.api.Assertions.assertThat;

import edu.stanford.nlp.ling.Word;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.storyline.config.EntitiesConfig;
import org.storyline.config.Settings;

class NerTaggerTest {

  private static final EntitiesConfig CONFIG = EntitiesConfig.from(Settings.defaults());

  static NerTagger tagger(int maxSentenceTokens, int maxChars) {
    return new NerTagger(NerModels.get(CONFIG.models()), maxSentenceTokens, maxChars);
  }

  private static List<String> found(NerTagger.Tagged tagged) {
    return tagged.mentions().stream().map(m -> m.surface() + "/" + m.type()).toList();
  }

  @Test
  void hyphenatedNamesStayWholeAndOffsetsPointIntoTheText() {
    String text = "Aides to North Korean leader Kim Jong-un wiped down the chair after his talks with Russian "
        + "President Vladimir Putin in Beijing.";
    NerTagger.Tagged tagged = tagger(250, 200_000).tag(text);
    assertThat(found(tagged)).as("mentions").contains("Kim Jong-un/PERSON", "Vladimir Putin/PERSON",
        "Beijing/LOCATION");
    for (Mention m : tagged.mentions()) {
      assertThat(text.substring(m.begin(), m.end())).as("offsets of " + m.surface()).isEqualTo(m.surface());
    }
    assertThat(tagged.sentences()).as("one sentence").isEqualTo(1);
    assertThat(tagged.tokens()).as("tokens: Jong-un is one").isEqualTo(22);
  }

  @Test
  void sentencesAndParagraphsAreNumberedAcrossTheArticle() {
    String text = "Kim Jong-un met Vladimir Putin. They spoke for hours.\n\nChinese President Xi Jinping hosted the "
        + "parade in Beijing.";
    NerTagger.Tagged tagged = tagger(250, 200_000).tag(text);
    assertThat(tagged.sentences()).as("sentences").isEqualTo(3);
    assertThat(tagged.mentions()).as("Xi Jinping is in the third sentence")
        .filteredOn(m -> m.surface().equals("Xi Jinping")).singleElement()
        .satisfies(m -> {
          assertThat(m.sentence()).as("sentence").isEqualTo(2);
          assertThat(m.begin()).as("offset after the blank line").isEqualTo(text.indexOf("Xi Jinping"));
        });
  }

  @Test
  void pronounsAndDeterminersAreNotMentions() {
    List<Word> words = Arrays.stream("He said the Kremlin and The Hague and his Acme".split(" ")).map(Word::new)
        .toList();
    EntityType o = null;
    EntityType[] labels = {EntityType.PERSON, o, EntityType.LOCATION, EntityType.LOCATION, o,
        EntityType.LOCATION, EntityType.LOCATION, o, EntityType.ORGANIZATION, EntityType.ORGANIZATION};
    assertThat(NerTagger.spans(words, labels))
        .as("'He' dropped; 'the' trimmed; mid-sentence 'The' of The Hague kept; 'his' trimmed")
        .containsExactly(new NerTagger.Span(3, 4, EntityType.LOCATION), new NerTagger.Span(5, 7, EntityType.LOCATION),
            new NerTagger.Span(9, 10, EntityType.ORGANIZATION));
  }

  @Test
  void runsAreSplitWhereNamesCannotContinue() {
    List<Word> words = Arrays.stream("Xi Jinping hosted Kim Jong-un ; Ursula von der Leyen".split(" "))
        .map(Word::new).toList();
    EntityType[] labels = new EntityType[words.size()];
    Arrays.fill(labels, EntityType.PERSON);
    assertThat(NerTagger.spans(words, labels)).as("split at 'hosted' and ';', not at 'von der'")
        .containsExactly(new NerTagger.Span(0, 2, EntityType.PERSON), new NerTagger.Span(3, 5, EntityType.PERSON),
            new NerTagger.Span(6, 10, EntityType.PERSON));
  }

  /**
   * The spans of a hand-labelled sentence as {@code "start-end words/TYPE"}; {@code codes} has one letter per
   * token: O organisation, M misc, P person, L location, {@code .} none.
   */
  private static List<String> spansOf(String sentence, String codes) {
    List<Word> words = Arrays.stream(sentence.split(" ")).map(Word::new).toList();
    assertThat(codes).as("one code per token of '%s'", sentence).hasSize(words.size());
    EntityType[] labels = new EntityType[words.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = switch (codes.charAt(i)) {
        case 'O' -> EntityType.ORGANIZATION;
        case 'M' -> EntityType.MISC;
        case 'P' -> EntityType.PERSON;
        case 'L' -> EntityType.LOCATION;
        default -> null;
      };
    }
    return NerTagger.spans(words, labels).stream().map(s -> s.start() + "-" + s.end() + " "
        + String.join(" ", words.subList(s.start(), s.end()).stream().map(Word::word).toList()) + "/" + s.type())
        .toList();
  }

  @Test
  void anOfficeInsideAnOrganisationRunSplitsItIntoTheOrganisationAndThePerson() {
    assertThat(spansOf("Bank of England Governor Andrew Bailey said", "OOOOOO."))
        .as("office word").containsExactly("0-3 Bank of England/ORGANIZATION", "4-6 Andrew Bailey/PERSON");
    assertThat(spansOf("Fed Chairman Jerome Powell", "OOOO"))
        .as("one-word organisation").containsExactly("0-1 Fed/ORGANIZATION", "2-4 Jerome Powell/PERSON");
    assertThat(spansOf("Apple Chief Executive Tim Cook", "OOOOO"))
        .as("Chief Executive").containsExactly("0-1 Apple/ORGANIZATION", "3-5 Tim Cook/PERSON");
    assertThat(spansOf("JPMorgan Chief Executive Officer Jamie Dimon", "OOOOOO"))
        .as("Chief Executive Officer").containsExactly("0-1 JPMorgan/ORGANIZATION", "4-6 Jamie Dimon/PERSON");
    assertThat(spansOf("Goldman Sachs Chief Economist Jan Hatzius", "OOOOOO"))
        .as("qualifier and office word").containsExactly("0-2 Goldman Sachs/ORGANIZATION",
            "4-6 Jan Hatzius/PERSON");
    assertThat(spansOf("UN Secretary General Antonio Guterres", "OOOOO"))
        .as("General after an office word").containsExactly("0-1 UN/ORGANIZATION", "3-5 Antonio Guterres/PERSON");
    assertThat(spansOf("Microsoft Co-Founder Bill Gates", "OOOO"))
        .as("hyphenated office").containsExactly("0-1 Microsoft/ORGANIZATION", "2-4 Bill Gates/PERSON");
    assertThat(spansOf("Ford Motor Co Chairman Donald Petersen", "OOOOOO"))
        .as("'Co' stays with the company").containsExactly("0-3 Ford Motor Co/ORGANIZATION",
            "4-6 Donald Petersen/PERSON");
    assertThat(spansOf("Bank of America Chairman and CEO Brian Moynihan", "OOOOOOOO"))
        .as("offices joined by 'and'").containsExactly("0-3 Bank of America/ORGANIZATION",
            "6-8 Brian Moynihan/PERSON");
    assertThat(spansOf("Commission President Justice Barry Maddern", "OOOPP"))
        .as("a title word after the office, then the PERSON run").containsExactly("0-1 Commission/ORGANIZATION",
            "3-5 Barry Maddern/PERSON");
    assertThat(spansOf("Overseas Union General Manager Loh Hoon Sun", "OOOOOOO"))
        .as("'General' as a qualifier").containsExactly("0-2 Overseas Union/ORGANIZATION",
            "4-7 Loh Hoon Sun/PERSON");
    assertThat(spansOf("General Motors Chairman Mary Barra", "OOOOO"))
        .as("'General' opening the name is not an office")
        .containsExactly("0-2 General Motors/ORGANIZATION", "3-5 Mary Barra/PERSON");
  }

  @Test
  void theOrganisationIsKeptWhenTheOfficeEndsTheRun() {
    assertThat(spansOf("Bank of England Governor said", "OOOO."))
        .as("office word last").containsExactly("0-3 Bank of England/ORGANIZATION");
    assertThat(spansOf("Samsung Electronics Vice Chairman Lee Jae-yong", "OOO.PP"))
        .as("office running past the run").containsExactly("0-2 Samsung Electronics/ORGANIZATION",
            "4-6 Lee Jae-yong/PERSON");
  }

  @Test
  void thePartAfterTheOfficeIsSplitAsAPersonAndAMiscRunKeepsItsType() {
    assertThat(spansOf("Apple CEO Tim Cook hosted Satya Nadella", "OOOOOOO"))
        .as("split at the lower-case word as any PERSON run")
        .containsExactly("0-1 Apple/ORGANIZATION", "2-4 Tim Cook/PERSON", "5-7 Satya Nadella/PERSON");
    assertThat(spansOf("Russian President Vladimir Putin", "MMMM"))
        .as("MISC before the office").containsExactly("0-1 Russian/MISC", "2-4 Vladimir Putin/PERSON");
  }

  @Test
  void namesWithoutAnOfficeBetweenTwoNamesAreNotSplit() {
    assertThat(spansOf("General Motors said", "OO.")).as("General Motors")
        .containsExactly("0-2 General Motors/ORGANIZATION");
    assertThat(spansOf("Bank of England said", "OOO.")).as("Bank of England")
        .containsExactly("0-3 Bank of England/ORGANIZATION");
    assertThat(spansOf("He saw the Office of the President", "...OOOO")).as("lower-case word before the office")
        .containsExactly("3-7 Office of the President/ORGANIZATION");
    assertThat(spansOf("The Economist Group said", "OOO.")).as("only a determiner before the office")
        .containsExactly("1-3 Economist Group/ORGANIZATION");
    assertThat(spansOf("UN High Commissioner for Refugees", "OOOOO")).as("lower-case word after the office")
        .containsExactly("0-5 UN High Commissioner for Refugees/ORGANIZATION");
    assertThat(spansOf("American President Cos Ltd said", "OOOO.")).as("a company's name after the office")
        .containsExactly("0-4 American President Cos Ltd/ORGANIZATION");
    assertThat(spansOf("Fountain , Assistant Treasurer at Chrysler", "P.OO.O"))
        .as("only a qualifier before the office").containsExactly("0-1 Fountain/PERSON",
            "2-4 Assistant Treasurer/ORGANIZATION", "5-6 Chrysler/ORGANIZATION");
    assertThat(spansOf("Fed chairman Jerome Powell", "OOOO")).as("offices match in capitals only")
        .containsExactly("0-4 Fed chairman Jerome Powell/ORGANIZATION");
    assertThat(spansOf("Fed Chairman Jerome Powell", "PPPP")).as("a PERSON run is left to the title clean-up")
        .containsExactly("0-4 Fed Chairman Jerome Powell/PERSON");
    assertThat(spansOf("Fed Chairman Jerome Powell", "LLLL")).as("nor is a LOCATION run split")
        .containsExactly("0-4 Fed Chairman Jerome Powell/LOCATION");
  }

  @Test
  void theModelsOrganisationRunsOverAnOfficeAreSplit() {
    // The model tags each of these sentences' first five tokens as one organisation (checked on the shipped
    // 4-class model; "Bank of England Governor Andrew Bailey said ..." it already tags as LOCATION England and
    // PERSON Andrew Bailey).
    assertThat(found(tagger(250, 200_000).tag("Apple Chief Executive Tim Cook said sales rose.")))
        .as("Apple's chief executive").containsExactly("Apple/ORGANIZATION", "Tim Cook/PERSON");
    assertThat(found(tagger(250, 200_000).tag("Federal Reserve Chair Jerome Powell spoke.")))
        .as("the Fed's chair").containsExactly("Federal Reserve/ORGANIZATION", "Jerome Powell/PERSON");
  }

  @Test
  void longSentencesAreClassifiedInPiecesAndLongTextsCut() {
    StringBuilder sb = new StringBuilder("Vladimir Putin");
    for (int i = 0; i < 30; i++) {
      sb.append(" and Vladimir Putin");
    }
    String text = sb.toString();
    NerTagger.Tagged pieces = tagger(10, 200_000).tag(text);
    assertThat(pieces.sentences()).as("92 tokens in pieces of 10").isEqualTo(10);
    assertThat(pieces.tokens()).as("tokens").isEqualTo(92);
    NerTagger.Tagged cut = tagger(250, 40).tag(text);
    assertThat(cut.truncated()).as("cut").isTrue();
    assertThat(cut.mentions()).as("only mentions in the first 40 characters")
        .allMatch(m -> m.end() <= 40).isNotEmpty();
  }

  @Test
  void aWireDatelineIsALocation() {
    assertThat(NerTagger.isDateline("SAN FRANCISCO (Reuters) - Nvidia said", 0, 13, "SAN FRANCISCO"))
        .as("dateline").isTrue();
    assertThat(NerTagger.isDateline("NATO said", 0, 4, "NATO")).as("acronym subject").isFalse();
    assertThat(NerTagger.isDateline("In SEOUL, talks", 3, 8, "SEOUL")).as("not at the start").isFalse();
  }

  @Test
  void tasksSharingTheClassifierGetTheSameResultsAsOneTask() throws Exception {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      texts.add("Chinese President Xi Jinping hosted Kim Jong-un and Vladimir Putin in Beijing on day " + i
          + ". The European Union and NATO said Ursula von der Leyen would visit Kyiv.");
    }
    NerTagger one = tagger(250, 200_000);
    List<List<Mention>> expected = texts.stream().map(t -> one.tag(t).mentions()).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<List<Mention>>>> runs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        runs.add(pool.submit(() -> {
          NerTagger own = tagger(250, 200_000);
          return texts.stream().map(x -> own.tag(x).mentions()).toList();
        }));
      }
      for (Future<List<List<Mention>>> run : runs) {
        assertThat(run.get()).as("same mentions on every thread").isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
