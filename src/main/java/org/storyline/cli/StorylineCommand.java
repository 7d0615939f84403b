package org.storyline.cli;

import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.storyline.config.ConfigException;
import org.storyline.io.Failures;
import org.storyline.io.InputUnreadableException;
import org.storyline.pipeline.QualityGates;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The entry point, for the local launcher and for spark-submit alike:
 * {@code spark-submit --class org.storyline.cli.StorylineCommand storyline-spark.jar run --input ... --output ...}.
 * Parses the command, runs it, and turns failures into one line on stderr and an exit code ({@link ExitCodes}).
 */
@Command(name = "storyline", mixinStandardHelpOptions = true,
    versionProvider = StorylineCommand.Version.class,
    description = "News analytics on Spark: canonical entities, co-occurrence and topic trends.")
public final class StorylineCommand implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(StorylineCommand.class);

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  public static void main(String[] args) {
    int code = execute(args);
    if (code == ExitCodes.OK && yarnClusterDriver()) {
      // YARN's ApplicationMaster runs this main in its own JVM and reports the application's outcome when main
      // returns; System.exit(0) there ends the JVM first, so YARN records the run as FAILED ("Shutdown hook called
      // before final status was reported") and starts it again. A failure still exits with its code: YARN marks
      // the application FAILED either way, and the code is in the driver's log.
      return;
    }
    System.exit(code);
  }

  /** Whether this JVM is the driver inside a YARN ApplicationMaster (spark-submit --deploy-mode cluster). */
  static boolean yarnClusterDriver() {
    return System.getProperty("spark.master", "").startsWith("yarn")
        && "cluster".equals(System.getProperty("spark.submit.deployMode"));
  }

  /** Runs a command line and returns its exit code; never calls {@code System.exit}. */
  public static int execute(String... args) {
    return execute(commandLine(), args);
  }

  /** The same, printing to the given writers (tests, embedding). */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = commandLine();
    cl.setOut(out);
    cl.setErr(err);
    return execute(cl, args);
  }

  private static int execute(CommandLine cl, String... args) {
    try {
      return cl.execute(args);
    } catch (Error e) {
      // picocli hands Exceptions to the handler below but lets Errors through (Hadoop's FSError for a full disk,
      // an OutOfMemoryError): they get the same one line and exit code.
      return report(e, cl.getErr());
    } finally {
      // The run id and stage a run put in the driver's MDC (Pipeline) labelled every line up to its last.
      MDC.clear();
    }
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new StorylineCommand());
    cl.addSubcommand("run", RunCommand.create());
    cl.addSubcommand("eval", new EvalCommand());
    cl.addSubcommand("graph", new GraphCommand());
    cl.addSubcommand("status", new StatusCommand());
    cl.addSubcommand("report", new ReportCommand());
    cl.addSubcommand("link-index", new LinkIndexCommand());
    cl.setExecutionExceptionHandler(StorylineCommand::handle);
    cl.setParameterExceptionHandler((e, a) -> {
      PrintWriter err = e.getCommandLine().getErr();
      // One line, like every other error: schedulers show the last line of stderr.
      err.println("storyline: " + e.getMessage().lines().findFirst().orElse("bad usage") + " (see '"
          + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
      err.flush();
      return ExitCodes.USAGE;
    });
    return cl;
  }

  private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    return report(e, cl.getErr());
  }

  /**
   * One line on stderr and the exit code: our own usage and input errors by their message, any other failure by
   * its deepest cause ({@code storyline: run failed: java.io.IOException: No space left on device}), the whole
   * chain going to the log.
   */
  private static int report(Throwable e, PrintWriter err) {
    Throwable cause = rootConfigCause(e);
    int code;
    String message;
    if (cause instanceof ConfigException) {
      code = ExitCodes.USAGE;
      message = cause.getMessage();
    } else if (cause instanceof InputUnreadableException) {
      code = ExitCodes.INPUT_UNREADABLE;
      message = cause.getMessage();
    } else if (cause instanceof QualityGates.GatesFailedException) {
      code = ExitCodes.GATES_FAILED;
      message = cause.getMessage();
    } else {
      code = ExitCodes.FAILURE;
      message = "run failed: " + Failures.oneLine(e);
    }
    if (Logs.json()) {
      // The one line as a log line; an unexpected failure with its chain, as the text log has it below.
      LOG.error(message + " (exit code " + code + ")", code == ExitCodes.FAILURE ? e : null);
      return code;
    }
    if (code == ExitCodes.FAILURE) {
      LOG.error("run failed", e);
    }
    err.println("storyline: " + message);
    err.flush();
    return code;
  }

  /** Our own exceptions may arrive wrapped (Spark wraps driver-side failures). */
  private static Throwable rootConfigCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConfigException || t instanceof InputUnreadableException
          || t instanceof QualityGates.GatesFailedException) {
        return t;
      }
    }
    return e;
  }

  /** Prints the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"storyline " + org.storyline.pipeline.Manifest.version()};
    }
  }
}
