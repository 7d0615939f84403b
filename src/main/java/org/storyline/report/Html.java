package org.storyline.report;

import java.util.Locale;

/**
 * Escaping for the report page. Everything that comes from the corpus or the manifest (titles, entity names, terms,
 * sources, run ids, error messages) is untrusted and goes through {@link #escape} before it reaches the page, in
 * text and in attribute values alike (the page quotes every attribute with {@code "}).
 */
final class Html {
  private Html() {}

  /**
   * The text with {@code & < > " '} replaced by character references, so that it is inert in HTML and SVG text and
   * in a double- or single-quoted attribute value. Control characters other than tab, newline and carriage return
   * (which HTML forbids) become U+FFFD; {@code null} becomes the empty string.
   */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        default -> (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f ? "\uFFFD" : null;
      };
      if (replacement != null && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (replacement != null) {
          out.append(replacement);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? text : out.toString();
  }

  /** A whole number with thousands separators (1,234,567). */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A decimal number with {@code digits} fraction digits, or an en dash for NaN/null. */
  static String decimal(Double x, int digits) {
    if (x == null || x.isNaN() || x.isInfinite()) {
      return "\u2013";
    }
    return String.format(Locale.ROOT, "%." + digits + "f", x);
  }

  /** A coordinate for SVG: at most one fraction digit, no exponent. */
  static String coord(double x) {
    long tenths = Math.round(x * 10);
    return tenths % 10 == 0 ? Long.toString(tenths / 10) : String.format(Locale.ROOT, "%.1f", tenths / 10.0);
  }
}
