package org.storyline.cli;

import java.util.ArrayList;
import java.util.List;
import org.storyline.config.JobConfig;
import picocli.CommandLine;

/**
 * Parses {@code storyline run} arguments to a {@link JobConfig} the way the command does (its picocli spec, then
 * command line over config file over defaults, then {@link JobConfig#from}), without running anything. For tests
 * that show an option changes what a stage produces.
 */
public final class RunOptions {
  private RunOptions() {}

  /** {@code run --input in --output out} plus {@code options}: the defaults for everything else. */
  public static JobConfig parse(String... options) {
    List<String> args = new ArrayList<>(List.of("--input", "in", "--output", "out"));
    args.addAll(List.of(options));
    return parseExactly(args.toArray(String[]::new));
  }

  /** Exactly these arguments of {@code storyline run} (no implied {@code --input}/{@code --output}). */
  public static JobConfig parseExactly(String... args) {
    CommandLine cl = RunCommand.create();
    cl.parseArgs(args);
    RunCommand command = cl.getCommand();
    return JobConfig.from(command.settings());
  }
}
