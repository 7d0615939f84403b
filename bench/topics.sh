#!/usr/bin/env bash
# LDA benchmark: Storyline's topic model (Spark MLlib online LDA) against MALLET's ParallelTopicModel on the same
# generated articles and the same vocabulary, in one invocation; prints wall times and mean NPMI coherence.
# Usage: bench/topics.sh [N ...]      article counts (default: 10000 100000)
# Env:   BENCH_K (20), BENCH_ITERATIONS (50, MLlib), BENCH_MALLET_ITERATIONS (1000), BENCH_THREADS (2),
#        BENCH_MEMORY (8g)
# Generated corpora are kept in bench/results/ (git-ignored) and reused.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SIZES=("$@")
[[ ${#SIZES[@]} -eq 0 ]] && SIZES=(10000 100000)
mkdir -p bench/results
FILES=()
for n in "${SIZES[@]}"; do
  f="bench/results/articles-$n.jsonl"
  [[ -s "$f" ]] || scripts/generate-sample.sh --scale "$n" "$f"
  FILES+=("$f")
done
# The bench profile adds MALLET and compiles org.storyline.bench.mallet.
mvn -q -Pbench -DskipTests test-compile
# shellcheck source=scripts/java-opens.sh
source "$ROOT/scripts/java-opens.sh"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
exec java -Xmx"${BENCH_MEMORY:-8g}" "${JAVA_OPENS[@]}" \
  -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" \
  -Dk="${BENCH_K:-20}" -Diterations="${BENCH_ITERATIONS:-50}" \
  -Dmallet.iterations="${BENCH_MALLET_ITERATIONS:-1000}" -Dthreads="${BENCH_THREADS:-2}" \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.storyline.bench.TopicBench "${FILES[@]}"
