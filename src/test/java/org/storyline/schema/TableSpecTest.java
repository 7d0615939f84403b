package org.storyline.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The table catalog and the schema check of a write (no Spark session needed). */
class TableSpecTest {
  @Test
  void theSameColumnsInAnotherOrderAndNullabilityMatch() {
    StructType spec = Tables.DOC_TOPICS.schema();
    StructType actual = new StructType().add("weight", "double", false).add("doc_id", "string", false)
        .add("topic_id", "int", true);
    assertThat(spec.fieldNames()).as("spec columns").containsExactly("doc_id", "topic_id", "weight");
    assertThat(Tables.DOC_TOPICS.problems(actual)).as("order and nullability are not compared").isEmpty();
  }

  @Test
  void aWrongTypeAMissingAndAnExtraColumnAreNamed() {
    StructType actual = new StructType().add("doc_id", "string").add("topic_id", "long").add("score", "double");
    assertThat(Tables.DOC_TOPICS.problems(actual)).as("problems, in spec order then extras").containsExactly(
        "column topic_id is bigint, expected int", "column weight is missing", "column score is not in the table");
    assertThatThrownBy(() -> Tables.DOC_TOPICS.check(actual)).as("the check names the table and the column")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("table doc_topics does not match its schema: column topic_id is bigint, expected int");
  }

  @Test
  void nestedTypesAreComparedWithoutNullability() {
    StructType actual = new StructType(Tables.NER_MENTIONS.schema().fields()).asNullable();
    assertThat(Tables.NER_MENTIONS.problems(actual)).as("ner_mentions, all nullable").isEmpty();
    StructType otherElement = StructType.fromDDL("doc_id STRING, published TIMESTAMP, content_hash STRING, "
        + "model STRING, tokens INT, sentences INT, truncated BOOLEAN, mentions ARRAY<STRUCT<sentence: INT, "
        + "type: STRING, surface: STRING, begin: INT, end: BIGINT>>");
    assertThat(Tables.NER_MENTIONS.problems(otherElement)).as("a nested field of another type")
        .singleElement().asString().startsWith("column mentions is array<struct<");
  }

  @Test
  void everyTableIsListedOnceWithItsPartitionAndSortColumnsAmongItsColumns() {
    Set<String> names = new HashSet<>();
    for (TableSpec t : Tables.ALL) {
      assertThat(names.add(t.name())).as("table %s listed once", t.name()).isTrue();
      assertThat(List.of(t.schema().fieldNames())).as("columns of %s", t.name())
          .containsAll(t.partitionBy()).containsAll(t.sortBy());
    }
    assertThat(names).as("every report table").hasSize(20);
  }
}
