#!/usr/bin/env bash
# Nightly-cost benchmark (issue 11): a batch run on N articles, then one night that adds 0.5% new articles on the
# day after the corpus ends (--incremental), then the same night again; prints the three times and the ratios to
# the batch, with the night's seconds per stage.
#
#   bench/nightly.sh [SIZES] [WORKDIR]     default 30000,100000 and target/bench/nightly
#
# The articles are bench/pipeline.sh's (PipelineCorpus: real Reuters-21578 sentences recombined, two years of
# dates): the batch is the first N articles of the corpus of N + N/200, the night the last N/200, re-dated to
# 2026-01-01 (their time of day kept). Corpora are cached in WORKDIR; each run's log is WORKDIR/SIZE-STEP.log.
# The table is printed and written to WORKDIR/results.md.
#
# Environment: STORYLINE_MASTER (default local[2]), STORYLINE_MEMORY (bin/storyline's heap, default 4g),
# REUTERS_DIR (default ../shared/data/reuters21578 beside the repository). Skips (exit 0) without the Reuters files.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SIZES="${1:-30000,100000}"
WORK="${2:-target/bench/nightly}"
REUTERS="${REUTERS_DIR:-$ROOT/../shared/data/reuters21578}"
export STORYLINE_MASTER="${STORYLINE_MASTER:-local[2]}"

if ! compgen -G "$REUTERS/*.sgm" >/dev/null; then
  echo "bench/nightly.sh: skipped, no Reuters-21578 .sgm files in $REUTERS (set REUTERS_DIR)"
  exit 0
fi
[[ "$SIZES" =~ ^[0-9]+(,[0-9]+)*$ ]] || { echo "bench/nightly.sh: SIZES should be like 30000,100000, value: $SIZES" >&2; exit 2; }
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"
IFS=, read -r -a SIZE_LIST <<<"$SIZES"

missing=()
for n in "${SIZE_LIST[@]}"; do
  total=$((n + n / 200))
  [[ -f "$WORK/corpus-v1-$total.jsonl" ]] || missing+=("$total")
done
if ((${#missing[@]})); then
  BENCH_HEAP="${BENCH_HEAP:-2g}" "$ROOT/bench/run-java.sh" org.storyline.bench.PipelineCorpus \
    "$REUTERS" "$WORK" "$(IFS=,; echo "${missing[*]}")"
fi
"$ROOT/bin/storyline" --version >/dev/null

# One timed run: STEP name, then bin/storyline's arguments. Writes WORK/SIZE-STEP.seconds.
timed() {
  local n="$1" step="$2"; shift 2
  local log="$WORK/$n-$step.log" start end rc=0
  echo "bench/nightly.sh: $n articles, $step (master $STORYLINE_MASTER), log $log" >&2
  start=$(date +%s.%N)
  "$ROOT/bin/storyline" run "$@" >"$log" 2>&1 || rc=$?
  end=$(date +%s.%N)
  if ((rc != 0)); then
    echo "bench/nightly.sh: $n articles, $step failed (exit $rc); last lines of $log:" >&2
    tail -n 20 "$log" >&2
    return 1
  fi
  awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f\n", b - a}' >"$WORK/$n-$step.seconds"
}

failed=0
for n in "${SIZE_LIST[@]}"; do
  night_n=$((n / 200))
  corpus="$WORK/corpus-v1-$((n + night_n)).jsonl"
  head -n "$n" "$corpus" >"$WORK/batch-$n.jsonl"
  mkdir -p "$WORK/night-$n"
  tail -n "$night_n" "$corpus" | python3 -c '
import json, sys
for line in sys.stdin:
    a = json.loads(line)
    a["date"] = "2026-01-01" + a["date"][10:]
    sys.stdout.write(json.dumps(a, ensure_ascii=False) + "\n")' >"$WORK/night-$n/2026-01-01.jsonl"
  out="$WORK/out-$n"
  rm -rf "$out" "$WORK/$n-"*.seconds
  timed "$n" batch --input "$WORK/batch-$n.jsonl" --output "$out" || { failed=1; continue; }
  cp "$out/manifest.json" "$WORK/$n-batch.manifest.json"
  timed "$n" night --incremental --input "$WORK/night-$n" --output "$out" || { failed=1; continue; }
  cp "$out/manifest.json" "$WORK/$n-night.manifest.json"
  timed "$n" rerun --incremental --input "$WORK/night-$n" --output "$out" || { failed=1; continue; }
  cp "$out/manifest.json" "$WORK/$n-rerun.manifest.json"
done

python3 - "$WORK" "$(git describe --always --dirty 2>/dev/null || echo unknown)" "$STORYLINE_MASTER" "${SIZE_LIST[@]}" <<'EOF' || failed=1
import datetime, json, os, sys
work, commit, master, sizes = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
stages = ["ingest", "entities", "cooccurrence", "topics", "trends"]
lines = [f"bench/nightly.sh at {commit}, {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC, master {master}", "",
         "| articles | night articles | batch s | night s | night / batch | re-run s | re-run / batch | night: "
         + " / ".join(stages) + " s | new articles (night, re-run) |",
         "|---|---|---|---|---|---|---|---|---|"]
bad = False
for n in sizes:
    def seconds(step):
        p = os.path.join(work, f"{n}-{step}.seconds")
        return float(open(p).read()) if os.path.exists(p) else None
    def manifest(step):
        p = os.path.join(work, f"{n}-{step}.manifest.json")
        return json.load(open(p)) if os.path.exists(p) else {}
    b, nt, r = seconds("batch"), seconds("night"), seconds("rerun")
    if None in (b, nt, r):
        lines.append(f"| {n} | {int(n) // 200} | failed | | | | | | |")
        bad = True
        continue
    per = {s["name"]: s["seconds"] for s in manifest("night").get("stages", [])}
    fresh = [manifest(s).get("counts", {}).get("new_articles") for s in ("night", "rerun")]
    if fresh != [int(n) // 200, 0]:
        bad = True
    lines.append(f"| {int(n):,} | {int(n) // 200} | {b:.0f} | {nt:.0f} | {nt / b:.3f} | {r:.0f} | {r / b:.3f} | "
                 + " / ".join(f"{per.get(s, float('nan')):.0f}" for s in stages) + f" | {fresh[0]}, {fresh[1]} |")
text = "\n".join(lines) + "\n"
print(text)
open(os.path.join(work, "results.md"), "w").write(text)
sys.exit(1 if bad else 0)
EOF
exit "$failed"
