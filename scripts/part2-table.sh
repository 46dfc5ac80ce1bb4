#!/usr/bin/env bash
# Produces the README's part-2 table: per-task test accuracy (task 1 MNIST digits, task 2 Fashion-MNIST) for
# the single-task references, Q1 (shared trunk, shared BN) and Q2 (shared convolutions, BN per task) under
# every weighting method; embedded data, 1000 images per task, 30 epochs, seed 0. Runs go to runs/part2/.
# Usage: scripts/part2-table.sh        (run alone: two ND4J processes on 2 cores slow each other ~8x)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/transferlab.jar ] || mvn -q -B -DskipTests package
jar=${TRANSFERLAB_JAR:-target/transferlab.jar}
run() { # exercise weighting
  out=runs/part2/$1-$2
  [ -f "$out/summary.json" ] && grep -q '"completed"' "$out/summary.json" && return
  java -jar "$jar" train --exercise "$1" --weighting "$2" --data embedded --train-size 1000 --epochs 30 \
    --seed 0 --eval-every 30 --out "$out"
}
run mtl-single fixed
for ex in mtl-q1 mtl-q2; do for w in fixed uncertainty gradnorm mgda dwa; do run "$ex" "$w"; done; done
python3 - <<'PY'
import json, glob, os
rows = []
for d in sorted(glob.glob('runs/part2/*')):
    s = json.load(open(os.path.join(d, 'summary.json')))
    a = s['task_accuracy']
    rows.append((os.path.basename(d), a[0], a[1], (a[0] + a[1]) / 2, s['final_weights'], s.get('parameters')))
print('| run | MNIST | Fashion-MNIST | mean | final weights | parameters |')
print('|---|---|---|---|---|---|')
for r in rows:
    print(f'| {r[0]} | {r[1]:.4f} | {r[2]:.4f} | {r[3]:.4f} | {", ".join(f"{w:.3f}" for w in r[4])} | {r[5]:,} |')
PY
