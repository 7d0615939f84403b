#!/usr/bin/env bash
# Whole-job benchmark (issue 10): bin/storyline run on corpora of real Reuters-21578 sentences recombined into
# distinct articles (about 270 words, two years of dates, 12 outlets; see PipelineCorpus), one fresh run per size.
#
#   bench/pipeline.sh [SIZES] [WORKDIR]     default 10000,30000,100000 and target/bench/pipeline
#
# Per size: the stages' seconds and counts from OUT/manifest.json, the whole run's wall time (process start to exit,
# measured here) and the sum of the stages, NER seconds, whole / NER, articles/s, ingest articles/s, peak RSS of the
# JVM; then the log-log slope of whole-run time against article count. One table, printed and written to
# WORKDIR/results.md. Corpora are cached in WORKDIR (corpus-VERSION-SIZE.jsonl); each run's log is WORKDIR/run-SIZE.log.
#
# Environment: STORYLINE_MASTER (default local[2]), STORYLINE_MEMORY (bin/storyline's heap, default 4g),
# STORYLINE_LINKING=off (runs without entity linking; bench/linking.sh compares the two),
# REUTERS_DIR (default ../shared/data/reuters21578 beside the repository). Skips (exit 0) without the Reuters files.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SIZES="${1:-10000,30000,100000}"
WORK="${2:-target/bench/pipeline}"
REUTERS="${REUTERS_DIR:-$ROOT/../shared/data/reuters21578}"
export STORYLINE_MASTER="${STORYLINE_MASTER:-local[2]}"

if ! compgen -G "$REUTERS/*.sgm" >/dev/null; then
  echo "bench/pipeline.sh: skipped, no Reuters-21578 .sgm files in $REUTERS (set REUTERS_DIR)"
  exit 0
fi
[[ "$SIZES" =~ ^[0-9]+(,[0-9]+)*$ ]] || { echo "bench/pipeline.sh: SIZES should be like 10000,30000, value: $SIZES" >&2; exit 2; }
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"
IFS=, read -r -a SIZE_LIST <<<"$SIZES"

# The corpora (built once per size, in one JVM); this also builds the jar bin/storyline runs. The "v1" in the file
# names is PipelineCorpus.VERSION.
missing=()
for n in "${SIZE_LIST[@]}"; do
  [[ -f "$WORK/corpus-v1-$n.jsonl" ]] || missing+=("$n")
done
if ((${#missing[@]})); then
  BENCH_HEAP="${BENCH_HEAP:-2g}" "$ROOT/bench/run-java.sh" org.storyline.bench.PipelineCorpus \
    "$REUTERS" "$WORK" "$(IFS=,; echo "${missing[*]}")"
fi
# Any build bin/storyline wants happens here, outside the timed runs, and so does the link index of entity linking
# (first use: Maven fetches the KBP dictionary and the index is built), unless STORYLINE_LINKING=off.
"$ROOT/bin/storyline" --version >/dev/null
if [[ "${STORYLINE_LINKING:-on}" != "off" ]]; then
  "$ROOT/bin/storyline" prepare-link-index >/dev/null
fi

TIME_V=""
RSS_METHOD="/proc/PID/status VmHWM"
if [[ -x /usr/bin/time ]] && /usr/bin/time -v true >/dev/null 2>&1; then
  TIME_V=/usr/bin/time
  RSS_METHOD="/usr/bin/time -v"
fi

failed=0
for n in "${SIZE_LIST[@]}"; do
  corpus="$WORK/corpus-v1-$n.jsonl"
  out="$WORK/out-$n"
  log="$WORK/run-$n.log"
  rm -rf "$out" "$WORK/measure-$n.json"
  echo "bench/pipeline.sh: $n articles, bin/storyline run (master $STORYLINE_MASTER), log $log" >&2
  start=$(date +%s.%N)
  rc=0
  if [[ -n "$TIME_V" ]]; then
    # bin/storyline execs java, so /usr/bin/time's maximum resident set size is the JVM's.
    "$TIME_V" -v -o "$WORK/time-$n.txt" "$ROOT/bin/storyline" run --input "$corpus" --output "$out" >"$log" 2>&1 || rc=$?
    end=$(date +%s.%N)
    rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time-$n.txt")
  else
    # No GNU time: the kernel's high-water mark of the process (bin/storyline execs java in the same process).
    "$ROOT/bin/storyline" run --input "$corpus" --output "$out" >"$log" 2>&1 &
    pid=$!
    rss_kb=0
    while kill -0 "$pid" 2>/dev/null; do
      hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
      [[ -n "$hwm" ]] && rss_kb=$hwm
      sleep 0.5
    done
    wait "$pid" || rc=$?
    end=$(date +%s.%N)
  fi
  printf '{"articles": %s, "corpus": "%s", "output": "%s", "exit_code": %s, "wall_seconds": %s, "peak_rss_kb": %s}\n' \
    "$n" "$corpus" "$out" "$rc" "$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", b - a}')" "${rss_kb:-0}" >"$WORK/measure-$n.json"
  if ((rc != 0)); then
    failed=1
    echo "bench/pipeline.sh: the run of $n articles failed (exit $rc); last lines of $log:" >&2
    tail -n 20 "$log" >&2
  fi
done

measures=()
for n in "${SIZE_LIST[@]}"; do measures+=("$WORK/measure-$n.json"); done
python3 "$ROOT/bench/pipeline_table.py" --results "$WORK/results.md" --commit "$(git describe --always --dirty 2>/dev/null || echo unknown)" \
  --master "$STORYLINE_MASTER" --memory "${STORYLINE_MEMORY:-4g}" --rss-method "$RSS_METHOD" \
  "${measures[@]}" || failed=1
exit "$failed"
