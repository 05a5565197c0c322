"""A stated role holding the whole claimed role and more is compatible, not contradicted; another
qualifier of the same title is a contradiction. Sentences written for the test."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from verifier.extraction.extract import extract_text
from verifier.ledger.load import Ledger
from verifier.matching.index import build_index
from verifier.models import Source, Tolerance

TEXT = "The flood plan was presented by Professor Lena Ortiz. Mayor Tom Vale of Brenwick backed it.\n"


@pytest.fixture(scope="module")
def checker(tmp_path_factory):
    from verifier.checking.pipeline import Checker

    source = Source(id="r", title="Flood plan", publisher="Brenwick Council", published="2024-03-01", kind="news",
                    sha256=hashlib.sha256(TEXT.encode()).hexdigest(), path="sources/r.txt")
    claims = extract_text(TEXT, source)
    ledger = Ledger(Path(tmp_path_factory.mktemp("l")), {"r": source}, claims, {}, _texts={"r": TEXT})
    return Checker(ledger, Tolerance(), build_index(claims))


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Professor Lena Ortiz presented the flood plan.", ["consistent"]),
    # more than the source says
    ("Lena Ortiz, Professor of Hydrology at Kell University, presented the flood plan.", ["unverified"]),
    ("Associate Professor Lena Ortiz presented the flood plan.", ["inconsistent"]),
])  # fmt: skip
def test_a_more_specific_role_is_compatible_only(checker, sentence, expected):
    assert [f.verdict for f in checker.check_text(sentence, "d.txt")] == expected
