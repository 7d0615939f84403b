package org.storyline.entities;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One name per country: the JDK's ISO 3166 list (its English names, with the few that read oddly in news pinned
 * to the usual form: "Myanmar", "Hong Kong", "Ivory Coast", "Democratic Republic of the Congo") plus common
 * variants ("U.S.", "US", "USA", "America", "United States of America" -> "United States"; "UK", "Britain" ->
 * "United Kingdom"). Looked up by folded key ({@link Names#fold}), so "U.S." and "US" are one variant. The pins
 * also keep names (and so entity ids) stable across JDK versions whose CLDR data renames a country.
 */
final class Countries {
  private Countries() {}

  /** Names pinned by ISO code, where the JDK's reads oddly in news or has changed between JDK versions. */
  private static final Map<String, String> PINNED = Map.ofEntries(
      Map.entry("US", "United States"), Map.entry("GB", "United Kingdom"), Map.entry("RU", "Russia"),
      Map.entry("CN", "China"), Map.entry("KR", "South Korea"), Map.entry("KP", "North Korea"),
      Map.entry("TW", "Taiwan"), Map.entry("IR", "Iran"), Map.entry("SY", "Syria"), Map.entry("VN", "Vietnam"),
      Map.entry("LA", "Laos"), Map.entry("MD", "Moldova"), Map.entry("BO", "Bolivia"), Map.entry("VE", "Venezuela"),
      Map.entry("TZ", "Tanzania"), Map.entry("MM", "Myanmar"), Map.entry("HK", "Hong Kong"),
      Map.entry("MO", "Macao"), Map.entry("CD", "Democratic Republic of the Congo"),
      Map.entry("CG", "Republic of the Congo"), Map.entry("CI", "Ivory Coast"), Map.entry("PS", "Palestine"),
      Map.entry("VA", "Vatican City"), Map.entry("TR", "Turkey"), Map.entry("CZ", "Czech Republic"),
      Map.entry("MK", "North Macedonia"), Map.entry("SZ", "Eswatini"), Map.entry("TL", "East Timor"),
      Map.entry("CV", "Cape Verde"), Map.entry("FM", "Micronesia"), Map.entry("BN", "Brunei"),
      Map.entry("UM", "U.S. Outlying Islands"), Map.entry("VI", "U.S. Virgin Islands"));

  /** Other names of a country, by ISO code. */
  private static final Map<String, List<String>> VARIANTS = Map.ofEntries(
      Map.entry("US", List.of("U.S.", "US", "U.S.A.", "USA", "America", "United States of America")),
      Map.entry("GB", List.of("U.K.", "UK", "Britain", "Great Britain")),
      Map.entry("RU", List.of("Russian Federation")),
      Map.entry("CN", List.of("People's Republic of China", "PRC", "Mainland China")),
      Map.entry("KR", List.of("Republic of Korea", "S. Korea")),
      Map.entry("KP", List.of("DPRK", "Democratic People's Republic of Korea", "N. Korea")),
      Map.entry("AE", List.of("UAE", "U.A.E.", "Emirates")),
      Map.entry("NL", List.of("Holland")),
      Map.entry("IR", List.of("Islamic Republic of Iran")),
      Map.entry("MM", List.of("Burma")),
      Map.entry("CI", List.of("Cote d'Ivoire", "C\u00f4te d'Ivoire")),
      Map.entry("CD", List.of("DR Congo", "DRC")),
      Map.entry("CZ", List.of("Czechia")),
      Map.entry("TR", List.of("T\u00fcrkiye", "Turkiye")),
      Map.entry("MK", List.of("Macedonia")),
      Map.entry("SZ", List.of("Swaziland")),
      Map.entry("TL", List.of("Timor-Leste")),
      Map.entry("CV", List.of("Cabo Verde")),
      Map.entry("VA", List.of("Vatican", "Holy See")),
      Map.entry("PS", List.of("Palestinian Territories")));

  private static final Map<String, String> BY_KEY = build();

  /** The country a folded name denotes, if it denotes one. */
  static Optional<String> lookup(String key) {
    return Optional.ofNullable(BY_KEY.get(key));
  }

  /** Every canonical country name. */
  static Set<String> names() {
    return new TreeSet<>(BY_KEY.values());
  }

  private static Map<String, String> build() {
    Map<String, String> byKey = new HashMap<>();
    for (String code : Locale.getISOCountries()) {
      String jdk = new Locale("", code).getDisplayCountry(Locale.ENGLISH);
      if (jdk.isBlank() || jdk.equals(code)) {
        continue;
      }
      String name = PINNED.getOrDefault(code, tidy(jdk));
      byKey.put(Names.fold(name), name);
      byKey.putIfAbsent(Names.fold(jdk), name);
      byKey.putIfAbsent(Names.fold(tidy(jdk)), name);
      for (String variant : VARIANTS.getOrDefault(code, List.of())) {
        byKey.put(Names.fold(variant), name);
      }
    }
    return Map.copyOf(byKey);
  }

  /** "St. Kitts & Nevis" -> "Saint Kitts and Nevis"; "Myanmar (Burma)" -> "Myanmar". */
  private static String tidy(String jdkName) {
    return jdkName.replace(" & ", " and ").replaceFirst("^St\\. ", "Saint ").replaceAll(" \\(.*\\)$", "")
        .replace(" SAR China", "");
  }
}
