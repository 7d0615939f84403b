package org.storyline.sample;

import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.storyline.sample.SampleCorpus.Article;

/**
 * A small corpus with planted topics for the topic and trend tests: every day from {@link #START} to {@link #END}
 * a few economy and football articles, a leader-security article every ten days, and a burst of leader-security
 * articles on {@link #BURST} days. Each security article contains at least one term of the README's
 * leader_security query; football articles mention bodyguards and security details too but always say
 * "football"; economy articles hold near misses ("DNase", "surveillanceware", "security details"). So the query
 * matches exactly the articles whose {@code storyline} is {@link #SECURITY}. Deterministic for a seed.
 */
public final class PlantedTopics {
  public static final LocalDate START = LocalDate.of(2025, 3, 3);
  public static final LocalDate END = LocalDate.of(2025, 4, 30);
  public static final Map<LocalDate, Integer> BURST = Map.of(LocalDate.of(2025, 4, 10), 6,
      LocalDate.of(2025, 4, 11), 8, LocalDate.of(2025, 4, 12), 7, LocalDate.of(2025, 4, 13), 5);
  public static final String SECURITY = "security";
  public static final String ECONOMY = "economy";
  public static final String FOOTBALL = "football";

  static final List<String> SECURITY_KEY = List.of(
      "Aides wiped the chair after the summit to keep the leader's DNA from foreign spies.",
      "Bodyguards ran beside the armoured limousine as it left the palace.",
      "The security detail carried the leader's glass away after the talks.",
      "Counter-surveillance teams swept the hotel rooms before the delegation arrived.",
      "Staff disinfected the room and the table after the meeting.");
  static final List<String> SECURITY_BODY = List.of(
      "Intelligence services seek biological traces of foreign leaders.",
      "The Kremlin declined to comment on the precautions.",
      "The armoured train left the capital before dawn.",
      "Analysts said the precautions showed deep distrust between allies.",
      "The leader's bodyguard unit is trained by the military.",
      "Experts said a single hair could reveal a leader's health.");
  static final List<String> SECURITY_TITLES = List.of("Aides scrub chair after summit talks",
      "Leader's guards take glass to protect DNA", "Inside the security detail of a secretive leader",
      "Why leaders fear spies collecting their DNA");
  static final List<String> ECONOMY_BODY = List.of(
      "The central bank held interest rates steady on Wednesday.",
      "Inflation eased to 2.4 percent in March, official data showed.",
      "Bond yields fell after the decision, while the currency weakened.",
      "Economists expect two interest rate cuts before the end of the year.",
      "Lab equipment shares rose after a DNase patent ruling.",
      "Regulators fined a maker of surveillanceware sold to police forces.",
      "Auditors reviewed the bank's security details and found no breach.",
      "Mortgage lenders cut their rates as inflation slowed.");
  static final List<String> ECONOMY_TITLES = List.of("Central bank holds rates as inflation eases",
      "Bond yields fall after rate decision", "Economists see two rate cuts this year");
  static final List<String> FOOTBALL_BODY = List.of(
      "The club won the derby two nil in front of a full stadium.",
      "Fans filled the stadium long before kick-off.",
      "The coach praised the young squad after the win.",
      "Bodyguards escorted the star striker through the crowd.",
      "The team's security detail kept fans away from the bus.",
      "The goalkeeper saved a late penalty to secure the points.",
      "The striker scored twice in the second half.");
  static final List<String> FOOTBALL_TITLES = List.of("Football: City win the derby",
      "Football: late penalty save secures points", "Football: striker scores twice in derby");

  private final Random random;
  private int serial;

  public PlantedTopics(long seed) {
    this.random = new Random(seed);
  }

  /** The corpus between {@code start} and {@code end}, with the burst when it falls in the range. */
  public List<Article> articles(LocalDate start, LocalDate end) {
    List<Article> out = new ArrayList<>();
    int index = 0;
    for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1), index++) {
      for (int i = 0; i < 2 + random.nextInt(3); i++) {
        out.add(article(ECONOMY, day, ECONOMY_TITLES, List.of(), ECONOMY_BODY));
      }
      for (int i = 0; i < 2 + random.nextInt(3); i++) {
        out.add(article(FOOTBALL, day, FOOTBALL_TITLES, List.of(), FOOTBALL_BODY));
      }
      int security = BURST.getOrDefault(day, index % 10 == 3 ? 1 : 0);
      for (int i = 0; i < security; i++) {
        out.add(article(SECURITY, day, SECURITY_TITLES, SECURITY_KEY, SECURITY_BODY));
      }
    }
    return out;
  }

  public List<Article> articles() {
    return articles(START, END);
  }

  private Article article(String storyline, LocalDate day, List<String> titles, List<String> key,
      List<String> body) {
    List<String> sentences = new ArrayList<>();
    if (!key.isEmpty()) {
      sentences.add(key.get(random.nextInt(key.size())));
    }
    List<String> pool = new ArrayList<>(body);
    pool.addAll(key);
    Collections.shuffle(pool, random);
    sentences.addAll(pool.subList(0, 3 + random.nextInt(3)));
    String id = String.format("%s-%s-%04d", storyline, day, ++serial);
    return new Article(id, titles.get(random.nextInt(titles.size())), String.join(" ", sentences),
        day.atTime(6 + random.nextInt(14), random.nextInt(60)).toInstant(ZoneOffset.UTC), "Planted Wire",
        "https://news.example/" + id, "en", storyline);
  }

  /** The columns of {@code articles} the topic and trend stages read, for in-memory tests. */
  public static final StructType SCHEMA = new StructType()
      .add("doc_id", StringType, false)
      .add("title", StringType, true)
      .add("text", StringType, false)
      .add("published", TimestampType, false)
      .add("lang", StringType, true)
      .add("duplicate_of", StringType, true)
      .add("storyline", StringType, false);

  public static Dataset<Row> frame(SparkSession spark, List<Article> articles) {
    List<Row> rows = new ArrayList<>();
    for (Article a : articles) {
      rows.add(RowFactory.create(a.id(), a.title(), a.text(), Timestamp.from(a.published()), a.lang(), null,
          a.storyline()));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }
}
