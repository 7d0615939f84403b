#!/usr/bin/env bash
# Runs a benchmark main class from src/test/java/org/storyline/bench with the test classpath (Spark included).
# Usage: bench/run-java.sh CLASS [ARGS...]; BENCH_HEAP (default 8g), BENCH_PROFILES (e.g. bench) for extra deps.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PROFILE_ARGS=()
[[ -n "${BENCH_PROFILES:-}" ]] && PROFILE_ARGS=(-P "$BENCH_PROFILES")
mvn -q -DskipTests "${PROFILE_ARGS[@]}" package >&2
CLASS="$1"; shift
# shellcheck source=scripts/java-opens.sh
source "$ROOT/scripts/java-opens.sh"
exec java -Xmx"${BENCH_HEAP:-8g}" "${JAVA_OPENS[@]}" \
  -Dlog4j2.configurationFile="$ROOT/conf/log4j2-test.properties" \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  "$CLASS" "$@"
