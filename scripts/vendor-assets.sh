#!/usr/bin/env bash
# Puts the third-party browser assets into place from the npm registry, so nothing is loaded
# from a CDN and the tests run offline: Apache ECharts into the package (the cockpit's charts)
# and axe-core into tests/web/vendor (the accessibility checks of the browser tests; never
# served by the app). They are not committed (see .gitignore).
set -euo pipefail
cd "$(dirname "$0")/.."
ECHARTS_VERSION=5.6.0
AXE_VERSION=4.10.2
# sha512 of the axe-core@$AXE_VERSION tarball: the npm registry's dist.integrity
# (sha512-RE3mdQ7P…tEI0w==) in hex; npm pack checks the registry's value too
AXE_SHA512=444de6750ecfdc54527bb7aa096a1e43f67d417aed9e24a3a75c148ede67442dd6229cf9ad20af7baa377ec676682a49b6b663499823c170284cee64e2d108d3
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
  got=$(sha512sum "$tmp"/axe-core-*.tgz | cut -d' ' -f1)
  if [ "$got" != "$AXE_SHA512" ]; then
    echo "vendor-assets: axe-core $AXE_VERSION sha512 $got is not the pinned $AXE_SHA512" >&2
    rm -rf "$tmp"; exit 1
  fi
  (cd "$tmp" && tar xzf axe-core-*.tgz)
  mkdir -p "$axe_dest"
  cp "$tmp/package/axe.min.js" "$axe_dest/"
  cp "$tmp/package/LICENSE" "$axe_dest/AXE-LICENSE"
  rm -rf "$tmp"
  echo "vendor-assets: axe-core $AXE_VERSION in $axe_dest"
fi
