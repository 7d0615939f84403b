package org.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code storyline eval link}: what it refuses before Spark starts (no Spark in these tests). */
class EvalLinkCommandTest {

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
    Outcome help = run("eval", "link", "--help");
    assertThat(help.code()).as("exit code").isEqualTo(ExitCodes.OK);
    assertThat(help.out()).as("usage").contains("--gum", "--link-index", "--link-min-prior", "--ner-model",
        "--master");
  }

  @Test
  void withoutAnIndexOrAGumFolderItIsAUsageError(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("GUM_news_x.conllu"), "1\tSeoul\tSeoul\tPROPN\tNNP\t_\t0\troot\t_\t_\n");
    Outcome noIndex = run("eval", "link", "--gum", dir.toString());
    assertThat(noIndex.code()).as("no --link-index").isEqualTo(ExitCodes.USAGE);
    assertThat(noIndex.err()).as("message").contains("storyline eval link needs --link-index DIR");
    Outcome noGum = run("eval", "link", "--link-index", dir.toString());
    assertThat(noGum.code()).as("no --gum").isEqualTo(ExitCodes.USAGE);
    assertThat(noGum.err()).as("message").contains("needs --gum DIR");
    Outcome missing = run("eval", "link", "--gum", dir.resolve("absent").toString(), "--link-index", dir.toString());
    assertThat(missing.code()).as("--gum not a folder").isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err()).as("message").contains("--gum should be a folder", "absent");
    Outcome notAnIndex = run("eval", "link", "--gum", dir.toString(), "--link-index", dir.toString());
    assertThat(notAnIndex.code()).as("an index without its marker").isEqualTo(ExitCodes.USAGE);
    assertThat(notAnIndex.err()).as("message").contains("not a finished link index");
    Outcome badPrior = run("eval", "link", "--gum", dir.toString(), "--link-index", dir.toString(),
        "--link-min-prior", "1.5");
    assertThat(badPrior.code()).as("--link-min-prior out of range").isEqualTo(ExitCodes.USAGE);
    assertThat(badPrior.err()).as("message").contains("--link-min-prior", "1.5");
  }
}
