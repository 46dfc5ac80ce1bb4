#!/usr/bin/env bash
# Produces the README's part-1 results table: Q1, Q2, Q3, A1 students (cnn-small, 1000 training images,
# 100 epochs, classroom defaults T=4, alpha=0.5, tutorial AT with beta=1) over seeds 0, 1, 2, on the FULL
# Fashion-MNIST test set, with the shipped cnn-large teacher. Needs the full data (Debian package
# dataset-fashion-mnist, or 'transferlab download fashion-mnist').
# Usage: scripts/part1-table.sh [exercises...]   (default: q1 q2 q3 a1); runs go to runs/table/
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/transferlab.jar ] || mvn -q -B -DskipTests package
exercises=${*:-q1 q2 q3 a1}
for ex in $exercises; do
  for seed in 0 1 2; do
    out=runs/table/$ex-seed$seed
    [ -f "$out/summary.json" ] && grep -q '"completed"' "$out/summary.json" && continue
    java -jar target/transferlab.jar train --exercise "$ex" --data full --train-size 1000 --epochs 100 \
      --seed "$seed" --eval-every 100 --out "$out"
  done
done
python3 scripts/summarize-runs.py runs/table
