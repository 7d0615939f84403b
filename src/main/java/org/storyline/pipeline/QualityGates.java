package org.storyline.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.storyline.config.ConfigOption;
import org.storyline.config.OperationsConfig;

/**
 * The checks a run passes before it is published, so that a bad night (an empty feed, a broken parser or field
 * mapping, a language detector gone wrong, a NER model that finds nothing) does not replace the last good report.
 * Each check is computed from the run's own manifest counts and, for the drops and the night's shares, from those
 * of the published run: no extra Spark job.
 *
 * <p>The shares (NER coverage, duplicates, other languages) are of what this run <em>added</em>: in a nightly run
 * the difference between its counts and the published run's (a night of 150 articles all detected as Latvian
 * would hardly move the share over 30,000), in a batch run the whole report. A check with nothing to measure (no
 * new articles, no published run) has no value and passes; so does a share of fewer than
 * {@code --gate-min-sample} records or articles (reported, not judged: one article of three without an entity is
 * no broken NER).
 */
public final class QualityGates {
  private QualityGates() {}

  /** The manifest status of a run that a gate stopped. */
  public static final String STOPPED = "stopped_by_gates";

  /**
   * One check: its name, the option holding its threshold, whether the value may be at most ({@code max}) or at
   * least ({@code min}) the threshold, the value (null: nothing to measure), and for a share the number of
   * records or articles it is of ({@code sample}, null for the other checks) with the fewest it is judged on.
   */
  public record Check(String name, ConfigOption option, String bound, Double value, double threshold, Long sample,
      long minSample) {
    Check(String name, ConfigOption option, String bound, Double value, double threshold) {
      this(name, option, bound, value, threshold, null, 0);
    }

    /** Whether a value is judged: it exists, and a share is of enough records or articles. */
    public boolean judged() {
      return value != null && (sample == null || sample >= minSample);
    }

    public boolean passed() {
      return !judged() || (bound.equals("max") ? value <= threshold : value >= threshold);
    }

    Map<String, Object> toManifest() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", name);
      m.put("value", integral(value));
      m.put(bound, integral(threshold));
      if (sample != null) {
        m.put("sample", sample);
      }
      m.put("judged", judged());
      m.put("option", option.cliName());
      m.put("passed", passed());
      return m;
    }

