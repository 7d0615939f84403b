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
    List<String> spans = NerTagger.spans(words, labels).stream().map(s -> s[0] + "-" + s[1]).toList();
    assertThat(spans).as("'He' dropped; 'the' trimmed; mid-sentence 'The' of The Hague kept; 'his' trimmed")
        .containsExactly("3-4", "5-7", "9-10");
  }

  @Test
  void runsAreSplitWhereNamesCannotContinue() {
    List<Word> words = Arrays.stream("Xi Jinping hosted Kim Jong-un ; Ursula von der Leyen".split(" "))
        .map(Word::new).toList();
    EntityType[] labels = new EntityType[words.size()];
    Arrays.fill(labels, EntityType.PERSON);
    List<String> spans = NerTagger.spans(words, labels).stream().map(s -> s[0] + "-" + s[1]).toList();
    assertThat(spans).as("split at 'hosted' and ';', not at 'von der'").containsExactly("0-2", "3-5", "6-10");
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
