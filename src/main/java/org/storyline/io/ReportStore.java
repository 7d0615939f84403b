package org.storyline.io;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.storyline.config.ConfigException;
import org.storyline.config.PublishConfig;
import org.storyline.schema.TableSpec;

/**
 * The report folder, published atomically. A run writes its tables under {@code DIR/_staging/RUN}; only when every
 * table and the manifest are written does it move the folder to {@code DIR/runs/RUN} and switch the pointers:
 *
 * <pre>
 * DIR/CURRENT                  the current run id (every file system)
 * DIR/current -> runs/RUN      symlink, switched with one atomic rename (local file systems)
 * DIR/articles -> current/articles, DIR/manifest.json -> current/manifest.json, ... (stable paths for readers)
 * DIR/runs/RUN/...             each published run, the last --keep-runs kept
 * DIR/history/RUN.json         the manifest of every run, failed ones included (each written whole: a temporary
 *                              file in the same folder, then one atomic rename)
 * </pre>
 *
 * A reader of {@code DIR/<table>} therefore sees the previous complete run or the new complete run, never a mix
 * and never an empty folder; a killed run leaves only {@code _staging} debris, removed by the next run. On file
 * systems without symlinks (HDFS, object stores) readers resolve {@code DIR/runs/$(cat DIR/CURRENT)/<table>}.
 * One run at a time per folder: a lock file guards it on local file systems.
 */
