package org.storyline.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/** Shared bits of the benchmarks: the session, peak-heap measurement, and the table printer. */
public final class BenchSupport {
  private BenchSupport() {}

  /** A local session for benchmarks: all cores, few shuffle partitions, UI off, driver on 127.0.0.1. */
  public static SparkSession session(String name) {
    int cores = Runtime.getRuntime().availableProcessors();
    return SparkSession.builder().appName(name).master("local[*]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", String.valueOf(Math.max(4, 2 * cores)))
        .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.mapKeyDedupPolicy", "LAST_WIN")
        .config("spark.sql.artifact.isolation.enabled", "false")
        .config("spark.sql.artifact.isolation.alwaysApplyClassloader", "false")
        .getOrCreate();
  }

  /** Resets the peak usage of the heap pools; {@link #peakHeapMb()} reports the peak since. */
  public static void resetPeakHeap() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** Sum of the heap pools' peak usage since the last reset (local mode: driver and executors share the heap). */
  public static long peakHeapMb() {
    long bytes = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        bytes += pool.getPeakUsage().getUsed();
      }
    }
    return bytes >> 20;
  }

  /** A fixed-width text table. */
  public static final class Table {
    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();

    public Table(String... header) {
      this.header = header;
    }

    public void row(Object... cells) {
      String[] r = new String[cells.length];
      for (int i = 0; i < cells.length; i++) {
        r[i] = cells[i] instanceof Double d ? String.format(Locale.ROOT, "%.2f", d) : String.valueOf(cells[i]);
      }
      rows.add(r);
    }

    public String render() {
      int[] width = new int[header.length];
      for (int i = 0; i < header.length; i++) {
        width[i] = header[i].length();
        for (String[] r : rows) {
          width[i] = Math.max(width[i], r[i].length());
        }
      }
      StringBuilder sb = new StringBuilder();
      line(sb, header, width);
      StringBuilder rule = new StringBuilder();
      for (int w : width) {
        rule.append("-".repeat(w)).append("  ");
      }
      sb.append(rule.toString().stripTrailing()).append('\n');
      for (String[] r : rows) {
        line(sb, r, width);
      }
      return sb.toString();
    }

    private static void line(StringBuilder sb, String[] cells, int[] width) {
      StringBuilder l = new StringBuilder();
      for (int i = 0; i < cells.length; i++) {
        l.append(String.format("%" + (i == 0 ? "-" : "") + width[i] + "s", cells[i])).append("  ");
      }
      sb.append(l.toString().stripTrailing()).append('\n');
    }
  }
}
