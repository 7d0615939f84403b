#!/usr/bin/env bash
# target/notebook-jars: symbolic links to the jars the notebooks load with `%jar ../target/notebook-jars`: the
# runtime classpath with Spark (target/local-classpath.txt) and XChart (a test dependency, from
# target/test-classpath.txt). Runs `mvn generate-test-resources` first when those lists are missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/target/notebook-jars"
if [[ ! -f "$ROOT/target/local-classpath.txt" || ! -f "$ROOT/target/test-classpath.txt" ]]; then
  (cd "$ROOT" && mvn -q -B generate-test-resources)
fi
rm -rf "$OUT"
mkdir -p "$OUT"
link() {
  local jar="$1"
  [[ "$jar" == *.jar && -f "$jar" ]] || return 0
  ln -sf "$jar" "$OUT/$(basename "$jar")"
}
tr ':' '\n' < "$ROOT/target/local-classpath.txt" | while read -r jar; do link "$jar"; done
tr ':' '\n' < "$ROOT/target/test-classpath.txt" | grep '/org/knowm/xchart/' | while read -r jar; do link "$jar"; done
count=$(find "$OUT" -name '*.jar' | wc -l)
if ! ls "$OUT" | grep -q '^xchart-'; then
  echo "notebook-jars: XChart is not on the test classpath (pom.xml)" >&2
  exit 1
fi
echo "notebook-jars: $count jars linked in $OUT" >&2
