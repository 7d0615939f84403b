package org.storyline.entities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storyline.config.ConfigException;

class ConllEvaluationTest {

  @Test
  void goldSpansFollowConllevalForIob1Iob2AndIobes() {
    assertThat(ConllEvaluation.goldSpans(List.of("B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-ORG")))
        .as("IOB2").containsExactly("0:2:PER", "3:4:LOC", "4:5:LOC", "5:6:ORG");
    assertThat(ConllEvaluation.goldSpans(List.of("I-PER", "I-PER", "B-PER", "O", "I-LOC", "I-ORG")))
        .as("IOB1: I- starts after O or another type; B- splits two of one type")
        .containsExactly("0:2:PER", "2:3:PER", "4:5:LOC", "5:6:ORG");
    assertThat(ConllEvaluation.goldSpans(List.of("S-PER", "B-ORG", "E-ORG", "S-ORG")))
        .as("IOBES").containsExactly("0:1:PER", "1:3:ORG", "3:4:ORG");
    assertThat(ConllEvaluation.goldSpans(List.of("B-PERSON", "I-PERSON", "B-GPE")))
        .as("long names to CoNLL names; unknown types kept").containsExactly("0:2:PER", "2:3:GPE");
  }

  @Test
  void precisionRecallAndF1ByHand(@TempDir Path dir) throws Exception {
    // Two sentences (with -DOCSTART- and IOB1 tags). Gold: PER "Anna Smith", LOC "Paris", ORG "Acme Corp", PER "Bob".
    Path file = Files.writeString(dir.resolve("tiny.conll"), """
        -DOCSTART- -X- -X- O

        Anna NNP I-NP I-PER
        Smith NNP I-NP I-PER
        visited VBD I-VP O
        Paris NNP I-NP I-LOC
        . . O O

        Acme NNP I-NP I-ORG
        Corp NNP I-NP I-ORG
        hired VBD I-VP O
        Bob NNP I-NP I-PER
        """);
    List<ConllEvaluation.Sentence> sentences = ConllEvaluation.read(file);
    assertThat(sentences).as("sentences").hasSize(2);
    // A labeller that finds Anna Smith and Paris right, calls Acme a LOC (wrong type) and misses Bob.
    Map<String, EntityType> labels = Map.of("Anna", EntityType.PERSON, "Smith", EntityType.PERSON,
        "Paris", EntityType.LOCATION, "Acme", EntityType.LOCATION, "Corp", EntityType.LOCATION);
    ConllEvaluation.Result result = ConllEvaluation.score(sentences,
        words -> words.stream().map(labels::get).toArray(EntityType[]::new));
    // By hand: gold 4 (PER 2, LOC 1, ORG 1); predicted 3 (PER 1, LOC 2); correct 2 (Anna Smith, Paris).
    assertThat(result.byType().get("PER")).as("PER").isEqualTo(new ConllEvaluation.Counts(2, 1, 1));
    assertThat(result.byType().get("LOC")).as("LOC").isEqualTo(new ConllEvaluation.Counts(1, 2, 1));
    assertThat(result.byType().get("ORG")).as("ORG").isEqualTo(new ConllEvaluation.Counts(1, 0, 0));
    ConllEvaluation.Counts micro = result.micro();
    assertThat(micro.precision()).as("P = 2/3").isCloseTo(2.0 / 3, within(1e-9));
    assertThat(micro.recall()).as("R = 2/4").isCloseTo(0.5, within(1e-9));
    assertThat(micro.f1()).as("F1 = 2PR/(P+R) = 4/7").isCloseTo(4.0 / 7, within(1e-9));
    assertThat(result.byType().get("LOC").f1()).as("LOC F1 = 2/3").isCloseTo(2.0 / 3, within(1e-9));
    assertThat(result.tokens()).as("tokens").isEqualTo(9);
  }

  @Test
  void aLineWithoutATagIsAConfigError(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("bad.conll"), "Anna NNP B-PER\nSmith\n");
    assertThatThrownBy(() -> ConllEvaluation.read(file)).as("no tag column").isInstanceOf(ConfigException.class)
        .hasMessageContaining("line 2");
  }
}
