package org.storyline.config;

import java.util.List;
import java.util.Optional;

/**
 * Options of the entities stage.
 *
 * @param models the CRF model(s), classpath resources or files; the first wins where models overlap
 * @param maxSentenceTokens longer sentences are classified in pieces of this many tokens
 * @param maxChars only this many leading characters of an article are analysed
 * @param aliasFile optional CSV {@code alias,canonical,type[,external_id]} that wins over everything learned
 * @param blocklist optional file of names never reported, one per line
 * @param aliasMinSupport articles that must resolve a short form to a full name before it is used corpus-wide
 * @param aliasMinShare share of a short form's in-article resolutions that must go to the same full name
 * @param linkIndex optional prepared link index ({@code storyline link-index}); linking is off without it
 * @param linkMinPrior least mention-weighted dictionary prior of an entity's link
 */
public record EntitiesConfig(List<String> models, int maxSentenceTokens, int maxChars, Optional<String> aliasFile,
    Optional<String> blocklist, int aliasMinSupport, double aliasMinShare, Optional<String> linkIndex,
    double linkMinPrior) {

  public EntitiesConfig {
    models = List.copyOf(models.stream().map(String::strip).filter(m -> !m.isEmpty()).toList());
    if (models.isEmpty()) {
      throw new ConfigException("--ner-model needs at least one model");
    }
    if (maxSentenceTokens < 10) {
      throw new ConfigException("--ner-max-sentence-tokens should have value >= 10, value: " + maxSentenceTokens);
    }
    if (maxChars < 1) {
      throw new ConfigException("--ner-max-chars should have value > 0, value: " + maxChars);
    }
    if (aliasMinSupport < 1) {
      throw new ConfigException("--alias-min-support should have value > 0, value: " + aliasMinSupport);
    }
    if (!(aliasMinShare >= 0 && aliasMinShare <= 1)) {
      throw new ConfigException("--alias-min-share should be between 0 and 1, value: " + aliasMinShare);
    }
    if (!(linkMinPrior > 0 && linkMinPrior <= 1)) {
      throw new ConfigException("--link-min-prior should be above 0 and at most 1, value: " + linkMinPrior);
    }
  }

  public static EntitiesConfig from(Settings settings) {
    return new EntitiesConfig(
        settings.list(ConfigOption.NER_MODEL),
        settings.integer(ConfigOption.NER_MAX_SENTENCE_TOKENS),
        settings.integer(ConfigOption.NER_MAX_CHARS),
        settings.optionalString(ConfigOption.ALIAS_FILE),
        settings.optionalString(ConfigOption.ENTITY_BLOCKLIST),
        settings.integer(ConfigOption.ALIAS_MIN_SUPPORT),
        settings.decimal(ConfigOption.ALIAS_MIN_SHARE),
        settings.optionalString(ConfigOption.LINK_INDEX),
        settings.decimal(ConfigOption.LINK_MIN_PRIOR));
  }
}
