#!/usr/bin/env bash
# Install what the browser tests need from Debian's own packages: headless Chromium and a
# small CJK font (Chinese renders as boxes without one). Idempotent: when both are already
# present it does nothing, not even `apt-get update`. Run as root (CI and the dev machines
# are); it fails loudly when it cannot install them. It never downloads a browser build of
# its own: Playwright drives /usr/bin/chromium and `playwright install` is never run.
set -euo pipefail

packages=(chromium fonts-wqy-microhei)

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -eq 0 ] && [ -x /usr/bin/chromium ]; then
  echo "install-browser-deps: chromium and fonts-wqy-microhei already installed"
  exit 0
fi
[ "${#missing[@]}" -eq 0 ] && missing=(chromium)

if [ "$(id -u)" -ne 0 ]; then
  echo "install-browser-deps: ERROR: need root to install: ${missing[*]}" >&2
  echo "install-browser-deps: run: sudo $0" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# Update the package lists only when they are missing or when the install cannot find a package.
if ! ls /var/lib/apt/lists/*_Packages >/dev/null 2>&1 \
  || ! apt-get install -y --no-install-recommends "${missing[@]}"; then
  echo "install-browser-deps: apt-get update"
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
fi

if [ ! -x /usr/bin/chromium ]; then
  echo "install-browser-deps: ERROR: /usr/bin/chromium missing after install" >&2
  exit 1
fi
if ! fc-list :lang=zh family | grep -qi "WenQuanYi"; then
  echo "install-browser-deps: ERROR: the WenQuanYi Micro Hei font is not visible to fontconfig" >&2
  exit 1
fi
echo "install-browser-deps: installed ${missing[*]}; $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
