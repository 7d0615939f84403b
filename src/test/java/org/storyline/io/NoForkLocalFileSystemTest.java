package org.storyline.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.storyline.pipeline.Preflight;
import org.storyline.testing.TestSpark;

class NoForkLocalFileSystemTest {
  @TempDir
  java.nio.file.Path dir;

  private static FileSystem fileSystem() throws IOException {
    Configuration conf = new Configuration();
    conf.set(NoForkLocalFileSystem.HADOOP_KEY, NoForkLocalFileSystem.class.getName());
    return FileSystem.newInstance(URI.create("file:///"), conf);
  }

  @Test
  void permissionsAreTheOnesAsked() throws IOException {
    try (FileSystem fs = fileSystem()) {
      assertThat(fs).isInstanceOf(NoForkLocalFileSystem.class);
      Path file = new Path(dir.resolve("part-0.parquet").toUri());
      try (OutputStream out = fs.create(file, new FsPermission((short) 0640), true, 4096, (short) 1, 1 << 20,
          null)) {
        out.write("x".getBytes(StandardCharsets.UTF_8));
      }
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("part-0.parquet"))))
          .as("a file created with 0640").isEqualTo("rw-r-----");
      fs.setPermission(file, new FsPermission((short) 0604));
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("part-0.parquet"))))
          .as("set to 0604").isEqualTo("rw----r--");
      assertThat(fs.mkdirs(new Path(dir.resolve("a/b").toUri()), new FsPermission((short) 0750))).isTrue();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b"))))
          .as("a folder made with 0750").isEqualTo("rwxr-x---");
      assertThat(fs.getFileStatus(file).getPermission().toShort()).as("as Hadoop reads it back")
          .isEqualTo((short) 0604);
    }
  }

  @Test
  void everyPermissionBitMapsToItsOwn() {
    for (int mode = 0; mode < 01000; mode++) {
      assertThat(PosixFilePermissions.toString(NoForkLocalFileSystem.posix((short) mode)))
          .as("mode %o", mode).isEqualTo(new FsPermission((short) mode).toString());
    }
  }

  @Test
  void preflightAndTheTestSessionUseIt() {
    assertThat(Preflight.hadoopConfiguration().get(NoForkLocalFileSystem.HADOOP_KEY)).as("preflight (the driver)")
        .isEqualTo(NoForkLocalFileSystem.class.getName());
    assertThat(TestSpark.session().sparkContext().hadoopConfiguration().get(NoForkLocalFileSystem.HADOOP_KEY))
        .as("the test session").isEqualTo(NoForkLocalFileSystem.class.getName());
  }
}
