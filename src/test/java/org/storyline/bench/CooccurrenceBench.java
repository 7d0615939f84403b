package org.storyline.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.when;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.storyline.cli.SparkSessions;
import org.storyline.config.ConfigOption;
import org.storyline.config.CooccurrenceConfig;
import org.storyline.config.Settings;
import org.storyline.cooccurrence.Cooccurrence;
import org.storyline.cooccurrence.CooccurrenceFixtures;
import org.storyline.schema.Col;
import org.storyline.schema.Period;

/**
 * Benchmark of co-occurrence pair counting, document window: Spark local[*] (the stage's own code) against DuckDB
 * (one SQL query over the same Parquet files), on synthetic {@code entity_mentions} of several sizes with a skewed
 * number of entities per article (lognormal) and Zipf-distributed entities.
 *
 * <p>The workload, identical in both engines: counted articles (not duplicates, analysed language); per article its
 * entities capped to the 50 most mentioned (ties by id); every pair once per article; per (period, pair) for the
 * periods week and all: pair_docs (support &gt;= 2), docs_a, docs_b, n_docs; result written as Parquet. The results
 * are compared (rows and sums) so that both engines are known to compute the same thing.
 *
 * <p>Each measurement runs in its own JVM (so that peak RSS, read from {@code VmHWM}, belongs to one engine and one
 * size) after a warm-up on a small data set; the time covers reading the inputs to writing the output. Run it with
 * {@code bench/cooccurrence.sh}.
 */
public final class CooccurrenceBench {
  private CooccurrenceBench() {}

  private static final long SEED = 20250901L;
  /** Version of the generator: bump when it changes, so that cached data sets are regenerated. */
  private static final int GENERATOR_VERSION = 1;
  private static final int VOCABULARY = 200_000;
  private static final double ZIPF_S = 1.07;
  private static final int DAYS = 120;
  private static final int CAP = 50;

  static final StructType MENTIONS = CooccurrenceFixtures.MENTIONS;

  static final StructType ARTICLES = DataTypes.createStructType(List.of(
      DataTypes.createStructField(Col.DOC_ID, DataTypes.StringType, false),
      DataTypes.createStructField(Col.PUBLISHED, DataTypes.TimestampType, false),
      DataTypes.createStructField(Col.LANG, DataTypes.StringType, true),
      DataTypes.createStructField(Col.DUPLICATE_OF, DataTypes.StringType, true)));

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = parse(args);
    System.setProperty("spark.ui.enabled", "false");
    if (opts.containsKey("child")) {
      child(opts);
      return;
    }
    List<Long> sizes = Arrays.stream(opts.getOrDefault("sizes", "1000000,5000000,20000000").split(","))
        .map(String::trim).map(Long::parseLong).toList();
    Path data = Path.of(opts.getOrDefault("data", "target/bench-data"));
    Path out = Path.of(opts.getOrDefault("out", "target/bench-out"));
    String sparkHeap = opts.getOrDefault("spark-heap", "8g");
    String duckdbMemory = opts.getOrDefault("duckdb-memory", "8GB");
    int threads = Runtime.getRuntime().availableProcessors();

