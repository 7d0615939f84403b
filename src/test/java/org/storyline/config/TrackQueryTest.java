package org.storyline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.storyline.testing.TestSpark;

class TrackQueryTest {
  static final String LEADER_SECURITY =
      "(DNA OR bodyguard* OR \"security detail\" OR surveillance OR disinfect*) AND NOT football";

  @Test
  void precedenceIsNotThenAndThenOr() {
    assertThat(TrackQuery.parse("a OR b AND c").toString()).as("AND binds tighter than OR")
        .isEqualTo("(a OR (b AND c))");
    assertThat(TrackQuery.parse("a AND b OR c").toString()).as("left AND first").isEqualTo("((a AND b) OR c)");
    assertThat(TrackQuery.parse("NOT a AND b").toString()).as("NOT binds tighter than AND")
        .isEqualTo("(NOT a AND b)");
    assertThat(TrackQuery.parse("NOT (a OR b)").toString()).as("parentheses").isEqualTo("NOT (a OR b)");
    assertThat(TrackQuery.parse("a b OR c").toString()).as("juxtaposition is AND").isEqualTo("((a AND b) OR c)");
    assertThat(TrackQuery.parse("a or b and not c").toString()).as("operators are case-insensitive")
        .isEqualTo("(a OR (b AND NOT c))");
    assertThat(TrackQuery.parse(LEADER_SECURITY).toString()).as("the README query")
        .isEqualTo("(((((dna OR bodyguard*) OR \"security detail\") OR surveillance) OR disinfect*) AND NOT football)");
  }

  @Test
  void matchesWholeWordsCaseInsensitively() {
    TrackQuery q = TrackQuery.parse(LEADER_SECURITY);
    assertThat(q.matchesText("Aides wiped the chair to protect his DNA.")).as("DNA").isTrue();
    assertThat(q.matchesText("dna traces")).as("lower case").isTrue();
    assertThat(q.matchesText("A DNase enzyme study")).as("DNA is a whole word, not a prefix").isFalse();
    assertThat(q.matchesText("Bodyguards ran beside the car")).as("prefix wildcard, plural").isTrue();
    assertThat(q.matchesText("the bodyguard")).as("prefix wildcard, the word itself").isTrue();
    assertThat(q.matchesText("Staff disinfected the room")).as("disinfect*").isTrue();
    assertThat(q.matchesText("The Security  Detail followed him")).as("phrase, case and spacing").isTrue();
    assertThat(q.matchesText("security-detail")).as("phrase words joined by a hyphen").isTrue();
    assertThat(q.matchesText("their security details")).as("a phrase without wildcard is whole words").isFalse();
    assertThat(q.matchesText("security was tight, every detail checked")).as("phrase words must be adjacent")
        .isFalse();
    assertThat(q.matchesText("surveillanceware sold to states")).as("no wildcard: whole word only").isFalse();
    assertThat(q.matchesText("Bodyguards at the football stadium")).as("AND NOT football").isFalse();
    assertThat(q.matchesText(null)).as("null text").isFalse();
  }

  @Test
  void quotedPhrasesWildcardsInPhrasesAndQuotedOperators() {
    assertThat(TrackQuery.parse("\"security detail*\"").matchesText("the security details")).as("wildcard in phrase")
        .isTrue();
    assertThat(TrackQuery.parse("\"or\"").matchesText("this or that")).as("a quoted operator is a word").isTrue();
    assertThat(TrackQuery.parse("\"or\"").matchesText("orange")).as("quoted word is whole").isFalse();
    assertThat(TrackQuery.parse("jong-un").matchesText("Kim Jong Un")).as("hyphen also matches a space").isTrue();
    assertThat(TrackQuery.parse("jong-un").matchesText("Kim Jong-un’s aides")).as("curly apostrophe after").isTrue();
    assertThat(TrackQuery.parse("kim's").matchesText("Kim’s chair")).as("curly apostrophe in text").isTrue();
    assertThat(TrackQuery.parse("u.s.").matchesText("the U.S. said")).as("dots in a term").isTrue();
  }

  @Test
  void rejectsMalformedQueriesWithPositionAndExpectation() {
    assertThatThrownBy(() -> TrackQuery.parse("(DNA OR bodyguard*"))
        .isInstanceOf(TrackQuery.ParseException.class)
        .hasMessage("malformed query at position 19: expected ')' to close the '(' at position 1 but found the end "
            + "of the query (query: (DNA OR bodyguard*)");
    assertThatThrownBy(() -> TrackQuery.parse("DNA OR")).as("dangling OR")
        .hasMessageContaining("position 7: expected a term, a \"phrase\", NOT or '(' but found the end of the query");
    assertThatThrownBy(() -> TrackQuery.parse("AND DNA")).as("leading AND")
        .hasMessageContaining("position 1: expected a term, a \"phrase\", NOT or '(' but found AND");
    assertThatThrownBy(() -> TrackQuery.parse("DNA)")).as("unbalanced ')'")
        .hasMessageContaining("position 4: unbalanced ')'");
    assertThatThrownBy(() -> TrackQuery.parse("\"security detail")).as("unterminated phrase")
        .hasMessageContaining("position 1: unterminated phrase");
    assertThatThrownBy(() -> TrackQuery.parse("body*guard")).as("inner wildcard")
        .hasMessageContaining("position 5: a wildcard '*' is allowed only at the end of a term");
    assertThatThrownBy(() -> TrackQuery.parse("*guard")).as("leading wildcard")
        .hasMessageContaining("position 1: a wildcard '*' is allowed only at the end");
    assertThatThrownBy(() -> TrackQuery.parse("DNA OR ()")).as("empty parentheses")
        .hasMessageContaining("position 9: expected a term, a \"phrase\", NOT or '(' but found ')'");
    assertThatThrownBy(() -> TrackQuery.parse("\"\"")).as("empty phrase").hasMessageContaining("empty phrase");
    assertThatThrownBy(() -> TrackQuery.parse("DNA OR #tag")).as("bad character")
        .hasMessageContaining("position 8: unexpected character '#'");
    assertThatThrownBy(() -> TrackQuery.parse("  ")).as("blank").hasMessageContaining("the query is empty");
  }

  @Test
  void sparkColumnAgreesWithTheDriverEvaluation() {
    List<String> texts = List.of("Aides protected his DNA", "bodyguards at the football match",
        "security details", "The security detail and surveillance", "nothing here", "DNase",
        "Staff disinfected the room", "Football: bodyguards");
    TrackQuery q = TrackQuery.parse(LEADER_SECURITY);
    Dataset<Row> frame = TestSpark.session().createDataset(texts, Encoders.STRING()).toDF("text");
    List<String> matched = frame.where(q.matches(col("text"))).as(Encoders.STRING()).collectAsList();
    List<String> expected = texts.stream().filter(q::matchesText).toList();
    assertThat(matched).as("rlike column and Java evaluation select the same texts")
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(expected).as("hand-checked matches").containsExactlyInAnyOrder("Aides protected his DNA",
        "The security detail and surveillance", "Staff disinfected the room");
  }
}
