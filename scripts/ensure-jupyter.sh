#!/usr/bin/env bash
# Jupyter's nbconvert and client from Debian, installed when missing (what the notebooks test needs to execute
# notebooks/*.ipynb on the TransferLab kernel). Nothing happens where `jupyter nbconvert` already works.
set -euo pipefail
if jupyter nbconvert --version >/dev/null 2>&1 && /usr/bin/python3 -c 'import jupyter_client, nbclient' 2>/dev/null; then
    echo "Jupyter: nbconvert $(jupyter nbconvert --version) is installed"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "Jupyter is not installed and this is not a Debian-like system: install jupyter-nbconvert and" \
         "jupyter-client (e.g. python3 -m pip install nbconvert jupyter-client); the notebooks test needs them" >&2
    exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "Jupyter: installing Debian's jupyter-nbconvert and python3-jupyter-client"
t0=$(date +%s)
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    jupyter-nbconvert python3-jupyter-client python3-nbclient >/dev/null
echo "Jupyter: nbconvert $(jupyter nbconvert --version) installed in $(( $(date +%s) - t0 )) s"
