package org.storyline.report;

import static org.storyline.report.Html.coord;
import static org.storyline.report.Html.escape;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.storyline.schema.Period;

/**
 * The report's charts, drawn as inline SVG by our own code: no script, no network, the same bytes for the same data.
 * Every chart is an {@code <svg class="chart">} with a {@code <title>}; all text in it is escaped.
 */
final class Svg {
  private Svg() {}

  /** One period of a series: its first day, its value, and whether it lies in a burst (shaded). */
  record Point(LocalDate start, double value, boolean burst) {}

  /** A bar of a bar chart. */
  record Bar(String label, double value, String text) {}

  /** A node of the network picture: id, label, type (colours the node) and article count (sizes it). */
  record Node(String id, String label, String type, long docs) {}

  /** An edge of the network picture: article count (width) and npmi (opacity). */
  record Edge(String a, String b, long pairDocs, double npmi) {}

  private static final String[] TYPE_COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#7f7f7f"};
  private static final List<String> TYPES = List.of("PERSON", "ORGANIZATION", "LOCATION", "MISC");

  /** The colour of an entity type (fixed for the four CoNLL types, grey for the rest). */
  static String typeColour(String type) {
    int i = TYPES.indexOf(type == null ? "" : type.toUpperCase(Locale.ROOT));
    return TYPE_COLOURS[i < 0 ? TYPE_COLOURS.length - 1 : i];
  }

  /**
   * A line chart of one series over periods: the line at the middle of each period, periods in a burst shaded as
   * bands, the y axis from 0 to the maximum, four dated ticks on the x axis. {@code points} sorted by start.
   */
  static String lineChart(String title, List<Point> points, Period period, int width, int height, String yLabel) {
    double left = 44;
    double right = 10;
    double top = 14;
    double bottom = 24;
    double plotW = width - left - right;
    double plotH = height - top - bottom;
    LocalDate first = points.get(0).start();
    LocalDate end = period.next(points.get(points.size() - 1).start());
    double days = Math.max(1, ChronoUnit.DAYS.between(first, end));
    double max = points.stream().mapToDouble(Point::value).max().orElse(0);
    double yMax = niceCeiling(max);
    StringBuilder s = open(width, height, title);
    // Bursts first, under the line.
    for (Point p : points) {
      if (p.burst()) {
        double x0 = left + plotW * ChronoUnit.DAYS.between(first, p.start()) / days;
        double x1 = left + plotW * ChronoUnit.DAYS.between(first, period.next(p.start())) / days;
        s.append("<rect class=\"burst\" x=\"").append(coord(x0)).append("\" y=\"").append(coord(top))
            .append("\" width=\"").append(coord(Math.max(1, x1 - x0))).append("\" height=\"").append(coord(plotH))
            .append("\"><title>burst: ").append(escape(p.start().toString())).append("</title></rect>");
      }
    }
    // Axes and grid.
    for (int i = 0; i <= 2; i++) {
      double y = top + plotH - plotH * i / 2.0;
      s.append("<line class=\"grid\" x1=\"").append(coord(left)).append("\" x2=\"").append(coord(left + plotW))
          .append("\" y1=\"").append(coord(y)).append("\" y2=\"").append(coord(y)).append("\"/>");
      s.append("<text class=\"tick\" x=\"").append(coord(left - 4)).append("\" y=\"").append(coord(y + 3))
          .append("\" text-anchor=\"end\">").append(escape(number(yMax * i / 2.0))).append("</text>");
    }
    int ticks = Math.min(4, points.size());
    for (int i = 0; i < ticks; i++) {
      Point p = points.get(ticks == 1 ? 0 : (int) Math.round(i * (points.size() - 1) / (double) (ticks - 1)));
      double x = left + plotW * ChronoUnit.DAYS.between(first, p.start()) / days;
      String anchor = i == 0 ? "start" : i == ticks - 1 && ticks > 1 ? "end" : "middle";
      s.append("<text class=\"tick\" x=\"").append(coord(x)).append("\" y=\"").append(coord(height - 6))
          .append("\" text-anchor=\"").append(anchor).append("\">").append(escape(p.start().toString()))
          .append("</text>");
    }
    if (yLabel != null) {
      s.append("<text class=\"tick\" x=\"").append(coord(left)).append("\" y=\"10\">").append(escape(yLabel))
          .append("</text>");
    }
    // The line.
    s.append("<path class=\"line\" d=\"");
    for (int i = 0; i < points.size(); i++) {
      Point p = points.get(i);
      LocalDate mid = p.start();
      double x = left + plotW * (ChronoUnit.DAYS.between(first, mid)
          + ChronoUnit.DAYS.between(mid, period.next(mid)) / 2.0) / days;
      double y = top + plotH - (yMax == 0 ? 0 : plotH * p.value() / yMax);
      s.append(i == 0 ? "M" : " L").append(coord(x)).append(' ').append(coord(y));
    }
    s.append("\"/>");
    return s.append("</svg>").toString();
  }

