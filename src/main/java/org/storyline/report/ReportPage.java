package org.storyline.report;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import static org.storyline.report.Html.count;
import static org.storyline.report.Html.decimal;
import static org.storyline.report.Html.escape;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.storyline.report.ReportData.Article;
import org.storyline.report.ReportData.Emerging;
import org.storyline.report.ReportData.EmergingItem;
import org.storyline.report.ReportData.EntityRow;
import org.storyline.report.ReportData.Pair;
import org.storyline.report.ReportData.Section;
import org.storyline.report.ReportData.TopicSeries;
import org.storyline.report.ReportData.Topics;
import org.storyline.report.Svg.Bar;

/**
 * Renders {@link ReportData} as one HTML page. The page has no script; a Content-Security-Policy forbids scripts and
 * any network access as a second line of defence behind {@link Html#escape}, which every corpus and manifest string
 * goes through.
 */
final class ReportPage {
  private ReportPage() {}

  private static final String CSS = """
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#222;
        margin:0;background:#f6f7f9}
      header{background:#1d2b3a;color:#fff;padding:18px 32px}
      header h1{margin:0 0 4px;font-size:22px}
      header p{margin:0;color:#c9d3dd}
      nav{padding:8px 32px;background:#e9edf2;font-size:13px}
      nav a{margin-right:14px;color:#1d4f91;text-decoration:none}
      main{max-width:1220px;margin:0 auto;padding:8px 32px 40px}
      section{background:#fff;border:1px solid #dde2e8;border-radius:6px;margin:18px 0;padding:14px 20px}
      h2{font-size:18px;margin:4px 0 10px}
      h3{font-size:15px;margin:14px 0 6px}
      table{border-collapse:collapse;font-size:13px;margin:6px 0}
      th,td{padding:3px 9px;border-bottom:1px solid #eceff3;text-align:left;vertical-align:top}
      th{background:#f2f4f7;font-weight:600}
      td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
      .empty{color:#8a5a00;background:#fff8e6;border:1px solid #f0dca8;padding:6px 10px;border-radius:4px}
      .note{color:#666;font-size:12px}
      .grid2{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:14px}
      .row{display:flex;flex-wrap:wrap;gap:28px;align-items:flex-start}
      .card{border:1px solid #e3e7ec;border-radius:5px;padding:8px 12px}
      .card h3{margin:2px 0 2px}
      .terms{color:#555;font-size:12px;margin:0 0 4px}
      .chip{display:inline-block;padding:0 6px;border-radius:8px;color:#fff;font-size:11px}
      ul.titles{margin:4px 0 0;padding-left:18px;font-size:12px}
      ul.titles li{margin:1px 0}
      .src{color:#777}
      .cols{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:12px 28px}
      .cols table{width:100%}
      .cols td:first-child{overflow-wrap:anywhere}
      .legend span{margin-right:12px;font-size:12px}
      svg.chart{display:block;background:#fff}
      svg .line{fill:none;stroke:#1f5fa8;stroke-width:1.7}
      svg .burst{fill:#d62728;fill-opacity:.18}
      svg .grid{stroke:#e3e6ea;stroke-width:1}
      svg .tick{font-size:10px;fill:#666}
      svg .bar{fill:#4c78a8}
      svg .label{font-size:11px;fill:#333}
      svg .value{font-size:11px;fill:#333}
      svg .spark{fill:none;stroke:#1f5fa8;stroke-width:1.3}
      svg .peak{fill:#d62728}
      svg .edge{stroke:#6b7b8c}
      svg .node{stroke:#fff;stroke-width:1.2}
      """;

  static String render(ReportData d) {
    StringBuilder h = new StringBuilder(64 * 1024);
    JsonNode m = d.manifest;
    String runId = m.path("run_id").asText("");
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';")
        .append(" img-src data:\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Storyline report ").append(escape(runId)).append("</title>\n<style>").append(CSS)
        .append("</style>\n</head>\n<body>\n");
    h.append("<header><h1>Storyline report</h1><p>").append(escape(d.dir)).append(" \u00b7 run ")
        .append(escape(runId)).append(" \u00b7 ").append(escape(m.path("status").asText("?"))).append(" \u00b7 ")
        .append(escape(m.path("finished_at").asText(""))).append("</p></header>\n");
    h.append("<nav><a href=\"#summary\">Run summary</a><a href=\"#entities\">Top entities</a>")
        .append("<a href=\"#cooccurrence\">Co-occurrence</a><a href=\"#topics\">Topics</a>")
        .append("<a href=\"#tracked\">Tracked topics</a><a href=\"#emerging\">Emerging</a></nav>\n<main>\n");
    summary(h, d);
    entities(h, d.entities);
    pairs(h, d.pairs);
    topics(h, "topics", "Topic trends", d.topics, true);
    topics(h, "tracked", "Tracked topics", d.tracked, false);
    emerging(h, d);
    h.append("<p class=\"note\">Written by storyline ").append(escape(m.path("versions").path("storyline").asText("")))
        .append(" from the tables of run ").append(escape(runId))
        .append(". Self-contained: no scripts, no network access.</p>\n</main>\n</body>\n</html>\n");
    return h.toString();
  }

