#!/usr/bin/env python3
"""Prints mean ± sd of test accuracy per exercise over the run folders below a directory (summary.json)."""
import json, statistics, sys, pathlib
root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "runs/table")
by = {}
for s in sorted(root.glob("*/summary.json")):
    d = json.loads(s.read_text())
    if d.get("status") == "completed":
        key = "+".join(d.get("methods") or []) if d["exercise"] == "student" else d["exercise"]
        by.setdefault(key, []).append(d)
print("| exercise | runs | test accuracy (mean ± sd) | seeds | steps/s (median) |")
print("|---|---|---|---|---|")
for ex, runs in by.items():
    acc = [r["test_accuracy"] for r in runs]
    sd = statistics.stdev(acc) if len(acc) > 1 else 0.0
    sps = statistics.median(r["steps_per_second"] for r in runs)
    print(f"| {ex} | {len(runs)} | {statistics.mean(acc):.4f} ± {sd:.4f} | "
          f"{', '.join(f'{a:.4f}' for a in acc)} | {sps:.2f} |")
