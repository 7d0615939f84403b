package org.storyline.io;

import static org.apache.spark.sql.functions.lit;

import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import scala.concurrent.Await;
import scala.concurrent.duration.Duration;

/**
 * A dataset with its row count, and any other aggregate metrics, observed ({@link Dataset#observe(Observation,
 * Column, Column...)}) by the first action that runs it, such as the write of a table: counts without a second
 * pass. Read the metrics only after that action; they must see every row (an observation under a {@code limit},
 * or under a join that may skip its input, would not).
 */
public final class Observed {
  public static final String ROWS = "rows";

  /** How long to wait, after the action, for its metrics (they arrive when its job completes). */
  private static final long TIMEOUT_MINUTES = 10;

  private final String what;
  private final Observation observation;
  private final Dataset<Row> dataset;
  private Row metrics;

  private Observed(String what, Dataset<Row> data, Column... metrics) {
    this.what = what;
    this.observation = new Observation("storyline." + what.replaceAll("[^A-Za-z0-9_]", "_"));
    this.dataset = data.observe(observation, functions.count(lit(1)).as(ROWS), metrics);
  }

  /** {@code data} observed: its rows and the aggregate {@code metrics} (each named with {@code .as(...)}). */
  public static Observed of(String what, Dataset<Row> data, Column... metrics) {
    return new Observed(what, data, metrics);
  }

  /** The observed dataset: run it once (the first action to finish gives the metrics). */
  public Dataset<Row> dataset() {
    return dataset;
  }

  /** The metrics of the first action that ran {@link #dataset()}; waits for them. */
  public Row metrics() {
    if (metrics == null) {
      try {
        metrics = Await.result(observation.future(), Duration.create(TIMEOUT_MINUTES, TimeUnit.MINUTES));
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("no metrics observed on " + what + " within " + TIMEOUT_MINUTES
            + " minutes (was it run?)", e);
      }
    }
    return metrics;
  }

  public long rows() {
    return count(ROWS);
  }

  /**
   * A count or sum metric; 0 where a sum had no rows (null), and 0 when Spark removed the observation from the plan
   * because it proved its input empty (the metrics are then an empty row).
   */
  public long count(String metric) {
    Row m = metrics();
    if (m.length() == 0) {
      return 0;
    }
    Object v = m.getAs(metric);
    return v == null ? 0 : ((Number) v).longValue();
  }
}