  // ---------------------------------------------------------------------------------------------------------------

  private static void summary(StringBuilder h, ReportData d) {
    JsonNode m = d.manifest;
    JsonNode counts = m.path("counts");
    h.append("<section id=\"summary\"><h2>Run summary</h2>\n");
    if (m.has("error")) {
      h.append("<p class=\"empty\">The run failed: ").append(escape(m.path("error").asText())).append("</p>");
    }
    h.append("<div class=\"row\"><div><h3>Records</h3><table>");
    figure(h, "records read", counts, "records_read");
    figure(h, "articles", counts, "articles");
    figure(h, "rejected", counts, "rejected");
    figure(h, "out of date range", counts, "out_of_range");
    figure(h, "exact duplicates", counts, "duplicates_exact");
    figure(h, "near duplicates", counts, "duplicates_near");
    figure(h, "articles in analysed languages", counts, "articles_in_analysed_languages");
    figure(h, "articles in other languages", counts, "articles_in_other_languages");
    figure(h, "input files", m.path("input"), "files");
    figure(h, "input bytes", m.path("input"), "bytes");
    h.append("</table><p class=\"note\">started ").append(escape(m.path("started_at").asText("")))
        .append(", ").append(escape(decimal(m.path("seconds").isNumber() ? m.path("seconds").asDouble() : null, 1)))
        .append(" s, master ").append(escape(m.path("master").asText(""))).append(", Spark ")
        .append(escape(m.path("versions").path("spark").asText(""))).append("</p></div>\n");

    h.append("<div><h3>Rejected by reason</h3>");
    List<Bar> reasons = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = counts.path("rejected_by_reason").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      reasons.add(new Bar(e.getKey(), e.getValue().asDouble(), count(e.getValue().asLong())));
    }
    if (reasons.isEmpty()) {
      h.append("<p class=\"note\">no record was rejected</p>");
    } else {
      h.append(Svg.barChart("Rejected records by reason", reasons, 380));
    }
    h.append("<h3>Stage wall times</h3>");
    List<Bar> stages = new ArrayList<>();
    for (JsonNode stage : m.path("stages")) {
      stages.add(new Bar(stage.path("name").asText("?"), stage.path("seconds").asDouble(),
          decimal(stage.path("seconds").asDouble(), 1) + " s"));
    }
    if (stages.isEmpty()) {
      h.append("<p class=\"note\">the manifest records no stages</p>");
    } else {
      h.append(Svg.barChart("Wall time per stage (seconds)", stages, 380));
    }
    h.append("</div>\n<div><h3>Table sizes (rows)</h3><table><tr><th>table</th><th class=\"n\">rows</th></tr>");
    for (Iterator<Map.Entry<String, JsonNode>> it = m.path("tables").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      h.append("<tr><td>").append(escape(e.getKey())).append("</td><td class=\"n\">")
          .append(escape(e.getValue().isNumber() ? count(e.getValue().asLong()) : e.getValue().asText()))
          .append("</td></tr>");
    }
    h.append("</table></div></div>\n<h3>Articles per week (originals)</h3>");
    if (d.articlesPerWeek.present()) {
      h.append(Svg.lineChart("Articles per week", d.articlesPerWeek.content(), org.storyline.schema.Period.WEEK,
          1100, 170, "articles"));
    } else {
      empty(h, d.articlesPerWeek.absent());
    }
    h.append("</section>\n");
  }

  private static void figure(StringBuilder h, String label, JsonNode parent, String field) {
    JsonNode v = parent.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return;
    }
    h.append("<tr><td>").append(escape(label)).append("</td><td class=\"n\">")
        .append(escape(v.isNumber() ? count(v.asLong()) : v.asText())).append("</td></tr>");
  }

  /** A linked entity's Wikipedia page (the dictionary's title, which may have been renamed since); a dash if none. */
  static String wikipedia(String title) {
    if (title == null) {
      return "<span class=\"note\">\u2013</span>";
    }
    String url = "https://en.wikipedia.org/wiki/" + URLEncoder.encode(title, StandardCharsets.UTF_8)
        .replace("+", "_").replace("%2F", "/").replace("%28", "(").replace("%29", ")").replace("%2C", ",");
    return "<a href=\"" + escape(url) + "\">" + escape(title.replace('_', ' ')) + "</a>";
  }

  private static void entities(StringBuilder h, Section<ReportData.Entities> s) {
    h.append("<section id=\"entities\"><h2>Top entities</h2>\n");
    if (!s.present()) {
      empty(h, s.absent());
      h.append("</section>\n");
      return;
    }
    ReportData.Entities e = s.content();
    h.append("<table><tr><th class=\"n\">#</th><th>entity</th><th>type</th><th class=\"n\">articles</th>")
        .append("<th class=\"n\">mentions</th><th>first seen</th><th>last seen</th><th>trend")
        .append(e.trendPeriod() == null ? "" : " (" + escape(e.trendPeriod().label()) + ")")
        .append("</th><th>aliases</th><th>Wikipedia</th></tr>\n");
    int rank = 1;
    for (EntityRow r : e.rows()) {
      h.append("<tr><td class=\"n\">").append(rank++).append("</td><td>").append(escape(r.name()))
          .append("</td><td>").append(chip(r.type())).append("</td><td class=\"n\">").append(count(r.docs()))
          .append("</td><td class=\"n\">").append(count(r.mentions())).append("</td><td>")
          .append(escape(r.firstSeen())).append("</td><td>").append(escape(r.lastSeen())).append("</td><td>");
      if (r.trend().isEmpty()) {
        h.append("<span class=\"note\">\u2013</span>");
      } else {
        h.append(Svg.sparkline("Articles per " + (e.trendPeriod() == null ? "period" : e.trendPeriod().label())
            + " mentioning " + r.name(), r.trend(), 150, 26));
      }
      h.append("</td><td>").append(escape(String.join(", ", r.aliases().subList(0, Math.min(5,
          r.aliases().size()))))).append("</td><td>").append(wikipedia(r.wikiTitle())).append("</td></tr>\n");
    }
    h.append("</table>");
    if (e.trendNote() != null) {
      empty(h, e.trendNote());
    }
    h.append("</section>\n");
  }

  private static void pairs(StringBuilder h, Section<ReportData.Pairs> s) {
    h.append("<section id=\"cooccurrence\"><h2>Co-occurrence: strongest pairs");
    if (!s.present()) {
      h.append("</h2>\n");
      empty(h, s.absent());
      h.append("</section>\n");
      return;
    }
    ReportData.Pairs p = s.content();
    h.append(" of the ").append(escape(p.period().label())).append(" starting ").append(escape(p.week().toString()))
        .append("</h2>\n<p class=\"note\">Window: same article. ").append(count(p.weekPairs()))
        .append(" pairs in at least ").append(p.minPairDocs())
        .append(" articles that period; the strongest by NPMI, then log-likelihood ratio (G\u00b2).</p>\n");
    h.append("<table><tr><th>entity A</th><th>entity B</th><th class=\"n\">articles together</th>")
        .append("<th class=\"n\">articles A</th><th class=\"n\">articles B</th><th class=\"n\">of</th>")
        .append("<th class=\"n\">NPMI</th><th class=\"n\">G\u00b2</th><th>example articles</th></tr>\n");
    for (Pair r : p.strongest()) {
      h.append("<tr><td>").append(escape(r.a())).append(' ').append(chip(r.typeA())).append("</td><td>")
          .append(escape(r.b())).append(' ').append(chip(r.typeB())).append("</td><td class=\"n\">")
          .append(count(r.pairDocs())).append("</td><td class=\"n\">").append(count(r.docsA()))
          .append("</td><td class=\"n\">").append(count(r.docsB())).append("</td><td class=\"n\">")
          .append(count(r.nDocs())).append("</td><td class=\"n\">").append(decimal(r.npmi(), 3))
          .append("</td><td class=\"n\">").append(decimal(r.llr(), 1)).append("</td><td>");
      titles(h, r.examples());
      h.append("</td></tr>\n");
    }
    h.append("</table>\n<h3>Network of the ").append(escape(p.period().label())).append(" starting ")
        .append(escape(p.week().toString())).append("</h3><p class=\"note\">The ").append(p.edges().size())
        .append(" pairs in the most articles: line width = articles together, opacity = NPMI, node area = articles")
        .append(" mentioning the entity.</p><p class=\"legend\">");
    for (String type : List.of("PERSON", "ORGANIZATION", "LOCATION", "MISC")) {
      h.append("<span>").append(chip(type)).append("</span>");
    }
    h.append("</p>");
    h.append(Svg.network("Co-occurrence network, " + p.period().label() + " of " + p.week(), p.nodes(), p.edges(),
        760));
    h.append("</section>\n");
  }

  private static void topics(StringBuilder h, String id, String heading, Section<Topics> s, boolean lda) {
    h.append("<section id=\"").append(id).append("\"><h2>").append(escape(heading)).append("</h2>\n");
    if (!s.present()) {
      empty(h, s.absent());
      h.append("</section>\n");
      return;
    }
    Topics t = s.content();
    h.append("<p class=\"note\">Articles per ").append(escape(t.period().label()))
        .append("; shaded: burst periods (Kleinberg's two-state automaton).")
        .append(lda ? " Topics with bursts first, then by articles; " + t.charted().size() + " of "
            + (t.topicCount() > 0 ? t.topicCount() : t.charted().size()) + " topics shown." : "")
        .append("</p>\n<div class=\"grid2\">\n");
    for (TopicSeries ts : t.charted()) {
      h.append("<div class=\"card\"><h3>").append(lda ? "Topic " + escape(ts.key()) + ": " : "")
          .append(escape(ts.label())).append("</h3>");
      if (!ts.terms().isEmpty()) {
        h.append("<p class=\"terms\">").append(escape(ts.terms())).append("</p>");
      }
      h.append("<p class=\"note\">").append(count(ts.totalDocs())).append(" articles, ").append(ts.burstPeriods())
          .append(" burst ").append(ts.burstPeriods() == 1 ? "period" : "periods")
          .append(ts.coherence() == null ? "" : ", coherence (NPMI) " + decimal(ts.coherence(), 3)).append("</p>");
      if (ts.points().isEmpty()) {
        h.append("<p class=\"note\">no periods</p>");
      } else {
        h.append(Svg.lineChart((lda ? "Topic " + ts.key() + ": " : "") + ts.label() + ", articles per "
            + t.period().label(), ts.points(), t.period(), 540, 150, null));
      }
      if (!ts.examples().isEmpty()) {
        titles(h, ts.examples());
      }
      h.append("</div>\n");
    }
    h.append("</div></section>\n");
  }

  private static void emerging(StringBuilder h, ReportData d) {
    h.append("<section id=\"emerging\"><h2>Emerging terms</h2>\n");
    emergingColumns(h, d.emergingTerms, "count");
    h.append("<h2>Emerging pairs</h2>\n");
    emergingColumns(h, d.emergingPairs, "articles");
    h.append("</section>\n");
  }

  private static void emergingColumns(StringBuilder h, Section<List<Emerging>> s, String countLabel) {
    if (!s.present()) {
      empty(h, s.absent());
      return;
    }
    h.append("<p class=\"note\">The latest periods, newest first; score = log-ratio of this period's ")
        .append(escape(countLabel)).append(" to the trailing baseline.</p><div class=\"cols\">");
    for (Emerging e : s.content()) {
      h.append("<div><h3>").append(escape(e.start().toString())).append("</h3><table><tr><th></th><th class=\"n\">")
          .append(escape(countLabel)).append("</th><th class=\"n\">baseline</th><th class=\"n\">score</th></tr>");
      for (EmergingItem i : e.items()) {
        h.append("<tr><td>").append(escape(i.text())).append("</td><td class=\"n\">").append(count(i.count()))
            .append("</td><td class=\"n\">").append(decimal(i.baseline(), 1)).append("</td><td class=\"n\">")
            .append(decimal(i.score(), 2)).append("</td></tr>");
      }
      h.append("</table></div>");
    }
    h.append("</div>\n");
  }

  // ---------------------------------------------------------------------------------------------------------------

  private static void titles(StringBuilder h, List<Article> articles) {
    if (articles.isEmpty()) {
      return;
    }
    h.append("<ul class=\"titles\">");
    for (Article a : articles) {
      h.append("<li>").append(escape(a.title() == null ? a.docId() : a.title()));
      if (a.source() != null || a.published() != null) {
        h.append(" <span class=\"src\">(").append(escape(a.source() == null ? "" : a.source()))
            .append(a.source() != null && a.published() != null ? ", " : "")
            .append(escape(a.published() == null ? "" : a.published())).append(")</span>");
      }
      h.append("</li>");
    }
    h.append("</ul>");
  }

  private static String chip(String type) {
    return "<span class=\"chip\" style=\"background:" + Svg.typeColour(type) + "\">" + escape(type) + "</span>";
  }

  private static void empty(StringBuilder h, String why) {
    h.append("<p class=\"empty\">").append(escape(why)).append("</p>\n");
  }
}
