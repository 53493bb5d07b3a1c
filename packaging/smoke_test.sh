#!/usr/bin/env bash
# Smoke test of the frozen app and its packages (make package-test). Installs the Debian
# tools it needs. Prints sizes and start-up times for the release notes.
set -euo pipefail
cd "$(dirname "$0")/.."
BUNDLE=dist/efficientnet-desktop
DEB=$(ls dist/efficientnet-desktop_*.deb)
TARBALL=$(ls dist/efficientnet-desktop-*-linux-*.tar.gz)
PHOTO=$(.venv/bin/python -c "import sklearn.datasets, pathlib; print(pathlib.Path(sklearn.datasets.__file__).parent / 'images' / 'china.jpg')")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export EFFNET_CACHE_DIR="$WORK/cache" QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$WORK/config" \
  XDG_STATE_HOME="$WORK/state" XDG_CACHE_HOME="$WORK/xdg-cache"

need() { command -v "$1" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }
need desktop-file-validate desktop-file-utils
need appstreamcli appstream
need makensis nsis

step() { printf '\n== %s\n' "$*"; }

step "console executable classifies a real photo with Lite0, offline"
"$BUNDLE/effnet" classify --model lite0 --json "$PHOTO" > "$WORK/result.json"
python3 - "$WORK/result.json" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))["results"][0]
assert result["top"][0]["label"] == "palace", result
assert result["engine"] == "onnx", result  # the built-in graph and Lite0's weights: no torch
print("top-1:", result["top"][0]["label"], f"{result['top'][0]['probability']:.1%}", "engine:", result["engine"])
PY

step "windowed executable shows its window, classifies, and quits on request"
LOG="$WORK/state/EfficientNet Desktop/log/effnet.log"
started=$(date +%s.%N)
"$BUNDLE/efficientnet-desktop" "$PHOTO" &
APP=$!
for _ in $(seq 1 600); do grep -q "first result" "$LOG" 2>/dev/null && break; sleep 0.1; done
grep -q "first result" "$LOG" || { echo "no result from the window"; kill $APP; exit 1; }
kill -TERM $APP
wait $APP && echo "quit cleanly (exit 0)"
python3 - "$LOG" "$started" <<'PY'
import datetime, sys
log, started = sys.argv[1], float(sys.argv[2])
def at(needle):
    line = next(l for l in open(log) if needle in l)
    stamp = datetime.datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S,%f")
    return stamp.timestamp() - started
print(f"launch to window: {at('window shown'):.2f} s, to first Lite0 result: {at('first result'):.2f} s")
PY
grep -q "Traceback" "$LOG" && { echo "a traceback in the log"; exit 1; } || true

step ".deb metadata, dependencies and contents"
dpkg-deb --info "$DEB" | sed -n '1,20p'
apt-get install --simulate "./$DEB" | tail -n 3
dpkg-deb -x "$DEB" "$WORK/deb"
"$WORK/deb/opt/efficientnet-desktop/effnet" classify --model lite0 "$PHOTO" | head -n 4
desktop-file-validate "$WORK/deb/usr/share/applications/io.github.efficientnet_desktop.desktop"
appstreamcli validate --no-net --pedantic "$WORK/deb/usr/share/metainfo/io.github.efficientnet_desktop.metainfo.xml"

step "portable tarball keeps weights beside the app"
tar -tzf "$TARBALL" > "$WORK/tarball.txt"  # (not piped into grep -q: SIGPIPE under pipefail)
grep -q "efficientnet-desktop/model_cache/README.md" "$WORK/tarball.txt"
tar -xzf "$TARBALL" -C "$WORK"
env -u EFFNET_CACHE_DIR "$WORK/efficientnet-desktop/effnet" weights path | grep -q "$WORK/efficientnet-desktop/model_cache"
echo "cache: $(env -u EFFNET_CACHE_DIR "$WORK/efficientnet-desktop/effnet" weights path)"

step "Windows installer script compiles (NSIS, against a stand-in bundle)"
mkdir -p "$WORK/nsis-bundle"
echo "stand-in" > "$WORK/nsis-bundle/efficientnet-desktop.exe"
(cd packaging/windows && makensis -V2 -DBUNDLE="$WORK/nsis-bundle" -DOUTFILE="$WORK/EfficientNet-Desktop-check.exe" effnet.nsi)
test -s "$WORK/EfficientNet-Desktop-check.exe"

step "sizes"
du -sh "$BUNDLE" "$DEB" "$TARBALL"
