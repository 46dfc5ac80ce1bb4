#!/usr/bin/env bash
# One command for a machine with a supported NVIDIA GPU: compute capability 3.7 to 8.6 (the bundled ND4J
# CUDA 11.6 natives hold no code for 9.0 and newer), a driver for CUDA 11.x, and the CUDA 11.6 libraries
# (cuBLAS, cuSOLVER, cuSPARSE, cudart) on the library path or the org.bytedeco:cuda redist jars.
#
#   scripts/gpu-check.sh            (writes runs/gpu-check-<time>/; OUT=dir to choose)
#   DRY_RUN=1 scripts/gpu-check.sh  (no GPU: every "GPU" run on the CPU, default build; checks the script)
#   BENCH_ARGS="--exercises teacher,q1 --no-epoch" scripts/gpu-check.sh   (passed to every bench)
#
# 1. builds with -Pcuda and prints the device TransferLab chose (exits 1 with its one-sentence reason if
#    the GPU cannot be used);
# 2. parity CPU vs GPU: the same 20 training steps (embedded data, batch 32, seed 5) on the CPU with the
#    Java kernels and on the GPU with the ND4J kernels and with the Java kernels (the latter checks that host
#    writes reach the device): cnn-large at lr 1e-4 and cnn-small A1 (KD+AT) at lr 1e-3, per-step losses
#    within 1e-4 relative (the CPU test KernelParityTrainingTest holds the kernels to the same);
# 3. bench on both: CPU/java, GPU/nd4j, GPU/java;
# 4. memory over 200+ training steps on the GPU (q2, batch 128, 237 steps): device memory of the process
#    (nvidia-smi) and resident memory, sampled twice a second, must stay flat (the last samples at most 10 %
#    + 64 MB above those a quarter of the way in, once set-up and warm-up are over).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-runs/gpu-check-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$out"
jar=target/transferlab.jar
cpu=(java -Dtransferlab.backend=cpu -jar "$jar")
gpu=(java -jar "$jar")
read -r -a bench_args <<<"${BENCH_ARGS:-}"
failed=0
dry=${DRY_RUN:-0}

echo "== machine"
if command -v nvidia-smi >/dev/null; then
  nvidia-smi --query-gpu=name,compute_cap,driver_version,memory.total --format=csv,noheader 2>/dev/null \
    || nvidia-smi -L
else
  echo "nvidia-smi not found: no NVIDIA driver?"
fi

if [ "$dry" = 1 ]; then
  echo "== build (dry run: default CPU build)"
  mvn -q -B -DskipTests package
else
  echo "== build (mvn -Pcuda package)"
  mvn -q -B -Pcuda -DskipTests package
fi

echo "== device"
probe=$("${gpu[@]}" bench --exercises q1 --steps 1 --warmup 1 --no-epoch 2>&1 | grep -E '^(backend|note):' || true)
echo "$probe"
if [ "$dry" != 1 ] && ! grep -q '^backend: CUDA' <<<"$probe"; then
  echo "TransferLab does not use the GPU here (see the note above); nothing more to check on it." >&2
  exit 1
fi

