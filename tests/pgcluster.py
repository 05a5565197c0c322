"""A throwaway PostgreSQL cluster for the tests (and `python tests/pgcluster.py` for a shell).

pytest-postgresql refuses to run as root and pgserver's bundle has no pg_trgm, so this starts
the machine's own server: initdb into a fresh folder, pg_ctl start on a free port with the
unix socket in that folder, one database, and at the end stop and remove. As root (CI, these
machines) initdb and pg_ctl run as the `postgres` user, who owns the folder; the server
itself refuses to run as root.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path


def server_bin() -> Path | None:
    """The folder of initdb and pg_ctl: the newest /usr/lib/postgresql/N/bin, else what PATH has."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def unavailable() -> str | None:
    """Why no cluster can be started here, or None when one can."""
    if server_bin() is None:
        return "PostgreSQL server not installed (apt-get install postgresql postgresql-contrib)"
    if os.geteuid() == 0:
        try:
            import pwd

            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no `postgres` user to run the server"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Cluster:
    folder: Path
    port: int
    bindir: Path

    @property
    def socket_dir(self) -> Path:
        return self.folder

    def url(self, database: str = "verifier") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def run(self, *args: str) -> subprocess.CompletedProcess:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=120)

    def psql(self, sql: str, database: str = "postgres") -> str:
        done = subprocess.run(
            ["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", str(self.socket_dir), "-p",
             str(self.port), "-U", "postgres", "-d", database, "-c", sql],
            capture_output=True, text=True, check=False, timeout=120,
        )  # fmt: skip
        if done.returncode:
            raise RuntimeError(f"psql: {done.stderr.strip()}")
        return done.stdout.strip()

    def stop(self) -> None:
        self.run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


def start(database: str = "verifier", *, durable: bool = False) -> Cluster:
    """A running cluster with `database` created; RuntimeError with the server's words on failure.
    Tests need no durability (fsync off: faster); a benchmark does (`durable`: the server's default)."""
    bindir = server_bin()
    if bindir is None:
        raise RuntimeError(unavailable())
    folder = Path(tempfile.mkdtemp(prefix="verifier-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    cluster = Cluster(folder, _free_port(), bindir)
    data = str(folder / "data")
    steps = [
        ("initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"),
        ("pg_ctl", "-D", data, "-l", str(folder / "log"), "-w", "-o",
         f"-p {cluster.port} -k {folder} -c listen_addresses=127.0.0.1" + ("" if durable else " -c fsync=off"),
         "start"),
    ]  # fmt: skip
    for step in steps:
        done = cluster.run(*step)
        if done.returncode:
            log = (folder / "log").read_text() if (folder / "log").exists() else ""
            shutil.rmtree(folder, ignore_errors=True)
            raise RuntimeError(f"{step[0]} failed: {done.stderr.strip() or done.stdout.strip()} {log}")
    cluster.psql(f"CREATE DATABASE {database}")
    return cluster


if __name__ == "__main__":  # python tests/pgcluster.py: start one, print its URL, stop on Enter
    running = start()
    print(running.url(), flush=True)
    try:
        sys.stdin.readline()
    finally:
        running.stop()
