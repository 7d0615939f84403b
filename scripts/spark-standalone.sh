#!/usr/bin/env bash
# A Spark standalone cluster on this machine (127.0.0.1 only): one Master and two Workers, started with plain
# `java` from the Spark jars that Maven resolves (no Spark tarball is needed; there are no bin/ or sbin/ scripts).
#
# Usage: scripts/spark-standalone.sh start|stop|status|home
#   start   assemble SPARK_HOME if needed, start the Master and the Workers, wait until the Master lists every
#           Worker ALIVE, print the master URL. Starts only what is not already running.
#   stop    stop exactly the processes this script started (by their PID files), executors included; wait for them.
#   status  print what runs; exit 0 when the Master and every Worker run, 3 when nothing runs, 1 otherwise.
#   home    assemble SPARK_HOME if needed and print its path (for spark-submit: java -cp "$SPARK_HOME/jars/*" ...).
#
# Environment (defaults in brackets):
#   SPARK_MASTER_PORT [7077]         Master RPC port: the master URL is spark://127.0.0.1:$SPARK_MASTER_PORT
#   SPARK_MASTER_WEBUI_PORT [8080]   Master web UI; its JSON at http://127.0.0.1:$SPARK_MASTER_WEBUI_PORT/json/
#   SPARK_WORKER_WEBUI_PORT [8081]   web UI of the first Worker; Worker i uses this + i - 1; 0: any free port
#   SPARK_WORKER_INSTANCES [2]       number of Workers
#   SPARK_WORKER_CORES [1]           cores each Worker offers
#   SPARK_WORKER_MEMORY [2g]         memory each Worker offers to executors (one 1536m executor fits, see docs/cluster.md)
#   SPARK_DAEMON_MEMORY [512m]       heap of the Master and Worker JVMs themselves
#   STORYLINE_SPARK_HOME [target/spark-home]   the Spark home; assembled with Maven when it is the default and
#                                    missing or out of date; any other value must already hold jars/ (a Spark
#                                    distribution works too)
#   STORYLINE_STANDALONE_DIR [target/spark-standalone]   PID files, logs (logs/), executor work dirs (work/)
#   STORYLINE_STANDALONE_TIMEOUT [120]   seconds start waits for the Workers, and stop for the processes to exit
#   MVN [mvn], JAVA_HOME             the Maven and Java to use
#
# Exit codes: 0 done, 1 failed (message on stderr, log tails printed), 2 bad usage, 3 (status) not running.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROG="spark-standalone"
HOST=127.0.0.1
MASTER_PORT="${SPARK_MASTER_PORT:-7077}"
MASTER_WEBUI_PORT="${SPARK_MASTER_WEBUI_PORT:-8080}"
WORKER_WEBUI_PORT="${SPARK_WORKER_WEBUI_PORT:-8081}"
WORKERS="${SPARK_WORKER_INSTANCES:-2}"
WORKER_CORES="${SPARK_WORKER_CORES:-1}"
WORKER_MEMORY="${SPARK_WORKER_MEMORY:-2g}"
DAEMON_MEMORY="${SPARK_DAEMON_MEMORY:-512m}"
DEFAULT_HOME="$ROOT/target/spark-home"
HOME_DIR="${STORYLINE_SPARK_HOME:-$DEFAULT_HOME}"
STATE="${STORYLINE_STANDALONE_DIR:-$ROOT/target/spark-standalone}"
TIMEOUT="${STORYLINE_STANDALONE_TIMEOUT:-120}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
MASTER_CLASS=org.apache.spark.deploy.master.Master
WORKER_CLASS=org.apache.spark.deploy.worker.Worker

die() { echo "$PROG: $*" >&2; exit 1; }
say() { echo "$PROG: $*"; }

usage() { # EXIT_CODE
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
  exit "$1"
}

check_number() { # NAME VALUE
  [[ "$2" =~ ^[0-9]+$ ]] || { echo "$PROG: $1 should be a number, value: $2" >&2; exit 2; }
}

