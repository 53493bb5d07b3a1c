#!/usr/bin/env bash
# Signs (when MACOS_SIGNING_IDENTITY is set), packs and notarises (when the Apple ID
# variables are set) "dist/EfficientNet Desktop.app" into a .dmg. Runs on macOS.
set -euo pipefail
cd "$(dirname "$0")/../.."
APP="dist/standard/EfficientNet Desktop.app"
VERSION=$(python -c "import app; print(app.__version__)")
DMG="dist/EfficientNet-Desktop-$VERSION-macos.dmg"
if [ -n "${MACOS_SIGNING_IDENTITY:-}" ]; then
  codesign --deep --force --options runtime --timestamp \
    --entitlements packaging/macos/entitlements.plist \
    --sign "$MACOS_SIGNING_IDENTITY" "$APP"
fi
STAGE=$(mktemp -d)
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
hdiutil create -volname "EfficientNet Desktop" -srcfolder "$STAGE" -ov -format UDZO "$DMG"
if [ -n "${MACOS_SIGNING_IDENTITY:-}" ]; then
  codesign --force --sign "$MACOS_SIGNING_IDENTITY" "$DMG"
fi
if [ -n "${APPLE_ID:-}" ] && [ -n "${APPLE_TEAM_ID:-}" ] && [ -n "${APPLE_APP_PASSWORD:-}" ]; then
  xcrun notarytool submit "$DMG" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
    --password "$APPLE_APP_PASSWORD" --wait
  xcrun stapler staple "$DMG"
fi
echo "$DMG"
