package org.storyline.entities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.storyline.entities.GumEvaluation.Document;
import org.storyline.entities.GumEvaluation.GoldMention;
import org.storyline.entities.GumEvaluation.Predicted;
import org.storyline.entities.GumEvaluation.Scores;
import org.storyline.entities.GumEvaluation.Split;
import org.storyline.entities.GumEvaluation.Unlinked;
import org.storyline.entities.GumEvaluation.WrongLink;
import org.storyline.ingest.TextCleaner;
import org.storyline.testing.Required;

/**
 * GUM CoNLL-U parsing and the linking scores, on a hand-made document; and the parsing of the real GUM news files
 * from ../shared/data when present (skipped otherwise). No Spark, no link index.
 */
class GumEvaluationTest {

  /**
   * Three sentences, the first two opening a paragraph: a person mention with a place nested in it (GUM includes
   * the possessive 's), SpaceAfter=No around quotes, a multi-word token (didn't = did + n't), a pronoun that
   * carries its entity's identity, an event with an identity, an abstract mention without one, a percent escape.
   */
  static final String CONLLU = String.join("\n",
      "# newdoc id = doc1",
      "# global.Entity = GRP-etype-infstat-salience-centering-minspan-link-identity",
      "# meta::dateCreated = 2015-08-21",
      "# meta::sourceURL = https://en.wikinews.org/wiki/Example",
      "# meta::title = Kim visits Seoul",
      "# newpar",
      "# newpar_block = p (1 s)",
      "# sent_id = doc1-1",
      "# text = North Korea's leader Kim Jong-un visited \"Seoul\".",
      "1\tNorth\tNorth\tPROPN\tNNP\t_\t2\tcompound\t_\t"
          + "Entity=(1-person-new-sssss-cf1-5,6-coref-Kim_Jong%2Dun(2-place-new-sssss-cf2-1,2-coref-North_Korea",
      "2\tKorea\tKorea\tPROPN\tNNP\t_\t4\tnmod:poss\t_\tSpaceAfter=No",
      "3\t's\t's\tPART\tPOS\t_\t2\tcase\t_\tEntity=2)",
      "4\tleader\tleader\tNOUN\tNN\t_\t7\tnsubj\t_\t_",
      "5\tKim\tKim\tPROPN\tNNP\t_\t4\tappos\t_\t_",
      "6\tJong-un\tJong-un\tPROPN\tNNP\t_\t5\tflat\t_\tEntity=1)",
      "7\tvisited\tvisit\tVERB\tVBD\t_\t0\troot\t_\t_",
      "8\t\"\t\"\tPUNCT\t``\t_\t9\tpunct\t_\tSpaceAfter=No",
      "9\tSeoul\tSeoul\tPROPN\tNNP\t_\t7\tobj\t_\tEntity=(3-place-new-sssss-cf3-1-sgl-Seoul)|SpaceAfter=No",
      "10\t\"\t\"\tPUNCT\t''\t_\t9\tpunct\t_\tSpaceAfter=No",
      "11\t.\t.\tPUNCT\t.\t_\t7\tpunct\t_\t_",
      "",
      "# newpar",
      "# sent_id = doc1-2",
      "1\tHe\the\tPRON\tPRP\t_\t4\tnsubj\t_\tEntity=(1-person-giv-sssss-cf1-1-ana-Kim_Jong%2Dun)",
      "2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_",
      "2\tdid\tdo\tAUX\tVBD\t_\t4\taux\t_\t_",
      "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_",
      "4\tmeet\tmeet\tVERB\tVB\t_\t0\troot\t_\t_",
      "5\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\tEntity=(4-organization-new-sssss-cf4-2-sgl-United_Nations",
      "6\tUN\tUN\tPROPN\tNNP\t_\t4\tobj\t_\tEntity=4)",
      "7\tat\tat\tADP\tIN\t_\t9\tcase\t_\t_",
      "8\tthe\tthe\tDET\tDT\t_\t9\tdet\t_\tEntity=(5-event-new-sssss-cf5-2-sgl-2018_Winter_Olympics",
      "9\tOlympics\tOlympics\tPROPN\tNNPS\t_\t4\tobl\t_\tEntity=5)|SpaceAfter=No",
      "10\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_",
      "",
      "# sent_id = doc1-3",
      "1\tNorth\tNorth\tPROPN\tNNP\t_\t2\tcompound\t_\tEntity=(2-place-giv-sssss-cf1-1,2-coref-North_Korea",
      "2\tKorea\tKorea\tPROPN\tNNP\t_\t6\tnsubj\t_\tEntity=2)",
      "3\tand\tand\tCCONJ\tCC\t_\t4\tcc\t_\t_",
      "4\tSeoul\tSeoul\tPROPN\tNNP\t_\t2\tconj\t_\tEntity=(3-place-giv-sssss-cf2-1-coref-Seoul)",
      "5\twere\tbe\tAUX\tVBD\t_\t6\tcop\t_\t_",
      "6\tcalm\tcalm\tADJ\tJJ\t_\t0\troot\t_\tEntity=(6-abstract-new-sssss-cf3-1-sgl)|SpaceAfter=No",
      "7\t.\t.\tPUNCT\t.\t_\t6\tpunct\t_\t_",
      "");

