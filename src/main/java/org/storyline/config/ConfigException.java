package org.storyline.config;

/**
 * Bad usage or configuration: a missing input, an unknown option, a value out of range. Raised before any Spark
 * work starts; the launcher prints the message on one line and exits with {@link org.storyline.cli.ExitCodes#USAGE}.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
