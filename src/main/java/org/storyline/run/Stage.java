package org.storyline.run;

/**
 * One stage of a run: reads the tables of earlier stages (through {@link RunContext#store()}), writes its own and
 * returns what it counted. {@code Pipeline} runs the stages in order, labels each one's Spark jobs with
 * {@link #name()}, times it and records its result in the manifest.
 */
public interface Stage {
  /** The stage's name: its entry in the manifest's {@code stages}, its Spark job group, its fault point. */
  String name();

  StageResult run(RunContext ctx);
}
