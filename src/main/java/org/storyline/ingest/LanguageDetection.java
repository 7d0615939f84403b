package org.storyline.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;

/**
 * Language identification with Apache OpenNLP's 103-language model ({@code opennlp-models-langdetect}, a Maven
 * artifact, loaded from the classpath). The model is loaded once per JVM (so once per executor) and shared; each
 * thread gets its own detector, which is cheap and not documented as thread-safe.
 */
public final class LanguageDetection {
  private LanguageDetection() {}

  /** Returned when the text is too short or the best guess is not confident enough. */
  public static final String UNDETERMINED = "und";

  /** Characters looked at: enough for a confident guess, bounded so long articles cost the same. */
  static final int SAMPLE_CHARS = 1_000;
  static final int MIN_CHARS = 20;
  /**
   * The model spreads probability over 103 languages, so even a clear winner scores a few percent: we ask that the
   * best language be this many times as likely as the runner-up (measured: English news sentences 1.2 to 3).
   */
  static final double MIN_MARGIN = 1.1;

  private static final class Holder {
    static final LanguageDetectorModel MODEL = load();
    static final Map<String, String> ISO3_TO_ISO1 = iso3ToIso1();

    private static LanguageDetectorModel load() {
      try (InputStream in = LanguageDetection.class.getResourceAsStream("/langdetect-183.bin")) {
        if (in == null) {
          throw new IllegalStateException("langdetect-183.bin is not on the classpath (opennlp-models-langdetect)");
        }
        return new LanguageDetectorModel(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot load the language model", e);
      }
    }
  }

  private static final ThreadLocal<LanguageDetectorME> DETECTOR =
      ThreadLocal.withInitial(() -> new LanguageDetectorME(Holder.MODEL));

  /** The ISO 639-1 code of the text's language (639-3 where there is none), or {@link #UNDETERMINED}. */
  public static String detect(String text) {
    if (text == null || text.strip().length() < MIN_CHARS) {
      return UNDETERMINED;
    }
    String sample = text.length() > SAMPLE_CHARS ? text.substring(0, SAMPLE_CHARS) : text;
    Language[] ranked = DETECTOR.get().predictLanguages(sample);
    if (ranked.length == 0) {
      return UNDETERMINED;
    }
    if (ranked.length > 1 && ranked[0].getConfidence() < MIN_MARGIN * ranked[1].getConfidence()) {
      return UNDETERMINED;
    }
    return toIso1(ranked[0].getLang());
  }

  static String toIso1(String iso3) {
    return Holder.ISO3_TO_ISO1.getOrDefault(iso3, iso3);
  }

  private static Map<String, String> iso3ToIso1() {
    Map<String, String> map = new HashMap<>();
    for (String iso1 : Locale.getISOLanguages()) {
      try {
        map.put(new Locale(iso1).getISO3Language(), iso1);
      } catch (java.util.MissingResourceException e) {
        // no three-letter code known to the JDK: keep the model's code
      }
    }
    // Macrolanguage members the model uses where the JDK has the macrolanguage.
    map.put("cmn", "zh");
    map.put("pes", "fa");
    map.put("zsm", "ms");
    map.put("lvs", "lv");
    map.put("ekk", "et");
    map.put("swh", "sw");
    map.put("nob", "nb");
    map.put("azj", "az");
    map.put("uzn", "uz");
    map.put("khk", "mn");
    map.put("ydd", "yi");
    map.put("gug", "gn");
    map.put("quz", "qu");
    return map;
  }
}
