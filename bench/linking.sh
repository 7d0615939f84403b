#!/usr/bin/env bash
# What entity linking costs (issue 12: at most 10% of a run): bench/pipeline.sh on one corpus twice in one
# invocation, first with STORYLINE_LINKING=off (the baseline), then with the link index bin/storyline prepares.
#
#   bench/linking.sh [SIZE] [WORKDIR]     default 30000 and target/bench/linking
#
# Prints the entities stage's seconds, the whole run's wall seconds and the ratios, and the linking counts of the
# manifest. Skips (exit 0) without the Reuters files, like bench/pipeline.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIZE="${1:-30000}"
WORK="${2:-$ROOT/target/bench/linking}"
[[ "$SIZE" =~ ^[0-9]+$ ]] || { echo "bench/linking.sh: SIZE should be a number, value: $SIZE" >&2; exit 2; }
mkdir -p "$WORK/off" "$WORK/on"
WORK="$(cd "$WORK" && pwd)"
STORYLINE_LINKING=off "$ROOT/bench/pipeline.sh" "$SIZE" "$WORK/off" >"$WORK/off.txt"
if ! compgen -G "$WORK/off/corpus-*-$SIZE.jsonl" >/dev/null; then
  cat "$WORK/off.txt"
  exit 0
fi
# The same corpus file for the second run.
for f in "$WORK"/off/corpus-*-"$SIZE".jsonl; do ln -sf "$f" "$WORK/on/$(basename "$f")"; done
"$ROOT/bench/pipeline.sh" "$SIZE" "$WORK/on" >"$WORK/on.txt"

python3 - "$WORK" "$SIZE" <<'PY'
import glob, json, sys
work, size = sys.argv[1], sys.argv[2]
rows = {}
for mode in ("off", "on"):
    manifest = glob.glob(f"{work}/{mode}/out-{size}/current/manifest.json") or glob.glob(f"{work}/{mode}/out-{size}/manifest.json")
    m = json.load(open(manifest[0]))
    wall = json.load(open(f"{work}/{mode}/measure-{size}.json"))["wall_seconds"]
    ent = next(s for s in m["stages"] if s["name"] == "entities")
    rows[mode] = (wall, ent["seconds"], ent["counts"])
off, on = rows["off"], rows["on"]
print(f"| {size} articles | whole run s | entities stage s | linked entities | link merges |")
print("|---|---|---|---|---|")
print(f"| linking off (baseline) | {off[0]:.0f} | {off[1]:.0f} | {off[2].get('linked_entities', 0)} | {off[2].get('link_merges', 0)} |")
print(f"| linking on | {on[0]:.0f} | {on[1]:.0f} | {on[2].get('linked_entities', 0)} | {on[2].get('link_merges', 0)} |")
print(f"| on / off | {on[0] / off[0]:.3f} | {on[1] / off[1]:.3f} | | |")
PY
