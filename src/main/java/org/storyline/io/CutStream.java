package org.storyline.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A (decompressed) input stream that ends where reading fails instead of throwing: a truncated {@code .gz} or
 * {@code .bz2} file, a disk error. The failure is kept in {@link #failure()}, so a reader keeps every byte that
 * came before the cut (a decoder reading ahead would otherwise throw the bytes it had buffered away with the
 * exception) and records the cut itself as an {@code unreadable_file} reject. Decompressors throw runtime
 * exceptions on some corrupt input too; those count as a cut.
 */
final class CutStream extends FilterInputStream {
  private Exception failure;

  CutStream(InputStream in) {
    super(in);
  }

  /** Why the stream ended early, or null if it was read to its end (so far). */
  Exception failure() {
    return failure;
  }

  @Override
  public int read() throws IOException {
    if (failure != null) {
      return -1;
    }
    try {
      return super.read();
    } catch (IOException | RuntimeException e) {
      failure = e;
      return -1;
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (failure != null) {
      return -1;
    }
    try {
      return super.read(b, off, len);
    } catch (IOException | RuntimeException e) {
      failure = e;
      return -1;
    }
  }

  @Override
  public long skip(long n) throws IOException {
    return failure != null ? 0 : super.skip(n);
  }

  @Override
  public int available() throws IOException {
    if (failure != null) {
      return 0;
    }
    try {
      return super.available();
    } catch (IOException | RuntimeException e) {
      failure = e;
      return 0;
    }
  }
}
