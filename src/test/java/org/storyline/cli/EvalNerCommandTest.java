package org.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvalNerCommandTest {

  private record Outcome(int code, String out, String err) {}

  private static Outcome run(String... args) {
    CommandLine cl = StorylineCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Outcome(code, out.toString(), err.toString());
  }

  @Test
  void helpNamesTheOptions() {
    Outcome help = run("eval", "ner", "--help");
    assertThat(help.code()).as("exit code").isEqualTo(ExitCodes.OK);
    assertThat(help.out()).as("usage").contains("--conll", "--reuters", "--ner-model", "--limit");
    assertThat(run("--help").out()).as("eval is a subcommand").contains("eval");
  }

  @Test
  void missingInputIsAUsageError(@TempDir Path dir) {
    Outcome none = run("eval", "ner");
    assertThat(none.code()).as("no input").isEqualTo(ExitCodes.USAGE);
    assertThat(none.err()).as("message").contains("--conll FILE or --reuters DIR");
    assertThat(run("eval", "ner", "--conll", dir.resolve("missing.txt").toString()).code()).as("missing file")
        .isEqualTo(ExitCodes.USAGE);
    assertThat(run("eval").code()).as("eval without what").isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void conllReportWithKnownAnswers(@TempDir Path dir) throws Exception {
    // The gold file calls Paris an organisation on purpose: the model's LOC is then one false positive (LOC) and
    // one miss (ORG). Everything else is what the model finds: gold 4, predicted 4, correct 3, so P = R = F1 = 3/4.
    Path file = Files.writeString(dir.resolve("tiny.txt"), """
        -DOCSTART- -X- -X- O

        Angela B-PER
        Merkel I-PER
        visited O
        Paris B-ORG
        . O

        Microsoft B-ORG
        hired O
        John B-PER
        Smith I-PER
        . O
        """);
    Outcome result = run("eval", "ner", "--conll", file.toString());
    assertThat(result.code()).as("exit code, stderr: " + result.err()).isEqualTo(ExitCodes.OK);
    assertThat(result.out()).as("report").contains("2 sentences, 10 tokens")
        .containsPattern("LOC\\s+0\\s+1\\s+0\\s+0\\.0000\\s+0\\.0000\\s+0\\.0000")
        .containsPattern("ORG\\s+2\\s+1\\s+1\\s+1\\.0000\\s+0\\.5000\\s+0\\.6667")
        .containsPattern("PER\\s+2\\s+2\\s+2\\s+1\\.0000\\s+1\\.0000\\s+1\\.0000")
        .containsPattern("micro\\s+4\\s+4\\s+3\\s+0\\.7500\\s+0\\.7500\\s+0\\.7500")
        .contains("tokens/s");
  }
}
