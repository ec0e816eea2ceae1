#!/usr/bin/env bash
# Make sure PostgreSQL's server programs (initdb, pg_ctl) are installed for the tests of
# distributed studies: tests/treatment/conftest.py starts a throwaway cluster with them.
# Installs Debian's `postgresql` package when they are missing. Never fails the build: where
# PostgreSQL cannot be installed, those tests skip and say why.
set -u

found() {
    command -v initdb >/dev/null 2>&1 || compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
}

found && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "note: PostgreSQL is not installed and there is no apt-get; its tests will skip." >&2
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if ! sudo -n true 2>/dev/null; then
        echo "note: PostgreSQL is not installed (need root or sudo to apt-get install" \
             "postgresql); its tests will skip." >&2
        exit 0
    fi
    SUDO="sudo -n"
fi
echo "Installing PostgreSQL (Debian package postgresql) for the distributed-study tests..." >&2
install() {
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        postgresql >/dev/null
}
install || { $SUDO apt-get update -q >/dev/null && install; } \
    || echo "warning: apt-get install postgresql failed; PostgreSQL tests will skip." >&2
found || echo "warning: PostgreSQL is still missing; PostgreSQL tests will skip." >&2
exit 0
