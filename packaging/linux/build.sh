#!/usr/bin/env bash
# Turns the PyInstaller folder dist/efficientnet-desktop into dist/*.deb and dist/*.tar.gz.
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=$(.venv/bin/python -c "import app; print(app.__version__)")
ARCH=$(dpkg --print-architecture)
BUNDLE=dist/efficientnet-desktop
APP_ID=io.github.efficientnet_desktop
[ -x "$BUNDLE/effnet" ] || { echo "no bundle in $BUNDLE: run the freeze first" >&2; exit 1; }

# .deb: the bundle in /opt, commands in /usr/bin, desktop entry, icons, AppStream metainfo.
ROOT=build/deb/root
rm -rf build/deb && mkdir -p "$ROOT/DEBIAN" "$ROOT/opt" "$ROOT/usr/bin" \
  "$ROOT/usr/share/applications" "$ROOT/usr/share/metainfo"
cp -al "$BUNDLE" "$ROOT/opt/efficientnet-desktop"  # hard links: gigabytes are not copied
ln -s /opt/efficientnet-desktop/effnet "$ROOT/usr/bin/effnet"
ln -s /opt/efficientnet-desktop/efficientnet-desktop "$ROOT/usr/bin/efficientnet-desktop"
cp packaging/linux/$APP_ID.desktop "$ROOT/usr/share/applications/"
cp packaging/linux/$APP_ID.metainfo.xml "$ROOT/usr/share/metainfo/"
for size in 16 24 32 48 64 128 256 512; do
  mkdir -p "$ROOT/usr/share/icons/hicolor/${size}x${size}/apps"
  cp resources/icons/effnet-$size.png "$ROOT/usr/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
mkdir -p "$ROOT/usr/share/icons/hicolor/scalable/apps"
cp resources/icons/effnet.svg "$ROOT/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg"
SIZE_KB=$(du -sk "$ROOT" | cut -f1)
cat > "$ROOT/DEBIAN/control" <<CONTROL
Package: efficientnet-desktop
Version: $VERSION
Architecture: $ARCH
Maintainer: EfficientNet Desktop developers <efficientnet-desktop@users.noreply.github.com>
Installed-Size: $SIZE_KB
Depends: libxcb-icccm4, libxcb-keysyms1, libxcb-cursor0, libxkbcommon-x11-0, libegl1, libgl1, libfontconfig1, libdbus-1-3
Section: graphics
Priority: optional
Homepage: https://github.com/efficientnet-desktop/efficientnet-desktop
Description: classify photos with EfficientNet on your own CPU or GPU
 Drop a photo on the window and see the top-5 ImageNet labels with a confidence
 chart. Compare EfficientNet B0-B7, V2 and Lite0 on your own hardware.
 EfficientNet-Lite0 is included and works offline.
CONTROL
# zstd: a fraction of xz's time on gigabytes of libraries (dpkg ≥ 1.21.18, apt in Debian 12+)
dpkg-deb --root-owner-group -Zzstd --build "$ROOT" "dist/efficientnet-desktop_${VERSION}_${ARCH}.deb"

# Portable tarball: an empty model_cache/ beside the app keeps downloaded weights there.
rm -rf build/portable && mkdir -p build/portable
cp -al "$BUNDLE" build/portable/efficientnet-desktop
mkdir -p build/portable/efficientnet-desktop/model_cache
cp model_cache/README.md build/portable/efficientnet-desktop/model_cache/
tar -C build/portable -czf "dist/efficientnet-desktop-${VERSION}-linux-${ARCH}.tar.gz" efficientnet-desktop
ls -la dist/*.deb dist/*.tar.gz
