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
