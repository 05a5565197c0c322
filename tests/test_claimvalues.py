"""Claims' numbers, dates and names read from the index's columns equal the decoded claims' values."""

from __future__ import annotations

import math

import numpy as np
import pytest

from verifier.judging import comparable
from verifier.ledger.load import load_ledger
from verifier.matching.cache import StoredClaims
from verifier.matching.claimvalues import ClaimValues, ValueColumnsBuilder
from verifier.matching.index import build_index
from verifier.models import Claim

ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]


def _same(a, b) -> bool:
    """Equal models of one type with the same field types (57.0, not 57), as compare reads them."""
    return type(a) is type(b) and a == b and all(type(x) is type(y) for x, y in zip(
        a.__dict__.values(), b.__dict__.values(), strict=True))  # fmt: skip


def test_the_repository_ledger_reads_the_same_from_columns_as_decoded():
    claims = load_ledger(ROOT).claims
    for index in (build_index(claims), build_index(StoredClaims.of(claims))):
        for i, claim in enumerate(claims):
            assert _same(index.value_of(i), claim.value), claim.id
        assert index.values is not None
        shapes = {int(s) for s in index.values.shape}
        assert -1 in shapes and len(shapes) > 2  # ranks decode; numbers, dates and names do not


def _claim(value: dict) -> Claim:
    return Claim.model_validate({
        "id": "c", "statement": "s", "subject": {"name": "X"}, "property": "p", "value": value,
        "source": {"id": "s", "start": 0, "end": 1, "quote": "s"},
    })  # fmt: skip


@pytest.mark.parametrize(
    "value",
    [
        {"kind": "quantity", "amount": 57, "scale": "million", "noun": "people", "qualifier": "approximately"},
        {"kind": "quantity", "amount": -0.0},
        {"kind": "quantity", "amount": 4.3, "high": 4.35, "unit": "percent"},
        {"kind": "quantity", "amount": 10**20, "currency": "USD", "qualifier": "up_to"},
        {"kind": "quantity", "amount": 1e-300, "unit": "per 100,000"},
        {"kind": "date", "date": "2016-06-08"},
        {"kind": "date", "date": "2013", "end": "2015"},
        {"kind": "place", "name": "East China"},
        {"kind": "place", "name": "Jiangsu", "aliases": ["Jiangsu Province", "江苏"]},
        {"kind": "organization", "name": "WHO", "aliases": ["World Health Organization"]},
        {"kind": "person", "name": "Jerry Brown", "role": "Governor of California", "aliases": ["Brown"]},
        {"kind": "person", "name": "Li Xiaolin"},
        {"kind": "text", "text": "a coastal province"},
    ],
)
def test_each_value_round_trips_through_the_columns(value):
    claims = [_claim(value)]
    for index in (build_index(claims), build_index(StoredClaims.of(claims))):
        found = index.value_of(0)
        assert _same(found, claims[0].value) and math.copysign(1, getattr(found, "amount", 1)) == math.copysign(
            1, getattr(claims[0].value, "amount", 1))  # fmt: skip
        assert index.values.shape[0] >= 0  # read from the columns, not from the claim


def test_other_kinds_and_unreadable_values_are_left_to_the_claim():
    builder = ValueColumnsBuilder()
    builder.add("rank", {"rank": 1, "scope": "Chinese provinces by population density"})
    builder.add("quantity", {"amount": 10**400})  # past the float range: the claim decides
    builder.add("quantity", {"amount": 5, "noun": ["not", "a", "string"]})
    builder.add("place", {"name": "China", "aliases": "Zhongguo"})  # aliases that are no list
    builder.add("person", {"name": "Li", "aliases": ["Li Xiaolin", 7]})
    builder.add("quantity", {"amount": 4.0, "unit": "percent", "decimals": 2})  # "4.00%": its zeros count
    columns = ClaimValues(6, *builder.arrays())
    assert [columns.value(i) for i in range(6)] == [None] * 6


def test_written_zeros_reach_matching_from_the_claim():
    claims = [_claim({"kind": "quantity", "amount": 4.0, "unit": "percent", "decimals": 2})]
    for index in (build_index(claims), build_index(StoredClaims.of(claims))):
        assert index.value_of(0).decimals == 2


def test_malformed_columns_are_refused():
    amount, high, shape = np.zeros(1), np.full(1, np.nan), np.zeros(1, dtype=np.int32)
    with pytest.raises(ValueError):
        ClaimValues(2, amount, high, shape, [["date", "2016", None]])  # not one per claim
    with pytest.raises(ValueError):
        ClaimValues(1, amount, high, shape + 1, [["date", "2016", None]])  # a shape past the table
    rows = (["date", "2016"], ["place", "China", None], ["date", 2016, None], ["place", "China", "[1]"],
            ["organization", "WHO", "not JSON"], ["person", None, None, "[]"], ["rank", "1", "x"])
    for row in rows:  # read from the claim
        assert ClaimValues(1, amount, high, shape, [row]).value(0) is None


def test_a_stored_claim_is_decoded_for_its_gap_only_when_its_quote_has_a_gap_word():
    def claim(quote: str) -> Claim:
        return Claim.model_validate({
            "id": "c", "statement": quote, "subject": {"name": "X"}, "property": "life_expectancy",
            "value": {"kind": "quantity", "amount": 9, "noun": "years"},
            "source": {"id": "s", "start": 0, "end": len(quote), "quote": quote},
        })  # fmt: skip

    claims = [claim("Men live 9 years below the average."), claim("Men live 9 years longer in Norvia.")]
    stored = StoredClaims.of(claims)
    index = build_index(stored)
    found = [comparable._claim_gap(index.claim_ref(i)) for i in range(2)]
    assert found == [comparable._claimed_gap(c.source.quote, 9.0) for c in claims] == ["below", None]
    assert 1 not in stored._made  # never decoded: its quote flags say it has no gap word
    assert comparable._claim_gap(claims[0]) == "below"  # a decoded claim: read from its quote