  /** A small line without axes, for a table cell; its maximum is marked with a dot. */
  static String sparkline(String title, List<Point> points, int width, int height) {
    double max = points.stream().mapToDouble(Point::value).max().orElse(0);
    StringBuilder s = open(width, height, title);
    s.append("<path class=\"spark\" d=\"");
    int peak = 0;
    double pad = 2;
    for (int i = 0; i < points.size(); i++) {
      double x = pad + (points.size() == 1 ? (width - 2 * pad) / 2 : (width - 2 * pad) * i / (points.size() - 1.0));
      double y = height - pad - (max == 0 ? 0 : (height - 2 * pad) * points.get(i).value() / max);
      s.append(i == 0 ? "M" : " L").append(coord(x)).append(' ').append(coord(y));
      if (points.get(i).value() > points.get(peak).value()) {
        peak = i;
      }
    }
    s.append("\"/>");
    double px = pad + (points.size() == 1 ? (width - 2 * pad) / 2 : (width - 2 * pad) * peak / (points.size() - 1.0));
    double py = height - pad - (max == 0 ? 0 : height - 2 * pad);
    s.append("<circle class=\"peak\" cx=\"").append(coord(px)).append("\" cy=\"").append(coord(py))
        .append("\" r=\"2\"/>");
    return s.append("</svg>").toString();
  }

