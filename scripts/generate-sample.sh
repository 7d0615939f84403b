#!/usr/bin/env bash
# Rewrites data/sample from the generator in src/test/java/org/storyline/sample (deterministic for its seed).
# Usage: scripts/generate-sample.sh [DIR]          the README sample (default data/sample)
#        scripts/generate-sample.sh --scale N FILE  about N clean articles as JSON lines (benchmarks)
set -euo pipefail
if [[ "${1:-}" == -h || "${1:-}" == --help || "${1:-}" == -* && "${1:-}" != --scale ]]; then
  sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//'
  [[ "${1:-}" == -h || "${1:-}" == --help ]] && exit 0 || exit 2
fi
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mvn -q -DskipTests test-compile
exec java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.storyline.sample.SampleCorpus "$@"
