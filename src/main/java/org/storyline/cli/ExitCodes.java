package org.storyline.cli;

/** Process exit codes, for schedulers. */
public final class ExitCodes {
  private ExitCodes() {}

  public static final int OK = 0;
  /** Any failure other than the ones below. */
  public static final int FAILURE = 1;
  /** Bad usage or configuration: unknown option, missing or bad value, missing input, unwritable output. */
  public static final int USAGE = 2;
  /** An input exists but cannot be read. */
  public static final int INPUT_UNREADABLE = 3;
  /** The run failed a quality gate: not published, the last report stays (see {@code --gates}). */
  public static final int GATES_FAILED = 4;
}
