package org.storyline.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.security.AccessControlException;
import org.storyline.config.ConfigException;
import org.storyline.config.InputFormat;

/**
 * Expands {@code --input} paths, directories (recursively) and globs into the list of files to read, on any Hadoop
 * file system, and picks each file's format. Runs on the driver before any Spark job: a missing path is a
 * {@link ConfigException}, an unreadable one an {@link InputUnreadableException}.
 */
public final class InputResolver {
  private InputResolver() {}

  /** Compression suffixes Hadoop's codecs decompress transparently. */
  private static final List<String> COMPRESSION = List.of(".gz", ".bz2", ".bzip2", ".deflate", ".zst", ".lz4");

  /**
   * The files to read and the files passed over.
   *
   * @param files files with a known format
   * @param skipped files under an input directory whose extension names no format we read (auto mode only)
   */
  public record Resolution(List<InputFile> files, List<String> skipped) {
    public long totalBytes() {
      return files.stream().mapToLong(InputFile::bytes).sum();
    }
  }

  public static Resolution resolve(List<String> inputs, InputFormat format, Configuration conf) {
    List<InputFile> files = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (String input : inputs) {
      int before = files.size();
      int skippedBefore = skipped.size();
      for (FileStatus status : expand(input, conf)) {
        Optional<InputFormat> fileFormat = format == InputFormat.AUTO
            ? formatOf(status.getPath().getName()) : Optional.of(format);
        if (fileFormat.isPresent()) {
          checkReadable(status, conf);
          files.add(new InputFile(status.getPath().toString(), fileFormat.get(), status.getLen()));
        } else {
          skipped.add(status.getPath().toString());
        }
      }
      if (files.size() == before) {
        String why = skipped.size() > skippedBefore
            ? " (no file with a known extension: .jsonl .json .csv .tsv .parquet .txt .sgm, optionally .gz/.bz2;"
                + " use --format to read other names)"
            : "";
        throw new ConfigException("no input files found at --input " + input + why);
      }
    }
    return new Resolution(List.copyOf(files), List.copyOf(skipped));
  }

  /** The format a file's name implies, looking through a compression suffix; empty when none does. */
  public static Optional<InputFormat> formatOf(String fileName) {
    String name = stripCompression(fileName.toLowerCase(Locale.ROOT));
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1);
    return switch (ext) {
      case "jsonl", "ndjson", "jsonlines" -> Optional.of(InputFormat.JSONL);
      case "json" -> Optional.of(InputFormat.JSON);
      case "csv", "tsv" -> Optional.of(InputFormat.CSV);
      case "parquet", "pq" -> Optional.of(InputFormat.PARQUET);
      case "txt", "text" -> Optional.of(InputFormat.TEXT);
      case "sgm", "sgml" -> Optional.of(InputFormat.REUTERS);
      default -> Optional.empty();
    };
  }

  /** The name without its compression suffix. */
  public static String stripCompression(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (String suffix : COMPRESSION) {
      if (lower.endsWith(suffix)) {
        return name.substring(0, name.length() - suffix.length());
      }
    }
    return name;
  }

  private static List<FileStatus> expand(String input, Configuration conf) {
    try {
      Path path = new Path(input);
      FileSystem fs = path.getFileSystem(conf);
      FileStatus[] matches;
      if (isGlob(input)) {
        matches = fs.globStatus(path);
        if (matches == null || matches.length == 0) {
          throw new ConfigException("input path not found: --input " + input + " matches no file");
        }
      } else {
        matches = new FileStatus[] {fs.getFileStatus(path)};
      }
      List<FileStatus> files = new ArrayList<>();
      for (FileStatus match : matches) {
        if (match.isDirectory()) {
          RemoteIterator<LocatedFileStatus> it = fs.listFiles(match.getPath(), true);
          while (it.hasNext()) {
            LocatedFileStatus file = it.next();
            if (!isHidden(match.getPath(), file.getPath())) {
              files.add(file);
            }
          }
        } else {
          files.add(match);
        }
      }
      files.sort((a, b) -> a.getPath().toString().compareTo(b.getPath().toString()));
      return files;
    } catch (FileNotFoundException e) {
      throw new ConfigException("input path not found: --input " + input);
    } catch (AccessControlException e) {
      throw new InputUnreadableException("input unreadable: --input " + input + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new InputUnreadableException("input unreadable: --input " + input + ": " + e, e);
    }
  }

  private static void checkReadable(FileStatus status, Configuration conf) {
    try {
      status.getPath().getFileSystem(conf).access(status.getPath(), FsAction.READ);
    } catch (IOException e) {
      throw new InputUnreadableException("input unreadable: " + status.getPath() + ": " + e.getMessage(), e);
    }
  }

  private static boolean isGlob(String input) {
    return input.indexOf('*') >= 0 || input.indexOf('?') >= 0 || input.indexOf('[') >= 0
        || input.indexOf('{') >= 0;
  }

  /** Files and folders starting with '.' or '_' below an input directory are metadata (_SUCCESS, .crc). */
  private static boolean isHidden(Path root, Path file) {
    String rootString = root.toString();
    String relative = file.toString().substring(Math.min(rootString.length(), file.toString().length()));
    for (String part : relative.split("/")) {
      if (part.startsWith(".") || part.startsWith("_")) {
        return true;
      }
    }
    return false;
  }
}
