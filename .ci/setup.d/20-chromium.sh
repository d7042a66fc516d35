# Sourced by .ci/run (as root, Debian): install Debian's Chromium for the browser tests
# (tests/web/test_browser.py drives /usr/bin/chromium through the playwright package, which
# brings its own driver; nothing is downloaded by Playwright itself). If the install fails the
# browser tests skip and say why; the rest of CI goes on.

_sumber_chromium_setup() {
  if [ -x /usr/bin/chromium ]; then
    echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo present)"
    return 0
  fi
  if [ "$(id -u)" != 0 ]; then
    echo "chromium: not root, cannot apt-get install chromium"
    return 1
  fi
  echo "chromium: installing Debian's chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null || return 1
  apt-get install -y -qq chromium >/dev/null || return 1
  echo "chromium: $(/usr/bin/chromium --version 2>/dev/null)"
}

if ! _sumber_chromium_setup; then
  echo "chromium: WARNING: could not install Chromium; tests marked 'browser' will be skipped"
fi
