package org.storyline.cooccurrence;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.storyline.schema.Col;
import org.storyline.testing.TestSpark;

/**
 * The guard against two entity ids sharing a 64-bit key: co-occurrence counts pairs by key, so a collision would
 * merge two entities silently. A real xxhash64 collision is not at hand; the names table is built with one.
 */
class CooccurrenceKeysTest {
  private static final StructType NAMES = DataTypes.createStructType(new StructField[] {
      DataTypes.createStructField(Cooccurrence.KEY, DataTypes.LongType, false),
      DataTypes.createStructField(Col.ENTITY_ID, DataTypes.StringType, false),
  });

  private static Dataset<Row> names(Row... rows) {
    return TestSpark.session().createDataFrame(List.of(rows), NAMES);
  }

  @Test
  void twoIdsWithOneKeyStopTheStageNamingBothIdsAndTheKey() {
    Dataset<Row> names = names(RowFactory.create(42L, "Q7747"), RowFactory.create(42L, "Q56226"),
        RowFactory.create(7L, "Q15031"));
    assertThatThrownBy(() -> Cooccurrence.checkKeys(names)).as("a collision")
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("entity ids 'Q56226' and 'Q7747' have the same 64-bit key 42; co-occurrence cannot count them "
            + "apart (rename one of the ids)");
  }

  @Test
  void distinctKeysPass() {
    Dataset<Row> names = names(RowFactory.create(42L, "Q7747"), RowFactory.create(43L, "Q56226"));
    assertThatCode(() -> Cooccurrence.checkKeys(names)).as("no collision").doesNotThrowAnyException();
  }
}
