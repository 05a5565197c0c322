"""A sentence that names no subject the ledger knows is still checked against the claim whose own
words say what it says ("The Kestrel contracts ..." where the source's subject is "The Kestrel
Programme Office"), but only where the claim names every name the sentence states. Sentences here
are written for the test."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from verifier.config import Tolerance
from verifier.extraction.extract import extract_text
from verifier.ledger.load import Ledger
from verifier.matching.index import build_index
from verifier.models import Source

TEXT = ("The Kestrel Programme Office awarded service contracts with a total value of up to $12.4 million "
        "over a period of up to four years. Its director said the work would start in spring.\n")


@pytest.fixture(scope="module")
def checker(tmp_path_factory):
    from verifier.checking.pipeline import Checker

    source = Source(id="k", title="Kestrel awards", publisher="Kestrel Programme Office", published="2024-03-01",
                    kind="news", sha256=hashlib.sha256(TEXT.encode()).hexdigest(), path="sources/k.txt")
    claims = extract_text(TEXT, source)
    ledger = Ledger(Path(tmp_path_factory.mktemp("l")), {"k": source}, claims, {}, _texts={"k": TEXT})
    return Checker(ledger, Tolerance(), build_index(claims))


def verdicts(checker, text: str) -> list[str]:
    return [f.verdict for f in checker.check_text(text, "d.txt")]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The Kestrel service contracts have a total value of up to $12.4 million.", ["consistent"]),
    # a word the claim does not hold may make it another figure
    ("The Kestrel service contracts have a combined value of up to $12.4 million.", ["unverified"]),
    ("The Kestrel service contracts have a total value of up to $14.2 million.", ["inconsistent"]),
    ("The Kestrel service contracts were awarded over a period of up to six years.", ["inconsistent"]),
    ("Kestrel awarded service contracts over a period of up to four years.", ["consistent"]),
    # a name the claim does not hold: another programme's contracts, not evidence
    ("The Osprey service contracts have a total value of up to $12.4 million.", ["unverified"]),
    # too few words beside the value to tell what it is of
    ("Contracts: $12.4 million.", ["unverified"]),
])  # fmt: skip
def test_a_claim_found_by_its_words(checker, sentence, expected):
    assert verdicts(checker, sentence) == expected