  /** Worked out by hand: offsets count from 0, end exclusive; "\n\n" before a new paragraph, " " before a sentence. */
  static final String TEXT = "North Korea's leader Kim Jong-un visited \"Seoul\".\n\n"
      + "He didn't meet the UN at the Olympics. North Korea and Seoul were calm.";

  private static Document doc() {
    List<Document> docs = GumEvaluation.parse(CONLLU, "fallback");
    assertThat(docs).as("documents").hasSize(1);
    return docs.get(0);
  }

  @Test
  void rebuildsTheTextWithOffsetsAndGoldMentions() {
    Document d = doc();
    assertThat(d.id()).as("id").isEqualTo("doc1");
    assertThat(d.title()).as("title").isEqualTo("Kim visits Seoul");
    assertThat(d.date()).as("date").isEqualTo("2015-08-21");
    assertThat(d.url()).as("url").isEqualTo("https://en.wikinews.org/wiki/Example");
    assertThat(d.text()).as("text").isEqualTo(TEXT);
    assertThat(TextCleaner.clean(d.text())).as("the ingest stage keeps the text as it is").isEqualTo(d.text());
    // Spans by hand: "North"=0-5, "Korea"=6-11, "'s"=11-13, "leader"=14-20, "Kim"=21-24, "Jong-un"=25-32,
    // '"'=41, "Seoul"=42-47; paragraph 2 starts at 51: "He"=51-53, "didn't"=54-60, "meet"=61-65, "the UN"=66-72
    // ("UN"=70-72), "the Olympics"=76-88 ("Olympics"=80-88), "."=88; sentence 3 at 90: "North Korea"=90-101
    // ("Korea"=96-101), "Seoul"=106-111, "calm"=117-121.
    assertThat(d.gold()).as("gold mentions, by begin then longer first").containsExactly(
        new GoldMention(0, 32, 25, 32, "person", "Kim_Jong-un", true),
        new GoldMention(0, 13, 6, 11, "place", "North_Korea", true),
        new GoldMention(42, 47, 42, 47, "place", "Seoul", true),
        new GoldMention(51, 53, 51, 53, "person", "Kim_Jong-un", false),
        new GoldMention(66, 72, 70, 72, "organization", "United_Nations", true),
        new GoldMention(76, 88, 80, 88, "event", "2018_Winter_Olympics", true),
        new GoldMention(90, 101, 96, 101, "place", "North_Korea", true),
        new GoldMention(106, 111, 106, 111, "place", "Seoul", true),
        new GoldMention(117, 121, 117, 121, "abstract", null, false));
    assertThat(d.text().substring(70, 72)).as("UN").isEqualTo("UN");
    assertThat(d.text().substring(117, 121)).as("calm").isEqualTo("calm");
  }

  @Test
  void aDocumentWithoutNewdocTakesTheFallbackIdAndAnUnclosedMentionFails() {
    String oneSentence = "1\tSeoul\tSeoul\tPROPN\tNNP\t_\t0\troot\t_\tEntity=(3-place-new-sssss-cf3-1-sgl-Seoul)\n";
    Document d = GumEvaluation.parse(oneSentence, "GUM_news_x").get(0);
    assertThat(d.id()).as("id from the file name").isEqualTo("GUM_news_x");
    assertThat(d.text()).as("text").isEqualTo("Seoul");
    assertThat(d.gold()).as("gold").containsExactly(new GoldMention(0, 5, 0, 5, "place", "Seoul", true));
    assertThatThrownBy(() -> GumEvaluation.parse(
        "1\tSeoul\tSeoul\tPROPN\tNNP\t_\t0\troot\t_\tEntity=(3-place-new-sssss-cf3-1-sgl-Seoul\n", "x"))
        .as("a mention never closed").isInstanceOf(IllegalArgumentException.class).hasMessageContaining("open");
    assertThatThrownBy(() -> GumEvaluation.parse("1\tSeoul\tSeoul\n", "x"))
        .as("not 10 columns").isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1");
  }

