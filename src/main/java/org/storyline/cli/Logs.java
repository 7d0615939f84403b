package org.storyline.cli;

import java.net.URISyntaxException;
import java.net.URL;
import org.apache.logging.log4j.core.config.Configurator;
import org.storyline.config.ConfigException;

/**
 * The driver's log format. Text is whatever the JVM was started with (bin/storyline's conf/log4j2.properties, or
 * the cluster's log4j2 configuration under spark-submit); {@code --log-format json} switches the driver, before
 * Spark starts, to one JSON object per line on stderr ({@link #JSON_CONFIG}: Spark's structured-logging fields plus
 * {@code run_id} and {@code stage}), and Storyline's own messages (the summary line, the one-line error) become
 * log lines too, so that the driver prints nothing else.
 */
public final class Logs {
  private Logs() {}

  /** The log4j2 configuration of JSON lines, a resource of the jar. */
  public static final String JSON_CONFIG = "org/storyline/logging/log4j2-json.properties";

  private static volatile boolean json;

  /** Reconfigures log4j2 for JSON lines (the whole JVM: in local mode the executors' threads too). */
  static void useJson() {
    URL config = Logs.class.getClassLoader().getResource(JSON_CONFIG);
    if (config == null) {
      throw new ConfigException("--log-format json: " + JSON_CONFIG + " is missing from the classpath");
    }
    try {
      Configurator.reconfigure(config.toURI());
    } catch (URISyntaxException e) {
      throw new ConfigException("--log-format json: cannot load " + config + ": " + e.getMessage(), e);
    }
    json = true;
  }

  /** Whether this JVM logs JSON lines, so that messages go to the log instead of plain stdout and stderr. */
  static boolean json() {
    return json;
  }
}