echo "== parity CPU vs GPU, 20 steps"
# losses of the first 20 steps of a run folder's metrics.csv, one per line
losses() { awk -F, '$1 == "step" && n < 20 { print $7; n++ }' "$1/metrics.csv"; }
train20() { # DIR EXERCISE LR KERNELS -- java command...
  local dir=$1 ex=$2 lr=$3 kernels=$4; shift 5
  local size=640 student=()
  [ "$ex" = teacher ] || student=(--student cnn-small)
  "$@" train --kernels "$kernels" --exercise "$ex" "${student[@]}" --data embedded --train-size $size --batch 32 --epochs 1 \
    --lr "$lr" --seed 5 --eval-every 1 --out "$dir" >"$dir.log" 2>&1 || { echo "run failed: $dir.log" >&2; return 1; }
}
compare() { # NAME A B
  paste -d' ' <(losses "$2") <(losses "$3") | awk -v name="$1" '
    { d = ($1 - $2) / $1; if (d < 0) d = -d; if (d > worst) worst = d; n++ }
    END { ok = n == 20 && worst <= 1e-4; printf "%-40s %2d steps, max relative difference %.2e  %s\n", name, n, worst, ok ? "ok" : "FAIL"; exit !ok }'
}
for cfg in "teacher 1e-4" "a1 1e-3"; do
  set -- $cfg
  ex=$1 lr=$2
  train20 "$out/parity-$ex-cpu-java" "$ex" "$lr" java -- "${cpu[@]}"
  train20 "$out/parity-$ex-gpu-nd4j" "$ex" "$lr" nd4j -- "${gpu[@]}"
  train20 "$out/parity-$ex-gpu-java" "$ex" "$lr" java -- "${gpu[@]}"
  compare "$ex lr $lr: CPU/java vs GPU/nd4j" "$out/parity-$ex-cpu-java" "$out/parity-$ex-gpu-nd4j" || failed=1
  compare "$ex lr $lr: CPU/java vs GPU/java" "$out/parity-$ex-cpu-java" "$out/parity-$ex-gpu-java" || failed=1
done

echo "== bench"
for run in "cpu java" "gpu nd4j" "gpu java"; do
  set -- $run
  if [ "$1" = cpu ]; then cmd=("${cpu[@]}"); else cmd=("${gpu[@]}"); fi
  echo "-- $1, kernels $2"
  "${cmd[@]}" bench --kernels "$2" "${bench_args[@]}" | tee "$out/bench-$1-$2.txt"
done

echo "== memory over 237 training steps on the GPU (q2, batch 128)"
"${gpu[@]}" train --exercise q2 --data embedded --train-size 10000 --batch 128 --epochs 3 --eval-every 3 \
  --seed 1 --out "$out/memory-run" >"$out/memory-run.log" 2>&1 &
pid=$!
: >"$out/memory.csv"
while kill -0 "$pid" 2>/dev/null; do
  dev=$( { nvidia-smi --query-compute-apps=pid,used_memory --format=csv,noheader,nounits 2>/dev/null || true; } \
    | awk -F', *' -v p="$pid" '$1 == p { print $2 }')
  rss=$(awk '/^VmRSS/ { print int($2 / 1024) }' "/proc/$pid/status" 2>/dev/null || true)
  [ -n "$rss" ] && echo "$(date +%s.%N),${dev:-0},$rss" >>"$out/memory.csv"
  sleep 0.5
done
wait "$pid" || { echo "the memory run failed: $out/memory-run.log" >&2; failed=1; }
steps=$(awk -F, '$1 == "step"' "$out/memory-run/metrics.csv" 2>/dev/null | wc -l)
awk -F, -v steps="$steps" '
  { t[NR] = $1; dev[NR] = $2; rss[NR] = $3 }
  function peak(a, from, to,   m, i) { m = 0; for (i = from; i <= to; i++) if (a[i] > m) m = a[i]; return m }
  END {
    n = NR; q = int(n / 4); if (q < 1) q = 1
    if (n < 8) { printf "only %d samples: run too short to judge\n", n; exit 1 }
    d0 = peak(dev, q, q + 2); d1 = peak(dev, n - 2, n); r0 = peak(rss, q, q + 2); r1 = peak(rss, n - 2, n)
    ok = d1 <= d0 * 1.1 + 64 && r1 <= r0 * 1.1 + 64
    printf "%d steps, %d samples: device memory %d -> %d MB, resident %d -> %d MB  %s\n", steps, n, d0, d1, r0, r1, ok ? "flat" : "GROWING"
    exit !ok
  }' "$out/memory.csv" || failed=1

echo "== results in $out"
[ "$failed" = 0 ] && echo "all checks passed" || { echo "some checks FAILED (see above)"; exit 1; }
