package org.storyline.config;

/**
 * Options of the trend statistics shared by every per-period trend table.
 *
 * @param baselineDays length of the trailing baseline of z-scores and emerging terms, in days
 * @param burstS ratio of the burst state's rate to the base rate in Kleinberg's automaton
 * @param burstGamma cost factor of entering the burst state (times ln of the number of periods)
 * @param topEntities entities listed per topic and period
 * @param emergingTerms emerging terms reported per period
 * @param emergingMinCount articles of the period an emerging term must occur in
 */
public record TrendsConfig(int baselineDays, double burstS, double burstGamma, int topEntities, int emergingTerms,
    int emergingMinCount) {

  public TrendsConfig {
    if (baselineDays < 1) {
      throw new ConfigException("--baseline-days should have value > 0, value: " + baselineDays);
    }
    if (!(burstS > 1)) {
      throw new ConfigException("--burst-s should have value > 1, value: " + burstS);
    }
    if (!(burstGamma > 0)) {
      throw new ConfigException("--burst-gamma should have value > 0, value: " + burstGamma);
    }
    if (topEntities < 0) {
      throw new ConfigException("--top-entities should have value >= 0, value: " + topEntities);
    }
    if (emergingTerms < 0) {
      throw new ConfigException("--emerging-terms should have value >= 0, value: " + emergingTerms);
    }
    if (emergingMinCount < 1) {
      throw new ConfigException("--emerging-min-count should have value > 0, value: " + emergingMinCount);
    }
  }

  static TrendsConfig from(Settings settings) {
    return new TrendsConfig(
        settings.integer(ConfigOption.BASELINE_DAYS),
        settings.decimal(ConfigOption.BURST_S),
        settings.decimal(ConfigOption.BURST_GAMMA),
        settings.integer(ConfigOption.TOP_ENTITIES),
        settings.integer(ConfigOption.EMERGING_TERMS),
        settings.integer(ConfigOption.EMERGING_MIN_COUNT));
  }
}
