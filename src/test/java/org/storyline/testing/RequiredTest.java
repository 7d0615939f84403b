package org.storyline.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** The rule for missing tools and data: skip, or fail under STORYLINE_REQUIRE_TOOLS=1. No Spark. */
class RequiredTest {

  @Test
  void aMissingToolSkipsOrFailsByTheSwitch() {
    assertThatThrownBy(() -> Required.check(false, "python3 not found", false)).as("without the switch: a skip")
        .isInstanceOf(TestAbortedException.class).hasMessageContaining("skipped: python3 not found");
    assertThatThrownBy(() -> Required.check(false, "python3 not found", true)).as("with the switch: a failure")
        .isInstanceOf(AssertionError.class)
        .hasMessage("python3 not found (STORYLINE_REQUIRE_TOOLS=1, so this fails instead of skipping)");
    assertThatCode(() -> Required.check(true, "python3 not found", true)).as("present: nothing happens")
        .doesNotThrowAnyException();
  }
}
