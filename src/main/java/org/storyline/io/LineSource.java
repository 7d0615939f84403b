package org.storyline.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.function.Supplier;

/**
 * The lines of a text stream, each with whether a line break ended it: the last line of a file cut short has none,
 * and is then not a record but part of the cut. A line ends at {@code \n}, {@code \r\n} or {@code \r}, as in
 * {@link java.io.BufferedReader#readLine()}.
 */
final class LineSource implements Closeable {
  /**
   * One line, without its line break: its UTF-8 size in {@code bytes}, its text cut after about
   * {@code maxBytes} bytes when it is larger (so one huge line is never held whole).
   */
  record Line(String text, boolean terminated, long bytes) {}

  private final Reader in;
  private final Supplier<Exception> failure;
  private final int maxBytes;
  private final char[] buffer = new char[1 << 16];
  private int pos;
  private int len;
  private boolean skipLineFeed;

  /** {@code failure} tells why {@code in} ended early (a {@link CutStream}'s), or null. */
  LineSource(Reader in, Supplier<Exception> failure, int maxBytes) {
    this.in = in;
    this.failure = failure;
    this.maxBytes = maxBytes;
  }

  /** Why the input ended early, or null. Meaningful once {@link #next()} returned a line without a break or null. */
  Exception failure() {
    return failure.get();
  }

  /** The next line, or null at the end of the input. */
  Line next() throws IOException {
    StringBuilder line = null;
    long bytes = 0;
    while (true) {
      if (pos >= len && !fill()) {
        return line == null ? null : new Line(line.toString(), false, bytes);
      }
      if (skipLineFeed) {
        skipLineFeed = false;
        if (buffer[pos] == '\n') {
          pos++;
          continue;
        }
      }
      int start = pos;
      while (pos < len && buffer[pos] != '\n' && buffer[pos] != '\r') {
        pos++;
      }
      if (line == null) {
        line = new StringBuilder(pos - start);
      }
      if (bytes <= maxBytes) {
        line.append(buffer, start, pos - start);
      }
      bytes += FileRecordReader.utf8Bytes(buffer, start, pos);
      if (pos < len) {
        skipLineFeed = buffer[pos] == '\r';
        pos++;
        return new Line(line.toString(), true, bytes);
      }
    }
  }

  private boolean fill() throws IOException {
    int n = in.read(buffer, 0, buffer.length);
    if (n <= 0) {
      return false;
    }
    pos = 0;
    len = n;
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