    Files.createDirectories(out);
    Map<Long, long[]> generated = generate(data, sizes);
    List<Map<String, String>> results = new ArrayList<>();
    for (long size : sizes) {
      Path mentions = data.resolve("mentions-" + size);
      Path articles = data.resolve("articles-" + size);
      Path warmMentions = data.resolve("mentions-" + WARMUP);
      Path warmArticles = data.resolve("articles-" + WARMUP);
      Map<String, String> duck = runChild("duckdb", "1g", mentions, articles, warmMentions, warmArticles,
          out.resolve("duckdb-" + size + ".parquet"), Map.of("duckdb-memory", duckdbMemory,
              "threads", String.valueOf(threads)));
      Map<String, String> spark = runChild("spark", sparkHeap, mentions, articles, warmMentions, warmArticles,
          out.resolve("spark-" + size), Map.of());
      Map<String, String> check = compare(out.resolve("spark-" + size), out.resolve("duckdb-" + size + ".parquet"));
      Map<String, String> row = new LinkedHashMap<>();
      row.put("size", String.valueOf(size));
      row.put("mentions", String.valueOf(generated.get(size)[0]));
      row.put("articles", String.valueOf(generated.get(size)[1]));
      row.put("spark_s", spark.get("seconds"));
      row.put("duckdb_s", duck.get("seconds"));
      row.put("spark_rss_mb", spark.get("peak_rss_mb"));
      row.put("duckdb_rss_mb", duck.get("peak_rss_mb"));
      row.put("rows", check.get("rows"));
      row.put("match", check.get("match"));
      results.add(row);
      System.out.println("done " + row);
    }
    String table = table(results, threads);
    System.out.println();
    System.out.println(table);
    Path resultsDir = Path.of("bench", "results");
    Files.createDirectories(resultsDir);
    Path file = resultsDir.resolve("cooccurrence-" + LocalDateTime.now(ZoneOffset.UTC)
        .format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")) + ".md");
    Files.writeString(file, table);
    System.out.println("written to " + file);
  }

  private static final long WARMUP = 100_000;

  // ---------------------------------------------------------------- the table

