package org.storyline.topics;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.storyline.config.JobConfig;
import org.storyline.config.TrackQuery;
import org.storyline.ingest.AnalysedArticles;
import org.storyline.io.ReportStore;
import org.storyline.run.RunContext;
import org.storyline.run.Stage;
import org.storyline.run.StageResult;
import org.storyline.schema.Col;
import org.storyline.schema.Tables;
import org.storyline.trends.Trends;

/**
 * Trends of the LDA topics (from doc_topics) and of the tracked topics (queries matched now), per period, over
 * the dense calendar of the analysed articles. {@code top_entities} come from the {@code entity_mentions} the
 * entity stage wrote earlier in this run. (In the topics package, as it reads the topic tables and queries;
 * {@link org.storyline.trends} holds the statistics and depends on no stage.)
 */
public final class TrendsStage implements Stage {
  public static final String NAME = "trends";

  @Override
  public String name() {
    return NAME;
  }

  /**
   * What the stage counted; {@code trackedArticles} (articles matched per tracked topic) and
   * {@code trackedTrendRows} are null when there are no tracked topics.
   */
  public record Result(int trackedTopics, Map<String, Long> trackedArticles, long topicTrendRows,
      Long trackedTrendRows) implements StageResult {
    public Result {
      trackedArticles = trackedArticles == null ? null : Map.copyOf(trackedArticles);
    }

    @Override
    public Map<String, Object> stageCounts() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("tracked_topics", trackedTopics);
      if (trackedArticles != null) {
        m.put("tracked_articles", new TreeMap<>(trackedArticles));
      }
      return m;
    }

    @Override
    public Map<String, Long> tables() {
      Map<String, Long> m = new LinkedHashMap<>();
      m.put(Tables.TOPIC_TRENDS.name(), topicTrendRows);
      if (trackedTrendRows != null) {
        m.put(Tables.TRACKED_TOPIC_TRENDS.name(), trackedTrendRows);
      }
      return m;
    }
  }

  @Override
  public Result run(RunContext ctx) {
    JobConfig config = ctx.config();
    ReportStore store = ctx.store();
    Dataset<Row> analysed = AnalysedArticles.of(NAME, store.readCached(Tables.ARTICLES, Tables.ARTICLE_KEYS),
        config.ingest().languages()).select(Col.DOC_ID, Col.PUBLISHED);
    Dataset<Row> calendar = Trends.calendar(analysed, config.periods()).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> mentions = store.read(Tables.ENTITY_MENTIONS);
    List<String> topicKey = List.of(TopicModel.TOPIC_ID);
    try {
      Dataset<Row> topics = store.read(Tables.TOPICS);
      Dataset<Row> items = store.read(Tables.DOC_TOPICS).join(analysed.select(Col.DOC_ID, Col.PUBLISHED),
          Col.DOC_ID);
      Dataset<Row> topEntities = Trends.topEntities(items, mentions, topicKey,
          config.periods(), config.trends().topEntities());
      Dataset<Row> ldaTrends = Trends.analyse(items.select(col(TopicModel.TOPIC_ID), col(Col.PUBLISHED),
              col(TopicModel.WEIGHT)), topics.select(TopicModel.TOPIC_ID), calendar, topicKey, topEntities,
          config.trends())
          .join(topics.select(TopicModel.TOPIC_ID, TopicModel.LABEL), TopicModel.TOPIC_ID);
      List<String> columns = new ArrayList<>(List.of(TopicModel.TOPIC_ID, TopicModel.LABEL));
      Arrays.stream(ldaTrends.columns()).filter(c -> !columns.contains(c)).forEach(columns::add);
      long topicTrendRows = store.write(Tables.TOPIC_TRENDS, ldaTrends.selectExpr(columns.toArray(String[]::new)))
          .rows();

      Map<String, TrackQuery> tracked = config.topics().tracked();
      if (tracked.isEmpty()) {
        return new Result(0, null, topicTrendRows, null);
      }
      List<String> trackKey = List.of(TrackedTopics.TOPIC);
      // The tracked queries read the title and text: the one scan of them in this stage.
      Dataset<Row> texts = AnalysedArticles.of(NAME, store.read(Tables.ARTICLES), config.ingest().languages())
          .select(Col.DOC_ID, Col.PUBLISHED, Col.TITLE, Col.TEXT);
      Dataset<Row> matches = TrackedTopics.match(texts, tracked).persist(StorageLevel.MEMORY_AND_DISK());
      try {
        Dataset<Row> trackedEntities = Trends.topEntities(matches, mentions, trackKey,
            config.periods(), config.trends().topEntities());
        long trackedRows = store.write(Tables.TRACKED_TOPIC_TRENDS,
            Trends.analyse(matches.select(TrackedTopics.TOPIC, Col.PUBLISHED),
                TrackedTopics.names(analysed.sparkSession(), tracked), calendar, trackKey, trackedEntities,
                config.trends())).rows();
        // Articles per tracked topic: one small aggregate of the cached matches (bounded by the queries).
        Map<String, Long> matched = new TreeMap<>();
        tracked.keySet().forEach(name -> matched.put(name, 0L));
        for (Row r : matches.groupBy(TrackedTopics.TOPIC).count().collectAsList()) {
          matched.put(r.getString(0), r.getLong(1));
        }
        return new Result(tracked.size(), matched, topicTrendRows, trackedRows);
      } finally {
        matches.unpersist();
      }
    } finally {
      calendar.unpersist();
    }
  }
}
