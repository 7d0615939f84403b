package org.storyline.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code scripts/spark-standalone.sh} driven from a test, with its own state folder and free ports so that it never
 * meets a cluster a developer started by hand. Every call waits for the script, with a timeout.
 */
final class StandaloneCluster {
  static final String HOST = "127.0.0.1";

  /** What a command printed (stdout and stderr together) and its exit code; -1 when it timed out. */
  record Result(int code, String output) {}

  private final Path root;
  private final Path state;
  private final Path sparkHome;
  private final int masterPort;
  private final int masterUiPort;
  private final Optional<Path> maven;
  /** Set by {@link #stopQuietly()}: no script but stop runs afterwards. */
  private volatile boolean closing;
  /** The start or status script running now, if any. */
  private volatile Process running;

  /**
   * @param root the project folder (holds scripts/ and pom.xml)
   * @param state the script's state folder (PID files, logs, executor work dirs)
   * @param maven the mvn executable the script uses to assemble SPARK_HOME, when known
   */
  StandaloneCluster(Path root, Path state, int masterPort, int masterUiPort, Optional<Path> maven) {
    this.root = root;
    this.state = state;
    this.sparkHome = root.resolve("target").resolve("spark-home");
    this.masterPort = masterPort;
    this.masterUiPort = masterUiPort;
    this.maven = maven;
  }

  /** Two free TCP ports on 127.0.0.1 (master RPC, master web UI); empty when none can be bound. */
  static Optional<int[]> freePorts() {
    try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getByName(HOST));
        ServerSocket b = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return Optional.of(new int[] {a.getLocalPort(), b.getLocalPort()});
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  String masterUrl() {
    return "spark://" + HOST + ":" + masterPort;
  }

  Path sparkHome() {
    return sparkHome;
  }

  Path state() {
    return state;
  }

  Result start() {
    return script("start", Duration.ofMinutes(10));
  }

  Result stop() {
    return script("stop", Duration.ofMinutes(3));
  }

  Result status() {
    return script("status", Duration.ofMinutes(1));
  }

  /**
   * For the shutdown hook: kills a script still running (a start, with the daemons it launched so far), stops whatever
   * runs, reports nothing; no start runs after it.
   */
  void stopQuietly() {
    closing = true;
    Process inFlight = running;
    if (inFlight != null) {
      Processes.destroyTree(inFlight.toHandle());
    }
    script("stop", Duration.ofMinutes(2));
  }

  private Result script(String command, Duration timeout) {
    if (closing && !command.equals("stop")) {
      return new Result(-1, "not run: the test JVM is shutting down");
    }
    ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("scripts/spark-standalone.sh").toString(), command)
        .directory(root.toFile())
        .redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    // Only what this test sets: a developer's own Spark settings must not leak in.
    env.keySet().removeIf(k -> k.startsWith("SPARK_") || k.startsWith("STORYLINE_"));
    env.put("SPARK_MASTER_PORT", String.valueOf(masterPort));
    env.put("SPARK_MASTER_WEBUI_PORT", String.valueOf(masterUiPort));
    env.put("SPARK_WORKER_WEBUI_PORT", "0");
    env.put("SPARK_WORKER_INSTANCES", "2");
    env.put("SPARK_WORKER_CORES", "1");
    env.put("SPARK_WORKER_MEMORY", "2g");
    env.put("SPARK_DAEMON_MEMORY", "512m");
    env.put("STORYLINE_STANDALONE_DIR", state.toString());
    env.put("STORYLINE_STANDALONE_TIMEOUT", "240");
    maven.ifPresent(m -> env.put("MVN", m.toString()));
    try {
      Files.createDirectories(state.getParent());
      Path log = state.getParent().resolve("script-" + command + ".log");
      pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      long before = Files.exists(log) ? Files.size(log) : 0;
      Process p = pb.start();
      if (!command.equals("stop")) {
        running = p;
      }
      boolean done = p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
      running = null;
      if (!done) {
        Processes.destroyTree(p.toHandle());
      }
      byte[] all = Files.readAllBytes(log);
      String output = new String(all, (int) before, all.length - (int) before, StandardCharsets.UTF_8);
      return new Result(done ? p.exitValue() : -1, done ? output : output + "\n(timed out after " + timeout + ")");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running spark-standalone.sh " + command, e);
    }
  }

  /**
   * The processes this cluster owns that still run: the daemons (their command line carries the script's
   * {@code -Dstoryline.standalone=STATE} marker) and the executors (working directory under STATE).
   */
  List<String> processes() {
    String marker = "-Dstoryline.standalone=" + state;
    return ProcessHandle.allProcesses()
        .filter(ph -> ph.pid() != ProcessHandle.current().pid())
        .filter(ph -> {
          String cmd = ph.info().commandLine().orElse("");
          return cmd.contains(marker) || (cmd.contains("CoarseGrainedExecutorBackend")
              && Processes.workingDirectory(ph.pid()).map(d -> d.startsWith(state)).orElse(false));
        })
        .map(ph -> ph.pid() + " " + ph.info().commandLine().orElse("?"))
        .toList();
  }
}
