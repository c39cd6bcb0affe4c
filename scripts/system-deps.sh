#!/usr/bin/env bash
# Installs the Debian packages the build needs when they are missing: Python's venv module, npm
# (for the cockpit's vendored chart library) and a CJK font (for the Word report's charts).
# Idempotent; needs root (or sudo) for apt.
set -euo pipefail
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

need=()
python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || need+=(python3-venv)
command -v npm >/dev/null || need+=(npm)
[ -d /usr/share/fonts/opentype/noto ] || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  echo "system-deps: installing ${need[*]} (Debian packages)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "system-deps: Python >= 3.11 is needed, found $(python3 --version)" >&2; exit 1; }
