#!/usr/bin/env bash
# Install the Java runtime the ledger's Spark engine and its test need, from Debian's own
# packages: openjdk-17-jre-headless. Idempotent: when it is already installed and `java`
# runs, it does nothing, not even `apt-get update`. Run as root (CI and the dev machines
# are); it fails loudly when it cannot install it. It never downloads a JDK build of its own.
set -euo pipefail

package=openjdk-17-jre-headless

if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
  && command -v java >/dev/null 2>&1; then
  echo "install-java: $package already installed"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-java: ERROR: need root to install: $package" >&2
  echo "install-java: run: sudo $0" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# Update the package lists only when they are missing or when the install cannot find the package.
if ! ls /var/lib/apt/lists/*_Packages >/dev/null 2>&1 \
  || ! apt-get install -y --no-install-recommends "$package"; then
  echo "install-java: apt-get update"
  apt-get update
  apt-get install -y --no-install-recommends "$package"
fi

if ! command -v java >/dev/null 2>&1; then
  echo "install-java: ERROR: java missing after installing $package" >&2
  exit 1
fi
echo "install-java: installed $package; $(java -version 2>&1 | head -n 1)"
