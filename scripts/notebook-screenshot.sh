#!/usr/bin/env bash
# A notebook open in Jupyter's web interface, photographed by headless Chromium (Debian's chromium and
# jupyter-notebook): the README's notebook screenshot.
#   scripts/notebook-screenshot.sh NOTEBOOK.ipynb OUT.png [ANCHOR] [WIDTHxHEIGHT]
# NOTEBOOK is shown as it is saved (execute it first: jupyter nbconvert --to notebook --execute --inplace);
# ANCHOR is a heading's id (e.g. "Q2-·-Knowledge-distillation") the page scrolls to. The TransferLab kernel
# must be installed where Jupyter finds it (kernel install, or JUPYTER_PATH): the page starts it, and the
# picture is taken once it is idle.
set -euo pipefail
nb="$(realpath "$1")"; out="$(realpath -m "$2")"; anchor="${3:-}"; size="${4:-1400x1000}"
for cmd in chromium jupyter-notebook; do
    command -v "$cmd" >/dev/null || { echo "$cmd is missing: apt install chromium jupyter-notebook" >&2; exit 1; }
done
tmp="$(mktemp -d)"; port=$(( 20000 + RANDOM % 20000 ))
/usr/bin/python3 -c "from nbformat.sign import TrustNotebookApp; TrustNotebookApp.launch_instance()" "$nb" >/dev/null 2>&1 || true  # its figures shown without "Not Trusted"
jupyter-notebook --no-browser --allow-root --ip 127.0.0.1 --port "$port" --NotebookApp.token='' \
    --NotebookApp.password='' --notebook-dir="$(dirname "$nb")" > "$tmp/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 60); do curl -s -o /dev/null "http://127.0.0.1:$port/api" && break; sleep 0.5; done
url="http://127.0.0.1:$port/notebooks/$(basename "$nb")${anchor:+#$anchor}"
shoot() {
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --user-data-dir="$tmp/chrome" --hide-scrollbars \
        --window-size="${size/x/,}" --virtual-time-budget=15000 --screenshot="$1" "$url" >/dev/null 2>&1
}
shoot "$tmp/first.png"   # opens the notebook: its kernel starts (a session Jupyter keeps for the next visit)
for _ in $(seq 60); do
    curl -s "http://127.0.0.1:$port/api/kernels" | grep -q '"execution_state": *"idle"' && break; sleep 1
done
shoot "$out"
echo "$out"