    /** Counts as whole numbers in the manifest (519, not 519.0). */
    private static Object integral(Double d) {
      return d != null && d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) d.longValue() : d;
    }

    /** {@code reject_rate 0.62 > 0.5}, for the one line on stderr. */
    public String describe() {
      return String.format("%s %s %s %s", name, format(value), bound.equals("max") ? ">" : "<", format(threshold));
    }

    /** Four significant digits, no trailing zeros: 0.7092, 0.5, 12. */
    private static String format(double d) {
      return java.math.BigDecimal.valueOf(d).round(new java.math.MathContext(4)).stripTrailingZeros()
          .toPlainString();
    }
  }

  /** Every check of a run, and whether failing ones stop it. */
  public record Outcome(boolean enforced, List<Check> checks) {
    public Outcome {
      checks = List.copyOf(checks);
    }

    public List<Check> failed() {
      return checks.stream().filter(c -> !c.passed()).toList();
    }

    /** Whether the run may be published: every check passed, or the gates are off. */
    public boolean publishable() {
      return !enforced || failed().isEmpty();
    }

    /** The manifest's {@code gates}: enforced or not, passed or not, each check with its value. */
    public Map<String, Object> toManifest() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("enforced", enforced);
      m.put("passed", failed().isEmpty());
      m.put("failed", failed().stream().map(Check::name).toList());
      m.put("checks", checks.stream().map(Check::toManifest).toList());
      return m;
    }
  }

  /** A run that failed its gates: not published; the manifest in the history says which checks failed. */
  public static final class GatesFailedException extends RuntimeException {
    private final transient Outcome outcome;

    public GatesFailedException(String runId, Outcome outcome) {
      super("run " + runId + " stopped by its quality gates, the last report stays published: "
          + String.join(", ", outcome.failed().stream().map(Check::describe).toList())
          + " (--gates off publishes anyway)");
      this.outcome = outcome;
    }

    public Outcome outcome() {
      return outcome;
    }
  }

  /**
   * The checks of a run.
   *
   * @param counts the run's manifest counts
   * @param tables the run's table row counts
   * @param previous the published run's manifest, if there is one
   * @param incremental whether this run adds to the published one (shares are then of the difference)
   */
  public static Outcome evaluate(OperationsConfig config, Map<String, Object> counts, Map<String, Long> tables,
      Optional<Map<String, Object>> previous, boolean incremental) {
    OperationsConfig.Gates g = config.gates();
    Map<String, Object> before = previous.map(QualityGates::counts).orElse(Map.of());
    Map<String, Object> tablesBefore = previous.map(QualityGates::tables).orElse(Map.of());
    boolean delta = incremental && previous.isPresent();
    List<Check> checks = new ArrayList<>();
    Double records = number(counts, "records_read");
    checks.add(new Check("records_read", ConfigOption.GATE_MIN_RECORDS, "min", records, g.minRecords()));
    checks.add(share("reject_rate", ConfigOption.GATE_MAX_REJECT_RATE, "max", g.maxRejectRate(), g.minSample(),
        new Share(number(counts, "rejected"), records)));
    checks.add(new Check("analysed_articles", ConfigOption.GATE_MIN_ANALYSED_ARTICLES, "min",
        number(counts, "entities_articles_analysed"), g.minAnalysedArticles()));
    checks.add(new Check("fewest_articles_on_new_day", ConfigOption.GATE_MIN_ARTICLES_PER_NEW_DAY, "min",
        number(counts, "fewest_articles_on_new_day"), g.minArticlesPerNewDay()));
    checks.add(new Check("article_drop", ConfigOption.GATE_MAX_ARTICLE_DROP, "max",
        drop(number(before, "articles"), number(counts, "articles")), g.maxArticleDrop()));
    checks.add(new Check("entity_drop", ConfigOption.GATE_MAX_ENTITY_DROP, "max",
        drop(number(before, "entities"), number(counts, "entities")), g.maxEntityDrop()));
    checks.add(new Check("cooccurrence_drop", ConfigOption.GATE_MAX_COOCCURRENCE_DROP, "max",
        drop(number(tablesBefore, "cooccurrence"), tables.containsKey("cooccurrence")
            ? tables.get("cooccurrence").doubleValue() : null), g.maxCooccurrenceDrop()));
    checks.add(share("ner_coverage", ConfigOption.GATE_MIN_NER_COVERAGE, "min", g.minNerCoverage(),
        g.minSample(), added(counts, before, delta, "cooccurrence_articles_with_entities",
            "cooccurrence_counted_articles")));
    checks.add(share("duplicate_share", ConfigOption.GATE_MAX_DUPLICATE_SHARE, "max", g.maxDuplicateShare(),
        g.minSample(), added(counts, before, delta, "duplicates", "articles")));
    checks.add(share("other_language_share", ConfigOption.GATE_MAX_OTHER_LANGUAGE_SHARE, "max",
        g.maxOtherLanguageShare(), g.minSample(), added(counts, before, delta, "articles_in_other_languages",
            "articles")));
    return new Outcome(config.gatesEnforced(), checks);
  }

  /** A part of a whole (counts; either null when not counted). */
  private record Share(Double part, Double whole) {}

  private static Check share(String name, ConfigOption option, String bound, double threshold, long minSample,
      Share share) {
    Double value = share(share.part(), share.whole());
    if (value != null) {
      value = Math.min(1, Math.max(0, value));
    }
    return new Check(name, option, bound, value, threshold, share.whole() == null ? null
        : (long) Math.max(0, share.whole()), minSample);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> counts(Map<String, Object> manifest) {
    Object c = manifest.get("counts");
    return c instanceof Map ? (Map<String, Object>) c : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> tables(Map<String, Object> manifest) {
    Object t = manifest.get("tables");
    return t instanceof Map ? (Map<String, Object>) t : Map.of();
  }

  /** A count of a manifest; {@code duplicates} is the sum of the exact and near ones. */
  private static Double number(Map<String, Object> counts, String name) {
    if (name.equals("duplicates")) {
      Double exact = number(counts, "duplicates_exact");
      Double near = number(counts, "duplicates_near");
      return exact == null || near == null ? null : exact + near;
    }
    return counts.get(name) instanceof Number n ? n.doubleValue() : null;
  }

  private static Double share(Double part, Double whole) {
    return part == null || whole == null || whole <= 0 ? null : part / whole;
  }

  /** The fall from {@code before} to {@code now} as a share of {@code before} (negative when it grew). */
  private static Double drop(Double before, Double now) {
    return before == null || now == null || before <= 0 ? null : (before - now) / before;
  }

  /** The part and whole of what the run added (the difference to the published run), or of the whole report. */
  private static Share added(Map<String, Object> counts, Map<String, Object> before, boolean delta, String part,
      String whole) {
    Double p = number(counts, part);
    Double w = number(counts, whole);
    Double pb = number(before, part);
    Double wb = number(before, whole);
    if (!delta || p == null || w == null || pb == null || wb == null) {
      return new Share(p, w);
    }
    return new Share(p - pb, w - wb);
  }
}
