package org.storyline.io;

/** An input exists but cannot be read (permissions, I/O error): the run stops with exit code 3. */
public final class InputUnreadableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InputUnreadableException(String message, Throwable cause) {
    super(message, cause);
  }
}
