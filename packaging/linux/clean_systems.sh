#!/usr/bin/env bash
# Installs the standard .deb into minimal Debian 12 (bookworm) and 13 (trixie) systems made
# with debootstrap from Debian's own packages — `apt-get install ./…deb`, so its Depends
# must resolve there — then runs `effnet classify` and the window under Xvfb inside each.
# Needs root and debootstrap; `make package-test` runs it where both are, and says why not
# elsewhere.
#
#   packaging/linux/clean_systems.sh DEB PHOTO [SUITE...]
set -euo pipefail
DEB=$(realpath "$1"); PHOTO=$(realpath "$2"); shift 2
if [ $# -gt 0 ]; then SUITES=("$@"); else SUITES=(bookworm trixie); fi
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
if [ "$(id -u)" != 0 ] || ! command -v debootstrap >/dev/null || ! command -v chroot >/dev/null; then
  echo "clean systems: skipped (needs root, debootstrap and chroot)"
  exit 0
fi

run_in() {  # run_in ROOT COMMAND...: in the system, as a fresh user would (own HOME)
  local root=$1; shift
  chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/tmp/home LANG=C.UTF-8 "$@"
}

for suite in "${SUITES[@]}"; do
  root=$(mktemp -d "/tmp/effnet-$suite.XXXXXX")
  cleanup() {
    for mount in dev/pts dev proc sys; do umount -l "$root/$mount" 2>/dev/null || true; done
    rm -rf "$root" "$root.log" "$root.apt.log"
  }
  trap cleanup EXIT
  printf '\n== Debian %s: a minimal system from %s\n' "$suite" "$MIRROR"
  started=$(date +%s)
  debootstrap --variant=minbase "$suite" "$root" "$MIRROR" >"$root.log" 2>&1 ||
    { tail -20 "$root.log"; exit 1; }
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  for mount in proc sys dev dev/pts; do mount --bind "/$mount" "$root/$mount"; done
  cp "$DEB" "$PHOTO" "$root/tmp/"
  printf '== apt-get install ./%s (with xvfb and xauth, to look at the window)\n' "$(basename "$DEB")"
  run_in "$root" apt-get update -qq
  run_in "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "/tmp/$(basename "$DEB")" xvfb xauth >"$root.apt.log" 2>&1 || { tail -30 "$root.apt.log"; exit 1; }
  run_in "$root" dpkg-query -W -f '${Package} ${Version}\n' efficientnet-desktop
  printf '== effnet\n'
  run_in "$root" effnet --version
  run_in "$root" effnet classify "/tmp/$(basename "$PHOTO")" | tee "$root/tmp/answer.txt"
  grep -q palace "$root/tmp/answer.txt"
  printf '== the window under Xvfb classifies the photo\n'
  run_in "$root" mkdir -p /tmp/home
  run_in "$root" timeout 120 xvfb-run -a sh -c "efficientnet-desktop /tmp/$(basename "$PHOTO") & \
    app=\$!; for i in \$(seq 1 600); do grep -q 'first result' '/tmp/home/.local/state/EfficientNet Desktop/log/effnet.log' 2>/dev/null && break; sleep 0.1; done; \
    kill -TERM \$app; wait \$app"
  grep "first result" "$root/tmp/home/.local/state/EfficientNet Desktop/log/effnet.log"
  printf '== Debian %s: passed in %s s\n' "$suite" $(( $(date +%s) - started ))
  cleanup
  trap - EXIT
done
