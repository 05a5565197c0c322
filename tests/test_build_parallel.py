"""A build that makes half of the claim words in a helper process gives the index a serial build gives."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from verifier.matching import claimwords
from verifier.matching.cache import StoredClaims
from verifier.matching.index import build_index


@pytest.fixture
def generated(monkeypatch):
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[1] / "bench"))
    from scale_data import generate

    data = generate(3000, 10, random.Random(3))
    return StoredClaims(data.blob, np.asarray(data.offsets))


def _words(index):
    """The claim words and the quote flags, the two columns a helper makes half of."""
    return index.words_blob, index.words_ptr.tolist(), index.quote_flags.tolist()


def test_the_helper_makes_the_same_words(generated, monkeypatch):
    serial = build_index(generated)
    monkeypatch.setattr(claimwords, "_PARALLEL_FROM", 100)
    if not claimwords.parallel_words(len(generated)):
        pytest.skip("no second core or no fork here")
    helped = build_index(generated)
    assert _words(helped) == _words(serial)
    assert helped.by_subject == serial.by_subject and helped.names == serial.names


def _failing(send, fields) -> None:
    raise SystemExit(3)


def test_a_helper_that_fails_leaves_the_words_to_the_build(generated, monkeypatch):
    serial = build_index(generated)
    monkeypatch.setattr(claimwords, "_PARALLEL_FROM", 100)
    if not claimwords.parallel_words(len(generated)):
        pytest.skip("no second core or no fork here")
    monkeypatch.setattr(claimwords, "_helper_main", _failing)  # exits without sending anything
    assert _words(build_index(generated)) == _words(serial)
