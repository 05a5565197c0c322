"""Shared fixtures: small ledgers copied to a temporary folder, so tests may break them freely."""

from __future__ import annotations

import shutil
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
