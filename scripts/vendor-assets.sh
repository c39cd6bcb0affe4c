#!/usr/bin/env bash
# Puts the web cockpit's third-party browser assets (Apache ECharts) into the package, from the
# npm registry, so the cockpit works offline. They are not committed (see .gitignore).
set -euo pipefail
cd "$(dirname "$0")/.."
ECHARTS_VERSION=5.6.0
dest=plancockpit/web/static/vendor
[ -s "$dest/echarts.min.js" ] && exit 0
command -v npm >/dev/null || { echo "vendor-assets: npm is needed (apt-get install npm)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "echarts@$ECHARTS_VERSION" >/dev/null && tar xzf echarts-*.tgz)
mkdir -p "$dest"
cp "$tmp/package/dist/echarts.min.js" "$tmp/package/LICENSE" "$dest/"
mv "$dest/LICENSE" "$dest/ECHARTS-LICENSE"
echo "vendor-assets: Apache ECharts $ECHARTS_VERSION in $dest"
