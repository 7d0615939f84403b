#!/usr/bin/env python3
"""The table of bench/pipeline.sh: one row per run from its measure-SIZE.json (wall time, peak RSS, exit code, written
by the script) and the run's OUT/manifest.json (stages, counts), then the log-log slope of whole-run time against
article count. Prints the table and writes it to --results. Exit code 1 when a run failed or a check did not hold."""

import argparse
import datetime
import json
import math
import os
import platform
import sys


def slope(points):
    """Least-squares slope of log(seconds) against log(articles); None with fewer than two distinct sizes."""
    pts = [(math.log(n), math.log(s)) for n, s in points if n > 0 and s > 0]
    if len({x for x, _ in pts}) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    return sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x, _ in pts)


def rate(x):
    """Articles per second: one decimal below 100 (small validation runs), whole numbers above."""
    return f"{x:.1f}" if x < 100 else f"{x:.0f}"


def cores():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count()


def mem_gib():
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 2**20
    return float("nan")


def checks(n, m):
    """What the run got wrong on a corpus of n distinct, valid articles (empty when nothing)."""
    c = m.get("counts", {})
    problems = []
    expected = {"records_read": n, "articles": n, "rejected": 0, "duplicates_exact": 0, "duplicates_near": 0}
    for key, want in expected.items():
        if c.get(key) != want:
            problems.append(f"{key} {c.get(key)} (expected {want})")
    if m.get("status") != "succeeded":
        problems.append(f"status {m.get('status')}")
    return problems


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--results", required=True)
    p.add_argument("--commit", default="unknown")
    p.add_argument("--master", default="?")
    p.add_argument("--memory", default="?")
    p.add_argument("--rss-method", default="?")
    p.add_argument("measures", nargs="+")
    a = p.parse_args()

    runs = []
    for path in a.measures:
        with open(path) as f:
            r = json.load(f)
        manifest = os.path.join(r["output"], "manifest.json")
        r["manifest"] = json.load(open(manifest)) if os.path.exists(manifest) else None
        runs.append(r)

    stage_names = []
    for r in runs:
        for s in (r["manifest"] or {}).get("stages", []):
            if s["name"] not in stage_names:
                stage_names.append(s["name"])

    header = (["articles", "MB", "NER tokens", "whole run s (wall)", "sum of stages s"]
              + [f"{s} s" for s in stage_names]
              + ["NER s", "whole / NER", "articles/s", "ingest articles/s", "peak RSS GB", "checks"])
    rows, points, failed = [], [], False
    for r in sorted(runs, key=lambda r: r["articles"]):
        n, wall, m = r["articles"], r["wall_seconds"], r["manifest"]
        mb = os.path.getsize(r["corpus"]) / 1e6
        rss = f"{r['peak_rss_kb'] / 2**20:.2f}" if r["peak_rss_kb"] else "?"
        if r["exit_code"] != 0 or m is None:
            failed = True
            rows.append([f"{n:,}", f"{mb:.1f}", "", f"{wall:.0f}", ""] + [""] * len(stage_names)
                        + ["", "", "", "", rss, f"FAILED: exit {r['exit_code']}, see run-{n}.log"])
            continue
        stages = {s["name"]: s for s in m.get("stages", [])}
        ner = next((s["counts"]["ner_seconds"] for s in stages.values() if "ner_seconds" in s.get("counts", {})), None)
        tokens = next((s["counts"]["ner_tokens"] for s in stages.values() if "ner_tokens" in s.get("counts", {})), None)
        total = sum(s["seconds"] for s in stages.values())
        ingest = stages.get("ingest", {}).get("seconds")
        problems = checks(n, m)
        failed |= bool(problems)
        points.append((n, wall))
        rows.append([f"{n:,}", f"{mb:.1f}", f"{tokens / 1e6:.2f}M" if tokens is not None else "?", f"{wall:.0f}",
                     f"{total:.0f}"]
                    + [f"{stages[s]['seconds']:.0f}" if s in stages else "" for s in stage_names]
                    + [f"{ner:.0f}" if ner is not None else "?",
                       f"**{wall / ner:.1f}x**" if ner else "?",
                       rate(n / wall),
                       rate(n / ingest) if ingest else "?",
                       rss,
                       "; ".join(problems) or "ok"])

    stage_points = [(r["articles"], sum(s["seconds"] for s in r["manifest"]["stages"]))
                    for r in runs if r["exit_code"] == 0 and r["manifest"]]
    k, ks = slope(points), slope(stage_points)
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"Whole job, `bin/storyline run`, master {a.master}, heap {a.memory} (STORYLINE_MEMORY); {now}, commit "
        f"{a.commit}; {cores()} cores, {mem_gib():.0f} GiB, {platform.system()}; peak RSS by {a.rss_method}.",
        "Corpus: recombined Reuters-21578 sentences (bench/pipeline.sh, PipelineCorpus). Whole run = wall time from "
        "process start to exit (JVM and SparkSession start included); whole / NER uses it; ingest articles/s = "
        "articles / ingest stage seconds; checks: every article read and kept, no reject, no exact or near duplicate.",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    lines.append("")
    if k is None:
        lines.append("Log-log slope of whole-run time against articles: needs two sizes or more.")
    else:
        sizes = ", ".join(f"{n:,}" for n, _ in sorted(points))
        lines.append(f"Log-log slope of whole-run time against articles ({sizes}; least squares): **{k:.2f}** "
                     f"(sum of stages: {ks:.2f}).")
    text = "\n".join(lines) + "\n"
    print(text, end="")
    with open(a.results, "w") as f:
        f.write(text)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
