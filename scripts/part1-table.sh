#!/usr/bin/env bash
# Produces the README's part-1 results table: students (cnn-small, 1000 training images, 100 epochs, the
# methods' default settings: KD T=4, alpha=0.5; tutorial AT with beta=1; FitNets group2<-group2, lambda=1,
# joint; RKD on the embeddings, weights 25 and 50) over seeds 0, 1, 2, on the FULL Fashion-MNIST test set,
# with the shipped cnn-large teacher. Needs the full data (Debian package dataset-fashion-mnist, or
# 'transferlab download fashion-mnist').
# Usage: scripts/part1-table.sh [methods...]   (default: ce kd at kd,at fitnets rkd kd,rkd; ce = Q1,
#        kd = Q2, at = Q3, kd,at = A1); runs go to runs/table/
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/transferlab.jar ] || mvn -q -B -DskipTests package
methods=${*:-ce kd at kd,at fitnets rkd kd,rkd}
for m in $methods; do
  for seed in 0 1 2; do
    out=runs/table/${m//,/+}-seed$seed
    [ -f "$out/summary.json" ] && grep -q '"completed"' "$out/summary.json" && continue
    java -jar "${JAR:-target/transferlab.jar}" train --method "$m" --data full --train-size 1000 --epochs 100 \
      --seed "$seed" --eval-every 100 --out "$out"
  done
done
python3 scripts/summarize-runs.py runs/table
