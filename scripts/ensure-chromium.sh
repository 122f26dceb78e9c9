#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (never a downloaded browser): the e2e suite its headless
# shell (playwright.config.ts), the benchmarks and the icon script the full browser. They read
# printed PDFs with Debian's poppler-utils (pdftotext). Install what is missing.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
PACKAGES=()
[ -x "$CHROMIUM" ] || PACKAGES+=(chromium)
[ -x "${E2E_CHROMIUM_PATH:-/usr/bin/chromium-headless-shell}" ] || PACKAGES+=(chromium-headless-shell)
command -v pdftotext >/dev/null || PACKAGES+=(poppler-utils)
if [ ${#PACKAGES[@]} -eq 0 ]; then exit 0; fi
echo "Installing Debian packages for the browser tests: ${PACKAGES[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${PACKAGES[@]}" >/dev/null