# ---------------------------------------------------------------------------------------------------------------
# SPARK_HOME

pom_property() { # NAME -> value of <NAME> in the project's pom.xml
  sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$ROOT/pom.xml" | head -n 1
}

scala_version() { # of the Spark jars in SPARK_HOME, e.g. 2.13
  local core
  core="$(compgen -G "$HOME_DIR/jars/spark-core_*.jar" | head -n 1)"
  core="${core##*/spark-core_}"
  echo "${core%%-*}"
}

assemble_home() {
  local jars="$HOME_DIR/jars"
  if [[ "$HOME_DIR" != "$DEFAULT_HOME" ]]; then
    compgen -G "$jars/spark-core_*.jar" >/dev/null \
      || die "STORYLINE_SPARK_HOME=$HOME_DIR has no jars/spark-core_*.jar; unset it to assemble target/spark-home"
    return
  fi
  local spark scala wanted
  spark="$(pom_property spark.version)"
  scala="$(pom_property scala.binary.version)"
  [[ -n "$spark" && -n "$scala" ]] || die "cannot read spark.version and scala.binary.version from $ROOT/pom.xml"
  # The jar list's pom is part of what was assembled: a jar added there (spark-yarn) reassembles the home.
  wanted="spark $spark scala $scala pom $(cksum < "$ROOT/scripts/spark-home/pom.xml" | cut -d' ' -f1)"
  if [[ -f "$HOME_DIR/.assembled" && "$(cat "$HOME_DIR/.assembled")" == "$wanted" \
        && -f "$jars/spark-core_$scala-$spark.jar" ]]; then
    return
  fi
  command -v "${MVN:-mvn}" >/dev/null || die "Maven (${MVN:-mvn}) not found: it is needed once to assemble $HOME_DIR"
  say "assembling $HOME_DIR from Maven (Spark $spark, Scala $scala)..." >&2
  rm -rf "$jars" "$HOME_DIR/.assembled"
  mkdir -p "$jars"
  if ! "${MVN:-mvn}" -q -B -Dstyle.color=never -f "$ROOT/scripts/spark-home/pom.xml" -Dspark.version="$spark" \
        -Dscala.binary.version="$scala" dependency:copy-dependencies -DoutputDirectory="$jars" >&2; then
    rm -rf "$jars"
    die "could not assemble $HOME_DIR with Maven (see the messages above)"
  fi
  echo "$wanted" > "$HOME_DIR/.assembled"
  say "$HOME_DIR: $(find "$jars" -name '*.jar' | wc -l) jars" >&2
}

# ---------------------------------------------------------------------------------------------------------------
# Processes. Every daemon carries -Dstoryline.standalone=$STATE, so a PID is only ever signalled when it still is
# one of ours (PIDs get reused).

MARKER="-Dstoryline.standalone=$STATE"

cmdline() { # PID -> its command line, empty when it is gone
  if [[ -r "/proc/$1/cmdline" ]]; then
    tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null || true
  else
    ps -o args= -p "$1" 2>/dev/null || true
  fi
}

ours() { # PID CLASS -> true when PID is alive and is our daemon of that class
  local c
  c="$(cmdline "$1")"
  [[ "$c" == *"$MARKER "* && "$c" == *"$2"* ]]
}

alive() { kill -0 "$1" 2>/dev/null; }

pid_of() { # NAME CLASS -> the PID in NAME.pid when that process is ours and alive
  local file="$STATE/$1.pid" pid
  [[ -f "$file" ]] || return 1
  pid="$(cat "$file" 2>/dev/null)" || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] && ours "$pid" "$2" && echo "$pid"
}

