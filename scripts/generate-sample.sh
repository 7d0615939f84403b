#!/usr/bin/env bash
# Rewrites data/sample from the generator in src/test/java/org/storyline/sample (deterministic for its seed).
# Usage: scripts/generate-sample.sh [DIR]          the README sample (default data/sample)
#        scripts/generate-sample.sh --scale N FILE  about N clean articles as JSON lines (benchmarks)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mvn -q -DskipTests test-compile
exec java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.storyline.sample.SampleCorpus "$@"
