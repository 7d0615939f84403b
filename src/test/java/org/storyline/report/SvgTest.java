package org.storyline.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.storyline.report.Svg.Point;
import org.storyline.schema.Period;

class SvgTest {
  private static final LocalDate MON = LocalDate.of(2025, 9, 1);

  @Test
  void lineChartShadesBurstPeriodsAndScalesToANiceMaximum() {
    List<Point> points = List.of(new Point(MON, 2, false), new Point(MON.plusWeeks(1), 7, true),
        new Point(MON.plusWeeks(2), 3, false));
    String svg = Svg.lineChart("<b>topic</b>", points, Period.WEEK, 344, 100, null);
    // Plot from x=44 to x=334 (width 290) over 21 days: the burst week 2025-09-08 spans x = 44 + 290*7/21 .. *14/21.
    assertThat(svg).as("one burst band over the second week")
        .contains("<rect class=\"burst\" x=\"140.7\" y=\"14\" width=\"96.7\" height=\"62\">");
    assertThat(svg.split("class=\"burst\"", -1)).as("only one band").hasSize(2);
    assertThat(svg).as("y axis up to 8, the nice ceiling of 7, halved at 4").contains(">8</text>")
        .contains(">4</text>");
    assertThat(svg).as("title escaped").contains("<title>&lt;b&gt;topic&lt;/b&gt;</title>")
        .doesNotContain("<b>");
    // Points at the middle of each week: x = 44 + 290*3.5/21 = 92.3; y = 14 + 62 - 62*2/8 = 60.5.
    assertThat(svg).as("the line starts mid-week one").contains("d=\"M92.3 60.5 L");
  }

  @Test
  void networkPlacesNodesOnACircleInTypeThenNameOrder() {
    List<Svg.Node> nodes = List.of(new Svg.Node("q3", "Moscow", "LOCATION", 2),
        new Svg.Node("q1", "Xi Jinping", "PERSON", 3), new Svg.Node("q2", "Kim Jong-un", "PERSON", 4));
    List<Svg.Edge> edges = List.of(new Svg.Edge("q1", "q2", 2, 0.5), new Svg.Edge("q2", "q3", 1, 0.2));
    String svg = Svg.network("net", nodes, edges, 400);
    // Persons first by name (Kim at the top, angle -90°), then Xi, then Moscow. Size 400: the picture is 640 wide
    // (room for labels), centre (320, 200), radius 200 - 90 = 110; Kim has the most articles: r = 3 + 9.
    assertThat(svg).as("Kim at the top of the circle").contains("cx=\"320\" cy=\"90\" r=\"12\"");
    assertThat(svg.indexOf(">Kim Jong-un</text>")).as("labels in layout order")
        .isLessThan(svg.indexOf(">Xi Jinping</text>"));
    assertThat(svg.split("<line class=\"edge\"", -1)).as("two edges").hasSize(3);
    assertThat(svg).as("the same input gives the same picture").isEqualTo(Svg.network("net", nodes, edges, 400));
  }

  @Test
  void barChartLabelsEscaped() {
    String svg = Svg.barChart("r", List.of(new Svg.Bar("<x>", 2, "2"), new Svg.Bar("y", 4, "4")), 400);
    assertThat(svg).as("label escaped").contains("&lt;x&gt;").doesNotContain("<x>");
    // Plot width 400 - 170 - 70 = 160: the largest bar is full width, the other half.
    assertThat(svg).as("bars scaled to the largest").contains("width=\"80\"").contains("width=\"160\"");
  }

  @Test
  void niceCeiling() {
    assertThat(Svg.niceCeiling(7)).as("7").isEqualTo(8);
    assertThat(Svg.niceCeiling(51)).as("51").isEqualTo(60);
    assertThat(Svg.niceCeiling(0.34)).as("0.34").isEqualTo(0.4, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(Svg.niceCeiling(0)).as("0").isEqualTo(0);
  }
}