children() { # PID -> its child PIDs (the executors of a Worker)
  if compgen -G "/proc/$1/task/*/children" >/dev/null; then
    cat /proc/"$1"/task/*/children 2>/dev/null | tr ' ' '\n' | grep -E '^[0-9]+$' || true
  else
    ps -o pid= --ppid "$1" 2>/dev/null | tr -d ' ' || true
  fi
}

worker_names() { # the Workers with a PID file, or the configured number
  local names=() f
  for f in "$STATE"/worker-*.pid; do
    [[ -e "$f" ]] && names+=("$(basename "$f" .pid)")
  done
  if ((${#names[@]} == 0)); then
    for ((i = 1; i <= WORKERS; i++)); do names+=("worker-$i"); done
  fi
  printf '%s\n' "${names[@]}" | sort -t- -k2 -n
}

port_in_use() { # PORT -> true when something accepts connections on 127.0.0.1:PORT
  (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null
}

http_get() { # PORT PATH -> the response body
  if command -v curl >/dev/null; then
    curl -fsS --max-time 5 "http://$HOST:$1$2" 2>/dev/null
  else # bash's /dev/tcp, for machines without curl
    (
      exec 3<>"/dev/tcp/$HOST/$1" || exit 1
      printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$2" "$HOST" >&3
      timeout 5 cat <&3 | sed '1,/^\r\{0,1\}$/d'
    ) 2>/dev/null
  fi
}

alive_workers() { # PORT -> the number of ALIVE workers the Master reports, empty when it does not answer
  http_get "$1" /json/ | sed -n 's/.*"aliveworkers" *: *\([0-9]*\).*/\1/p' | head -n 1
}

launch() { # NAME LOGFILE ENV... -- CLASS ARGS...  -> starts a daemon in the background, writes NAME.pid
  local name="$1" log="$2"
  shift 2
  # What every daemon needs, and through the Workers every executor: without SPARK_SCALA_VERSION the executors
  # fail with "Cannot find any build directories" (there is no Spark build tree to guess it from).
  local env=(SPARK_HOME="$HOME_DIR" SPARK_SCALA_VERSION="$(scala_version)" SPARK_LOCAL_IP="$HOST")
  while [[ "$1" != "--" ]]; do env+=("$1"); shift; done
  shift
  echo "=== $PROG: starting $name at $(date -u +%FT%TZ)" >>"$log" # appended: a crashed daemon's log survives a restart
  env "${env[@]}" nohup "$JAVA" -Xms"$DAEMON_MEMORY" -Xmx"$DAEMON_MEMORY" "$MARKER" \
    -Dspark.master.rest.enabled=false -cp "$HOME_DIR/jars/*" "$@" </dev/null >>"$log" 2>&1 &
  echo $! > "$STATE/$name.pid"
}


