"""evidence: the claim-with-source both check and contested show, and how a source is cited."""

from __future__ import annotations

from pathlib import Path

import pytest

from verifier.ledger.evidence import cite, ledger_file, matched_claim
from verifier.ledger.load import load_ledger
from verifier.models import MatchedClaim, PlaceValue, SourceQuote


def test_matched_claim_carries_the_source_and_span(tiny_ledger, monkeypatch: pytest.MonkeyPatch):
    root = tiny_ledger()
    monkeypatch.chdir(root)
    ledger = load_ledger(Path("."))
    assert matched_claim(ledger.claim("jiangsu-location"), ledger) == MatchedClaim(
        id="jiangsu-location",
        statement="Jiangsu is a coastal province in East China.",
        value=PlaceValue(name="East China"),
        status="verified",
        source=SourceQuote(
            id="alpha", path="sources/alpha.txt", title="Jiangsu facts", publisher="Test Desk",
            published=None, start=11, end=43, quote="a coastal province in East China",
        ),
    )  # fmt: skip


def test_paths_are_relative_to_the_current_folder(tiny_ledger, monkeypatch: pytest.MonkeyPatch):
    root = tiny_ledger()
    (root.parent / "docs").mkdir()
    monkeypatch.chdir(root.parent / "docs")
    ledger = load_ledger(root)
    assert matched_claim(ledger.claim("pact-signing"), ledger).source.path == "../tiny/sources/beta.txt"
    assert ledger_file(ledger, "claims/pact.yaml") == "../tiny/claims/pact.yaml"
    relative = load_ledger(Path("../tiny"))
    assert ledger_file(relative, "claims/pact.yaml") == "../tiny/claims/pact.yaml"


def test_cite_is_publisher_and_date_or_publisher_alone(tiny_ledger):
    ledger = load_ledger(tiny_ledger())
    assert cite(ledger.sources["beta"]) == "Test Desk, 2017-06"
    assert cite(ledger.sources["alpha"]) == "Test Desk"
    assert cite(matched_claim(ledger.claim("pact-signing"), ledger).source) == "Test Desk, 2017-06"
