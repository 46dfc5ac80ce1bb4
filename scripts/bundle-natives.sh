#!/usr/bin/env bash
# Lists, per platform, the native libraries inside the all-platforms bundle (ND4J, OpenBLAS, JavaCPP, JavaFX).
#   scripts/bundle-natives.sh [target/transferlab-VERSION-all-platforms.zip]
set -euo pipefail
zip=${1:-$(ls target/transferlab-*-all-platforms.zip | head -n 1)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unzip -q "$zip" -d "$work"
root=$(ls -d "$work"/transferlab-*)
echo "bundle: $zip ($(du -m "$zip" | cut -f1) MB zipped, $(du -sm "$root" | cut -f1) MB unzipped)"
for platform in linux-x86_64 linux-arm64 macosx-x86_64 macosx-arm64 windows-x86_64; do
    echo "== $platform"
    case $platform in
        linux-x86_64) fx=linux ;; linux-arm64) fx=linux-aarch64 ;; macosx-x86_64) fx=mac ;;
        macosx-arm64) fx=mac-aarch64 ;; windows-x86_64) fx=win ;;
    esac
    for jar in "$root"/lib/*-"$platform"*.jar "$root"/lib/javafx/"$platform"/*.jar; do
        [ -e "$jar" ] || continue
        unzip -l "$jar" | awk -v j="$(basename "$jar")" '$4 ~ /\.(so(\.[0-9]+)*|dylib|dll)$/ {
            n = split($4, p, "/")
            if (p[n] ~ /^api-ms-win-/) { stubs++; next } # the Universal C runtime forwarders, tiny
            printf "  %-54s %-32s %7.1f MB\n", j, p[n], $1 / 1048576 }
            END { if (stubs) printf "  %-54s %-32s\n", j, "+ " stubs " api-ms-win-*.dll (C runtime forwarders)" }'
    done
done
