#!/usr/bin/env sh
# What the tests need from the system, from Debian's packages, installed when missing and we may use apt:
# Chromium for the browser tests (driven by playwright-core, no browser download), ffmpeg/ffprobe for the
# DAM's video and audio, poppler's pdfinfo/pdftoppm for its PDFs. Otherwise says what to do.
set -e
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=""
[ -x "$CHROMIUM" ] || missing="$missing chromium"
command -v ffmpeg >/dev/null 2>&1 || missing="$missing ffmpeg"
command -v pdftoppm >/dev/null 2>&1 || missing="$missing poppler-utils"
[ -z "$missing" ] && exit 0
if command -v apt-get >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  echo "Installing what the tests need:$missing (apt-get install)…"
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
  exit 0
fi
echo "The tests need:$missing (Chromium at $CHROMIUM, or set CHROMIUM_PATH)." >&2
exit 1
