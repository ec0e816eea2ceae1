"""A throwaway PostgreSQL server for the tests of distributed studies (session-scoped).

``make test`` installs Debian's postgresql package when it is missing
(scripts/ensure_postgres.sh); here a cluster is created with initdb in a temporary folder,
started with pg_ctl on 127.0.0.1 at a free port (its unix socket in that folder too), and
stopped and deleted at the end. initdb refuses to run as root, so as root the cluster belongs
to the ``postgres`` OS user. Tests that need it skip, saying why, only where PostgreSQL is
not installed at all.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


def _bin_dir() -> Path | None:
    found = shutil.which("initdb")
    candidates = [found] if found else []
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    for initdb in candidates:
        folder = Path(os.path.realpath(initdb)).parent
        if (folder / "pg_ctl").exists():
            return folder
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """``postgresql://lstm:PASSWORD@127.0.0.1:PORT/tune`` of a fresh, empty database: the
    documented URL form, which SQLAlchemy 2 opens with psycopg (3), the ``postgres`` extra."""
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install .[postgres])")
    folder = _bin_dir()
    if folder is None:
        pytest.skip(
            "PostgreSQL is not installed (no initdb on PATH or in /usr/lib/postgresql/*/bin) "
            "and could not be: run `make test` as root or with sudo to apt-get install it."
        )
    root = Path(tempfile.mkdtemp(prefix="lstm-doctor-pg-"))
    prefix: list[str] = []
    if os.geteuid() == 0:  # initdb refuses root: the cluster belongs to the postgres user
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(root, ignore_errors=True)
            pytest.skip("running as root and there is no 'postgres' user to own the cluster")
        os.chown(root, user.pw_uid, user.pw_gid)
        runuser = shutil.which("runuser")
        prefix = [runuser, "-u", "postgres", "--"] if runuser else ["su", "postgres", "-c"]
    data, log, port = root / "data", root / "server.log", _free_port()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [str(a) for a in args]
        su = prefix[:1] == ["su"]  # su takes the command as one string
        command = [*prefix, " ".join(command)] if su else [*prefix, *command]
        return subprocess.run(command, capture_output=True, text=True, timeout=120)

    password = "doc-pw"  # checked: the server asks for it (scram-sha-256), as a real one does
    pwfile = root / "pwfile"
    pwfile.write_text(password + "\n")
    if prefix:
        os.chown(pwfile, user.pw_uid, user.pw_gid)
    done = run(folder / "initdb", "-D", data, "-A", "scram-sha-256", "--pwfile", pwfile,
               "-U", "lstm", "-E", "UTF8")  # fmt: skip
    if done.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"initdb failed: {done.stderr or done.stdout}")
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c max_connections=200"
    done = run(folder / "pg_ctl", "-D", data, "-l", log, "-o", options, "-w", "start")
    if done.returncode != 0:
        text = log.read_text() if log.exists() else ""
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"pg_ctl start failed: {done.stderr or done.stdout} {text}")
    try:
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=port, user="lstm", password=password, dbname="postgres",
            autocommit=True,
        ) as connection:  # fmt: skip
            connection.execute("CREATE DATABASE tune")
        yield f"postgresql://lstm:{password}@127.0.0.1:{port}/tune"
    finally:
        run(folder / "pg_ctl", "-D", data, "-m", "fast", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)
