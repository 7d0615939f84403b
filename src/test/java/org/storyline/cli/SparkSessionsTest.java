package org.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The BLAS pin reaches the executors and never overrides a choice the user made. */
class SparkSessionsTest {

  @Test
  void executorsGetTheDriversBlasChoice() {
    assertThat(SparkSessions.withBlasChoice("", "false")).as("no executor options yet")
        .isEqualTo("-Ddev.ludovic.netlib.blas.allowNative=false");
    assertThat(SparkSessions.withBlasChoice("-XX:+UseG1GC ", "false")).as("appended to the user's options")
        .isEqualTo("-XX:+UseG1GC -Ddev.ludovic.netlib.blas.allowNative=false");
    assertThat(SparkSessions.withBlasChoice("-Ddev.ludovic.netlib.blas.allowNative=true", "false"))
        .as("the user's own choice for the executors is kept")
        .isEqualTo("-Ddev.ludovic.netlib.blas.allowNative=true");
    assertThat(SparkSessions.withBlasChoice("", "true")).as("a driver that allows native BLAS passes it on")
        .isEqualTo("-Ddev.ludovic.netlib.blas.allowNative=true");
  }
}
