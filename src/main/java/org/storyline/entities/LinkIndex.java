package org.storyline.entities;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.udf;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.storyline.config.ConfigException;
import org.storyline.schema.Col;

/**
 * The prepared link index: Stanford's KBP Wikipedia dictionary ({@code wikidict.tab.gz} in
 * {@code edu.stanford.nlp:stanford-corenlp:4.5.10:models-english-kbp}: 20.9M lines of
 * {@code surface<TAB>Wikipedia_title<TAB>prior}, where prior is the share of the surface's Wikipedia anchors that
 * point to the title) filtered and keyed for a Spark join with entity names. Built once by
 * {@code storyline link-index}; a run reads it with {@code --link-index DIR}.
 *
 * <p>Columns: {@code surface} (as written in the anchors), {@code wiki_title}, {@code prior}.
 * Kept: surfaces that start with a capital letter or a digit (names; "apple" the fruit's lower-case anchors go), at
 * most {@link #MAX_SURFACE_CHARS} characters, and per surface the {@link #TITLES_PER_SURFACE} titles of highest
 * prior (the dictionary lists one for almost every surface).
 */
public final class LinkIndex {
  private LinkIndex() {}

  public static final String SURFACE = "surface";
  public static final String WIKI_TITLE = Col.WIKI_TITLE;
  public static final String PRIOR = "prior";

  /** The file that marks a finished index; written last, so a half-built index is never taken for one. */
  public static final String MARKER = "_LINK_INDEX";
  /** The dictionary's entry in the KBP models jar. */
  public static final String WIKIDICT_ENTRY = "edu/stanford/nlp/models/kbp/english/wikidict.tab.gz";
  static final int MAX_SURFACE_CHARS = 80;
  static final int TITLES_PER_SURFACE = 3;

  private static final UserDefinedFunction FOLD =
      udf((String s) -> Names.fold(s), DataTypes.StringType).asNonNullable();

  /**
   * The index rows from the dictionary's lines. Malformed lines (not three fields, a prior that is not a number
   * in (0, 1]) are left out: the dictionary is an input of ours, not the user's data, so they are counted by the
   * command ({@link #build}) rather than sent to rejects.
   */
  public static Dataset<Row> fromLines(Dataset<String> lines) {
    Dataset<Row> fields = lines.toDF("line")
        .select(split(col("line"), "\t", 3).as("f"))
        .select(try_element_at(col("f"), lit(1)).as(SURFACE), try_element_at(col("f"), lit(2)).as(WIKI_TITLE),
            try_element_at(col("f"), lit(3)).try_cast(DataTypes.DoubleType).as(PRIOR))
        .where(col(PRIOR).gt(0).and(col(PRIOR).leq(1)).and(col(WIKI_TITLE).isNotNull())
            .and(length(col(WIKI_TITLE)).gt(0))
            .and(col(SURFACE).rlike("^[\\p{Lu}\\p{Lt}\\p{N}]"))
            .and(length(col(SURFACE)).leq(MAX_SURFACE_CHARS)));
    // Exact surfaces, not folded ones: the dictionary's prior is per spelling, and a rare spelling of a common name
    // (a capitalised dateline, a variant with one anchor) often has prior 1.0 for a page of its own
    // ("WASHINGTON -> USS_Washington_(BB-56)", "MOSCOW -> MoSCoW_Method").
    Dataset<Row> deduplicated = fields.groupBy(col(SURFACE), col(WIKI_TITLE)).agg(max(col(PRIOR)).as(PRIOR));
    return deduplicated
        .withColumn("_rank", row_number().over(Window.partitionBy(col(SURFACE))
            .orderBy(col(PRIOR).desc(), col(WIKI_TITLE))))
        .where(col("_rank").leq(TITLES_PER_SURFACE))
        .select(col(SURFACE), col(WIKI_TITLE), col(PRIOR));
  }

  /**
   * The words of a title as a folded key, without its parenthetical ("Washington_(state)" -> "washington"),
   * computed for the few candidate rows of a run rather than stored for 13M.
   */
  static Column titleKey(Column title) {
    return FOLD.apply(regexp_replace(regexp_replace(title, "_", " "), "\\s*\\([^)]*\\)$", ""));
  }

  /** What {@link #build} wrote. */
  public record Built(long rows, String source) {}

  /**
   * Builds the index at {@code output} from {@code wikidict}: the {@code .tab.gz} (or plain {@code .tab}) file on
   * any Hadoop file system, or the local {@code models-english-kbp} jar, whose entry is copied to a temporary file
   * first (Spark reads files, not jar entries). Written sorted by key in a few files, then the marker.
   */
  public static Built build(SparkSession spark, String wikidict, String output) {
    Path extracted = null;
    try {
      String source = wikidict;
      if (wikidict.endsWith(".jar")) {
        extracted = extract(Path.of(wikidict));
        source = extracted.toUri().toString();
      }
      Dataset<Row> index = fromLines(spark.read().textFile(source))
          .repartition(16, col(SURFACE)).sortWithinPartitions(col(SURFACE));
      index.write().mode(SaveMode.Overwrite).parquet(output);
      long rows = spark.read().parquet(output).count();
      org.apache.hadoop.fs.Path marker = new org.apache.hadoop.fs.Path(output, MARKER);
      FileSystem fs = marker.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (OutputStream out = fs.create(marker, true)) {
        out.write(("rows=" + rows + "\nsource=" + wikidict + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return new Built(rows, wikidict);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (extracted != null) {
        try {
          Files.deleteIfExists(extracted);
        } catch (IOException ignored) {
          // a temporary file; the OS cleans its temp folder
        }
      }
    }
  }

  private static Path extract(Path jar) throws IOException {
    if (!Files.isReadable(jar)) {
      throw new ConfigException("--wikidict jar not found or not readable: " + jar);
    }
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      ZipEntry entry = zip.getEntry(WIKIDICT_ENTRY);
      if (entry == null) {
        throw new ConfigException("--wikidict jar has no " + WIKIDICT_ENTRY + " (is it stanford-corenlp's "
            + "models-english-kbp?): " + jar);
      }
      Path file = Files.createTempFile("storyline-wikidict", ".tab.gz");
      try (InputStream in = zip.getInputStream(entry)) {
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      }
      return file;
    }
  }

  /**
   * Checks, without Spark, that {@code dir} is a finished index (its marker exists); for preflight. Empty when no
   * index is configured.
   */
  public static void check(Optional<String> dir, Configuration hadoop) {
    if (dir.isEmpty()) {
      return;
    }
    org.apache.hadoop.fs.Path marker = new org.apache.hadoop.fs.Path(dir.get(), MARKER);
    try {
      if (!marker.getFileSystem(hadoop).exists(marker)) {
        throw new ConfigException("--link-index is not a finished link index (no " + MARKER + "; build it with "
            + "'storyline link-index'): " + dir.get());
      }
    } catch (IOException e) {
      throw new ConfigException("--link-index cannot be read: " + dir.get() + " (" + e.getMessage() + ")");
    }
  }
}