  @Test
  void titlesCompareWithUnderscoresEscapesAndTheFirstLetterInEitherCase() {
    assertThat(GumEvaluation.normalTitle("seoul")).as("first letter").isEqualTo("Seoul");
    assertThat(GumEvaluation.normalTitle("2018 Winter Olympics")).as("spaces").isEqualTo("2018_Winter_Olympics");
    assertThat(GumEvaluation.normalTitle("Kim_Jong%2Dun")).as("escape").isEqualTo("Kim_Jong-un");
    assertThat(GumEvaluation.decode("Z%C3%BCrich_%28city%29")).as("UTF-8 escapes").isEqualTo("Zürich_(city)");
    assertThat(GumEvaluation.decode("100%_sure")).as("a lone percent stays").isEqualTo("100%_sure");
  }

  @Test
  void aPredictionMatchesAnEqualSpanOrOneInsideEndingInTheLastWord() {
    List<GoldMention> gold = doc().gold();
    GoldMention kim = gold.get(0);
    GoldMention northKorea = gold.get(1);
    Predicted nk = new Predicted("doc1", 0, 11, "e-nk", "North Korea", null);
    Predicted kimJongUn = new Predicted("doc1", 21, 32, "e-kim", "Kim Jong-un", null);
    assertThat(GumEvaluation.matches(nk, northKorea)).as("North Korea in North Korea's, ends in Korea").isTrue();
    assertThat(GumEvaluation.matches(nk, kim)).as("North Korea does not end in Jong-un").isFalse();
    assertThat(GumEvaluation.matches(kimJongUn, kim)).as("Kim Jong-un ends the person mention").isTrue();
    assertThat(GumEvaluation.matches(new Predicted("doc1", 0, 13, "e", "x", null), northKorea)).as("equal span")
        .isTrue();
    assertThat(GumEvaluation.matches(new Predicted("doc1", 6, 14, "e", "x", null), northKorea))
        .as("running past the gold span").isFalse();
  }

  @Test
  void scoresHandMadePredictions() {
    List<Predicted> predicted = List.of(
        // right: matches gold North Korea's (inside, ends in Korea)
        new Predicted("doc1", 0, 11, "e-nk", "North Korea", "North_Korea"),
        // wrong: the dictionary's namesake
        new Predicted("doc1", 21, 32, "e-kim", "Kim Jong-un", "Kim_Jong-woon"),
        // right: the first letter's case does not matter
        new Predicted("doc1", 42, 47, "e-seoul", "Seoul", "seoul"),
        // unlinked: the gold United_Nations is matched but not found
        new Predicted("doc1", 70, 72, "e-un", "UN", null),
        // the event's identity: not a linkable type, so not correct, counted apart
        new Predicted("doc1", 80, 88, "e-oly", "Olympics", "2018 Winter Olympics"),
        // right, but another entity than the first Seoul: a split
        new Predicted("doc1", 106, 111, "e-seoul2", "SEOUL", "Seoul"),
        // linked but on no gold mention with an identity: outside precision
        new Predicted("doc1", 14, 20, "e-leader", "Leader", "Leader"),
        // right, the same entity as the first North Korea: not split
        new Predicted("doc1", 90, 101, "e-nk", "North Korea", "North_Korea"),
        // another document's mention: nothing of doc1
        new Predicted("other", 0, 5, "e-x", "Seoul", "Seoul"));
    Scores s = GumEvaluation.score(List.of(doc()), predicted);
    // Gold: 9 mentions, 8 with an identity (not "calm"); linkable 6 (not the pronoun "He", not the event).
    assertThat(List.of(s.documents(), s.goldMentions(), s.goldWithIdentity(), s.goldUnnamed(), s.goldLinkable()))
        .as("gold counts").containsExactly(1L, 9L, 8L, 1L, 6L);
    // doc1's predictions: 8, linked 7, of which 6 match a gold mention with an identity (not "Leader").
    assertThat(List.of(s.predictedMentions(), s.predictedLinked(), s.linkedOnIdentity()))
        .as("predicted counts").containsExactly(8L, 7L, 6L);
    // Right: North Korea twice, Seoul twice = 4 of 6; the Olympics one is right on another type.
    assertThat(List.of(s.linkedRight(), s.rightOnOtherType())).as("right").containsExactly(4L, 1L);
    assertThat(s.precision()).as("precision 4/6").isCloseTo(4.0 / 6, org.assertj.core.data.Offset.offset(1e-12));
    // Found: both North Koreas and both Seouls = 4 of 6; Kim Jong-un matched by a wrong link, the UN by an unlinked
    // mention only.
    assertThat(List.of(s.linkableFound(), s.missedNoMention(), s.missedUnlinked(), s.missedWrongLink()))
        .as("recall counts").containsExactly(4L, 0L, 1L, 1L);
    assertThat(s.recall()).as("recall 4/6").isCloseTo(4.0 / 6, org.assertj.core.data.Offset.offset(1e-12));
    // Gold entities with 2+ matched mentions: North_Korea (e-nk twice) and Seoul (e-seoul, e-seoul2): 1 split of 2.
    assertThat(List.of(s.entitiesWithTwoMatched(), s.entitiesSplit())).as("split counts").containsExactly(2L, 1L);
    assertThat(s.splitShare()).as("split share").isEqualTo(0.5);
    assertThat(s.splits()).as("splits").containsExactly(new Split("doc1", "Seoul", List.of("Seoul (1)", "SEOUL (1)")));
    assertThat(s.wrongLinks()).as("wrong links").containsExactly(new WrongLink("Kim_Jong-un", "Kim_Jong-woon", 1));
    assertThat(s.unlinked()).as("found unlinked only").containsExactly(new Unlinked("United_Nations", 1, List.of("UN")));
  }

