package org.storyline.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.storyline.config.ConfigException;
import org.storyline.io.DeltaTables;
import org.storyline.io.ReportStore;

/**
 * A published report folder as the report reads it: the current run is resolved once ({@code DIR/runs/<CURRENT>}, or
 * DIR itself when it is one run's folder), so the manifest and every table come from the same run even if another
 * run publishes meanwhile.
 */
final class ReportFolder {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SparkSession spark;
  private final String dir;
  private final FileSystem fs;
  private final Path root;
  private final Path run;
  private final JsonNode manifest;

  private ReportFolder(SparkSession spark, String dir, FileSystem fs, Path root, Path run, JsonNode manifest) {
    this.spark = spark;
    this.dir = dir;
    this.fs = fs;
    this.root = root;
    this.run = run;
    this.manifest = manifest;
  }

  /** Opens {@code dir}; a {@link ConfigException} when it does not exist or holds no published run. */
  static ReportFolder open(SparkSession spark, String dir) {
    Path root = new Path(dir);
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (fs instanceof LocalFileSystem local) {
        fs = local.getRawFileSystem();
      }
      if (!fs.exists(root) || !fs.getFileStatus(root).isDirectory()) {
        throw new ConfigException("--output " + dir + " is not a report folder: it does not exist");
      }
      Path qualified = fs.makeQualified(root);
      Optional<String> current = ReportStore.currentRun(fs, qualified);
      Path run = current.map(id -> new Path(new Path(qualified, ReportStore.RUNS), id)).orElse(qualified);
      Path manifestFile = new Path(run, ReportStore.MANIFEST);
      if (!fs.exists(manifestFile)) {
        throw new ConfigException("--output " + dir + " is not a report folder: it holds no published run (no "
            + ReportStore.MANIFEST + (current.isPresent() ? " in run " + current.get() : "") + ")");
      }
      JsonNode manifest;
      try (InputStream in = fs.open(manifestFile)) {
        manifest = JSON.readTree(in);
      } catch (IOException e) {
        throw new ConfigException("--output " + dir + ": cannot read " + manifestFile + ": " + e.getMessage(), e);
      }
      if (manifest == null || !manifest.isObject()) {
        throw new ConfigException("--output " + dir + ": " + manifestFile + " is not a JSON object");
      }
      return new ReportFolder(spark, dir, fs, qualified, run, manifest);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read report folder " + dir, e);
    }
  }

  String dir() {
    return dir;
  }

  JsonNode manifest() {
    return manifest;
  }

  SparkSession spark() {
    return spark;
  }

  /** A table of the run, if the run has it (a table folder without Parquet files counts as absent). */
  Optional<Dataset<Row>> table(String name) {
    JsonNode version = manifest.path(ReportStore.TABLE_VERSIONS).path(name);
    if (version.canConvertToLong()) {
      // A Delta table at DIR/<table>, read at the version the run committed (not the latest: a later run may be
      // committing its tables right now).
      return Optional.of(DeltaTables.read(spark, new Path(root, name), version.asLong()));
    }
    Path path = new Path(run, name);
    try {
      if (!fs.exists(path) || !hasParquet(path)) {
        return Optional.empty();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + path, e);
    }
    return Optional.of(spark.read().parquet(path.toString()));
  }

  private boolean hasParquet(Path path) throws IOException {
    var files = fs.listFiles(path, true);
    while (files.hasNext()) {
      if (files.next().getPath().getName().endsWith(".parquet")) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code data} has all of {@code columns}; the missing ones otherwise. */
  static List<String> missingColumns(Dataset<Row> data, String... columns) {
    Set<String> present = Arrays.stream(data.columns()).collect(Collectors.toSet());
    return Arrays.stream(columns).filter(c -> !present.contains(c)).toList();
  }

  /**
   * Writes {@code content} to {@code DIR/<name>} atomically: a temporary file in the same folder, then one rename
   * over the old file, so a reader sees the old page or the new one, never half a page.
   */
  Path writeAtomically(String name, String content) {
    Path target = new Path(root, name);
    Path temp = new Path(root, String.format(".%s.tmp-%08x", name, ThreadLocalRandom.current().nextInt()));
    try {
      try (OutputStream out = fs.create(temp, true)) {
        out.write(content.getBytes(StandardCharsets.UTF_8));
      }
      if (fs instanceof RawLocalFileSystem) {
        Files.move(java.nio.file.Path.of(temp.toUri()), java.nio.file.Path.of(target.toUri()),
            StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } else {
        FileContext.getFileContext(target.toUri(), fs.getConf()).rename(temp, target, Options.Rename.OVERWRITE);
      }
      return target;
    } catch (IOException e) {
      try {
        fs.delete(temp, false);
      } catch (IOException ignored) {
        // the temporary file is debris at worst
      }
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }
}
