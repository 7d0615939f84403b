#!/usr/bin/env bash
# NER throughput benchmark (issue 3): Storyline's recognizer bare on threads, the same inside Spark local[N], and
# CoreNLP's stock StanfordCoreNLP pipeline (tokenize,ssplit,pos,lemma,ner), on the same Reuters-21578 articles
# and the same number of cores, in one JVM; prints a table with tokens/s, the ratios and peak memory.
#
#   bench/ner.sh [--articles 6000] [--cores 2] [--no-stock] [--reuters ../shared/data/reuters21578]
#
# Environment: BENCH_HEAP (default 3g) is the JVM heap, which in local mode is the executor's.
# Builds with the Maven profile 'bench' (the full CoreNLP models jar and the stock pipeline's libraries, test
# scope only). The table is also written to bench/results/ (not committed).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mvn -q -Pbench -DskipTests test-compile >&2

# shellcheck source=scripts/java-opens.sh
source "$ROOT/scripts/java-opens.sh"

mkdir -p bench/results
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
"${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx"${BENCH_HEAP:-3g}" "${JAVA_OPENS[@]}" \
  -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.storyline.bench.NerBenchmark "$@" 2>&1 \
  | grep --line-buffered -v -E '^[0-9:]+ (INFO|WARN) ' \
  | tee "bench/results/ner-$(date -u +%Y%m%dT%H%M%SZ).txt"