  /** Horizontal bars, one per row, labelled on the left, the value's text on the right of the bar. */
  static String barChart(String title, List<Bar> bars, int width) {
    int row = 20;
    int height = row * bars.size() + 6;
    double labelW = 170;
    double textW = 70;
    double plotW = width - labelW - textW;
    double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
    StringBuilder s = open(width, height, title);
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      double y = 3 + i * row;
      double w = max <= 0 ? 0 : plotW * b.value() / max;
      s.append("<text class=\"label\" x=\"").append(coord(labelW - 6)).append("\" y=\"").append(coord(y + 13))
          .append("\" text-anchor=\"end\">").append(escape(b.label())).append("</text>");
      s.append("<rect class=\"bar\" x=\"").append(coord(labelW)).append("\" y=\"").append(coord(y + 2))
          .append("\" width=\"").append(coord(Math.max(1, w))).append("\" height=\"").append(row - 6)
          .append("\"/>");
      s.append("<text class=\"value\" x=\"").append(coord(labelW + Math.max(1, w) + 4)).append("\" y=\"")
          .append(coord(y + 13)).append("\">").append(escape(b.text())).append("</text>");
    }
    return s.append("</svg>").toString();
  }

  /**
   * The network of one period: nodes on a circle, grouped by type and then by label (a deterministic layout: the
   * same graph always gives the same picture), edges as straight lines whose width grows with the pair's articles
   * and whose opacity with its npmi; node area proportional to the entity's articles; labels outside the circle.
   */
  static String network(String title, List<Node> nodes, List<Edge> edges, int size) {
    List<Node> ordered = new ArrayList<>(nodes);
    ordered.sort(Comparator.comparingInt((Node n) -> {
      int i = TYPES.indexOf(n.type() == null ? "" : n.type().toUpperCase(Locale.ROOT));
      return i < 0 ? TYPES.size() : i;
    }).thenComparing(Node::label, Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(Node::id));
    // Wider than tall: the labels left and right of the circle need room.
    int width = size + 240;
    double cx = width / 2.0;
    double cy = size / 2.0;
    double radius = size / 2.0 - 90;
    Map<String, double[]> at = new HashMap<>();
    Map<String, String> labels = new HashMap<>();
    for (int i = 0; i < ordered.size(); i++) {
      labels.put(ordered.get(i).id(), ordered.get(i).label());
      double angle = -Math.PI / 2 + 2 * Math.PI * i / ordered.size();
      at.put(ordered.get(i).id(), new double[] {cx + radius * Math.cos(angle), cy + radius * Math.sin(angle), angle});
    }
    long maxDocs = Math.max(1, ordered.stream().mapToLong(Node::docs).max().orElse(1));
    long maxPair = Math.max(1, edges.stream().mapToLong(Edge::pairDocs).max().orElse(1));
    StringBuilder s = open(width, size, title);
    for (Edge e : edges) {
      double[] a = at.get(e.a());
      double[] b = at.get(e.b());
      if (a == null || b == null) {
        continue;
      }
      double w = 0.8 + 5.0 * e.pairDocs() / maxPair;
      double opacity = 0.25 + 0.65 * Math.max(0, Math.min(1, e.npmi()));
      s.append("<line class=\"edge\" x1=\"").append(coord(a[0])).append("\" y1=\"").append(coord(a[1]))
          .append("\" x2=\"").append(coord(b[0])).append("\" y2=\"").append(coord(b[1]))
          .append("\" stroke-width=\"").append(coord(w)).append("\" stroke-opacity=\"")
          .append(String.format(Locale.ROOT, "%.2f", opacity)).append("\"><title>")
          .append(escape(labels.get(e.a()))).append(" \u2013 ").append(escape(labels.get(e.b()))).append(": ").append(e.pairDocs())
          .append(" articles</title></line>");
    }
    for (Node n : ordered) {
      double[] p = at.get(n.id());
      double r = 3 + 9 * Math.sqrt((double) n.docs() / maxDocs);
      s.append("<circle class=\"node\" cx=\"").append(coord(p[0])).append("\" cy=\"").append(coord(p[1]))
          .append("\" r=\"").append(coord(r)).append("\" fill=\"").append(typeColour(n.type())).append("\"><title>")
          .append(escape(n.label())).append(" (").append(escape(n.type())).append(", ").append(n.docs())
          .append(" articles)</title></circle>");
      double lx = cx + (radius + r + 6) * Math.cos(p[2]);
      double ly = cy + (radius + r + 6) * Math.sin(p[2]);
      String anchor = Math.cos(p[2]) > 0.2 ? "start" : Math.cos(p[2]) < -0.2 ? "end" : "middle";
      s.append("<text class=\"label\" x=\"").append(coord(lx)).append("\" y=\"").append(coord(ly + 4))
          .append("\" text-anchor=\"").append(anchor).append("\">").append(escape(n.label())).append("</text>");
    }
    return s.append("</svg>").toString();
  }

  private static StringBuilder open(int width, int height, String title) {
    return new StringBuilder(1024).append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
        .append(height).append("\" role=\"img\"><title>").append(escape(title)).append("</title>");
  }

  /** The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten at or above {@code x} (0 stays 0). */
  static double niceCeiling(double x) {
    if (x <= 0) {
      return 0;
    }
    double p = Math.pow(10, Math.floor(Math.log10(x)));
    for (double m : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
      if (m * p >= x - 1e-12) {
        return m * p;
      }
    }
    return 10 * p;
  }

  /** An axis label: integers without decimals, shares with up to two significant decimals. */
  static String number(double x) {
    if (Math.abs(x - Math.rint(x)) < 1e-9) {
      return String.format(Locale.ROOT, "%d", (long) Math.rint(x));
    }
    return Math.abs(x) >= 1 ? String.format(Locale.ROOT, "%.1f", x) : String.format(Locale.ROOT, "%.2f", x);
  }
}
