#!/usr/bin/env bash
# Sets up what the tests need on a fresh Debian machine, then runs them: python -m pytest "$@".
# The README's test command and .ci/run both call this script.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-$(command -v python3 || command -v python)}"

# Debian packages, installed only when missing:
# - libgs-common: Ghostscript's CMYK ICC profile, embedded by the print-shop format;
# - chromium: the browser the web page's end-to-end tests drive (tests/test_web_browser.py);
#   Playwright's own browser download does not work on these machines;
# - libharfbuzz-subset0: WeasyPrint subsets fonts with HarfBuzz (fast, and no dates in the
#   subsets) instead of fontTools. Looked for as WeasyPrint finds it (leafletgen/sharedlibs.py).
missing=()
[ -f /usr/share/color/icc/ghostscript/default_cmyk.icc ] || missing+=(libgs-common)
[ -x /usr/bin/chromium ] || missing+=(chromium)
"$PYTHON" -c 'import sys; from leafletgen.sharedlibs import find_library
sys.exit(find_library("harfbuzz-subset") is None)' || missing+=(libharfbuzz-subset0)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing Debian packages: ${missing[*]}" >&2
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

"$PYTHON" -m pip install --quiet --disable-pip-version-check -e ".[test]"
exec "$PYTHON" -m pytest "$@"
