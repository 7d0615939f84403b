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

JAVA_OPENS=(
  -XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true
)
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
exec java -Xmx2g "${JAVA_OPENS[@]}" -Dlog4j2.configurationFile="$ROOT/conf/log4j2-test.properties" \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.storyline.bench.CooccurrenceBench "$@"
