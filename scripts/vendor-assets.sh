#!/usr/bin/env bash
# Puts the third-party browser assets into place from the npm registry, so nothing is loaded
# from a CDN and the tests run offline: Apache ECharts into the package (the cockpit's charts)
# and axe-core into tests/web/vendor (the accessibility checks of the browser tests; never
# served by the app). They are not committed (see .gitignore).
set -euo pipefail
cd "$(dirname "$0")/.."
ECHARTS_VERSION=5.6.0
AXE_VERSION=4.10.2
# the npm registry's dist.integrity of axe-core@$AXE_VERSION (npm pack checks it too)
AXE_INTEGRITY=sha512-RE3mdQ7P3FRSe7eqCWoeQ/Z9QXrtniSjp1wUjt5nRC3WIpz5rSCve6o3fsZ2aCpJtrZjSZgjwXAoTO5k4tEI0w==
dest=plancockpit/web/static/vendor
axe_dest=tests/web/vendor

need_npm() {
  command -v npm >/dev/null || { echo "vendor-assets: npm is needed (apt-get install npm)" >&2; exit 1; }
}

if [ ! -s "$dest/echarts.min.js" ]; then
  need_npm
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "echarts@$ECHARTS_VERSION" >/dev/null && tar xzf echarts-*.tgz)
  mkdir -p "$dest"
  cp "$tmp/package/dist/echarts.min.js" "$tmp/package/LICENSE" "$dest/"
  mv "$dest/LICENSE" "$dest/ECHARTS-LICENSE"
  rm -rf "$tmp"
  echo "vendor-assets: Apache ECharts $ECHARTS_VERSION in $dest"
fi

if [ ! -s "$axe_dest/axe.min.js" ] || ! grep -q "axe v$AXE_VERSION" "$axe_dest/axe.min.js"; then
  need_npm
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "axe-core@$AXE_VERSION" >/dev/null)
  got="sha512-$(openssl dgst -sha512 -binary "$tmp"/axe-core-*.tgz | base64 -w0)"
  if [ "$got" != "$AXE_INTEGRITY" ]; then
    echo "vendor-assets: axe-core $AXE_VERSION checksum $got is not the pinned $AXE_INTEGRITY" >&2
    rm -rf "$tmp"; exit 1
  fi
  (cd "$tmp" && tar xzf axe-core-*.tgz)
  mkdir -p "$axe_dest"
  cp "$tmp/package/axe.min.js" "$axe_dest/"
  cp "$tmp/package/LICENSE" "$axe_dest/AXE-LICENSE"
  rm -rf "$tmp"
  echo "vendor-assets: axe-core $AXE_VERSION in $axe_dest"
fi
