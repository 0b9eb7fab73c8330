#!/usr/bin/env bash
# Make sure a Chromium answers for the tests marked `browser` (Playwright drives it; no browser is downloaded).
# Uses TOUSU_CHROMIUM when set, otherwise /usr/bin/chromium; missing, as root, installs Debian's chromium.
set -euo pipefail
browser="${TOUSU_CHROMIUM:-/usr/bin/chromium}"

if [ -x "$browser" ]; then
  echo "Chromium at $browser: $("$browser" --version 2>/dev/null || echo 'version unknown')"
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "No Chromium at $browser, and installing Debian's needs root." >&2
  echo "Install the chromium package or set TOUSU_CHROMIUM, then run the tests again." >&2
  exit 1
fi
echo "Installing Debian's chromium ..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
"$browser" --version
