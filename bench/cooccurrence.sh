#!/usr/bin/env bash
# Co-occurrence pair counting benchmark: Spark local[*] (the stage's own code) vs DuckDB (one SQL query) on
# synthetic entity_mentions of 1M, 5M and 20M mentions, document window, periods week + all. Prints a table
# (also written to bench/results/) with seconds, mentions/s, the Spark/DuckDB ratio, peak RSS of each run and
# whether both engines produced the same result.
#
# Usage: bench/cooccurrence.sh [--sizes 1000000,5000000,20000000] [--spark-heap 8g] [--duckdb-memory 8GB]
#                              [--data target/bench-data] [--out target/bench-out]
# The synthetic data is generated once per size into --data and reused. Each measurement runs in its own JVM after
# a warm-up on 100k mentions. Needs about 3 GB of disk for the 20M data set and the results.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mvn -q -Pbench -DskipTests test-compile

# shellcheck source=scripts/java-opens.sh
source "$ROOT/scripts/java-opens.sh"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
exec java -Xmx2g "${JAVA_OPENS[@]}" -Dlog4j2.configurationFile="$ROOT/conf/log4j2-test.properties" \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.storyline.bench.CooccurrenceBench "$@"
