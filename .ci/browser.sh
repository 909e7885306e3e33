#!/usr/bin/env bash
# Installs a headless browser for the web page tests (tests/web/test_browser.py): Debian's
# chromium and chromium-driver. Does nothing when both are already there; quiet otherwise.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "browser.sh: no apt-get here; install chromium and chromedriver yourself (the browser tests skip meanwhile)" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
echo "browser.sh: $(chromium --version 2>/dev/null || echo chromium) installed" >&2
