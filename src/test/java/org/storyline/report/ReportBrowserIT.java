package org.storyline.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.storyline.testing.TestSpark;

/**
 * {@code report.html} in a real browser: headless Chromium (Debian's {@code chromium}) opens the page of the sample
 * run and of a hand-made report full of markup-like corpus text ({@link ReportFixtures}), dumps the DOM it built,
 * and logs its console to stderr. Checks: every chart is an SVG with drawn shapes, no element was parsed out of
 * corpus text (no {@code img}, no {@code onerror}, no {@code script}), the titles show as text, and the console is
 * silent (no script error, no blocked load). A control page with a script error proves the console check sees
 * errors. Saves a screenshot of the sample report as {@code target/report-screenshot.png}.
 *
 * <p>Skips when {@code /usr/bin/chromium} (or {@code STORYLINE_CHROMIUM}) is absent, unless
 * {@code STORYLINE_REQUIRE_TOOLS=1}.
 */
class ReportBrowserIT {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static Path chromium;

  @BeforeAll
  static void findChromium() {
    chromium = Path.of(System.getenv().getOrDefault("STORYLINE_CHROMIUM", "/usr/bin/chromium"));
    ItTools.requireTool(Files.isExecutable(chromium),
        chromium + " not found: the browser test needs Debian's chromium (apt-get install chromium)");
  }

  @Test
  void theSampleReportRendersEveryChartAndRunsNothing() throws IOException {
    long t0 = System.nanoTime();
    Path html = ItTools.sampleReport().resolve(Report.FILE);
    long t1 = System.nanoTime();
    String source = Files.readString(html, StandardCharsets.UTF_8);
    assertThat(source).as("no raw tag from the corpus in the file").doesNotContain("<img")
        .doesNotContain("<script");

    Browser page = open(html);
    List<Element> charts = page.dom().select("svg.chart");
    // Run summary (2 bar charts, articles per week), 8 topics, the tracked topic; more with entity tables.
    assertThat(charts).as("charts of the sample report").hasSizeGreaterThanOrEqualTo(12);
    assertDrawn(charts);
    assertInert(page);
    assertThat(page.dom().select("section#tracked svg.chart rect.burst")).as("the tracked topic's burst shaded")
        .isNotEmpty();
    // The sample run always writes the entity tables: the sections must be there and drawn.
    assertThat(page.dom().select("section#entities svg.chart")).as("entity trend lines").hasSizeGreaterThan(5);
    assertThat(page.dom().select("section#cooccurrence svg.chart circle.node")).as("the network's entities")
        .hasSizeGreaterThan(5);
    assertThat(page.dom().select("section#cooccurrence ul.titles li")).as("example articles of the pairs")
        .isNotEmpty();

    Path screenshot = ItTools.ROOT.resolve("target/report-screenshot.png");
    Files.deleteIfExists(screenshot);
    ItTools.Result shot = chromium(List.of("--screenshot=" + screenshot, "--window-size=1280,2400",
        html.toUri().toString()));
    assertThat(shot.exitCode()).as("screenshot: " + ItTools.tail(shot.stderr())).isZero();
    assertThat(screenshot).as("the screenshot, a build artifact").isRegularFile();
    assertThat(Files.size(screenshot)).as("a real picture").isGreaterThan(20_000);
    System.out.printf("ReportBrowserIT: sample run and report %.1f s, browser %.1f s%n", (t1 - t0) / 1e9,
        (System.nanoTime() - t1) / 1e9);
  }

  @Test
  void corpusMarkupShowsAsTextInTheBrowser() throws IOException {
    Path dir = ItTools.WORK.resolve("markup");
    ReportFixtures.publish(TestSpark.session(), dir);
    ItTools.command("report", "--output", dir.toString(), "--master", "local[2]");
    Browser page = open(dir.resolve(Report.FILE));
    assertInert(page);
    assertDrawn(page.dom().select("svg.chart"));
    assertThat(page.dom().body().text()).as("the title and the term are shown as text")
        .contains(ReportFixtures.EVIL).contains("<script>x</script>");
  }

  @Test
  void theConsoleCheckSeesScriptErrors() throws IOException {
    Path control = ItTools.WORK.resolve("control.html");
    Files.createDirectories(control.getParent());
    Files.writeString(control, "<!DOCTYPE html><html><body><p>control</p>"
        + "<script>console.error('storyline-control'); undefinedFunction();</script></body></html>");
    Browser page = open(control);
    assertThat(page.console()).as("a control page's console error and uncaught exception are seen")
        .anyMatch(l -> l.contains("storyline-control")).anyMatch(l -> l.contains("Uncaught"));
  }

  // ---------------------------------------------------------------------------------------------------------------

  private record Browser(Document dom, List<String> console) {}

  private static Browser open(Path html) {
    ItTools.Result r = chromium(List.of("--enable-logging=stderr", "--v=0", "--dump-dom", html.toUri().toString()));
    assertThat(r.exitCode()).as("chromium --dump-dom: " + ItTools.tail(r.stderr())).isZero();
    assertThat(r.stdout()).as("the DOM").contains("</html>");
    List<String> console = new ArrayList<>();
    for (String line : r.stderr().split("\n")) {
      if (line.contains(":CONSOLE") || line.contains("Uncaught") || line.contains("Refused to")) {
        console.add(line);
      }
    }
    return new Browser(Jsoup.parse(r.stdout()), console);
  }

  private static ItTools.Result chromium(List<String> args) {
    try {
      Path profile = Files.createTempDirectory(Files.createDirectories(ItTools.WORK), "chromium-profile");
      List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
          "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile));
      command.addAll(args);
      return ItTools.run(command, ItTools.ROOT, Map.of(), TIMEOUT);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void assertDrawn(List<Element> charts) {
    assertThat(charts).as("at least one chart").isNotEmpty();
    for (Element svg : charts) {
      String title = svg.selectFirst("title") == null ? "(untitled)" : svg.selectFirst("title").text();
      assertThat(svg.select("path, rect, circle, line")).as("shapes drawn in the chart '" + title + "'")
          .isNotEmpty();
      assertThat(svg.select("path[d]").stream().allMatch(p -> p.attr("d").length() > 3))
          .as("non-empty paths in '" + title + "'").isTrue();
    }
  }

  private static void assertInert(Browser page) {
    assertThat(page.dom().select("img")).as("no img element parsed from corpus text").isEmpty();
    assertThat(page.dom().select("[onerror], [onload], [onclick]")).as("no event handler attributes").isEmpty();
    assertThat(page.dom().select("script")).as("no script element").isEmpty();
    assertThat(page.console()).as("a silent console: no script error, nothing blocked").isEmpty();
  }
}