public final class ReportStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReportStore.class);
  private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  public static final String CURRENT_FILE = "CURRENT";
  public static final String CURRENT_LINK = "current";
  public static final String RUNS = "runs";
  public static final String STAGING = "_staging";
  public static final String HISTORY = "history";
  public static final String MANIFEST = "manifest.json";

  private final SparkSession spark;
  private final Path root;
  private final FileSystem fs;
  private final String runId;
  private final Path staging;
  private final int keepRuns;
  private final Set<String> tables = new LinkedHashSet<>();
  /**
   * The tables of this run as read so far, one reader each: a table's files are listed once a run, not once per
   * stage that reads it (listing a table of 731 day folders is a Spark job of 731 tasks). A write forgets its
   * table's reader.
   */
  private final Map<String, Dataset<Row>> readers = new HashMap<>();
  /**
   * Column subsets of this run's tables kept in memory ({@link #readCached}), by table then columns: forgotten
   * (unpersisted) when their table is written again and when the store is closed.
   */
  private final Map<String, Map<List<String>, Dataset<Row>>> cached = new HashMap<>();
  private final RunLock lock;
  private final Optional<String> previousRun;
  /** The published run's manifest, read once (the quality gates compare with it; Delta reads its versions). */
  private final Optional<Map<String, Object>> previousManifest;
  private final PublishConfig publishing;
  /** The partitioning and sort order each table of this run was written with (a Delta commit writes them again). */
  private final Map<String, Layout> layouts = new HashMap<>();
  /** The tables written by {@link #writeChanged}: the partition values that changed. */
  private final Map<String, List<String>> changedPartitions = new HashMap<>();
  /** Delta: each table's version in the published run's manifest. */
  private final Map<String, Long> previousVersions;
  /** Delta: the versions this run's commits made, so far (what a failed run rolls back). */
  private final Map<String, Long> committed = new LinkedHashMap<>();

  private record Layout(List<String> partitionBy, List<String> sortBy) {}

  private ReportStore(SparkSession spark, Path root, FileSystem fs, String runId, int keepRuns, RunLock lock,
      PublishConfig publishing) throws IOException {
    this.spark = spark;
    this.root = root;
    this.fs = fs;
    this.runId = runId;
    this.keepRuns = keepRuns;
    this.lock = lock;
    this.publishing = publishing;
    this.staging = new Path(new Path(root, STAGING), runId);
    this.previousRun = currentRun(fs, root);
    this.previousManifest = publishedManifest(fs, root, previousRun);
    this.previousVersions = tableVersions(previousManifest);
  }

  /** A new run id: UTC time to the second and a random suffix, so ids sort by start time. */
  public static String newRunId() {
    return ZonedDateTime.now(ZoneOffset.UTC).format(RUN_ID)
        + String.format("-%04x", ThreadLocalRandom.current().nextInt(0x10000));
  }

  /**
   * Creates the report folder if needed and writes and deletes one file in it, else fails with a
   * {@link ConfigException} naming the folder and the cause; returns its file system (the raw one for local paths).
   */
  public static FileSystem probeWritable(String output, Configuration conf) {
    Path root = new Path(output);
    try {
      FileSystem fs = root.getFileSystem(conf);
      if (fs instanceof LocalFileSystem local) {
        fs = local.getRawFileSystem(); // no .crc side files for the pointer, manifest and history
      }
      root = fs.makeQualified(root);
      fs.mkdirs(root);
      Path probe = new Path(root, ".write-probe-" + newRunId());
      try (OutputStream out = fs.create(probe, true)) {
        out.write('x');
        FaultPoints.reached("write-probe");
      } finally {
        fs.delete(probe, false);
      }
      return fs;
    } catch (IOException | RuntimeException | FSError e) {
      // FSError: how Hadoop's local file system reports a failed write, a full disk included (an Error, not an
      // IOException).
      throw new ConfigException("--output " + output + " is not writable: " + Failures.oneLine(e), e);
    }
  }

  /**
   * Opens the report folder for a new run: checks it can be written (else {@link ConfigException}), takes the lock,
   * clears debris of killed runs and creates the staging folder.
   */
  public static ReportStore begin(SparkSession spark, String output, String runId, int keepRuns) {
    return begin(spark, output, runId, keepRuns, PublishConfig.DEFAULT);
  }

  /**
   * The same, publishing in {@code publishing}'s table format (and catalog database). With Delta, tables left at a
   * newer version than the published manifest records (a run killed while committing them) are restored to the
   * recorded version first, and tables no published run has are removed.
   */
  public static ReportStore begin(SparkSession spark, String output, String runId, int keepRuns,
      PublishConfig publishing) {
    FileSystem fs = probeWritable(output, spark.sparkContext().hadoopConfiguration());
    Path root = fs.makeQualified(new Path(output));
    RunLock lock = null;
    try {
      lock = RunLock.acquire(fs, root, output, runId, spark.sparkContext().hadoopConfiguration());
      fs.delete(new Path(root, STAGING), true);
      removeOrphans(fs, root);
      ReportStore store = new ReportStore(spark, root, fs, runId, keepRuns, lock, publishing);
      checkTableFormat(store.previousRun, store.previousManifest, output, publishing.tableFormat());
      if (store.delta()) {
        store.repairDeltaTables();
      }
      fs.mkdirs(store.staging);
      return store;
    } catch (IOException | RuntimeException e) {
      if (lock != null) {
        lock.close();
      }
      if (e instanceof IOException io) {
        throw new UncheckedIOException("cannot prepare " + output, io);
      }
      throw (RuntimeException) e;
    }
  }

  /**
   * A report folder keeps the table format of its first run: Parquet runs link {@code DIR/<table>} into
   * {@code runs/}, where Delta keeps its tables, so a switch would write one format into the other. Checked before
   * Spark starts (by {@code Preflight}) and again when the folder is opened; a {@link ConfigException} otherwise.
   */
  public static void checkTableFormat(FileSystem fs, Path root, String output, PublishConfig.TableFormat format) {
    try {
      Optional<String> current = currentRun(fs, root);
      checkTableFormat(current, publishedManifest(fs, root, current), output, format);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the published run of " + output, e);
    }
  }

  private static void checkTableFormat(Optional<String> run, Optional<Map<String, Object>> manifest,
      String output, PublishConfig.TableFormat format) {
    if (manifest.isEmpty()) {
      return;
    }
    String published = String.valueOf(manifest.get().getOrDefault(TABLE_FORMAT, "parquet"));
    if (!published.equals(format.label())) {
      throw new ConfigException("--table-format " + format.label() + ": --output " + output + " holds "
          + published + " tables (run " + run.get() + "); a report folder keeps the format of its first "
          + "run: use --table-format " + published + " or a new --output");
    }
  }

  /** The manifest key of the table format, and of each Delta table's version. */
  public static final String TABLE_FORMAT = "table_format";
  public static final String TABLE_VERSIONS = "table_versions";

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /** The published run's manifest, if there is a published run and its manifest can be read. */
  @SuppressWarnings("unchecked")
  private static Optional<Map<String, Object>> publishedManifest(FileSystem fs, Path root, Optional<String> run)
      throws IOException {
    if (run.isEmpty()) {
      return Optional.empty();
    }
    Path file = new Path(new Path(new Path(root, RUNS), run.get()), MANIFEST);
    if (!fs.exists(file)) {
      return Optional.empty();
    }
    try (var in = fs.open(file)) {
      return Optional.of(JSON.readValue((java.io.InputStream) in, LinkedHashMap.class));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      LOG.warn("the manifest of run {} cannot be read, so the quality gates compare with nothing: {}", run.get(),
          e.getOriginalMessage());
      return Optional.empty();
    }
  }

  private static Map<String, Long> tableVersions(Optional<Map<String, Object>> manifest) {
    Map<String, Long> versions = new LinkedHashMap<>();
    manifest.map(m -> m.get(TABLE_VERSIONS)).filter(Map.class::isInstance).map(Map.class::cast)
        .ifPresent(m -> m.forEach((k, v) -> versions.put(String.valueOf(k), ((Number) v).longValue())));
    return versions;
  }

  private boolean delta() {
    return publishing.tableFormat() == PublishConfig.TableFormat.DELTA;
  }

  /** Where a Delta table of the report lives: {@code DIR/<table>}, the same path for every run. */
  public Path tablePath(String table) {
    return new Path(root, table);
  }

  /**
   * Brings the Delta tables back to the published run: a table at a newer version than the manifest records is
   * restored to that version (a run was killed between its commits and its publish), a Delta table the manifest
   * does not list is removed (a killed run created it).
   */
  private void repairDeltaTables() throws IOException {
    for (FileStatus child : fs.listStatus(root)) {
      String name = child.getPath().getName();
      if (!child.isDirectory() || name.startsWith("_") || name.startsWith(".") || name.equals(RUNS)
          || name.equals(HISTORY) || !fs.exists(new Path(child.getPath(), "_delta_log"))) {
        continue;
      }
      Long version = previousVersions.get(name);
      if (version == null) {
        LOG.warn("removing Delta table {}: no published run has it (a run was killed before publishing)",
            child.getPath());
        fs.delete(child.getPath(), true);
      } else if (DeltaTables.restore(spark, child.getPath(), version)) {
        LOG.warn("restored Delta table {} to version {}, the published run's (a run was killed before "
            + "publishing)", child.getPath(), version);
      }
    }
  }

  public String runId() {
    return runId;
  }

  public Path root() {
    return root;
  }

  /** The manifest of the run published before this one started, if there is one and it can be read (else logged). */
  public Optional<Map<String, Object>> previousManifest() {
    return previousManifest;
  }

  /** The run published before this one started, if any. */
  public Optional<String> previousRun() {
    return previousRun;
  }

  /**
   * Writes a table of the catalog into this run's staging folder ({@link #write(String, Dataset, List, List)} with
   * the table's partitioning and sort order), after checking that {@code data} has the table's columns and types
   * (else an {@link IllegalArgumentException} naming the table and the column). The write counts its rows, and
   * computes the aggregate {@code metrics} (each named with {@code .as(...)}), on the way: a
   * {@link Observed observation} of the rows written, no second pass.
   */
  public Observed write(TableSpec table, Dataset<Row> data, Column... metrics) {
    table.check(data.schema());
    Observed observed = Observed.of("table " + table.name(), data, metrics);
    writeParquet(table.name(), observed.dataset(), data, table.partitionBy(), table.sortBy());
    return observed;
  }

  /**
   * Writes a table into this run's staging folder, as Parquet, one file per partition value when partitioned. Rows
   * are sorted by {@code sortBy} within files, so repeated runs write the same files. Unchecked: for tables that are
   * not in the catalog (hand-made test fixtures); a run writes through {@link #write(TableSpec, Dataset, Column...)}.
   */
  public void write(String table, Dataset<Row> data, List<String> partitionBy, List<String> sortBy) {
    writeParquet(table, data, data, partitionBy, sortBy);
  }

  /** What {@link #writeChanged} did: the rows it wrote (observed), and how many partitions it carried over. */
  public record ChangedWrite(Observed written, int carriedPartitions) {}

  /**
   * Writes only the partitions of a table that changed, for a run that adds to the published one: the rows of
   * {@code data} in the partitions {@code changed} (values of the table's one partition column, as its folder names
   * spell them) are written as {@link #write(TableSpec, Dataset, Column...)} would, and every other partition of the
   * published table is carried over as it is: its files hard-linked into this run on a local file system (no byte
   * copied, and the published run stays intact until this one is), copied elsewhere. Without a published table it
   * is a plain write. The caller knows the table's rows (the written ones are observed; carried files are not
   * opened).
   */
  public ChangedWrite writeChanged(TableSpec table, Dataset<Row> data, Collection<String> changed,
      Column... metrics) {
    if (table.partitionBy().size() != 1) {
      throw new IllegalArgumentException("table " + table.name() + ": writeChanged needs one partition column, has "
          + table.partitionBy());
    }
    table.check(data.schema());
    String column = table.partitionBy().get(0);
    Dataset<Row> rows = data.filter(inPartitions(column, changed));
    Observed observed = Observed.of("table " + table.name(), rows, metrics);
    Path path = new Path(staging, table.name());
    writeFiles(table.name(), observed.dataset(), table.partitionBy(), table.sortBy());
    int carried = 0;
    Optional<Path> published = publishedPath(table.name());
    try {
      if (delta() && previousVersions.containsKey(table.name())) {
        carried = carryDeltaPartitions(table.name(), column, changed, path);
      } else if (published.isPresent() && fs.exists(published.get())) {
        Set<String> skip = partitionFolders(column, changed);
        for (FileStatus partition : fs.listStatus(published.get())) {
          String name = partition.getPath().getName();
          if (partition.isDirectory() && name.startsWith(column + "=") && !skip.contains(name)) {
            carry(partition.getPath(), new Path(path, name));
            carried++;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!hasParquetFile(path)) {
      writeEmpty(path, data);
    }
    tables.add(table.name());
    layouts.put(table.name(), new Layout(table.partitionBy(), table.sortBy()));
    changedPartitions.put(table.name(), changed.stream().distinct().sorted().toList());
    return new ChangedWrite(observed, carried);
  }

  /** The folder names ({@code column=value}) of the partitions {@code values}. */
  private static Set<String> partitionFolders(String column, Collection<String> values) {
    Set<String> folders = new HashSet<>();
    for (String value : values) {
      folders.add(column + "=" + value);
    }
    return folders;
  }

  /**
   * Carries the partitions of a published Delta table that did not change into staging: the files of the
   * published version (not every file in its folders: older versions' files are there too), linked or copied.
   */
  private int carryDeltaPartitions(String table, String column, Collection<String> changed, Path path)
      throws IOException {
    Set<String> skip = partitionFolders(column, changed);
    Set<String> partitions = new HashSet<>();
    for (String file : DeltaTables.read(spark, tablePath(table), previousVersions.get(table)).inputFiles()) {
      Path f = new Path(file);
      String partition = f.getParent().getName();
      if (partition.startsWith(column + "=") && !skip.contains(partition)) {
        carryFile(f, new Path(path, partition));
        partitions.add(partition);
      }
    }
    return partitions.size();
  }

  /**
   * Rows whose partition column, spelt as its folder names spell it, is one of {@code values}: a filter on the
   * partition column alone, so a scan of the table reads those folders only.
   */
  public static Column inPartitions(String column, Collection<String> values) {
    return col(column).cast("string").isin(values.toArray());
  }

  /**
   * The distinct values of a partition column in {@code rows}, spelt as its folder names spell them (what
   * {@link #inPartitions} and {@link #writeChanged} take). They come to the driver: for day or month columns, a few
   * short strings per day of the corpus at most.
   */
  public static List<String> partitionValues(Dataset<Row> rows, String column) {
    return rows.select(col(column).cast("string")).distinct().as(Encoders.STRING()).collectAsList();
  }

  /** Links (local, where it can) or copies the files of one published partition folder into staging. */
  private void carry(Path from, Path to) throws IOException {
    fs.mkdirs(to);
    for (FileStatus file : fs.listStatus(from)) {
      if (file.isFile()) {
        carryFile(file.getPath(), to);
      }
    }
  }

  /** Links (local, where it can) or copies one file into the folder {@code toDir}. */
  private void carryFile(Path file, Path toDir) throws IOException {
    if (isLocal(fs)) {
      java.nio.file.Path source = localPath(fs.makeQualified(file));
      java.nio.file.Path target = localPath(fs.makeQualified(toDir)).resolve(source.getFileName().toString());
      Files.createDirectories(target.getParent());
      if (!link(source, target)) {
        Files.copy(source, target);
      }
      return;
    }
    fs.mkdirs(toDir);
    FileUtil.copy(fs, file, fs, new Path(toDir, file.getName()), false, fs.getConf());
  }

  /** A hard link, where the local file system has them (not every mount does: then false, and the caller copies). */
  private static boolean link(java.nio.file.Path existing, java.nio.file.Path link) {
    try {
      Files.createLink(link, existing);
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("no hard link {} -> {} ({}); copying", link, existing, e.toString());
      return false;
    }
  }

  /** {@code empty} (the same rows as {@code data}, not observed) gives the schema of an empty partitioned table. */
  private void writeParquet(String table, Dataset<Row> data, Dataset<Row> empty, List<String> partitionBy,
      List<String> sortBy) {
    Path path = writeFiles(table, data, partitionBy, sortBy);
    if (!partitionBy.isEmpty() && !hasParquetFile(path)) {
      writeEmpty(path, empty);
    }
    tables.add(table);
    layouts.put(table, new Layout(List.copyOf(partitionBy), List.copyOf(sortBy)));
    changedPartitions.remove(table);
  }

  /**
   * An empty partitioned table has no partition folders and so no file: no reader could tell its schema. One empty
   * file, unpartitioned, keeps the table readable (its partition columns become ordinary ones).
   */
  private void writeEmpty(Path path, Dataset<Row> like) {
    like.limit(0).coalesce(1).write().mode(SaveMode.Overwrite).parquet(path.toString());
  }

  private Path writeFiles(String table, Dataset<Row> data, List<String> partitionBy, List<String> sortBy) {
    Dataset<Row> out = data;
    if (!partitionBy.isEmpty()) {
      out = out.repartition(partitionBy.stream().map(c -> col(c)).toArray(Column[]::new));
    }
    if (!sortBy.isEmpty()) {
      out = out.sortWithinPartitions(sortBy.stream().map(c -> col(c)).toArray(Column[]::new));
    }
    Path path = new Path(staging, table);
    readers.remove(table);
    forgetCached(table);
    out.write().mode(SaveMode.Overwrite)
        .partitionBy(partitionBy.toArray(String[]::new))
        .parquet(path.toString());
    return path;
  }

  private boolean hasParquetFile(Path path) {
    try {
      var files = fs.listFiles(path, true);
      while (files.hasNext()) {
        if (files.next().getPath().getName().endsWith(".parquet")) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether this run has written {@code table} so far (stages run later can depend on an earlier stage's table). */
  public boolean hasTable(String table) {
    return tables.contains(table);
  }

  /** A table written by this run (from staging); the same reader each time until the table is written again. */
  public Dataset<Row> read(String table) {
    return readers.computeIfAbsent(table, t -> spark.read().parquet(new Path(staging, t).toString()));
  }

  /** A table of the catalog written by this run (from staging). */
  public Dataset<Row> read(TableSpec table) {
    return read(table.name());
  }

  /**
   * The {@code columns} of a table written by this run, persisted (memory, then disk) on first use and shared by
   * every later caller asking for the same columns. For the few narrow columns that most stages need of a table
   * partitioned by day: each scan of its hundreds of day files costs seconds of file opening, whatever the
   * columns read (1.6 s on 2 cores for the 732 days of a two-year corpus, 0.2 s for the same rows in a few
   * files), and the stages would scan it a dozen times a run. Released when the table is written again and when
   * the store is closed.
   */
  public Dataset<Row> readCached(TableSpec table, List<String> columns) {
    return cached.computeIfAbsent(table.name(), t -> new HashMap<>()).computeIfAbsent(List.copyOf(columns),
        c -> read(table).select(c.stream().map(name -> col(name)).toArray(Column[]::new))
            .persist(StorageLevel.MEMORY_AND_DISK()));
  }

  private void forgetCached(String table) {
    Map<List<String>, Dataset<Row>> subsets = cached.remove(table);
    if (subsets != null) {
      subsets.values().forEach(Dataset::unpersist);
    }
  }

  /** {@link #readPublished(String)} of a table of the catalog. */
  public Optional<Dataset<Row>> readPublished(TableSpec table) {
    return readPublished(table.name());
  }

  /** A table of the currently published run, if there is one and it has that table. */
  public Optional<Dataset<Row>> readPublished(String table) {
    if (previousRun.isEmpty()) {
      return Optional.empty();
    }
    if (previousVersions.containsKey(table)) {
      return Optional.of(DeltaTables.read(spark, tablePath(table), previousVersions.get(table)));
    }
    Path path = new Path(new Path(new Path(root, RUNS), previousRun.get()), table);
    try {
      return fs.exists(path) ? Optional.of(spark.read().parquet(path.toString())) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The staging path of a file or folder of this run (for writers other than Spark, such as the topic model). */
  public Path stagingPath(String name) {
    return new Path(staging, name);
  }

  /** The published path of a file or folder of the current run, if there is a current run. */
  public Optional<Path> publishedPath(String name) {
    return previousRun.map(run -> new Path(new Path(new Path(root, RUNS), run), name));
  }

  /** A small file of the currently published run (its manifest, say), if there is a current run and it has one. */
  public Optional<String> readPublishedFile(String name) {
    Optional<Path> path = publishedPath(name);
    try {
      if (path.isEmpty() || !fs.exists(path.get())) {
        return Optional.empty();
      }
      try (var in = fs.open(path.get())) {
        return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path.get(), e);
    }
  }

  /**
   * Writes a small file at the top of the report folder, next to the pointers ({@code DIR/metrics.prom}), whole
   * or not at all: a temporary file, then one atomic rename, so that a collector never reads half of it.
   */
  public void replaceTopFile(String name, String content) throws IOException {
    replaceFile(new Path(root, name), content);
  }

  /** Writes a small file into this run's staging folder. */
  public void writeFile(String name, String content) {
    try (OutputStream out = fs.create(new Path(staging, name), true)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fault point after the first Delta table of a run is committed (a run killed between its commits). */
  public static final String FIRST_TABLE_COMMITTED = "first-table-committed";

  /**
   * Delta: commits every table of this run to its Delta table at {@code DIR/<table>}, one commit per table, and
   * returns each table's version for the manifest (which is what makes the versions one run: a reader who wants
   * one run's tables together reads them {@code VERSION AS OF} those). A table written by {@link #writeChanged}
   * replaces only its changed partitions ({@code replaceWhere}); any other is replaced whole. Parquet: nothing to
   * commit, an empty map. If the run fails after this, {@link #abandon} restores the committed tables.
   */
  public Map<String, Long> commitTables() {
    if (!delta()) {
      return Map.of();
    }
    for (String table : tables) {
      Layout layout = layouts.get(table);
      Path target = tablePath(table);
      Dataset<Row> rows = read(table);
      List<String> changed = changedPartitions.get(table);
      long version;
      if (changed != null && previousVersions.containsKey(table)) {
        String column = layout.partitionBy().get(0);
        version = changed.isEmpty() ? previousVersions.get(table)
            : DeltaTables.replacePartitions(spark, rows.filter(inPartitions(column, changed)), target, column,
                changed, layout.sortBy());
      } else {
        version = DeltaTables.overwrite(spark, rows, target, layout.partitionBy(), layout.sortBy());
      }
      boolean first = committed.isEmpty();
      committed.put(table, version);
      if (first) {
        FaultPoints.reached(FIRST_TABLE_COMMITTED);
      }
    }
    return Collections.unmodifiableMap(new LinkedHashMap<>(committed));
  }

  /** Delta: puts back the tables this run committed, to the published run's versions (or removes new ones). */
  private void rollBackCommits() {
    for (String table : List.copyOf(committed.keySet())) {
      Path path = tablePath(table);
      try {
        Long version = previousVersions.get(table);
        if (version != null) {
          DeltaTables.restore(spark, path, version);
        } else {
          fs.delete(path, true);
        }
        committed.remove(table);
      } catch (Exception e) {
        LOG.warn("could not put back Delta table {} (the next run does): {}", path, Failures.oneLine(e));
      }
    }
  }

  /**
   * Makes this run the current one: writes the manifest, moves staging to {@code runs/RUN}, switches the pointer
   * and links, records the manifest in the history, and removes runs beyond {@code --keep-runs}.
   *
   * <p>A failure before the commit point throws (the run is not published, the previous one stays current). Once
   * the commit point has passed the run <em>is</em> published, so nothing after it throws: a failure of the steps
   * that follow (the CURRENT file and table links on a local file system, the history entry, pruning) is logged
   * and returned as a warning.
   *
   * @return one line per step that failed after the commit point; empty when everything went well
   */
  public List<String> publish(String manifestJson) {
    if (delta() && committed.size() != tables.size()) {
      throw new IllegalStateException("run " + runId + ": commitTables() must come before publish() with Delta");
    }
    try {
      if (delta()) {
        // The Delta tables are the published ones; the staging copies were only this run's reading copies.
        for (String table : tables) {
          fs.delete(new Path(staging, table), true);
        }
      }
      writeFile(MANIFEST, manifestJson);
      Path runs = new Path(root, RUNS);
      fs.mkdirs(runs);
      Path published = new Path(runs, runId);
      FaultPoints.reached("before-move");
      if (!fs.rename(staging, published)) {
        throw new IOException("could not move " + staging + " to " + published);
      }
      // Once this run's folder has moved, an empty _staging is debris (the next run would remove it anyway).
      if (fs.listStatus(staging.getParent()).length == 0) {
        fs.delete(staging.getParent(), false);
      }
      FaultPoints.reached("before-switch");
      // The commit point: on a local file system the `current` symlink (one atomic rename), elsewhere the
      // CURRENT file (one atomic rename). CURRENT follows the link on local file systems.
      if (isLocal(fs)) {
        switchCurrentLink();
      } else {
        replaceFile(new Path(root, CURRENT_FILE), runId + "\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish run " + runId, e);
    }
    List<String> warnings = new ArrayList<>();
    afterCommit(warnings, "the fault point after the switch", () -> FaultPoints.reached("after-switch"));
    if (isLocal(fs)) {
      afterCommit(warnings, "writing " + CURRENT_FILE,
          () -> replaceFile(new Path(root, CURRENT_FILE), runId + "\n"));
      afterCommit(warnings, "linking the tables", this::linkTables);
    }
    committed.clear(); // published: nothing to roll back any more
    afterCommit(warnings, "writing its history entry", () -> recordHistory(manifestJson));
    afterCommit(warnings, "removing runs beyond --keep-runs", () -> prune(new Path(root, RUNS)));
    publishing.database().ifPresent(database -> afterCommit(warnings,
        "registering its tables in database " + database, () -> registerTables(database)));
    LOG.info("published run {} under {}", runId, root);
    return warnings;
  }

  /** A step of publishing after the commit point. */
  private interface Step {
    void run() throws IOException;
  }

  /** Runs a step after the commit point; its failure becomes a warning, since the run is published already. */
  private void afterCommit(List<String> warnings, String what, Step step) {
    try {
      step.run();
    } catch (Exception | FSError e) {
      String warning = "run " + runId + " is published, but " + what + " failed: " + Failures.oneLine(e);
      LOG.warn(warning, e);
      warnings.add(warning);
    }
  }

  /** Records a failed run in the history and removes its staging folder; the current run stays as it was. */
  public void abandon(String manifestJson) {
    // Tasks of a failed job may still be writing into staging: stop them before removing it.
    try {
      spark.sparkContext().cancelAllJobs();
    } catch (RuntimeException e) {
      LOG.warn("could not cancel the jobs of the failed run (the SparkContext may be stopped): {}", e.toString());
    }
    if (delta()) {
      rollBackCommits();
    }
    try {
      recordHistory(manifestJson);
    } catch (Exception | FSError e) {
      // The disk that failed the run may be the one the history is on: still clean up, and let the run's own
      // failure be the one reported.
      LOG.warn("could not record the failed run {} in {}: {}", runId, new Path(root, HISTORY),
          Failures.oneLine(e));
    }
    try {
      for (int attempt = 0; attempt < 5 && fs.exists(staging); attempt++) {
        fs.delete(staging, true);
        if (fs.exists(staging)) {
          Thread.sleep(200);
        }
      }
      // As after publishing: an empty _staging is debris.
      Path stagingRoot = staging.getParent();
      if (fs.exists(stagingRoot) && fs.listStatus(stagingRoot).length == 0) {
        fs.delete(stagingRoot, false);
      }
    } catch (IOException e) {
      LOG.warn("could not clean up the staging folder {} (the next run removes it): {}", staging, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    List.copyOf(cached.keySet()).forEach(this::forgetCached);
    lock.close();
  }

  /**
   * The id of the published run of a report folder, if any: the target of the {@code current} link on a local
   * file system (the commit point there), else the content of {@code CURRENT}.
   */
  public static Optional<String> currentRun(FileSystem fs, Path root) throws IOException {
    if (isLocal(fs)) {
      java.nio.file.Path link = localPath(fs.makeQualified(root)).resolve(CURRENT_LINK);
      if (Files.isSymbolicLink(link)) {
        return Optional.of(Files.readSymbolicLink(link).getFileName().toString());
      }
    }
    Path pointer = new Path(root, CURRENT_FILE);
    if (!fs.exists(pointer)) {
      return Optional.empty();
    }
    try (var in = fs.open(pointer)) {
      String id = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      return id.isEmpty() ? Optional.empty() : Optional.of(id);
    }
  }

  private void replaceFile(Path target, String content) throws IOException {
    replaceFile(target, content, null);
  }

  /**
   * Writes {@code target} whole or not at all: a hidden temporary file in the same folder, then one atomic rename
   * over it. A failure removes the temporary file; a kill leaves at most that hidden file, never a truncated
   * {@code target}. {@code faultPoint}, if not null, is reached between writing and renaming.
   */
  private void replaceFile(Path target, String content, String faultPoint) throws IOException {
    Path temp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + runId);
    try {
      try (OutputStream out = fs.create(temp, true)) {
        out.write(content.getBytes(StandardCharsets.UTF_8));
      }
      if (faultPoint != null) {
        FaultPoints.reached(faultPoint);
      }
      if (isLocal(fs)) {
        Files.move(localPath(temp), localPath(target), StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } else {
        FileContext.getFileContext(target.toUri(), fs.getConf()).rename(temp, target, Options.Rename.OVERWRITE);
      }
    } catch (Throwable t) {
      try {
        fs.delete(temp, false);
      } catch (IOException | RuntimeException cleanup) {
        t.addSuppressed(cleanup);
      }
      throw t;
    }
  }

  /** Points {@code current} at this run with one atomic rename. */
  private void switchCurrentLink() throws IOException {
    java.nio.file.Path dir = localPath(root);
    java.nio.file.Path tempLink = dir.resolve("." + CURRENT_LINK + ".tmp-" + runId);
    Files.deleteIfExists(tempLink);
    Files.createSymbolicLink(tempLink, java.nio.file.Path.of(RUNS, runId));
    Files.move(tempLink, dir.resolve(CURRENT_LINK), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  /** Makes {@code DIR/<table> -> current/<table>} exist for every table of this run; removes dangling ones. */
  private void linkTables() throws IOException {
    java.nio.file.Path dir = localPath(root);

    // Delta tables live at DIR/<table> themselves; the run's folder holds its manifest and model.
    List<String> names = new ArrayList<>(delta() ? List.of() : tables);
    names.add(MANIFEST);
    try (var entries = Files.list(dir.resolve(RUNS).resolve(runId))) {
      entries.map(p -> p.getFileName().toString()).filter(n -> !names.contains(n) && !n.startsWith("_")
          && !n.startsWith(".")).forEach(names::add);
    }
    for (String name : names) {
      java.nio.file.Path link = dir.resolve(name);
      java.nio.file.Path target = java.nio.file.Path.of(CURRENT_LINK, name);
      if (Files.isSymbolicLink(link)) {
        if (Files.readSymbolicLink(link).equals(target)) {
          continue;
        }
        Files.delete(link);
      } else if (Files.exists(link)) {
        LOG.warn("{} exists and is not a link into current/: left alone", link);
        continue;
      }
      Files.createSymbolicLink(link, target);
    }
    // Links to tables this run no longer has would dangle: remove them.
    try (var entries = Files.list(dir)) {
      for (java.nio.file.Path entry : entries.toList()) {
        if (Files.isSymbolicLink(entry) && !entry.getFileName().toString().equals(CURRENT_LINK)
            && Files.readSymbolicLink(entry).startsWith(CURRENT_LINK) && !Files.exists(entry)) {
          Files.delete(entry);
        }
      }
    }
  }

  private void recordHistory(String manifestJson) throws IOException {
    Path history = new Path(root, HISTORY);
    fs.mkdirs(history);
    replaceFile(new Path(history, runId + ".json"), manifestJson, "history");
  }

  /**
   * Keeps the newest {@code keepRuns} published runs (this one included). With Delta, when a run is let go, also
   * vacuums each table of this run: the files that no kept run's version reads are deleted, so time travel to
   * every kept run works and to older ones does not.
   */
  private void prune(Path runs) throws IOException {
    FileStatus[] all = fs.listStatus(runs);
    List<String> ids = Arrays.stream(all).filter(FileStatus::isDirectory).map(s -> s.getPath().getName())
        .filter(id -> id.compareTo(runId) <= 0).sorted().toList();
    for (int i = 0; i < ids.size() - keepRuns; i++) {
      fs.delete(new Path(runs, ids.get(i)), true);
    }
    // Only when a run was let go: until then every file is some kept run's.
    if (delta() && ids.size() > keepRuns) {
      Map<String, Set<Long>> keptVersions = new HashMap<>();
      for (String kept : ids.subList(ids.size() - keepRuns, ids.size())) {
        tableVersions(publishedManifest(fs, root, Optional.of(kept)))
            .forEach((table, version) -> keptVersions.computeIfAbsent(table, t -> new HashSet<>()).add(version));
      }
      for (String table : tables) {
        int removed = DeltaTables.vacuum(spark, tablePath(table), keptVersions.getOrDefault(table, Set.of()));
        LOG.info("Delta table {}: {} files no kept run reads removed", table, removed);
      }
    }
  }

  /**
   * Creates or updates this run's tables in {@code database} of the session's catalog: Delta tables once (their
   * location does not change), Parquet tables pointed at this run's folders (dropped and created again: a run may
   * add columns), partitions recovered. A table of that name that is not one of this report folder's (another
   * location) is left alone, with a warning: dropping it could drop a managed table's data.
   */
  private void registerTables(String database) {
    spark.sql("CREATE DATABASE IF NOT EXISTS `" + database + "`");
    for (String table : tables) {
      String name = "`" + database + "`.`" + table + "`";
      Path location = delta() ? tablePath(table) : new Path(new Path(new Path(root, RUNS), runId), table);
      Optional<String> existing = spark.catalog().tableExists(database, table)
          ? Optional.of(tableLocation(name)) : Optional.empty();
      if (existing.isPresent() && !existing.get().startsWith(root.toString())) {
        LOG.warn("table {} exists at {}, outside {}: left alone", name, existing.get(), root);
        continue;
      }
      if (delta()) {
        if (existing.isEmpty()) {
          spark.sql("CREATE TABLE " + name + " USING delta LOCATION '" + location + "'");
        }
        continue;
      }
      spark.sql("DROP TABLE IF EXISTS " + name);
      spark.sql("CREATE TABLE " + name + " USING parquet LOCATION '" + location + "'");
      if (!layouts.get(table).partitionBy().isEmpty() && hasPartitionColumns(name)) {
        spark.sql("ALTER TABLE " + name + " RECOVER PARTITIONS");
      }
    }
  }

  private String tableLocation(String name) {
    for (Row row : spark.sql("DESCRIBE TABLE EXTENDED " + name).collectAsList()) {
      if ("Location".equals(row.getString(0))) {
        return row.getString(1);
      }
    }
    return "";
  }

  /** Whether the catalog holds {@code name} as a partitioned table (an empty partitioned table is not one). */
  private boolean hasPartitionColumns(String name) {
    for (Row row : spark.sql("DESCRIBE TABLE EXTENDED " + name).collectAsList()) {
      if ("# Partition Information".equals(row.getString(0))) {
        return true;
      }
    }
    return false;
  }

  /**
   * A run killed after moving its folder into {@code runs/} but before switching the pointer leaves a folder that
   * never became current. Runs are sequential (one at a time under the lock), so any run newer than the current
   * one is such a folder: removed under the lock, before anything else.
   */
  private static void removeOrphans(FileSystem fs, Path root) throws IOException {
    Path runs = new Path(root, RUNS);
    if (!fs.exists(runs)) {
      return;
    }
    Optional<String> current = currentRun(fs, root);
    for (FileStatus run : fs.listStatus(runs)) {
      String id = run.getPath().getName();
      if (current.isEmpty() || id.compareTo(current.get()) > 0) {
        LOG.warn("removing {}: a run that was never published (killed while publishing)", run.getPath());
        fs.delete(run.getPath(), true);
      }
    }
  }

  private static boolean isLocal(FileSystem fs) {
    return fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem;
  }

  private static java.nio.file.Path localPath(Path path) {
    return java.nio.file.Path.of(path.toUri());
  }
}
