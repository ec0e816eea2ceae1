#!/usr/bin/env bash
# Make sure a headless Chromium is installed for the real-browser test of the HTML report:
# tests/reporting/test_browser.py loads a report, takes a screenshot and reads the DOM.
# Installs Debian's `chromium` package when it is missing. Never fails the build: where
# Chromium cannot be installed, that test skips and says why.
set -u

found() {
    command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
        || command -v google-chrome >/dev/null 2>&1
}

found && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "note: Chromium is not installed and there is no apt-get; the browser test will skip." >&2
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if ! sudo -n true 2>/dev/null; then
        echo "note: Chromium is not installed (need root or sudo to apt-get install" \
             "chromium); the browser test will skip." >&2
        exit 0
    fi
    SUDO="sudo -n"
fi
echo "Installing Chromium (Debian package chromium) for the report's browser test..." >&2
install() {
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        chromium >/dev/null
}
install || { $SUDO apt-get update -q >/dev/null && install; } \
    || echo "warning: apt-get install chromium failed; the browser test will skip." >&2
found || echo "warning: Chromium is still missing; the browser test will skip." >&2
exit 0
