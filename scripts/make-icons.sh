#!/usr/bin/env bash
# Draws TransferLab's icon (a large teacher network passing to a small student) and writes the formats the
# installers take: PNG (Linux, and the app's window icon), ICO (Windows), ICNS (macOS).
# Needs ImageMagick and png2icns (Debian: imagemagick, icnsutils). The outputs are committed; run again only
# to change the icon.
set -euo pipefail
cd "$(dirname "$0")/.."
png=src/main/resources/org/transferlab/ui/transferlab.png
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
/usr/bin/convert -size 512x512 xc:none \
  -fill '#1f4e79' -draw 'roundrectangle 16,16 496,496 96,96' \
  -stroke '#f2c14e' -strokewidth 26 -draw 'line 214,214 330,330' \
  -stroke none -fill '#f2c14e' -draw 'polygon 362,362 290,346 346,290' \
  -fill white -draw 'circle 170,170 170,62' \
  -fill '#1f4e79' -draw 'circle 130,150 130,134' -draw 'circle 210,150 210,134' -draw 'circle 170,205 170,189' \
  -fill white -draw 'circle 380,380 380,326' \
  -fill '#1f4e79' -draw 'circle 380,380 380,366' \
  "$tmp/icon-512.png"
/usr/bin/convert "$tmp/icon-512.png" -resize 256x256 "$png"
for s in 16 32 48 128 256; do /usr/bin/convert "$tmp/icon-512.png" -resize ${s}x${s} "$tmp/icon-$s.png"; done
/usr/bin/convert "$tmp"/icon-16.png "$tmp"/icon-32.png "$tmp"/icon-48.png "$tmp"/icon-256.png src/packaging/transferlab.ico
png2icns src/packaging/transferlab.icns "$tmp"/icon-16.png "$tmp"/icon-32.png "$tmp"/icon-48.png "$tmp"/icon-128.png "$tmp"/icon-256.png "$tmp"/icon-512.png >/dev/null
ls -l "$png" src/packaging/transferlab.ico src/packaging/transferlab.icns
