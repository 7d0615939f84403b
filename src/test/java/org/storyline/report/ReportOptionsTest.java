package org.storyline.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.storyline.cli.StorylineCommand;
import org.storyline.testing.TestSpark;

/**
 * Every option of {@code storyline report} changes the page: {@code storyline report} on the hand-made report
 * folder of {@link ReportFixtures} (published once), once with the defaults and once with the option, counting a
 * piece of the page the option governs.
 */
class ReportOptionsTest {
  @TempDir
  static Path dir;
  static String byDefault;

  @BeforeAll
  static void publish() throws IOException {
    ReportFixtures.publish(TestSpark.session(), dir);
    byDefault = report();
  }

  private static String report(String... options) throws IOException {
    List<String> args = new ArrayList<>(List.of("report", "--output", dir.toString()));
    args.addAll(List.of(options));
    StringWriter err = new StringWriter();
    int code = StorylineCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(err),
        args.toArray(String[]::new));
    assertThat(code).as("storyline %s; stderr: %s", String.join(" ", args), err).isZero();
    return Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8);
  }

  /** Occurrences of {@code piece} in the page; {@code svg:TITLE|PIECE} counts inside the chart titled TITLE. */
  private static int count(String page, String piece) {
    if (piece.startsWith("svg:")) {
      String[] titleAndPiece = piece.substring(4).split("\\|", 2);
      int at = page.indexOf("role=\"img\"><title>" + Html.escape(titleAndPiece[0]) + "</title>");
      if (at < 0) {
        return -1;
      }
      page = page.substring(page.lastIndexOf("<svg", at), page.indexOf("</svg>", at));
      piece = titleAndPiece[1];
    }
    return page.split(java.util.regex.Pattern.quote(piece), -1).length - 1;
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // Kim, Putin, Xi by default; only Kim with 1.
        Arguments.of("--top-entities", "1", "<td>Vladimir Putin</td>", 1, 0),
        // The latest week's pairs in 2+ articles: Kim-Putin and Kim-Moscow; Kim-Moscow (NPMI 0.250) not in the top 1.
        Arguments.of("--top-pairs", "1", "<td class=\"n\">0.250</td>", 1, 0),
        // The pair in one article (NPMI 0.990) is shown at --min-pair-docs 1.
        Arguments.of("--min-pair-docs", "1", "0.990", 0, 1),
        Arguments.of("--network-edges", "1", "<line class=\"edge\"", 2, 1),
        // Two topics by default, the bursting topic 1 first: topic 0 is left out at 1.
        Arguments.of("--top-topics", "1", "Topic 0: summit", 2, 0),
        // Kim's trend chart is drawn per day instead of per week.
        Arguments.of("--period", "day", "<title>Articles per day mentioning Kim Jong-un</title>", 0, 1),
        // Kim's weekly trend has three points (two segments); the latest two periods leave one segment.
        Arguments.of("--max-periods", "2", "svg:Articles per week mentioning Kim Jong-un| L", 2, 1));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void theOptionChangesThePage(String option, String value, String piece, int atDefault, int withOption)
      throws IOException {
    assertThat(count(byDefault, piece)).as("'%s' in the page with the defaults", piece).isEqualTo(atDefault);
    assertThat(count(report(option, value), piece)).as("'%s' in the page with %s %s", piece, option, value)
        .isEqualTo(withOption);
  }
}
