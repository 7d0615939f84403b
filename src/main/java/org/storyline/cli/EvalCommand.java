package org.storyline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code storyline eval}: measures a stage against annotated data. Its subcommands name the stage. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate a stage on annotated data.",
    subcommands = {EvalNerCommand.class, EvalLinkCommand.class})
public final class EvalCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing what to evaluate: 'ner' or 'link'");
  }
}
