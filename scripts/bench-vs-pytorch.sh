#!/usr/bin/env bash
# Runs TransferLab's training benchmark and the PyTorch reference (../shared/bench/torch_reference.py) back
# to back on this machine, ROUNDS times, and prints per configuration TransferLab's steps/s divided by
# PyTorch's from the same round. Needs Debian's python3-torch (apt-get install -y python3-torch).
# Usage: scripts/bench-vs-pytorch.sh [ROUNDS]     (default 2; run on an otherwise idle machine)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-2}
reference=${TORCH_REFERENCE:-../shared/bench/torch_reference.py}
python=/usr/bin/python3
[ -f target/transferlab.jar ] || mvn -q -B -DskipTests package
$python -c 'import torch' 2>/dev/null || { echo "PyTorch missing: apt-get install -y python3-torch" >&2; exit 2; }
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(date -u +%F)"
for r in $(seq "$rounds"); do
  tl=$(java -jar target/transferlab.jar bench --steps 20)
  pt=$($python "$reference" --steps 20 --threads 2 --batch 128)
  echo "round $r: $(echo "$tl" | head -1)"
  printf '%-18s %12s %12s %8s\n' configuration TransferLab PyTorch ratio
  for c in teacher student-baseline student-kd student-at student-kd-at; do
    a=$(echo "$tl" | awk -v c="$c" '$1==c {print $3}')
    b=$(echo "$pt" | awk -v c="$c" '$1==c {print $4}')
    printf '%-18s %12s %12s %8s\n' "$c" "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN{ if (b>0) printf "%.2f", a/b }')"
  done
done
