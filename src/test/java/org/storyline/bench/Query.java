package org.storyline.bench;

import org.apache.spark.sql.SparkSession;

/**
 * Prints the result of a SQL query over report tables, for looking at a run by hand:
 * {@code java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) org.storyline.bench.Query
 * out/sample "SELECT * FROM topics"}. Every folder under DIR with a Parquet table is a view of its name.
 */
public final class Query {
  private Query() {}

  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().master("local[2]").appName("query")
        .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
        .getOrCreate();
    java.io.File dir = new java.io.File(args[0]);
    for (java.io.File f : dir.listFiles()) {
      if (f.isDirectory() && !f.getName().startsWith("_") && !f.getName().equals("model")
          && (new java.io.File(f, "_SUCCESS").exists())) {
        spark.read().parquet(f.getPath()).createOrReplaceTempView(f.getName());
      }
    }
    for (int i = 1; i < args.length; i++) {
      spark.sql(args[i]).show(500, 200, false);
    }
    spark.stop();
  }
}