  @Test
  void theReportStatesTheFigures() {
    Scores s = GumEvaluation.score(List.of(doc()), List.of(
        new Predicted("doc1", 0, 11, "e-nk", "North Korea", "North_Korea"),
        new Predicted("doc1", 21, 32, "e-kim", "Kim Jong-un", "Kim_Jong-woon")));
    String report = GumEvaluation.format(new GumEvaluation.Result(s, 1, "/idx", 0.7, List.of("model.gz")));
    assertThat(report).as("report")
        .contains("1 documents (1 analysed), link index /idx, --link-min-prior 0.70")
        .contains("precision   0.5000  1/2")
        .contains("recall      0.1667  1/6")
        .contains("split share 0.0000  0/0")
        .contains("  Kim_Jong-un -> Kim_Jong-woon: 1")
        .contains("matched by unlinked mentions only (identity: mentions, predicted entities), 0 of 0");
  }

  @Test
  void readsTheRealGumNewsDocuments() throws Exception {
    Path dir = Required.sharedFile("gum-wikinews-news/GUM_news_korea.conllu").getParent();
    List<Document> docs = GumEvaluation.read(dir);
    // Counted apart from the parser (a script over the MISC columns): 4,509 opening brackets, 1,389 of them with an
    // identity field.
    assertThat(docs).as("documents (SOURCE.md: 20 train + 2 dev)").hasSize(22);
    assertThat(docs.stream().mapToLong(d -> d.gold().size()).sum()).as("gold mentions").isEqualTo(4509);
    assertThat(docs.stream().flatMap(d -> d.gold().stream()).filter(g -> g.identity() != null).count())
        .as("gold mentions with an identity").isEqualTo(1389);
    for (Document d : docs) {
      assertThat(TextCleaner.clean(d.text())).as(d.id() + " is clean text").isEqualTo(d.text());
      for (String line : Files.readAllLines(dir.resolve(d.id() + ".conllu"), StandardCharsets.UTF_8)) {
        if (line.startsWith("# text = ")) {
          assertThat(d.text()).as(d.id() + ": every sentence's # text is in the rebuilt text")
              .contains(line.substring("# text = ".length()));
        }
      }
    }
    Document korea = docs.stream().filter(d -> d.id().equals("GUM_news_korea")).findFirst().orElseThrow();
    assertThat(korea.text()).as("headline, dateline, first paragraph").startsWith(
        "North Korea puts military in 'quasi-state of war'\n\nFriday, August 21, 2015\n\nAccording to Yonhap");
    int kim = korea.text().indexOf("Kim Jong-un");
    // GUM tokenizes Jong - un: the last word is "un".
    assertThat(korea.gold()).as("Kim Jong-un, his identity decoded from Kim_Jong%2Dun")
        .contains(new GoldMention(kim, kim + 11, kim + 9, kim + 11, "person", "Kim_Jong-un", true));
  }
}
