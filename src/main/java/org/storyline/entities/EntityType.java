package org.storyline.entities;

import java.util.Locale;
import java.util.Optional;

/**
 * The entity types Storyline reports. The CRF models label tokens PERSON, ORGANIZATION, LOCATION, MISC (the 7-class
 * MUC model also DATE, MONEY...: those are ignored); CoNLL files and alias files may use PER, ORG, LOC. The order
 * breaks ties in the majority vote for an entity's type.
 */
public enum EntityType {
  PERSON, ORGANIZATION, LOCATION, MISC;

  /** The short CoNLL name of this type: PER, ORG, LOC, MISC. */
  public String conll() {
    return switch (this) {
      case PERSON -> "PER";
      case ORGANIZATION -> "ORG";
      case LOCATION -> "LOC";
      case MISC -> "MISC";
    };
  }

  /** The type a model, CoNLL or alias-file label denotes, if it is one of ours. */
  public static Optional<EntityType> parse(String label) {
    if (label == null) {
      return Optional.empty();
    }
    return switch (label.strip().toUpperCase(Locale.ROOT)) {
      case "PERSON", "PER" -> Optional.of(PERSON);
      case "ORGANIZATION", "ORGANISATION", "ORG" -> Optional.of(ORGANIZATION);
      case "LOCATION", "LOC" -> Optional.of(LOCATION);
      case "MISC", "MISCELLANEOUS" -> Optional.of(MISC);
      default -> Optional.empty();
    };
  }
}
