#!/usr/bin/env sh
# Browser tests drive Debian's Chromium through playwright-core (no browser download).
# Installs it when missing and we may use apt; otherwise says what to do.
set -e
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] && exit 0
if command -v apt-get >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  echo "Installing Chromium for the browser tests (apt-get install chromium)…"
  $SUDO apt-get update -qq >/dev/null && $SUDO apt-get install -y -qq chromium >/dev/null
  [ -x "$CHROMIUM" ] && exit 0
fi
echo "Browser tests need Chromium at $CHROMIUM (or set CHROMIUM_PATH)." >&2
exit 1