  static String table(List<Map<String, String>> results, int threads) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Co-occurrence pair counting, document window, periods week + all, cap %d, "
        + "support 2; Spark local[*] vs DuckDB %s threads; %d cores, Java %s%n%n", CAP, threads, threads,
        System.getProperty("java.version")));
    sb.append("| mentions | articles | result rows | Spark s | DuckDB s | Spark/DuckDB | Spark mentions/s | "
        + "DuckDB mentions/s | Spark s per 1M (vs smallest) | Spark peak RSS MB | DuckDB peak RSS MB | same result |\n");
    sb.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|\n");
    double firstPerMillion = 0;
    for (Map<String, String> r : results) {
      long mentions = Long.parseLong(r.get("mentions"));
      double spark = Double.parseDouble(r.get("spark_s"));
      double duck = Double.parseDouble(r.get("duckdb_s"));
      double perMillion = spark / (mentions / 1e6);
      if (firstPerMillion == 0) {
        firstPerMillion = perMillion;
      }
      sb.append(String.format(Locale.ROOT, "| %,d | %,d | %,d | %.1f | %.1f | %.2f | %,.0f | %,.0f | %.2f (%.2fx) | %s | %s | %s |%n",
          mentions, Long.parseLong(r.get("articles")), Long.parseLong(r.get("rows")), spark, duck, spark / duck,
          mentions / spark, mentions / duck, perMillion, perMillion / firstPerMillion, r.get("spark_rss_mb"),
          r.get("duckdb_rss_mb"), r.get("match")));
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- child processes

  private static Map<String, String> runChild(String engine, String heap, Path mentions, Path articles,
      Path warmMentions, Path warmArticles, Path out, Map<String, String> extra) throws IOException,
      InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + heap);
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!arg.startsWith("-Xmx") && !arg.startsWith("-agentlib") && !arg.startsWith("-javaagent")) {
        cmd.add(arg);
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(CooccurrenceBench.class.getName());
    cmd.addAll(List.of("--child", engine, "--mentions", mentions.toString(), "--articles", articles.toString(),
        "--warm-mentions", warmMentions.toString(), "--warm-articles", warmArticles.toString(),
        "--result", out.toString()));
    extra.forEach((k, v) -> cmd.addAll(List.of("--" + k, v)));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    System.out.printf("running %s on %s%n", engine, mentions.getFileName());
    Process p = pb.start();
    Map<String, String> result = new LinkedHashMap<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("RESULT ")) {
          for (String kv : line.substring(7).trim().split(" ")) {
            String[] parts = kv.split("=", 2);
            result.put(parts[0], parts[1]);
          }
          System.out.println("  " + line);
        } else if (line.startsWith("ERROR") || line.contains("Exception")) {
          System.out.println("  " + line);
        }
      }
    }
    int code = p.waitFor();
    if (code != 0 || !result.containsKey("seconds")) {
      throw new IllegalStateException(engine + " run failed with exit code " + code);
    }
    return result;
  }

  private static void child(Map<String, String> opts) throws Exception {
    String engine = opts.get("child");
    Path result = Path.of(opts.get("result"));
    double seconds;
    if (engine.equals("spark")) {
      SparkSession spark = SparkSessions.get("storyline-bench", Optional.of("local[*]"));
      spark.sparkContext().setLogLevel("ERROR");
      sparkRun(spark, opts.get("warm-mentions"), opts.get("warm-articles"), result.resolveSibling("warmup-spark"));
      long t0 = System.nanoTime();
      sparkRun(spark, opts.get("mentions"), opts.get("articles"), result);
      seconds = (System.nanoTime() - t0) / 1e9;
      spark.stop();
    } else {
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
        try (Statement s = c.createStatement()) {
          s.execute("SET threads = " + Integer.parseInt(opts.get("threads")));
          s.execute("SET memory_limit = '" + opts.get("duckdb-memory") + "'");
          s.execute("SET preserve_insertion_order = false");
          s.execute("SET temp_directory = '" + result.resolveSibling("duckdb-tmp") + "'");
        }
        duckRun(c, opts.get("warm-mentions"), opts.get("warm-articles"), result.resolveSibling("warmup-duck.parquet"));
        long t0 = System.nanoTime();
        duckRun(c, opts.get("mentions"), opts.get("articles"), result);
        seconds = (System.nanoTime() - t0) / 1e9;
      }
    }
    System.out.printf(Locale.ROOT, "RESULT engine=%s seconds=%.2f peak_rss_mb=%d%n", engine, seconds,
        peakRssKb() / 1024);
  }

  /** The stage's own functions, as Pipeline runs them (inputs persisted once, as {@code Cooccurrence.prepare}). */
  static void sparkRun(SparkSession spark, String mentionsPath, String articlesPath, Path out) {
    Map<ConfigOption, Object> options = new java.util.EnumMap<>(ConfigOption.class);
    options.put(ConfigOption.COOCCURRENCE_WINDOWS, "document");
    options.put(ConfigOption.MIN_SUPPORT, "2");
    options.put(ConfigOption.MAX_ENTITIES_PER_DOC, String.valueOf(CAP));
    CooccurrenceConfig cfg = CooccurrenceConfig.from(Settings.defaults().with(options));
    Dataset<Row> mentions = spark.read().parquet(mentionsPath);
    Dataset<Row> articles = spark.read().parquet(articlesPath);
    List<Period> periods = List.of(Period.WEEK, Period.ALL);
    try (Cooccurrence.Prepared p = Cooccurrence.prepare(mentions, articles, List.of("en"), cfg)) {
      Dataset<Row> stats = Cooccurrence.statistics(
          Cooccurrence.pairCounts(p.articleEntities(), cfg.windowLabels(), 0, periods),
          Cooccurrence.entityDocs(p.articleEntities(), periods), Cooccurrence.periodArticles(p.counted(), periods),
          cfg.windowLabels(), cfg.minSupport());
      // Entity keys back to ids, as the report does (Cooccurrence.withNames).
      Dataset<Row> ids = p.names().select(col("entity_key"), col(Col.ENTITY_ID));
      stats.join(ids.withColumnRenamed("entity_key", "entity_key_a").withColumnRenamed(Col.ENTITY_ID, "entity_id_a"),
              "entity_key_a")
          .join(ids.withColumnRenamed("entity_key", "entity_key_b").withColumnRenamed(Col.ENTITY_ID, "entity_id_b"),
              "entity_key_b")
          // ordered by id like the DuckDB query (the stage orders pairs by name later)
          .select(col(Col.PERIOD), col(Col.PERIOD_START), least(col("entity_id_a"), col("entity_id_b")).as("entity_id_a"),
              greatest(col("entity_id_a"), col("entity_id_b")).as("entity_id_b"), col("pair_docs"),
              when(col("entity_id_a").lt(col("entity_id_b")), col("docs_a")).otherwise(col("docs_b")).as("docs_a"),
              when(col("entity_id_a").lt(col("entity_id_b")), col("docs_b")).otherwise(col("docs_a")).as("docs_b"),
              col("n_docs"))
          .write().mode(SaveMode.Overwrite).parquet(out.toString());
    }
  }

  /** The same workload in one DuckDB query. */
  static void duckRun(Connection c, String mentionsPath, String articlesPath, Path out) throws SQLException {
    String sql = """
        COPY (
          WITH counted AS (
            SELECT doc_id, CAST(published AS DATE) AS day
            FROM read_parquet('%1$s/*.parquet')
            WHERE duplicate_of IS NULL AND coalesce(lang, 'und') IN ('en', 'und')),
          per_entity AS (
            SELECT doc_id, entity_id, count(*) AS mentions
            FROM read_parquet('%2$s/*.parquet') GROUP BY doc_id, entity_id),
          capped AS (
            SELECT doc_id, entity_id FROM per_entity
            QUALIFY row_number() OVER (PARTITION BY doc_id ORDER BY mentions DESC, entity_id) <= %3$d),
          de AS MATERIALIZED (
            SELECT c.day, e.doc_id, e.entity_id FROM capped e JOIN counted c USING (doc_id)),
          daily_pairs AS MATERIALIZED (
            SELECT a.day, a.entity_id AS entity_id_a, b.entity_id AS entity_id_b, count(*) AS pair_docs
            FROM de a JOIN de b ON a.doc_id = b.doc_id AND a.entity_id < b.entity_id
            GROUP BY a.day, a.entity_id, b.entity_id),
          pairs AS (
            SELECT 'week' AS period, CAST(date_trunc('week', day) AS DATE) AS period_start, entity_id_a,
                   entity_id_b, CAST(sum(pair_docs) AS BIGINT) AS pair_docs
            FROM daily_pairs GROUP BY ALL HAVING sum(pair_docs) >= 2
            UNION ALL
            SELECT 'all', DATE '1970-01-01', entity_id_a, entity_id_b, CAST(sum(pair_docs) AS BIGINT)
            FROM daily_pairs GROUP BY ALL HAVING sum(pair_docs) >= 2),
          daily_entities AS MATERIALIZED (
            SELECT day, entity_id, count(*) AS docs FROM de GROUP BY day, entity_id),
          entity_docs AS (
            SELECT 'week' AS period, CAST(date_trunc('week', day) AS DATE) AS period_start, entity_id,
                   CAST(sum(docs) AS BIGINT) AS docs FROM daily_entities GROUP BY ALL
            UNION ALL
            SELECT 'all', DATE '1970-01-01', entity_id, CAST(sum(docs) AS BIGINT) FROM daily_entities GROUP BY ALL),
          n AS (
            SELECT 'week' AS period, CAST(date_trunc('week', day) AS DATE) AS period_start, count(*) AS n_docs
            FROM counted GROUP BY ALL
            UNION ALL
            SELECT 'all', DATE '1970-01-01', count(*) FROM counted)
          SELECT p.period, p.period_start, p.entity_id_a, p.entity_id_b, p.pair_docs, a.docs AS docs_a,
                 b.docs AS docs_b, n.n_docs
          FROM pairs p
          JOIN entity_docs a ON a.period = p.period AND a.period_start = p.period_start
                            AND a.entity_id = p.entity_id_a
          JOIN entity_docs b ON b.period = p.period AND b.period_start = p.period_start
                            AND b.entity_id = p.entity_id_b
          JOIN n ON n.period = p.period AND n.period_start = p.period_start
        ) TO '%4$s' (FORMAT parquet)
        """.formatted(articlesPath, mentionsPath, CAP, out);
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** Compares the two results (DuckDB reads both): rows, and sums of each count column. */
  private static Map<String, String> compare(Path sparkOut, Path duckOut) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      String q = "SELECT count(*), sum(pair_docs), sum(docs_a), sum(docs_b), sum(n_docs), "
          + "sum(hash(period, period_start, entity_id_a, entity_id_b, pair_docs, docs_a, docs_b, n_docs)::HUGEINT) "
          + "FROM read_parquet('%s')";
      List<String> a = values(s, q.formatted(sparkOut + "/*.parquet"));
      List<String> b = values(s, q.formatted(duckOut));
      Map<String, String> m = new LinkedHashMap<>();
      m.put("rows", a.get(0));
      m.put("match", a.equals(b) ? "yes" : "NO " + a + " vs " + b);
      return m;
    }
  }

  private static List<String> values(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      List<String> out = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        out.add(rs.getString(i));
      }
      return out;
    }
  }

  /** Peak resident set size of this process (Linux VmHWM), in kB; -1 elsewhere. */
  static long peakRssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }

  // ---------------------------------------------------------------- synthetic data

  /**
   * Generates (or reuses) one mentions and one articles Parquet folder per size, plus the warm-up size; returns
   * the actual counts of mentions and articles per size.
   */
  private static Map<Long, long[]> generate(Path data, List<Long> sizes) throws IOException {
    List<Long> all = new ArrayList<>(sizes);
    all.add(WARMUP);
    Map<Long, long[]> counts = new LinkedHashMap<>();
    SparkSession spark = null;
    try {
      for (long size : all) {
        Path mentions = data.resolve("mentions-" + size);
        Path articles = data.resolve("articles-" + size);
        Path marker = data.resolve("done-" + size + "-v" + GENERATOR_VERSION);
        if (Files.exists(marker)) {
          String[] parts = Files.readString(marker).trim().split(",");
          counts.put(size, new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])});
          continue;
        }
        if (spark == null) {
          spark = SparkSessions.get("storyline-bench-data", Optional.of("local[*]"));
          spark.sparkContext().setLogLevel("ERROR");
        }
        long docs = Math.max(1000, Math.round(size / meanMentionsPerArticle()));
        int partitions = (int) Math.max(2, size / 2_000_000);
        System.out.printf("generating %,d articles for about %,d mentions%n", docs, size);
        Dataset<Row> ids = spark.range(0, docs, 1, partitions).toDF("doc");
        ids.flatMap(new MentionGenerator(), Encoders.row(MENTIONS)).write().mode(SaveMode.Overwrite)
            .parquet(mentions.toString());
        ids.flatMap(new ArticleGenerator(), Encoders.row(ARTICLES)).write().mode(SaveMode.Overwrite)
            .parquet(articles.toString());
        long m = spark.read().parquet(mentions.toString()).count();
        long a = spark.read().parquet(articles.toString()).count();
        Files.writeString(marker, m + "," + a + "\n");
        counts.put(size, new long[] {m, a});
      }
    } finally {
      if (spark != null) {
        spark.stop();
      }
    }
    return counts;
  }

  /** Mentions per article of the generator, estimated on 20,000 articles. */
  static double meanMentionsPerArticle() {
    long total = 0;
    int n = 20_000;
    for (long d = 0; d < n; d++) {
      total += Generator.entities(d).stream().mapToInt(e -> e[1]).sum();
    }
    return (double) total / n;
  }

  /** The synthetic corpus: one article per doc number, deterministic for the seed. */
  static final class Generator {
    private Generator() {}

    private static volatile double[] zipfCdf;

    static double[] zipf() {
      double[] cdf = zipfCdf;
      if (cdf == null) {
        synchronized (Generator.class) {
          if (zipfCdf == null) {
            double[] c = new double[VOCABULARY];
            double sum = 0;
            for (int i = 0; i < VOCABULARY; i++) {
              sum += 1.0 / Math.pow(i + 1, ZIPF_S);
              c[i] = sum;
            }
            for (int i = 0; i < VOCABULARY; i++) {
              c[i] /= sum;
            }
            zipfCdf = c;
          }
          cdf = zipfCdf;
        }
      }
      return cdf;
    }

    static SplittableRandom random(long doc, long salt) {
      return new SplittableRandom(SEED ^ (doc * 0x9E3779B97F4A7C15L) ^ salt);
    }

    /**
     * The article's distinct entities (Zipf ranks) and their mention counts: lognormal number of entities (median 5,
     * sigma 0.9, at most 600, so a few articles exceed the cap of 50), 1 + geometric(0.55) mentions each.
     */
    static List<int[]> entities(long doc) {
      SplittableRandom r = random(doc, 1);
      double gaussian = gaussian(r);
      int k = (int) Math.max(1, Math.min(600, Math.round(Math.exp(Math.log(5) + 0.9 * gaussian))));
      double[] cdf = zipf();
      java.util.Set<Integer> seen = new java.util.LinkedHashSet<>();
      for (int attempts = 0; seen.size() < k && attempts < 4 * k + 20; attempts++) {
        int rank = Arrays.binarySearch(cdf, r.nextDouble());
        seen.add(rank < 0 ? -rank - 1 : rank);
      }
      List<int[]> out = new ArrayList<>();
      for (int rank : seen) {
        int mentions = 1;
        while (r.nextDouble() < 0.45 && mentions < 30) {
          mentions++;
        }
        out.add(new int[] {rank, mentions});
      }
      return out;
    }

    private static double gaussian(SplittableRandom r) {
      double u = 1.0 - r.nextDouble();
      double v = r.nextDouble();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    static Timestamp published(long doc) {
      long seconds = Instant.parse("2025-06-02T00:00:00Z").getEpochSecond() + (doc % DAYS) * 86_400L
          + (doc * 7919L) % 86_400L;
      return Timestamp.from(Instant.ofEpochSecond(seconds));
    }

    static String docId(long doc) {
      return String.format("d%010d", doc);
    }
  }

  static final class MentionGenerator implements FlatMapFunction<Row, Row> {
    private static final String[] TYPES = {"PERSON", "ORGANIZATION", "LOCATION", "MISC"};

    @Override
    public Iterator<Row> call(Row row) {
      long doc = row.getLong(0);
      String id = Generator.docId(doc);
      Timestamp published = Generator.published(doc);
      List<int[]> entities = Generator.entities(doc);
      SplittableRandom r = Generator.random(doc, 2);
      int sentences = 5 + entities.size();
      List<Row> out = new ArrayList<>();
      int offset = 0;
      for (int[] e : entities) {
        String entityId = "E" + e[0];
        String name = "Entity " + e[0];
        for (int m = 0; m < e[1]; m++) {
          out.add(RowFactory.create(id, published, r.nextInt(sentences), entityId, name, TYPES[e[0] % 4], name,
              offset, offset + name.length()));
          offset += name.length() + 7;
        }
      }
      return out.iterator();
    }
  }

  static final class ArticleGenerator implements FlatMapFunction<Row, Row> {
    @Override
    public Iterator<Row> call(Row row) {
      long doc = row.getLong(0);
      // 4% of the articles are duplicates of the one before: their mentions are there but must not count.
      boolean duplicate = doc > 0 && Generator.random(doc, 3).nextDouble() < 0.04;
      return List.of(RowFactory.create(Generator.docId(doc), Generator.published(doc), "en",
          duplicate ? Generator.docId(doc - 1) : null)).iterator();
    }
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got " + String.join(" ", args));
      }
      m.put(args[i].substring(2), args[++i]);
    }
    return m;
  }
}