tail_logs() {
  local f
  for f in "$STATE"/logs/*.log; do
    [[ -f "$f" ]] || continue
    echo "--- last lines of $f" >&2
    # shellcheck disable=SC2016 # sed's $ (last line), not a shell expansion; prints the last start's lines only
    sed -n '/^=== /h; /^=== /!H; ${x;p;}' "$f" | grep -v ' INFO ' | tail -n 15 >&2 || true
  done
}

# ---------------------------------------------------------------------------------------------------------------
# Commands

start() {
  check_number SPARK_MASTER_PORT "$MASTER_PORT"
  check_number SPARK_MASTER_WEBUI_PORT "$MASTER_WEBUI_PORT"
  check_number SPARK_WORKER_WEBUI_PORT "$WORKER_WEBUI_PORT"
  check_number SPARK_WORKER_INSTANCES "$WORKERS"
  check_number SPARK_WORKER_CORES "$WORKER_CORES"
  check_number STORYLINE_STANDALONE_TIMEOUT "$TIMEOUT"
  ((WORKERS >= 1)) || { echo "$PROG: SPARK_WORKER_INSTANCES should be >= 1, value: $WORKERS" >&2; exit 2; }
  command -v "$JAVA" >/dev/null || die "java not found (set JAVA_HOME)"
  assemble_home
  mkdir -p "$STATE/logs" "$STATE/work" "$STATE/local"

  local master_pid started=() i name port
  if master_pid="$(pid_of master "$MASTER_CLASS")"; then
    local running_port running_ui
    running_port="$(sed -n 's/^MASTER_PORT=//p' "$STATE/cluster.env" 2>/dev/null)"
    running_ui="$(sed -n 's/^MASTER_WEBUI_PORT=//p' "$STATE/cluster.env" 2>/dev/null)"
    if [[ "$running_port" != "$MASTER_PORT" || "$running_ui" != "$MASTER_WEBUI_PORT" ]]; then
      die "a Master started from $STATE already runs (pid $master_pid, spark://$HOST:$running_port, UI port" \
        "$running_ui); run '$0 stop' before starting with other ports"
    fi
  else
    for port in "$MASTER_PORT" "$MASTER_WEBUI_PORT"; do
      port_in_use "$port" && die "port $port on $HOST is in use (set SPARK_MASTER_PORT / SPARK_MASTER_WEBUI_PORT)"
    done
    launch master "$STATE/logs/master.log" -- \
      "$MASTER_CLASS" --host "$HOST" --port "$MASTER_PORT" --webui-port "$MASTER_WEBUI_PORT"
    started+=(master)
  fi
  cat > "$STATE/cluster.env" <<EOF
MASTER_URL=spark://$HOST:$MASTER_PORT
MASTER_PORT=$MASTER_PORT
MASTER_WEBUI_PORT=$MASTER_WEBUI_PORT
WORKERS=$WORKERS
SPARK_HOME=$HOME_DIR
EOF

  for ((i = 1; i <= WORKERS; i++)); do
    name="worker-$i"
    pid_of "$name" "$WORKER_CLASS" >/dev/null && continue
    port=0 # 0: a free port chosen by the Worker
    ((WORKER_WEBUI_PORT > 0)) && port=$((WORKER_WEBUI_PORT + i - 1))
    if ((port > 0)) && port_in_use "$port"; then
      stop_all >/dev/null
      die "port $port on $HOST is in use (set SPARK_WORKER_WEBUI_PORT; worker i uses it + i - 1)"
    fi
    mkdir -p "$STATE/work/$name" "$STATE/local/$name"
    launch "$name" "$STATE/logs/$name.log" SPARK_LOCAL_DIRS="$STATE/local/$name" -- \
      "$WORKER_CLASS" "spark://$HOST:$MASTER_PORT" --host "$HOST" --cores "$WORKER_CORES" \
      --memory "$WORKER_MEMORY" --webui-port "$port" --work-dir "$STATE/work/$name"
    started+=("$name")
  done

  local waited=0 alive_count=""
  while :; do
    for name in master $(worker_names); do
      local class="$WORKER_CLASS"
      [[ "$name" == master ]] && class="$MASTER_CLASS"
      if ! pid_of "$name" "$class" >/dev/null; then
        tail_logs
        stop_all >/dev/null
        die "$name exited during start-up (log: $STATE/logs/$name.log); stopped the cluster"
      fi
    done
    alive_count="$(alive_workers "$MASTER_WEBUI_PORT" || true)"
    [[ -n "$alive_count" ]] && ((alive_count >= WORKERS)) && break
    if ((waited >= TIMEOUT)); then
      tail_logs
      stop_all >/dev/null
      die "the Master did not list $WORKERS ALIVE workers within ${TIMEOUT}s (saw: ${alive_count:-no answer});" \
        "stopped the cluster"
    fi
    sleep 1
    waited=$((waited + 1))
  done

  if ((${#started[@]} == 0)); then
    say "already running"
  else
    say "started ${started[*]} in ${waited}s"
  fi
  say "master spark://$HOST:$MASTER_PORT, web UI http://$HOST:$MASTER_WEBUI_PORT, $alive_count workers ALIVE" \
    "($WORKER_CORES core(s), $WORKER_MEMORY each)"
  local again="$0"
  [[ -n "${STORYLINE_STANDALONE_DIR:-}" ]] && again="STORYLINE_STANDALONE_DIR=$STATE $0"
  say "SPARK_HOME $HOME_DIR; logs $STATE/logs; stop with: $again stop"
}

stop_all() { # prints what it stopped; returns 0
  local pids=() names=() name class pid child recorded
  recorded="$(sed -n 's/^SPARK_HOME=//p' "$STATE/cluster.env" 2>/dev/null || true)"
  [[ -n "$recorded" ]] && HOME_DIR="$recorded"
  for name in $(worker_names | sort -r) master; do
    class="$WORKER_CLASS"
    [[ "$name" == master ]] && class="$MASTER_CLASS"
    if pid="$(pid_of "$name" "$class")"; then
      if [[ "$name" != master ]]; then
        for child in $(children "$pid"); do # executors: normally stopped by their Worker, checked below anyway
          [[ "$(cmdline "$child")" == *"$HOME_DIR/jars/"* ]] && pids+=("$child")
        done
      fi
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
      names+=("$name ($pid)")
    elif [[ -f "$STATE/$name.pid" ]]; then
      echo "$PROG: $name was not running (stale pid file removed)"
    fi
  done
  rm -f "$STATE"/master.pid "$STATE"/worker-*.pid
  if ((${#pids[@]} == 0)); then
    rm -f "$STATE/cluster.env"
    echo "$PROG: not running"
    return 0
  fi
  local waited=0 left
  while :; do
    left=()
    for pid in "${pids[@]}"; do
      alive "$pid" && [[ "$(cmdline "$pid")" == *"$HOME_DIR/jars/"* ]] && left+=("$pid")
    done
    ((${#left[@]} == 0)) && break
    if ((waited >= TIMEOUT * 5)); then
      echo "$PROG: still running after ${TIMEOUT}s, killing: ${left[*]}" >&2
      kill -KILL "${left[@]}" 2>/dev/null || true
      sleep 1
      break
    fi
    if ((waited > 0 && waited % 25 == 0)); then # the executors of a Worker that died before them
      for pid in "${left[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    fi
    sleep 0.2
    waited=$((waited + 1))
  done
  rm -f "$STATE/cluster.env"
  echo "$PROG: stopped ${names[*]}"
}

status() {
  local name class pid running=0 total=0 port ui
  ui="$(sed -n 's/^MASTER_WEBUI_PORT=//p' "$STATE/cluster.env" 2>/dev/null || true)"
  for name in master $(worker_names); do
    class="$WORKER_CLASS"
    [[ "$name" == master ]] && class="$MASTER_CLASS"
    total=$((total + 1))
    if pid="$(pid_of "$name" "$class")"; then
      running=$((running + 1))
      port="$(cmdline "$pid" | sed -n 's/.*--webui-port \([0-9]*\).*/\1/p')"
      if [[ "$port" == 0 || -z "$port" ]]; then
        printf '%-10s running  pid %-8s web UI on a free port (listed by the master)\n' "$name" "$pid"
      else
        printf '%-10s running  pid %-8s web UI http://%s:%s\n' "$name" "$pid" "$HOST" "$port"
      fi
    else
      printf '%-10s stopped\n' "$name"
    fi
  done
  if ((running > 0)) && [[ -n "$ui" ]]; then
    local json apps
    json="$(http_get "$ui" /json/ || true)"
    if [[ -n "$json" ]]; then
      apps="$(printf '%s' "$json" | tr -d '\n' | sed -n 's/.*"activeapps" *: *\[\(.*\)\] *, *"completedapps".*/\1/p' \
        | grep -o '"id" *: *"app-' | wc -l || true)"
      echo "master     $(sed -n 's/^MASTER_URL=//p' "$STATE/cluster.env"): $(alive_workers "$ui") workers ALIVE," \
        "$apps running application(s)"
    else
      echo "master     not answering on http://$HOST:$ui/json/"
    fi
  fi
  echo "state      $STATE (logs in logs/)"
  ((running == total)) && return 0
  ((running == 0)) && return 3
  return 1
}

case "${1:-}" in
  start) start ;;
  stop) stop_all ;;
  status) status ;;
  home) assemble_home; echo "$HOME_DIR" ;;
  -h | --help | help) usage 0 ;;
  *) usage 2 ;;
esac
