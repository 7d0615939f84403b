package org.storyline.io;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run at a time per report folder, on every file system.
 *
 * <ul>
 *   <li>Local disks: an OS lock on {@code DIR/.lock}, which the kernel releases when the process dies, however it
 *       dies.
 *   <li>HDFS and other Hadoop file systems: {@code DIR/.run-lock}, created only if absent (HDFS's create without
 *       overwrite is atomic at the NameNode: of two runs, one gets it). It names the run, host and process, and its
 *       owner renews its modification time every {@link #staleSeconds}/4 seconds. A lock not renewed for
 *       {@link #staleSeconds} is a killed run's: the next run logs that it takes it over, and does.
 * </ul>
 *
 * The renewal period and the staleness come from the Hadoop setting {@value #STALE_SECONDS_KEY} (default
 * {@value #DEFAULT_STALE_SECONDS} s; {@code --conf spark.hadoop.storyline.run-lock.stale-seconds=N}). On an object
 * store without atomic create-if-absent the lock is best effort.
 */
final class RunLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);

  static final String LOCAL_FILE = ".lock";
  static final String FILE = ".run-lock";
  static final String STALE_SECONDS_KEY = "storyline.run-lock.stale-seconds";
  static final int DEFAULT_STALE_SECONDS = 120;

  private final FileSystem fs;
  private final Path file;
  private final String owner;
  private final FileChannel channel;
  private final FileLock localLock;
  private final ScheduledExecutorService renewal;

  private RunLock(FileSystem fs, Path file, String owner, FileChannel channel, FileLock localLock,
      ScheduledExecutorService renewal) {
    this.fs = fs;
    this.file = file;
    this.owner = owner;
    this.channel = channel;
    this.localLock = localLock;
    this.renewal = renewal;
  }

  /**
   * Takes the lock of the report folder {@code root} for run {@code runId}, or throws an
   * {@link IllegalStateException} naming the run that holds it.
   */
  static RunLock acquire(FileSystem fs, Path root, String output, String runId, Configuration conf)
      throws IOException {
    if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
      java.nio.file.Path lockFile = java.nio.file.Path.of(root.toUri()).resolve(LOCAL_FILE);
      FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new IllegalStateException("another Storyline run is writing to " + output + " (" + lockFile + ")");
      }
      return new RunLock(fs, null, runId, channel, lock, null);
    }
    int staleSeconds = Math.max(1, conf.getInt(STALE_SECONDS_KEY, DEFAULT_STALE_SECONDS));
    Path file = new Path(root, FILE);
    String owner = "run " + runId + " on " + host() + " (process " + ManagementFactory.getRuntimeMXBean().getPid()
        + ")";
    if (!create(fs, file, owner)) {
      FileStatus status;
      String holder;
      try {
        status = fs.getFileStatus(file);
        holder = read(fs, file);
      } catch (java.io.FileNotFoundException gone) {
        status = null; // released between our create and our look: try once more
        holder = "";
      }
      long silentSeconds = status == null ? Long.MAX_VALUE
          : (System.currentTimeMillis() - status.getModificationTime()) / 1000;
      if (silentSeconds <= staleSeconds) {
        throw new IllegalStateException("another Storyline run is writing to " + output + ": " + holder
            + ", lock renewed " + silentSeconds + " s ago (" + file + ")");
      }
      if (status != null) {
        LOG.warn("taking over the lock of {}: {} did not renew it for {} s (more than {} s: it was killed)", output,
            holder, silentSeconds, staleSeconds);
        fs.delete(file, false);
      }
      if (!create(fs, file, owner)) {
        throw new IllegalStateException("another Storyline run is writing to " + output + ": " + read(fs, file)
            + " (" + file + ")");
      }
    }
    ScheduledExecutorService renewal = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "storyline-run-lock");
      t.setDaemon(true);
      return t;
    });
    long period = Math.max(1, staleSeconds * 1000L / 4);
    renewal.scheduleAtFixedRate(() -> renew(fs, file), period, period, TimeUnit.MILLISECONDS);
    renew(fs, file);
    return new RunLock(fs, file, owner, null, null, renewal);
  }

  /** Creates the lock file if it does not exist; false if it does. */
  private static boolean create(FileSystem fs, Path file, String owner) throws IOException {
    try (OutputStream out = fs.create(file, false)) {
      out.write((owner + "\n").getBytes(StandardCharsets.UTF_8));
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      // HDFS reports an existing file as a RemoteException of AlreadyBeingCreated/FileAlreadyExists on some paths.
      if (fs.exists(file)) {
        return false;
      }
      throw e;
    }
  }

  private static String read(FileSystem fs, Path file) throws IOException {
    try (var in = fs.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
  }

  /** Moves the lock file's modification time to now: the run holding it is alive. */
  private static void renew(FileSystem fs, Path file) {
    try {
      fs.setTimes(file, System.currentTimeMillis(), -1);
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not renew the run lock {}: {}", file, e.toString());
    }
  }

  @Override
  public void close() {
    try {
      if (localLock != null) {
        localLock.release();
        channel.close();
        return;
      }
      renewal.shutdownNow();
      // Only our own lock is removed: one taken over from us (we stalled longer than the staleness) is not ours.
      if (fs.exists(file) && read(fs, file).equals(owner)) {
        fs.delete(file, false);
      } else {
        LOG.warn("the run lock {} is no longer this run's ({}): left alone", file, owner);
      }
    } catch (IOException e) {
      LOG.warn("could not release the run lock {}: {}", file == null ? LOCAL_FILE : file, e.toString());
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown host";
    }
  }
}
