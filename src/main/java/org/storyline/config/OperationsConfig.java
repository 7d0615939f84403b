package org.storyline.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * How a run is watched: its quality gates, where its metrics are pushed, the format of its log lines.
 *
 * @param gatesEnforced whether a failing gate stops the run before publishing ({@code --gates on})
 * @param gates the gates' thresholds
 * @param metricsPush the Pushgateway the metrics are pushed to, if any
 * @param logFormat the driver's log line format
 */
public record OperationsConfig(boolean gatesEnforced, Gates gates, Optional<URI> metricsPush, LogFormat logFormat) {

  /** The log line formats of {@code --log-format}. */
  public enum LogFormat {
    TEXT, JSON;

    /** A {@code --log-format} value; anything but text or json is a configuration error. */
    public static LogFormat parse(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "text" -> TEXT;
        case "json" -> JSON;
        default -> throw new ConfigException("--log-format should be text or json, value: " + value);
      };
    }
  }

  /**
   * The thresholds of the quality gates, each named after its option ({@code --gate-max-reject-rate}...).
   * Shares and drops are fractions in [0, 1]; {@code minSample} is the fewest records or articles a share is
   * judged on.
   */
  public record Gates(long minRecords, double maxRejectRate, long minAnalysedArticles, long minArticlesPerNewDay,
      double maxArticleDrop, double maxEntityDrop, double maxCooccurrenceDrop, double minNerCoverage,
      double maxDuplicateShare, double maxOtherLanguageShare, long minSample) {
    public Gates {
      fraction(ConfigOption.GATE_MAX_REJECT_RATE, maxRejectRate);
      fraction(ConfigOption.GATE_MAX_ARTICLE_DROP, maxArticleDrop);
      fraction(ConfigOption.GATE_MAX_ENTITY_DROP, maxEntityDrop);
      fraction(ConfigOption.GATE_MAX_COOCCURRENCE_DROP, maxCooccurrenceDrop);
      fraction(ConfigOption.GATE_MIN_NER_COVERAGE, minNerCoverage);
      fraction(ConfigOption.GATE_MAX_DUPLICATE_SHARE, maxDuplicateShare);
      fraction(ConfigOption.GATE_MAX_OTHER_LANGUAGE_SHARE, maxOtherLanguageShare);
      atLeastZero(ConfigOption.GATE_MIN_RECORDS, minRecords);
      atLeastZero(ConfigOption.GATE_MIN_ANALYSED_ARTICLES, minAnalysedArticles);
      atLeastZero(ConfigOption.GATE_MIN_ARTICLES_PER_NEW_DAY, minArticlesPerNewDay);
      atLeastZero(ConfigOption.GATE_MIN_SAMPLE, minSample);
    }

    private static void fraction(ConfigOption option, double value) {
      if (value < 0 || value > 1) {
        throw new ConfigException(option.cliName() + " should be between 0 and 1, value: " + value);
      }
    }

    private static void atLeastZero(ConfigOption option, long value) {
      if (value < 0) {
        throw new ConfigException(option.cliName() + " should have value >= 0, value: " + value);
      }
    }
  }

  static OperationsConfig from(Settings settings) {
    String gates = settings.string(ConfigOption.GATES).toLowerCase(Locale.ROOT);
    if (!gates.equals("on") && !gates.equals("off")) {
      throw new ConfigException("--gates should be on or off, value: " + settings.string(ConfigOption.GATES));
    }
    return new OperationsConfig(gates.equals("on"),
        new Gates(
            settings.longValue(ConfigOption.GATE_MIN_RECORDS),
            settings.decimal(ConfigOption.GATE_MAX_REJECT_RATE),
            settings.longValue(ConfigOption.GATE_MIN_ANALYSED_ARTICLES),
            settings.longValue(ConfigOption.GATE_MIN_ARTICLES_PER_NEW_DAY),
            settings.decimal(ConfigOption.GATE_MAX_ARTICLE_DROP),
            settings.decimal(ConfigOption.GATE_MAX_ENTITY_DROP),
            settings.decimal(ConfigOption.GATE_MAX_COOCCURRENCE_DROP),
            settings.decimal(ConfigOption.GATE_MIN_NER_COVERAGE),
            settings.decimal(ConfigOption.GATE_MAX_DUPLICATE_SHARE),
            settings.decimal(ConfigOption.GATE_MAX_OTHER_LANGUAGE_SHARE),
            settings.longValue(ConfigOption.GATE_MIN_SAMPLE)),
        settings.optionalString(ConfigOption.METRICS_PUSH).map(OperationsConfig::pushgateway),
        LogFormat.parse(settings.string(ConfigOption.LOG_FORMAT)));
  }

  /** A Pushgateway's base URL: http or https, with a host. */
  static URI pushgateway(String value) {
    try {
      URI uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new URISyntaxException(value, "not an http(s) URL with a host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException("--metrics-push should be the Pushgateway's http(s) URL, e.g. "
          + "http://pushgateway:9091, value: " + value);
    }
  }
}
