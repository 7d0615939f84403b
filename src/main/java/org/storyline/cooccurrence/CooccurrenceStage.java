package org.storyline.cooccurrence;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.storyline.config.CooccurrenceConfig;
import org.storyline.config.JobConfig;
import org.storyline.io.Observed;
import org.storyline.io.ReportStore;
import org.storyline.run.RunContext;
import org.storyline.run.Stage;
import org.storyline.run.StageResult;
import org.storyline.schema.Tables;

/**
 * The co-occurrence stage: reads {@code entity_mentions} and {@code articles} back from this run and writes
 * {@code cooccurrence} (partitioned by window and period), {@code top_neighbours} (read from the written
 * cooccurrence table) and {@code emerging_pairs}. The rows per window are observed on the cooccurrence write.
 */
public final class CooccurrenceStage implements Stage {
  public static final String NAME = "cooccurrence";

  @Override
  public String name() {
    return NAME;
  }

  /** What the stage counted; {@code rowsByWindow} has the windows with at least one row. */
  public record Result(Cooccurrence.Counts counts, Map<String, Long> rowsByWindow, long rows, long neighbourRows,
      long emergingRows) implements StageResult {
    public Result {
      rowsByWindow = Map.copyOf(rowsByWindow);
    }

    @Override
    public Map<String, Object> stageCounts() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("counted_articles", counts.countedArticles());
      m.put("articles_with_entities", counts.articlesWithEntities());
      m.put("capped_articles", counts.cappedArticles());
      m.put("cooccurrence_rows", rows);
      return m;
    }

    @Override
    public Map<String, Object> runCounts() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("cooccurrence_counted_articles", counts.countedArticles());
      m.put("cooccurrence_articles_with_entities", counts.articlesWithEntities());
      m.put("cooccurrence_capped_articles", counts.cappedArticles());
      m.put("cooccurrence_entities_dropped_by_cap", counts.entitiesDroppedByCap());
      m.put("cooccurrence_rows_by_window", new TreeMap<>(rowsByWindow));
      return m;
    }

    @Override
    public Map<String, Long> tables() {
      Map<String, Long> m = new LinkedHashMap<>();
      m.put(Tables.COOCCURRENCE.name(), rows);
      m.put(Tables.TOP_NEIGHBOURS.name(), neighbourRows);
      m.put(Tables.EMERGING_PAIRS.name(), emergingRows);
      return m;
    }
  }

  @Override
  public Result run(RunContext ctx) {
    JobConfig config = ctx.config();
    ReportStore store = ctx.store();
    CooccurrenceConfig cc = config.cooccurrence();
    List<String> windows = cc.windowLabels().stream().distinct().toList();
    Column[] perWindow = new Column[windows.size()];
    for (int i = 0; i < windows.size(); i++) {
      perWindow[i] = sum(when(col(Cooccurrence.WINDOW).equalTo(windows.get(i)), 1L).otherwise(0L)).as("window_" + i);
    }
    try (Cooccurrence.Prepared prepared = Cooccurrence.prepare(store.read(Tables.ENTITY_MENTIONS),
        store.readCached(Tables.ARTICLES, Tables.ARTICLE_KEYS), config.ingest().languages(), cc)) {
      Cooccurrence.Counts counts = Cooccurrence.counts(prepared, cc.maxEntitiesPerDoc());
      Observed pairs = store.write(Tables.COOCCURRENCE,
          Cooccurrence.cooccurrence(prepared, config.periods(), cc), perWindow);
      Observed neighbours = store.write(Tables.TOP_NEIGHBOURS,
          Cooccurrence.topNeighbours(store.read(Tables.COOCCURRENCE), cc));
      Observed emerging = store.write(Tables.EMERGING_PAIRS, Cooccurrence.emergingPairs(prepared, cc));
      Map<String, Long> rowsByWindow = new TreeMap<>();
      for (int i = 0; i < windows.size(); i++) {
        long n = pairs.count("window_" + i);
        if (n > 0) {
          rowsByWindow.merge(windows.get(i), n, Long::sum);
        }
      }
      return new Result(counts, rowsByWindow, pairs.rows(), neighbours.rows(), emerging.rows());
    }
  }
}
