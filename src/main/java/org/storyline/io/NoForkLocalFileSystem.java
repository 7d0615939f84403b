package org.storyline.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;

/**
 * Hadoop's local file system ({@code file://}), except that it sets file permissions with {@code java.nio} instead
 * of a child process. Without Hadoop's native library, which Spark's Maven jars do not ship, {@link
 * RawLocalFileSystem#setPermission} runs {@code chmod} in a new process for every file and folder a write creates
 * (Parquet parts, their {@code .crc} files, task attempt folders): 3,685 processes in the 11 pipeline runs of
 * IncrementalTest, about 2 ms each. The permissions set are the same; with the native library present, or for
 * what {@code java.nio} cannot express (the sticky bit, a file system without POSIX attributes), Hadoop's own code
 * runs. Registered as {@code fs.file.impl} in the Hadoop configuration of {@code Preflight} (the driver) and, in
 * local mode, as {@code spark.hadoop.fs.file.impl} by {@code SparkSessions}; a value the user set is kept.
 */
public class NoForkLocalFileSystem extends LocalFileSystem {
  /** The Hadoop setting that picks the class of {@code file://} paths. */
  public static final String HADOOP_KEY = "fs.file.impl";
  /** The same, as a Spark setting. */
  public static final String SPARK_KEY = "spark.hadoop." + HADOOP_KEY;

  public NoForkLocalFileSystem() {
    super(new Raw());
  }

  /** The raw (checksum-free) half, which {@link LocalFileSystem#getRawFileSystem()} returns. */
  public static class Raw extends RawLocalFileSystem {
    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      if (NativeIO.isAvailable() || permission.getStickyBit()) {
        super.setPermission(p, permission);
        return;
      }
      try {
        Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(permission.toShort()));
      } catch (UnsupportedOperationException e) {
        super.setPermission(p, permission);
      }
    }
  }

  /** The nine permission bits of {@code mode} (owner, group, others; read, write, execute). */
  static Set<PosixFilePermission> posix(short mode) {
    PosixFilePermission[] byBit = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    for (int bit = 0; bit < byBit.length; bit++) {
      if ((mode & (1 << bit)) != 0) {
        set.add(byBit[bit]);
      }
    }
    return set;
  }
}
