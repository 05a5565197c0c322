"""Shared fixtures: small ledgers copied to a temporary folder, so tests may break them freely."""

from __future__ import annotations

import itertools
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

LEDGERS = Path(__file__).parent / "fixtures" / "ledgers"


@pytest.fixture
def tiny_ledger(tmp_path: Path) -> Callable[..., Path]:
    """A factory: `tiny_ledger()` copies tests/fixtures/ledgers/tiny (or another) and returns the copy."""

    def make(name: str = "tiny") -> Path:
        root = tmp_path / name
        shutil.copytree(LEDGERS / name, root)
        return root

    return make


@pytest.fixture(scope="session")
def _state_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("state")


@pytest.fixture(autouse=True)
def _private_state(_state_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache key (seal.py) in a folder of the test session, never the real ~/.local/state."""
    monkeypatch.setenv("XDG_STATE_HOME", str(_state_home))


def _zombie_children() -> list[str]:
    """This process's children that have exited and were never waited for, as "pid (name)"."""
    me, found = str(os.getpid()), []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                stat = Path(f"/proc/{pid}/stat").read_text()
            except OSError:  # gone meanwhile
                continue
            state, ppid = stat[stat.rindex(")") + 2 :].split()[:2]
            if state == "Z" and ppid == me:
                found.append(f"{pid} ({stat[stat.index('(') + 1 : stat.rindex(')')]})")
    return found


@pytest.fixture(autouse=True)
def _no_zombie_children():
    """A test (or its fixtures) must wait for the processes it starts: an unreaped child lingers as a
    zombie, and tools that walk processes (Ray, with psutil) may trip over it."""
    yield
    if sys.platform == "linux" and (left := _zombie_children()):
        pytest.fail(f"this test left child processes that were never waited for: {', '.join(left)}")


# ---------------------------------------------------------------- PostgreSQL


@pytest.fixture(scope="session")
def pg_cluster():
    """One throwaway PostgreSQL cluster for the session (tests/pgcluster.py). Without a server the
    PostgreSQL tests skip, saying why; under CI (CI=true) they fail instead: CI must run them."""
    import os

    import pgcluster

    why = pgcluster.unavailable()
    try:
        import psycopg  # noqa: F401
    except ImportError:
        why = why or "psycopg not installed (pip install -e '.[postgres]')"
    if why:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but PostgreSQL tests cannot run: {why}")
        pytest.skip(f"PostgreSQL unavailable: {why}")
    cluster = pgcluster.start()
    yield cluster
    cluster.stop()


_DATABASES = itertools.count()


@pytest.fixture
def pg_url(pg_cluster, request, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh, empty database of the session's cluster for one test, and a private index cache."""
    name = f"t{next(_DATABASES)}_" + "".join(c if c.isalnum() else "_" for c in request.node.name.lower())[:40]
    pg_cluster.psql(f"CREATE DATABASE {name}")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return pg_cluster.url(name)
